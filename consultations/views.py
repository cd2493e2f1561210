"""Consultation views outside the page tree: drafting, autosave, inbox, exports, diffs."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale

from consultations import actions, queries
from consultations.access import (
    can_choose_confidentiality,
    can_edit_submission,
    can_read_consultation,
    can_reopen,
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
    version_from_post,
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
from portal.params import parse_database_id
from portal.permissions import viewable_pages, viewer_for_request


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
    is_locked = submission is not None and submission.status == Submission.Status.SUBMITTED
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
            "can_choose_confidentiality": submission is None
            or can_choose_confidentiality(viewer, submission),
            "can_reopen": submission is not None and can_reopen(viewer, submission),
            "is_locked": is_locked,
            # Text and files can change: the consultation is open and the input not submitted.
            "editable": consultation.is_open() and not is_locked,
            "conflict": conflict,
            "conflict_values": form_values(conflict) if conflict else {},
            "max_mb": actions.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


def submission_edit(request, pk: int, kind: str):
    return _input_form(request, pk, kind, default_action="save")


@require_POST
def attachment_upload(request, pk: int, kind: str):
    """The form's "Attach" button: the typed text is saved with the file (see _post_input)."""
    return _input_form(request, pk, kind, default_action="attach")


def _input_form(request, pk: int, kind: str, *, default_action: str):
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
        edit_path = reverse("consultations:submission_edit", args=[consultation.pk, kind])
        return redirect(f"{reverse('account_login')}?{urlencode({'next': edit_path})}")
    if not viewer.is_authenticated:
        return refuse(request, viewer)
    if not _may_take_part(viewer, consultation, kind):
        return refuse(request, viewer)
    submission = queries.find_submission(viewer, consultation, kind)
    if request.method == "POST":
        action = request.POST.get("action") or default_action
        if action == "reopen":
            return _reopen(request, consultation, kind, submission)
        return _post_input(request, consultation, kind, submission, action)
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


def _reopen(request, consultation, kind, submission):
    viewer = viewer_for_request(request)
    try:
        if submission is None:
            raise actions.ActionRefused(_("There is no submitted input to reopen."))
        submission = actions.do_reopen_submission(viewer, submission)
    except actions.ActionRefused as error:
        messages.error(request, str(error))
        status = 403 if isinstance(error, actions.ActionForbidden) else 400
        return _render_edit(
            request, consultation, kind, submission, values=form_values(submission), status=status
        )
    messages.success(
        request,
        _(
            "Your input is reopened. The secretariat sees it again only once you submit it "
            "again, before the deadline."
        ),
    )
    return redirect("consultations:submission_edit", pk=consultation.pk, kind=kind)


def _post_input(request, consultation, kind, submission, action: str):
    """
    Save, submit or attach. Whatever the button, the text the form carries is saved first
    through the same action as autosave, so choosing a file never throws typed text away.
    A post without the form's fields (an older page, a script) only attaches.
    """
    viewer = viewer_for_request(request)
    content = content_from_post(request.POST, consultation)
    posted_values = form_values(submission, content)
    upload = request.FILES.get("file")
    carries_text = "version" in request.POST
    try:
        if submission is None:
            submission = actions.do_start_submission(viewer, consultation, kind)
            version = submission.version
        else:
            version = version_from_post(request.POST.get("version", ""))
        if carries_text:
            submission = actions.do_save_draft(viewer, submission, version=version, content=content)
        if upload is not None:
            actions.do_add_attachment(viewer, submission, upload)
            messages.success(
                request,
                _("Attachment added and your text saved.")
                if carries_text
                else _("Attachment added."),
            )
        elif action == "attach":
            raise actions.ActionRefused(_("Choose a file to attach. Your text is saved."))
        if action == "submit":
            actions.do_submit(viewer, submission)
            messages.success(
                request,
                _("Your input is submitted. A receipt with a copy is on its way to %(email)s.")
                % {"email": submission.focal_point.email},
            )
        elif upload is None:
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
        if isinstance(error, actions.SubmissionLocked):
            status = 409
        elif isinstance(error, actions.ActionForbidden):
            status = 403
        else:
            status = 400
        return _render_edit(
            request, consultation, kind, submission, values=posted_values, status=status
        )
    return redirect("consultations:submission_edit", pk=consultation.pk, kind=kind)


