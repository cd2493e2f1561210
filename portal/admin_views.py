"""
Membership screens in the Wagtail admin: requests and decisions, invitations, members
(revoke, suspend, reinstate) and the audit trail. Secretariat only; every write goes
through portal.actions.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import log
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from portal import actions
from portal.audit import (
    EXPORT_HEADER,
    events_for_secretariat,
    events_of_member,
    export_rows,
    target_types_in_trail,
    verb_choices,
)
from portal.forms import AuditFilterForm, DecisionForm, InvitationForm
from portal.models import Membership, User
from portal.params import parse_database_id
from portal.permissions import can_manage_memberships, can_view_audit_trail, viewer_for_request
from portal.queries import sent_invitations
from portal.refusals import ActionRefused
from portal.spreadsheets import csv_response, xlsx_response


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


def _secretariat_viewer(request):
    viewer = viewer_for_request(request)
    if not can_manage_memberships(viewer):
        raise PermissionDenied
    return viewer


def _posted_id(request, name: str) -> int:
    """The id posted as `name`, or a 404: a form field is client input like any other."""
    value = parse_database_id(request.POST.get(name, ""))
    if value is None:
        raise Http404
    return value


def _render(request, template, context, status=200):
    return TemplateResponse(request, template, {"header_icon": "group", **context}, status=status)


def membership_requests(request):
    _secretariat_viewer(request)
    status = request.GET.get("status", Membership.Status.PENDING)
    if status not in Membership.Status.values:
        status = Membership.Status.PENDING
    memberships = Membership.objects.filter(status=status).select_related(
        "user", "group", "organisation"
    )
    page = Paginator(memberships, 50).get_page(request.GET.get("p"))
    return _render(
        request,
        "portal/admin/membership_requests.html",
        {
            "page_title": _("Membership requests"),
            "page": page,
            "status": status,
            "statuses": Membership.Status.choices,
        },
    )


def decide_membership(request, membership_id):
    viewer = _secretariat_viewer(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "group", "organisation"), pk=membership_id
    )
    form = DecisionForm(request.POST or None, proposed_organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_decide_membership(
                viewer,
                membership,
                approve=form.cleaned_data["decision"] == "approve",
                message=form.cleaned_data["message"],
                verify_organisation=form.cleaned_data.get("verify_organisation", False),
            )
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Decision saved and the member was emailed."))
            return redirect("portal_admin_membership_requests")
    return _render(
        request,
        "portal/admin/decide_membership.html",
        {"page_title": _("Membership request"), "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


def send_invitation(request):
    viewer = _secretariat_viewer(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_send_invitation(viewer, **form.cleaned_data)
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal_admin_send_invitation")
    return _render(
        request,
        "portal/admin/send_invitation.html",
        {"page_title": _("Invite a member"), "form": form, "invitations": sent_invitations()},
        status=400 if form.errors else 200,
    )


def member_detail(request, user_id):
    viewer = _secretariat_viewer(request)
    member = get_object_or_404(User, pk=user_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        action = request.POST.get("action")
        try:
            if action == "suspend":
                actions.do_suspend_user(viewer, member, reason=reason)
            elif action == "reinstate":
                actions.do_reinstate_user(viewer, member, reason=reason)
            elif action == "revoke":
                membership = get_object_or_404(
                    Membership, pk=_posted_id(request, "membership"), user=member
                )
                actions.do_revoke_membership(viewer, membership, reason=reason)
            else:
                raise actions.ActionRefused(_("Unknown action."))
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Saved."))
            return redirect("portal_admin_member", user_id=member.pk)
    return _render(
        request,
        "portal/admin/member_detail.html",
        {
            "page_title": member.email,
            "member": member,
            "memberships": member.memberships.select_related("group", "organisation"),
            "form": form,
            "audit": events_of_member(member)[:50],
        },
        status=400 if form.errors else 200,
    )


def audit_trail(request):
    """
    The one audit trail, filtered by verb, actor, kind of object and days; `format=csv`
    or `format=xlsx` downloads what the filter shows (every page of it).
    """
    if not can_view_audit_trail(viewer_for_request(request)):
        raise PermissionDenied
    form = AuditFilterForm(
        request.GET or None, verbs=verb_choices(), target_types=target_types_in_trail()
    )
    # A filter that does not parse shows its error and everything, rather than a 500.
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = events_for_secretariat(
        verb=filters.get("verb", ""),
        actor_email=filters.get("actor", ""),
        target_type=filters.get("target_type"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    export = request.GET.get("format", "")
    if export == "csv":
        return csv_response("audit-trail.csv", EXPORT_HEADER, export_rows(events))
    if export == "xlsx":
        return xlsx_response(
            "audit-trail.xlsx", [(_("Audit trail"), EXPORT_HEADER, export_rows(events))]
        )
    page = Paginator(events, 100).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    query.pop("format", None)
    return _render(
        request,
        "portal/admin/audit_trail.html",
        {
            "page_title": _("Audit trail"),
            "page": page,
            "form": form,
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def upload_translation_po(request, translation_id: int):
    """
    wagtail-localize's "Upload PO file", at its own address, through the portal's import:
    a file with broken placeholders is refused with the entries named, and nothing is
    overwritten (wagtail-localize alone would store it and fail at publication).
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    try:
        content = upload.read().decode("utf-8") if upload else ""
    except UnicodeDecodeError:
        content = ""
    try:
        actions.do_import_translation_po(translation, content, user=request.user)
    except actions.ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The translations of the PO file were imported."))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


class SavedThroughActionMixin:
    """
    A snippet's admin create and edit forms save through the app's action (`write`), so an
    admin change is checked, audited and notified like the same change made anywhere else.
    A refusal or a validation error is shown on the form, with what was typed kept.
    """

    write = None

    def save_instance(self):
        instance = self.write(
            viewer_for_request(self.request),
            self.form.instance,
            changed=self.form.changed_data if self.view_name == "edit" else (),
        )
        # The snippet's own history in the admin, as the default save would write it.
        log(
            instance,
            "wagtail.create" if self.view_name == "create" else "wagtail.edit",
            user=self.request.user,
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ActionRefused, ValidationError) as refusal:
            message = refusal if isinstance(refusal, ValidationError) else str(refusal)
            form.add_error(None, message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = str(refusal)
            return self.form_invalid(form)
