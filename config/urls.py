from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from knowledge.search.urls import api_urlpatterns as search_api_urls
from knowledge.search.urls import page_urlpatterns as search_page_urls
from portal import admin_account, discovery, health, metrics
from portal import views as portal_views

urlpatterns = [
    # Wagtail's own sign-in has no second factor; everyone signs in through allauth.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    # Before Wagtail's own: the account page without its required first and last name.
    path("admin/account/", admin_account.account, name="portal_admin_account"),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    # For a monitoring system; absent unless METRICS_TOKEN is set (portal/metrics.py).
    path("metrics", metrics.metrics, name="metrics"),
    path("sitemap.xml", discovery.sitemap_xml, name="sitemap"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("favicon.ico", discovery.favicon_ico, name="favicon_ico"),
    # The switcher: the same page in the chosen language, remembered (Django's own
    # set_language keeps the old prefix in the address, so the prefix won over the choice).
    path("i18n/setlang/", portal_views.switch_language, name="set_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Language-independent machine interfaces (OAI-PMH, APIs, calendar feeds).
    path("api/v2/", api_router.urls),
    *search_api_urls,
    path("", include("knowledge.urls")),
]

if settings.DEBUG:
    # Images only: documents are always served through Wagtail's view, which checks
    # who may download them. (In production the proxy serves images, never documents.)
    for folder in ("images/", "original_images/"):
        urlpatterns += static(
            settings.MEDIA_URL + folder, document_root=f"{settings.MEDIA_ROOT}/{folder}"
        )

# Front-end pages: English unprefixed, the other six languages under /km/, /th/, ...
# Wagtail's catch-all must stay last.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("portal.urls")),
    path("", include("forums.urls")),
    path("", include("consultations.urls")),
    path("", include("results.urls")),
    path("", include("meetings.urls")),
    *search_page_urls,
    # Wagtail's pages, each under every language prefix (portal.languages); Wagtail's
    # own patterns stay for its utility views, after ours.
    re_path(r"^((?:[\w\-]+/)*)$", portal_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
