import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from portal import actions, queries
from portal.dashboard import dashboard_slots
from portal.forms import DeleteAccountForm, JoinGroupForm, ProfileForm
from portal.languages import (
    edition_in_language,
    is_language_independent,
    language_of_path,
    route_in_default_tree,
    strip_language,
    url_in_language,
)
from portal.models import Membership
from portal.notifications import notifications_for
from portal.permissions import can_view_page, viewer_for_request
from portal.staff_work import waiting_for


@login_required
def my_portal(request):
    viewer = viewer_for_request(request)
    memberships = request.user.memberships.select_related("group", "organisation").order_by(
        "group__name"
    )
    return render(
        request,
        "portal/my_portal.html",
        {
            "viewer": viewer,
            "memberships": memberships,
            "unread_count": request.user.notifications.filter(read_at__isnull=True).count(),
            "slots": dashboard_slots(request),
            # Staff get a way into the admin and what is waiting for them.
            "staff_tools": request.user.has_perm("wagtailadmin.access_admin"),
            "waiting": waiting_for(viewer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def join_group(request):
    form = JoinGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                organisation = data["organisation"]
                if data["new_organisation_name"].strip():
                    organisation = actions.do_propose_organisation(
                        request.user,
                        name=data["new_organisation_name"],
                        type=data["new_organisation_type"],
                        country=data["new_organisation_country"],
                        website=data["new_organisation_website"],
                    )
                actions.do_request_membership(
                    request.user, data["group"], organisation=organisation, reason=data["reason"]
                )
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Your request to join %(group)s was sent to the secretariat.")
                % {"group": data["group"]},
            )
            return redirect("my_portal")
    status = 400 if form.errors else 200
    return render(request, "portal/join_group.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.do_update_profile(request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("my_profile")
    return render(
        request, "portal/profile.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def notifications(request):
    items = notifications_for(viewer_for_request(request), request.user.notifications.all()[:100])
    return render(request, "portal/notifications.html", {"notifications": items})


@login_required
@require_POST
def mark_notifications_read(request):
    actions.do_mark_notifications_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("my_notifications")


@login_required
def download_my_data(request):
    response = JsonResponse(
        actions.export_personal_data(request.user, viewer_for_request(request)),
        json_dumps_params={"indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="commit-portal-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.do_delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(
        request, "portal/delete_account.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    try:
        invitation = queries.find_invitation(token)
    except actions.ActionRefused as refusal:
        return render(
            request, "portal/invitation_problem.html", {"reason": str(refusal)}, status=410
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = actions.do_accept_invitation(request.user, token)
        except actions.ActionRefused as refusal:
            return render(
                request, "portal/invitation_problem.html", {"reason": str(refusal)}, status=410
            )
        messages.success(
            request, _("You are now a member of %(group)s.") % {"group": membership.group}
        )
        return redirect("my_portal")
    return render(
        request,
        "portal/invitation.html",
        {
            "invitation": invitation,
            "already_member": request.user.is_authenticated
            and Membership.objects.filter(
                user=request.user, group=invitation.group, status=Membership.Status.APPROVED
            ).exists(),
        },
    )


# Languages ----------------------------------------------------------------------------


def serve_page(request, path):
    """
    Wagtail's page view, answering every page under every language prefix: where the
    reader's language has no edition of the page, the English page is served inside the
    reader's interface; where it has one under another slug, the reader is sent there.
    """
    language = translation.get_language()
    if Page.route_for_request(request, path) is None and language != settings.LANGUAGE_CODE:
        route = route_in_default_tree(request, path)
        if route is not None:
            page, args, kwargs = route
            edition = edition_in_language(page, language)
            # Sent to the edition only when it has an address and the reader may open it:
            # a redirect would otherwise tell who may not read it that it exists, and where.
            if (
                edition is not None
                and edition.pk != page.pk
                and not args
                and not kwargs
                and edition.specific.url
                and can_view_page(viewer_for_request(request), edition)
            ):
                return redirect(edition.specific.url)
            request._wagtail_route_for_request = route
    return wagtail_serve(request, path)


def address_in_language(request, url: str, language: str) -> str:
    """The address of the page at `url` in `language`: its edition there, else the same path."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    source = language_of_path(path) or settings.LANGUAGE_CODE
    bare = strip_language(path).lstrip("/")
    site = Site.find_for_request(request)
    route = None
    if site is not None and not is_language_independent("/" + bare):
        with translation.override(source):
            try:
                route = site.root_page.localized.specific.route(
                    request, [part for part in bare.split("/") if part]
                )
            except Http404:
                route = route_in_default_tree(request, bare)
    if route is not None and not route[1] and not route[2]:
        page = route[0]
        edition = edition_in_language(page, language)
        if edition is not None and not can_view_page(viewer_for_request(request), edition):
            edition = None
        edition = edition or edition_in_language(page, settings.LANGUAGE_CODE)
        if edition is not None:
            with translation.override(language):
                address = edition.specific.url
            if address and edition.locale.language_code != language:
                # The English page inside the reader's interface, under their prefix.
                address = url_in_language(address, language)
            if address:
                return address + url[len(path) :]
    return url_in_language(url, language)


@require_POST
def switch_language(request):
    """
    The language switcher (a plain form: it works without JavaScript). Sends the reader to
    the same page in the chosen language, remembers the choice in the language cookie and,
    for a signed-in member, as their preferred language (their emails follow it).
    """
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Choose one of the portal's languages."))
    next_url = request.POST.get("next", "") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(address_in_language(request, next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    if request.user.is_authenticated:
        actions.do_set_preferred_language(request.user, language)
    return response


def last_language(request) -> str:
    """The language of the reader's last choice: the prefix, the cookie, their account."""
    prefixed = language_of_path(request.path_info)
    if prefixed:
        return prefixed
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.preferred_language
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


# The database could not be reached or dropped the connection (a restart, a failover): the
# request may succeed if sent again in a moment, so it is a 503, not an error of ours.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a client is asked to wait before trying again; a restart takes about as long.
RETRY_AFTER_S = 5


def server_error(request):
    """
    The 500 page, or the 503 page while the database is unavailable. Called by Django while
    it handles the exception (so sys.exc_info() names it), in the language the request was
    served in; neither page reads the database, and neither shows the exception.
    """
    # Rendered without the request's context: its processors (the signed-in user, the
    # site's settings) read the database.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_S)
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def page_not_found(request, exception=None):
    """404 in the reader's language, also under an unknown prefix such as /xx/library/."""
    with translation.override(last_language(request)):
        return render(request, "404.html", {"request_path": request.path}, status=404)