@require_POST
def autosave(request, pk: int, kind: str):
    """JSON autosave of a draft; answers 4xx with {"error", "reason"} on bad input."""
    if kind not in Submission.Kind.values:
        return JsonResponse(
            {"error": "not_found", "reason": _("Unknown kind of submission.")}, status=404
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
    not_found = JsonResponse(
        {"error": "not_found", "reason": _("No such consultation.")}, status=404
    )
    if consultation is None or not can_read_consultation(viewer, consultation):
        return not_found
    if not _may_take_part(viewer, consultation, kind):
        return not_found
    try:
        version, content = content_from_json(json.loads(request.body or b""))
    except (ValueError, RecursionError) as error:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; RecursionError is what
        # json raises on nesting deeper than Python's stack.
        reason = (
            str(error)
            if not isinstance(error, json.JSONDecodeError | UnicodeDecodeError | RecursionError)
            else _("The body must be a JSON object (this one could not be read).")
        )
        return JsonResponse({"error": "bad_request", "reason": reason}, status=400)
    submission = queries.find_submission(viewer, consultation, kind)
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
    except actions.SubmissionLocked as error:
        return JsonResponse({"error": "locked", "reason": str(error)}, status=409)
    except actions.ActionForbidden as error:
        return JsonResponse({"error": "forbidden", "reason": str(error)}, status=403)
    except actions.ActionRefused as error:
        return JsonResponse({"error": "refused", "reason": str(error)}, status=400)
    return JsonResponse(
        {"ok": True, "version": submission.version, "saved_at": submission.updated_at.isoformat()}
    )


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


def _saved_response(comment) -> CommentResponse | None:
    try:
        return comment.response
    except CommentResponse.DoesNotExist:
        return None


def _entered_response(comment) -> dict[str, str]:
    """What the response form of `comment` shows when nothing was typed: the saved response,
    or nothing chosen at all (never a preselected outcome the secretariat did not pick)."""
    saved = _saved_response(comment)
    if saved is None:
        return {"outcome": "", "explanation": "", "resulting_paragraph": ""}
    return {
        "outcome": saved.outcome,
        "explanation": saved.explanation,
        "resulting_paragraph": str(saved.resulting_paragraph_id or ""),
    }


def inbox(request, pk: int, *, typed=None, errors=None, status=200):
    """The input received. `typed` and `errors` (per comment id) come from a refused save,
    so every text typed in any comment's form is shown again."""
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    filters = {
        "paragraph": request.GET.get("paragraph", ""),
        "organisation_type": request.GET.get("organisation_type", ""),
        "country": request.GET.get("country", ""),
    }
    comments = list(inbox_comments(consultation, **filters))
    typed, errors = typed or {}, errors or {}
    for comment in comments:
        comment.entered = typed.get(comment.pk) or _entered_response(comment)
        comment.response_error = errors.get(comment.pk, "")
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
        status=status,
    )


def _resulting_paragraph(paragraph_id: str):
    """The later paragraph a response links to, None for none; refused when it is no paragraph."""
    if not paragraph_id:
        return None
    paragraph_pk = parse_database_id(paragraph_id)
    resulting = (
        DraftParagraph.objects.filter(pk=paragraph_pk).select_related("round").first()
        if paragraph_pk is not None
        else None
    )
    if resulting is None:
        raise actions.ActionRefused(
            _("Link the comment to a paragraph of a later round of this consultation.")
        )
    return resulting


@require_POST
def respond(request, pk: int, comment_id: int):
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    comment = get_object_or_404(Comment, pk=comment_id, submission__consultation=consultation)
    try:
        actions.do_respond(
            viewer_for_request(request),
            comment,
            outcome=request.POST.get("outcome", ""),
            explanation=request.POST.get("explanation", ""),
            resulting_paragraph=_resulting_paragraph(request.POST.get("resulting_paragraph", "")),
        )
    except actions.ActionRefused as error:
        messages.error(request, str(error))
        return inbox(request, pk, status=400)
    messages.success(request, _("Response saved."))
    return redirect(f"{reverse('consultations:inbox', args=[pk])}#comment-{comment.pk}")


@require_POST
def save_responses(request, pk: int):
    """
    Save every response typed in the inbox in one submit: the inbox is one form, so saving
    the response to one comment never erases what was typed for the others. Responses that
    cannot be saved are shown again with what was typed and the reason.
    """
    consultation, refusal = _reviewable_consultation(request, pk)
    if refusal:
        return refusal
    viewer = viewer_for_request(request)
    typed, errors, saved = {}, {}, 0
    for comment in inbox_comments(consultation):
        if f"outcome-{comment.pk}" not in request.POST:
            continue  # not on the page that was submitted (filtered out)
        entered = {
            "outcome": request.POST.get(f"outcome-{comment.pk}", ""),
            "explanation": request.POST.get(f"explanation-{comment.pk}", ""),
            "resulting_paragraph": request.POST.get(f"resulting_paragraph-{comment.pk}", ""),
        }
        blank = not (entered["outcome"] or entered["explanation"].strip())
        if blank and not entered["resulting_paragraph"]:
            continue
        current = _entered_response(comment)
        if {**entered, "explanation": entered["explanation"].strip()} == current:
            continue
        typed[comment.pk] = entered
        try:
            actions.do_respond(
                viewer,
                comment,
                outcome=entered["outcome"],
                explanation=entered["explanation"],
                resulting_paragraph=_resulting_paragraph(entered["resulting_paragraph"]),
            )
        except actions.ActionRefused as error:
            errors[comment.pk] = str(error)
        else:
            saved += 1
    if saved:
        messages.success(
            request,
            ngettext("%(count)d response saved.", "%(count)d responses saved.", saved)
            % {"count": saved},
        )
    if errors:
        messages.error(
            request,
            ngettext(
                "%(count)d response was not saved: see below, your text is kept.",
                "%(count)d responses were not saved: see below, your text is kept.",
                len(errors),
            )
            % {"count": len(errors)},
        )
        return inbox(request, pk, typed=typed, errors=errors, status=400)
    if not saved:
        messages.info(request, _("Nothing to save: no response was typed or changed."))
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    anchor = parse_database_id(request.POST.get("saved_from", ""))
    fragment = f"#comment-{anchor}" if anchor is not None else ""
    return redirect(f"{reverse('consultations:inbox', args=[pk])}{query}{fragment}")


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
    # Quoted and encoded by Django: a name with quotes or non-ASCII letters stays one header.
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=attachment.original_name
    )
    return response


@require_GET
def consultation_index(request):
    """Every consultation this reader may open, open ones first: the menu's "Consultations"."""
    viewer = viewer_for_request(request)
    pages = ConsultationPage.objects.live().filter(locale=Locale.get_default())
    consultations = sorted(
        (page.localized for page in viewable_pages(viewer, pages)),
        key=lambda page: (not page.is_open(), -page.closes_at.timestamp()),
    )
    context = {"consultations": consultations}
    return render(request, "consultations/consultation_index.html", context)
