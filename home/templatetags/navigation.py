from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.permissions import viewable_pages, viewer_for_request

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level pages marked "show in menus", in the reader's language where translated."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "menu_pages": [], "app_links": _app_links(request)}
    # The menu is defined once, on the default-language tree; each entry links to
    # its translation in the reader's language where one exists.
    home = site.root_page.localized
    # Only what this reader may open: a restricted page's title is itself need-to-know.
    menu_pages = viewable_pages(
        viewer_for_request(request), site.root_page.get_children().live().in_menu()
    )
    current = context.get("page")
    return {
        "home": home,
        "menu_pages": [page.localized for page in menu_pages],
        "current_path": current.url_path if current else "",
        "app_links": _app_links(request),
    }


def _app_links(request) -> list[dict]:
    """Discussions and Consultations: views outside the page tree, so never "in menus"."""
    links = []
    for name, label in (
        ("forums:index", _("Discussions")),
        ("consultations:index", _("Consultations")),
    ):
        url = reverse(name)
        links.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return links
