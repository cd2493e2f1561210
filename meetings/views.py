"""
Meeting views outside the page tree: RSVP, live agenda, minutes workflow, exports,
calendars, open actions.
"""

from __future__ import annotations

from datetime import date, datetime, time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from meetings import actions, queries
from meetings.access import (
    can_have_calendar_link,
    can_manage_meeting,
    can_view_meeting,
    can_view_minutes,
    viewer_for_calendar,
)
from meetings.calendar import calendar_response
from meetings.models import AgendaItem, MeetingPage, Minutes
from portal.models import StakeholderGroup
from portal.params import parse_database_id
from portal.permissions import (
    ANONYMOUS,
    filter_viewable,
    mfa_verified,
    viewer_for_request,
)
from portal.refusals import refuse
from portal.site_root import absolute_url
from portal.spreadsheets import csv_response, xlsx_response


def _visible_meeting(request, pk: int):
    """The live meeting `pk` if this viewer may see it, else the refusal to send back."""
    meeting = get_object_or_404(MeetingPage.objects.live(), pk=pk)
    viewer = viewer_for_request(request)
    if not can_view_meeting(viewer, meeting):
        return None, refuse(request, viewer)
    return meeting, None


def _managed_meeting(request, pk: int):
    meeting, refusal = _visible_meeting(request, pk)
    if refusal is None and not can_manage_meeting(viewer_for_request(request)):
        raise Http404
    return meeting, refusal


def _page_with_error(request, meeting, error) -> HttpResponse:
    """The meeting page again, with the reason the action was refused (status 400)."""
    messages.error(request, str(error))
    response = meeting.serve(request)
    response.status_code = 400
    return response


# Registration -----------------------------------------------------------------------


@require_POST
def rsvp(request, pk: int):
    meeting, refusal = _visible_meeting(request, pk)
    if refusal:
        return refusal
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': meeting.url})}")
    try:
        registration = actions.do_register(
            viewer_for_request(request), meeting, request.POST.get("response", "")
        )
    except actions.ActionRefused as error:
        return _page_with_error(request, meeting, error)
    messages.success(
        request,
        _("Your answer is recorded: %(response)s.")
        % {"response": registration.get_response_display().lower()},
    )
    return redirect(meeting.url)


def registrations(request, pk: int):
    meeting, refusal = _managed_meeting(request, pk)
    if refusal:
        return refusal
    return render(
        request,
        "meetings/registrations.html",
        {
            "meeting": meeting,
            "headers": queries.registration_headers(),
            "rows": queries.registration_rows(viewer_for_request(request), meeting),
        },
    )


def registrations_export(request, pk: int, fmt: str):
    meeting, refusal = _managed_meeting(request, pk)
    if refusal:
        return refusal
    if fmt not in ("csv", "xlsx"):
        raise Http404
    headers = queries.registration_headers()
    rows = queries.registration_rows(viewer_for_request(request), meeting)
    filename = f"registrations-{meeting.slug}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, [(_("Registrations"), headers, rows)])


# Live agenda ------------------------------------------------------------------------


def _agenda_item(meeting: MeetingPage, raw_pk: str) -> AgendaItem | None:
    pk = parse_database_id(raw_pk)
    return AgendaItem.objects.filter(meeting=meeting, pk=pk).first() if pk else None


@require_POST
def agenda_current(request, pk: int):
    """The secretariat marks the item under discussion (an empty `item` clears it)."""
    meeting, refusal = _managed_meeting(request, pk)
    if refusal:
        return refusal
    raw_pk = request.POST.get("item", "").strip()
    item = _agenda_item(meeting, raw_pk)
    try:
        if raw_pk and item is None:
            raise actions.ActionRefused(_("Choose an item of this meeting's agenda."))
        actions.do_set_current_agenda_item(viewer_for_request(request), meeting, item)
    except actions.ActionRefused as error:
        return _page_with_error(request, meeting, error)
    if item is None:
        messages.success(request, _("No agenda item is marked as current."))
    else:
        messages.success(request, _("Now discussing: %(item)s.") % {"item": item})
    return redirect(f"{meeting.url}#agenda")


@require_POST
def agenda_outcome(request, pk: int, item_pk: int):
    meeting, refusal = _managed_meeting(request, pk)
    if refusal:
        return refusal
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)
    try:
        actions.do_record_agenda_outcome(
            viewer_for_request(request), meeting, item, request.POST.get("outcome", "")
        )
    except actions.ActionRefused as error:
        return _page_with_error(request, meeting, error)
    messages.success(request, _("The outcome of %(item)s is recorded.") % {"item": item})
    return redirect(f"{meeting.url}#agenda")


# Minutes ----------------------------------------------------------------------------


