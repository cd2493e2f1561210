"""
The secretariat's consultation screens in the Wagtail admin: the list of consultations with
their inboxes, and "import draft text from Word".
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from consultations import actions
from consultations.access import can_review, can_run_consultations
from consultations.models import ConsultationPage, Submission
from portal import dates
from portal.permissions import viewer_for_request


def consultation_inboxes(request):
    """Every consultation, newest deadline first, with its inbox and what waits there."""
    viewer = viewer_for_request(request)
    if not can_run_consultations(viewer):
        raise PermissionDenied
    consultations = ConsultationPage.objects.annotate(
        unanswered=Count(
            "submissions__comments",
            filter=Q(
                submissions__status=Submission.Status.SUBMITTED,
                submissions__comments__response__isnull=True,
            ),
        )
    ).order_by("-closes_at")
    rows = [
        {
            "title": consultation.title,
            "detail": ngettext(
                "Closes %(date)s · %(count)d comment without a response",
                "Closes %(date)s · %(count)d comments without a response",
                consultation.unanswered,
            )
            % {"date": dates.date_medium(consultation.closes_at), "count": consultation.unanswered},
            "links": [
                (_("Inbox"), reverse("consultations:inbox", args=[consultation.pk])),
                (
                    _("Import draft text"),
                    reverse("consultations_import_draft_text", args=[consultation.pk]),
                ),
            ],
        }
        for consultation in consultations
        if can_review(viewer, consultation)
    ]
    return TemplateResponse(
        request,
        "portal/admin/staff_tool_list.html",
        {
            "page_title": _("Consultation inboxes"),
            "header_icon": "mail",
            "name_heading": _("Consultation"),
            "detail_heading": _("Waiting"),
            "rows": rows,
            "empty": _("There is no consultation yet."),
        },
    )


class DraftImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word document (.docx)"),
        help_text=gettext_lazy(
            "Headings become numbered sections; every other paragraph becomes a numbered "
            "paragraph. The text becomes a new round of the draft."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    note = forms.CharField(
        label=gettext_lazy("What changed in this round"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


def import_draft_text(request, page_id: int):
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    viewer = viewer_for_request(request)
    if not can_review(viewer, consultation):
        raise PermissionDenied
    form = DraftImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft_round = actions.do_import_draft_text(
                viewer, consultation, form.cleaned_data["file"], note=form.cleaned_data["note"]
            )
        except actions.ActionRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            count = draft_round.paragraphs.count()
            messages.success(
                request,
                ngettext(
                    "Round %(number)d imported: %(count)d paragraph.",
                    "Round %(number)d imported: %(count)d paragraphs.",
                    count,
                )
                % {"number": draft_round.number, "count": count},
            )
            # Back to this screen: it names the current round, and it needs no page-editing
            # permission the importer may not have.
            return redirect("consultations_import_draft_text", consultation.pk)
    return TemplateResponse(
        request,
        "consultations/admin/import_draft_text.html",
        {
            "page_title": _("Import draft text"),
            "page_subtitle": consultation.title,
            "header_icon": "doc-full",
            "consultation": consultation,
            "current_round": consultation.current_round(),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
