"""Consultation views outside the page tree: drafting, autosave, inbox, exports, diffs."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consultations import actions
from consultations.access import (
    can_edit_submission,
    can_read_consultation,
    can_review,
    can_submit,
    is_eligible,
    may_submit_individually,
)
from consultations.diff import round_diff
from consultations.drafting import (
    content_from_json,
    content_from_post,
    form_values,
    stash_post,
    take_stash,
)
from consultations.exports import export_csv, export_xlsx, inbox_comments
from consultations.models import (
    Attachment,
    Comment,
    CommentResponse,
    Confidentiality,
    ConsultationPage,
    DraftParagraph,
    Submission,
)
from consultations.presentation import refuse, sections_of
from portal.models import Country, Organisation
from portal.permissions import viewer_for_request


def _readable_consultation(request, pk: int):
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=pk)
    viewer = viewer_for_request(request)
    if not can_read_consultation(viewer, consultation):
        return None, refuse(request, viewer)
    return consultation, None


def _kind_or_404(kind: str) -> str:
    if kind not in Submission.Kind.values:
        raise Http404
    return kind


def _may_take_part(viewer, consultation, kind: str) -> bool:
    if kind == Submission.Kind.INDIVIDUAL:
        return may_submit_individually(viewer, consultation)
    return is_eligible(viewer, consultation)


# Drafting ---------------------------------------------------------------------------


def _render_edit(request, consultation, kind, submission, *, values, status=200, conflict=None):
    viewer = viewer_for_request(request)
    questions = list(consultation.guiding_questions.all())
    for question in questions:
        question.value = values.get(f"answer-{question.pk}", "")
    sections = [
        (
            section,
            [
                (
                    paragraph,
                    values.get(f"comment-{paragraph.anchor}", ""),
                    values.get(f"suggestion-{paragraph.anchor}", ""),
                )
                for paragraph in paragraphs
            ],
        )
        for section, paragraphs in sections_of(consultation.current_round())
    ]
    return render(
        request,
        "consultations/submission_edit.html",
        {
            "page": consultation,
            "consultation": consultation,
            "kind": kind,
            "submission": submission,
            "sections": sections,
            "questions": questions,
            "confidentiality_choices": Confidentiality.choices,
            "confidentiality": values.get("confidentiality", Confidentiality.SECRETARIAT_ONLY),
            "is_open": consultation.is_open(),
            "can_submit": submission is None or can_submit(viewer, submission),
            "conflict": conflict,
            "conflict_values": form_values(conflict) if conflict else {},
            "max_mb": actions.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


def submission_edit(request, pk: int, kind: str):
    kind = _kind_or_404(kind)
    consultation, refusal = _readable_consultation(request, pk)
    if refusal:
        return refusal
    viewer = viewer_for_request(request)
    if request.method == "POST" and not viewer.is_authenticated:
        # The session expired while they typed: keep the text, ask them to sign in.
        stash_post(request.session, consultation, kind, request.POST)
        messages.warning(
            request,
            _("You were signed out. Your text is kept: sign in and it will be back in the form."),
        )
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
    if not viewer.is_authenticated:
        return refuse(request, viewer)
    if not _may_take_part(viewer, consultation, kind):
        return refuse(request, viewer)
    submission = actions.find_submission(viewer, consultation, kind)
    if request.method == "POST":
        return _save_from_form(request, consultation, kind, submission)
    values = form_values(submission)
    stashed = take_stash(request.session, consultation, kind)
    if stashed:
        values.update(stashed)
        messages.info(
            request,
            _(
                "This is the text you typed before you were signed out. "
                "It is not saved yet: check it and save."
            ),
        )
    return _render_edit(request, consultation, kind, submission, values=values)


def _save_from_form(request, consultation, kind, submission):
    viewer = viewer_for_request(request)
    content = content_from_post(request.POST, consultation)
    posted_values = form_values(None, content)
    try:
        if submission is None:
            submission = actions.do_start_submission(viewer, consultation, kind)
            version = submission.version
        else:
            try:
                version = int(request.POST.get("version", ""))
            except ValueError:
                version = -1
        submission = actions.do_save_draft(viewer, submission, version=version, content=content)
        if request.POST.get("action") == "submit":
            actions.do_submit(viewer, submission)
            messages.success(
                request,
                _("Your input is submitted. A receipt with a copy is on its way to %(email)s.")
                % {"email": submission.focal_point.email},
            )
        else:
            messages.success(request, _("Draft saved."))
    except actions.DraftConflict as conflict:
        messages.error(request, str(conflict))
        return _render_edit(
            request,
            consultation,
            kind,
            conflict.submission,
            values=posted_values,
            status=409,
            conflict=conflict.submission,
        )
    except actions.ActionRefused as error:
        messages.error(request, str(error))
        return _render_edit(
            request, consultation, kind, submission, values=posted_values, status=400
        )
    return redirect("consultations:submission_edit", pk=consultation.pk, kind=kind)


@require_POST
def autosave(request, pk: int, kind: str):
    """JSON autosave of a draft; answers 4xx with {"error", "reason"} on bad input."""
    if kind not in Submission.Kind.values:
        return JsonResponse(
            {"error": "not_found", "reason": "Unknown kind of submission."}, status=404
        )
    consultation = ConsultationPage.objects.live().filter(pk=pk).first()
    viewer = viewer_for_request(request)
    if not viewer.is_authenticated:
        return JsonResponse(
            {
                "error": "signed_out",
                "reason": _("You were signed out. Sign in again; your text stays in this page."),
            },
            status=401,
        )
    if consultation is None or not can_read_consultation(viewer, consultation):
        return JsonResponse({"error": "not_found", "reason": "No such consultation."}, status=404)
    if not _may_take_part(viewer, consultation, kind):
        return JsonResponse({"error": "not_found", "reason": "No such consultation."}, status=404)
    try:
        data = json.loads(request.body or b"")
        content = content_from_json(data)
        version = data.get("version")
        if not isinstance(version, int):
            raise ValueError("'version' must be the integer version the page was loaded with.")
    except (ValueError, UnicodeDecodeError) as error:
        return JsonResponse({"error": "bad_request", "reason": str(error)}, status=400)
    submission = actions.find_submission(viewer, consultation, kind)
    try:
        if submission is None:
            submission = actions.do_start_submission(viewer, consultation, kind)
            version = submission.version
        submission = actions.do_save_draft(viewer, submission, version=version, content=content)
    except actions.DraftConflict as conflict:
        theirs = form_values(conflict.submission)
        return JsonResponse(
            {
                "error": "conflict",
                "reason": str(conflict),
                "version": conflict.submission.version,
                "theirs": theirs,
            },
            status=409,
        )
    except actions.ActionRefused as error:
        return JsonResponse({"error": "refused", "reason": str(error)}, status=400)
    return JsonResponse(
        {"ok": True, "version": submission.version, "saved_at": submission.updated_at.isoformat()}
    )


@require_POST
def attachment_upload(request, pk: int, kind: str):
    kind = _kind_or_404(kind)
    consultation, refusal = _readable_consultation(request, pk)
    if refusal:
        return refusal
    viewer = viewer_for_request(request)
    if not viewer.is_authenticated or not _may_take_part(viewer, consultation, kind):
        return refuse(request, viewer)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise actions.ActionRefused(_("Choose a file to attach."))
        submission = actions.do_start_submission(viewer, consultation, kind)
        actions.do_add_attachment(viewer, submission, upload)
    except actions.ActionRefused as error:
        messages.error(request, str(error))
        submission = actions.find_submission(viewer, consultation, kind)
        return _render_edit(
            request, consultation, kind, submission, values=form_values(submission), status=400
        )
    messages.success(request, _("Attachment added."))
    return redirect("consultations:submission_edit", pk=pk, kind=kind)


# Rounds -----------------------------------------------------------------------------


@require_GET
def round_changes(request, pk: int, number: int):
    consultation, refusal = _readable_consultation(request, pk)
    if refusal:
        return refusal
    current = get_object_or_404(consultation.rounds, number=number)
    previous = current.previous()
    if previous is None:
        raise Http404
    return render(
        request,
        "consultations/round_diff.html",
        {
            "page": consultation,
            "consultation": consultation,
            "round": current,
            "previous": previous,
            "changes": round_diff(previous, current),
        },
    )


# Secretariat review -----------------------------------------------------------------


def _reviewable_consultation(request, pk: int):
    consultation, refusal = _readable_consultation(request, pk)
    if refusal:
        return None, refusal
    viewer = viewer_for_request(request)
    if not can_review(viewer, consultation):
        return None, refuse(request, viewer)
    return consultation, None


def inbox(request, pk: int):
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    filters = {
        "paragraph": request.GET.get("paragraph", ""),
        "organisation_type": request.GET.get("organisation_type", ""),
        "country": request.GET.get("country", ""),
    }
    comments = inbox_comments(consultation, **filters)
    anchors = (
        DraftParagraph.objects.filter(round__consultation=consultation)
        .order_by("section__sort_order", "sort_order")
        .values_list("anchor", "number")
        .distinct()
    )
    later_paragraphs = (
        DraftParagraph.objects.filter(round__consultation=consultation)
        .select_related("round")
        .order_by("round__number", "sort_order")
    )
    return render(
        request,
        "consultations/inbox.html",
        {
            "page": consultation,
            "consultation": consultation,
            "comments": comments,
            "filters": filters,
            "anchors": list(dict.fromkeys(anchors)),
            "organisation_types": Organisation.Type.choices,
            "countries": Country.objects.filter(is_commit_member=True),
            "outcomes": CommentResponse.Outcome.choices,
            "later_paragraphs": later_paragraphs,
        },
    )


@require_POST
def respond(request, pk: int, comment_id: int):
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    comment = get_object_or_404(Comment, pk=comment_id, submission__consultation=consultation)
    resulting = None
    if request.POST.get("resulting_paragraph"):
        resulting = (
            DraftParagraph.objects.filter(
                pk=request.POST["resulting_paragraph"]
                if request.POST["resulting_paragraph"].isdigit()
                else 0
            )
            .select_related("round")
            .first()
        )
    try:
        actions.do_respond(
            viewer_for_request(request),
            comment,
            outcome=request.POST.get("outcome", ""),
            explanation=request.POST.get("explanation", ""),
            resulting_paragraph=resulting,
        )
    except actions.ActionRefused as error:
        messages.error(request, str(error))
        response = inbox(request, pk)
        response.status_code = 400
        return response
    messages.success(request, _("Response saved."))
    return redirect(f"{reverse('consultations:inbox', args=[pk])}#comment-{comment.pk}")


@require_POST
def publish_responses(request, pk: int):
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    count = actions.do_publish_responses(viewer_for_request(request), consultation)
    messages.success(
        request, _("%(count)d responses published; submitters are told.") % {"count": count}
    )
    return redirect("consultations:inbox", pk=pk)


@require_GET
def export(request, pk: int, fmt: str):
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    if fmt == "csv":
        return export_csv(consultation)
    if fmt == "xlsx":
        return export_xlsx(consultation)
    raise Http404


def download_attachment(request, pk: int, attachment_id: int) -> HttpResponse:
    consultation, refusal = _readable_consultation(request, pk)
    if refusal:
        return refusal
    viewer = viewer_for_request(request)
    attachment = get_object_or_404(
        Attachment, pk=attachment_id, submission__consultation=consultation
    )
    if not (can_review(viewer, consultation) or can_edit_submission(viewer, attachment.submission)):
        return refuse(request, viewer)
    response = HttpResponse(
        attachment.file.open("rb").read(), content_type="application/octet-stream"
    )
    response["Content-Disposition"] = f'attachment; filename="{attachment.original_name}"'
    return response