def _sign_off_deadline(meeting: MeetingPage, raw: str):
    """The end of the chosen day at the venue, or None for the default deadline."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise actions.ActionRefused(
            _("Give the sign-off deadline as a date, for example 2026-03-31.")
        ) from None
    return datetime.combine(day, time(23, 59), tzinfo=meeting.venue_zone)


def _circulate(viewer, minutes: Minutes, post) -> None:
    actions.do_circulate_minutes(
        viewer,
        minutes,
        sign_off_deadline=_sign_off_deadline(minutes.meeting, post.get("sign_off_deadline", "")),
    )


def _adopt(viewer, minutes: Minutes, post) -> None:
    actions.do_adopt_minutes(viewer, minutes, post.get("reason", ""))


def _publish(viewer, minutes: Minutes, post) -> None:
    actions.do_publish_minutes(viewer, minutes)


MINUTES_TRANSITIONS = {"circulate": _circulate, "adopt": _adopt, "publish": _publish}
# The fields a person types into the transition forms: a refusal shows the page again
# with them filled in rather than redirecting and losing them.
TYPED_FIELDS = {"circulate": "sign_off_deadline", "adopt": "reason", "comment": "text"}
DONE_MESSAGES = {
    "circulate": gettext_lazy("The minutes were circulated to the delegations."),
    "adopt": gettext_lazy("The minutes are adopted and locked."),
    "adopt_without": gettext_lazy(
        "The minutes are adopted and locked; the missing sign-offs and your reason are "
        "recorded with them."
    ),
    "publish": gettext_lazy("The minutes are published to the meeting's audience."),
    "sign_off": gettext_lazy("Your delegation's sign-off is recorded."),
    "comment": gettext_lazy("Your comment is recorded."),
}


@require_POST
def minutes_transition(request, pk: int, step: str):
    meeting, refusal = _visible_meeting(request, pk)
    if refusal:
        return refusal
    viewer = viewer_for_request(request)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not can_view_minutes(viewer, minutes):
        raise Http404
    try:
        if step in MINUTES_TRANSITIONS:
            MINUTES_TRANSITIONS[step](viewer, minutes, request.POST)
        elif step in ("sign_off", "comment"):
            delegation_pk = parse_database_id(request.POST.get("delegation", ""))
            delegation = (
                StakeholderGroup.objects.filter(pk=delegation_pk).first() if delegation_pk else None
            )
            if delegation is None:
                raise actions.ActionRefused(_("Choose your delegation."))
            if step == "sign_off":
                actions.do_sign_off_minutes(viewer, minutes, delegation)
            else:
                actions.do_comment_on_minutes(
                    viewer, minutes, delegation, request.POST.get("text", "")
                )
        else:
            raise Http404
    except actions.ActionRefused as error:
        if request.POST.get(TYPED_FIELDS.get(step, ""), "").strip():
            return _page_with_error(request, meeting, error)  # keeps what was typed
        # Nothing was typed: back to the page, so a reload does not post again.
        messages.error(request, str(error))
        return redirect(f"{meeting.url}#minutes")
    if step == "adopt" and minutes.waivers.exists():
        step = "adopt_without"
    messages.success(request, DONE_MESSAGES[step])
    return redirect(meeting.url)


def minutes_edit(request, pk: int):
    meeting, refusal = _managed_meeting(request, pk)
    if refusal:
        return refusal
    minutes = Minutes.objects.filter(meeting=meeting).first()
    text = minutes.text if minutes else ""
    reason = ""
    status = 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        reason = request.POST.get("reason", "")
        try:
            actions.do_save_minutes(viewer_for_request(request), meeting, text, reason)
        except actions.ActionRefused as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("A new revision of the minutes is saved."))
            return redirect(meeting.url)
    return render(
        request,
        "meetings/minutes_edit.html",
        {"meeting": meeting, "minutes": minutes, "text": text, "reason": reason},
        status=status,
    )


def minutes_history(request, pk: int):
    meeting, refusal = _visible_meeting(request, pk)
    if refusal:
        return refusal
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not can_view_minutes(viewer_for_request(request), minutes):
        raise Http404
    revisions = list(minutes.revisions.select_related("author"))
    history = [
        (revision, queries.revision_diff(revisions[index - 1] if index else None, revision))
        for index, revision in enumerate(revisions)
    ]
    return render(
        request,
        "meetings/minutes_history.html",
        {"meeting": meeting, "minutes": minutes, "history": reversed(history)},
    )


# Follow-up --------------------------------------------------------------------------


def open_actions(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "meetings/open_actions.html",
        {"actions": queries.open_actions_for(viewer), "today": timezone.localdate()},
    )


# Calendars --------------------------------------------------------------------------


def meeting_ics(request, pk: int):
    meeting, refusal = _visible_meeting(request, pk)
    if refusal:
        return refusal
    return calendar_response([meeting], meeting.title, f"{meeting.slug}.ics")


def _upcoming_and_recent():
    since = timezone.now() - timezone.timedelta(days=365)
    return MeetingPage.objects.live().filter(end__gte=since).order_by("start")


def public_calendar(request):
    # Exactly what an anonymous visitor may see, whoever asks: public meetings only.
    meetings = filter_viewable(ANONYMOUS, _upcoming_and_recent())
    return calendar_response(meetings, _("COMMIT meetings"), "commit-meetings.ics")


def private_calendar(request, token: str):
    found = queries.find_calendar_token(token)
    if found is None:
        raise Http404(_("This calendar link is not valid or was revoked."))
    meetings = filter_viewable(viewer_for_calendar(found), _upcoming_and_recent())
    return calendar_response(meetings, _("My COMMIT meetings"), "my-commit-meetings.ics")


@login_required
def calendar_settings(request):
    viewer = viewer_for_request(request)
    if not can_have_calendar_link(viewer):
        return refuse(request, viewer)
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            actions.do_revoke_calendar_tokens(request.user)
            messages.success(request, _("Your private calendar link no longer works."))
        else:
            token = actions.do_create_calendar_token(
                viewer, second_factor_used=mfa_verified(request.session, request.user)
            )
            new_url = absolute_url(f"/meetings/calendar/{token}.ics")
            messages.success(
                request, _("Your new private calendar link is below. Any earlier link is revoked.")
            )
    has_token = request.user.calendar_tokens.filter(revoked_at__isnull=True).exists()
    return render(
        request,
        "meetings/calendar_settings.html",
        {"new_url": new_url, "has_token": has_token},
    )
