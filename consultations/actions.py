"""
Every write to consultations goes through here.

Each `do_*` function checks that the actor may do it, writes, records the audit entry
and sends mail or notifications after the transaction commits. Views, admin screens,
the demo and commands call these. A refused action raises `ActionRefused` with a
message for the person who tried; a stale save raises `DraftConflict`.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.access import (
    can_choose_confidentiality,
    can_edit_submission,
    can_reopen,
    can_review,
    can_submit,
    is_eligible,
    may_submit_individually,
    organisation_for,
)
from consultations.draft_import import DOCX_MAX_BYTES, DraftImportError, parse_docx
from consultations.models import (
    Answer,
    Attachment,
    Comment,
    CommentResponse,
    Confidentiality,
    DraftParagraph,
    DraftRound,
    DraftSection,
    Submission,
)
from consultations.queries import find_submission, round_as_sections
from portal.audit import events_about, record
from portal.dates import datetime_in_zone
from portal.models import Role
from portal.notifications import absolute_url, notify, notify_staff, send_portal_email
from portal.permissions import Viewer
from portal.uploads import is_readable_pdf


class ConsultationVerb(models.TextChoices):
    """What the consultation actions record in the audit trail."""

    ROUND_CREATED = "round.created", gettext_lazy("Draft round created")
    ROUND_IMPORTED = "round.imported", gettext_lazy("Draft round imported")
    SUBMISSION_STARTED = "submission.started", gettext_lazy("Input started")
    SUBMISSION_SAVED = "submission.saved", gettext_lazy("Input draft saved")
    CONFIDENTIALITY_CHANGED = (
        "submission.confidentiality_changed",
        gettext_lazy("Input confidentiality changed"),
    )
    SUBMISSION_REOPENED = "submission.reopened", gettext_lazy("Input reopened")
    SUBMISSION_SUBMITTED = "submission.submitted", gettext_lazy("Input submitted")
    SUBMISSION_RESUBMITTED = "submission.resubmitted", gettext_lazy("Input submitted again")
    ATTACHMENT_ADDED = "attachment.added", gettext_lazy("Attachment added")
    RESPONSE_CREATED = "response.created", gettext_lazy("Response to a comment written")
    RESPONSE_CHANGED = "response.changed", gettext_lazy("Response to a comment changed")
    RESPONSES_PUBLISHED = "responses.published", gettext_lazy("Responses published")


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = (".pdf", ".docx")


class ActionRefused(Exception):
    """The action cannot be done; the message says why, for the person who asked."""


class ActionForbidden(ActionRefused):
    """The person may work on this input, but this step is someone else's to take."""


class SubmissionLocked(ActionRefused):
    """Submitted input changes only after its focal point reopens it."""

    def __init__(self, submission: Submission):
        self.submission = submission
        super().__init__(
            _(
                "This input was submitted to the secretariat and can no longer be changed. "
                "%(name)s, the focal point, can reopen it, change it and submit it again."
            )
            % {"name": submission.focal_point.public_name}
        )


class DraftConflict(ActionRefused):
    """Someone else saved the draft since this person loaded it."""

    def __init__(self, submission: Submission):
        self.submission = submission
        super().__init__(
            _(
                "%(name)s saved this draft after you opened it. Nothing was overwritten: "
                "compare both texts below, merge them, and save again."
            )
            % {
                "name": submission.updated_by.public_name
                if submission.updated_by
                else _("A colleague")
            }
        )


@dataclass
class DraftContent:
    """
    What a draft form carries: comments by paragraph anchor, answers by question id, and
    who may see the input (None: the form did not say, so it stays as it is).
    """

    comments: dict[str, tuple[str, str]] = field(default_factory=dict)
    answers: dict[int, str] = field(default_factory=dict)
    confidentiality: str | None = None

    def texts(self) -> list[str]:
        return [text for pair in self.comments.values() for text in pair] + list(
            self.answers.values()
        )

    def is_empty(self) -> bool:
        return not any(
            text.strip() or suggestion.strip() for text, suggestion in self.comments.values()
        ) and not any(answer.strip() for answer in self.answers.values())


def _require_open(consultation, now: datetime | None) -> None:
    now = now or timezone.now()
    if now < consultation.opens_at:
        raise ActionRefused(_("This consultation is not open yet."))
    if consultation.has_closed(now):
        raise ActionRefused(
            _("The deadline (%(deadline)s) has passed: input can no longer be changed or sent.")
            % {"deadline": datetime_in_zone(consultation.closes_at, consultation.time_zone)}
        )


# Draft text -------------------------------------------------------------------------


@transaction.atomic
def do_create_round(viewer: Viewer | None, consultation, sections, note: str = "") -> DraftRound:
    """
    A new round from `sections`: [(number, heading, [(anchor, number, text), ...]), ...].
    `viewer` None is the system (demo, import); otherwise the secretariat.
    """
    if viewer is not None and not can_review(viewer, consultation):
        raise ActionRefused(_("Only the secretariat can change the draft text."))
    last = consultation.rounds.order_by("-number").first()
    draft_round = DraftRound.objects.create(
        consultation=consultation, number=(last.number + 1 if last else 1), note=note
    )
    for section_order, (section_number, heading, paragraphs) in enumerate(sections):
        section = DraftSection.objects.create(
            round=draft_round, number=section_number, heading=heading, sort_order=section_order
        )
        for order, (anchor, number, text) in enumerate(paragraphs):
            DraftParagraph.objects.create(
                round=draft_round,
                section=section,
                anchor=anchor,
                number=number,
                text=text,
                sort_order=order,
            )
    record(viewer.user if viewer else None, ConsultationVerb.ROUND_CREATED, target=draft_round)
    return draft_round


def do_start_next_round(
    viewer: Viewer | None, consultation, note: str = "", changes=None
) -> DraftRound:
    """Copy the current round's text into a new round; `changes` maps anchor → new text."""
    current = consultation.current_round()
    if current is None:
        raise ActionRefused(_("There is no draft text to copy yet."))
    changes = changes or {}
    sections = [
        (
            number,
            heading,
            [(anchor, pnumber, changes.get(anchor, text)) for anchor, pnumber, text in paragraphs],
        )
        for number, heading, paragraphs in round_as_sections(current)
    ]
    return do_create_round(viewer, consultation, sections, note=note)


def do_import_draft_text(viewer: Viewer | None, consultation, source, note: str = "") -> DraftRound:
    """
    A new round (the first, if there is none) from a .docx file: a path or a binary file
    object. Paragraphs keep the anchors of the current round's paragraphs with the same
    number. Raises ActionRefused with a reason when the file cannot be used.
    """
    if viewer is not None and not can_review(viewer, consultation):
        raise ActionRefused(_("Only the secretariat can change the draft text."))
    size = getattr(source, "size", None)
    if size is None and isinstance(source, str | os.PathLike):
        size = os.path.getsize(source)
    elif size is None and hasattr(source, "seek"):
        size = source.seek(0, os.SEEK_END)
        source.seek(0)
    if size is not None and size > DOCX_MAX_BYTES:
        raise ActionRefused(
            _("The file is larger than %(mb)d MB.") % {"mb": DOCX_MAX_BYTES // (1024 * 1024)}
        )
    current = consultation.current_round()
    previous_anchors = (
        dict(current.paragraphs.values_list("number", "anchor")) if current is not None else {}
    )
    try:
        sections = parse_docx(source, previous_anchors)
    except DraftImportError as error:
        raise ActionRefused(str(error)) from None
    draft_round = do_create_round(viewer, consultation, sections, note=note)
    record(
        viewer.user if viewer else None,
        ConsultationVerb.ROUND_IMPORTED,
        target=draft_round,
        changes={"file": str(getattr(source, "name", source))},
    )
    return draft_round


# Submissions ------------------------------------------------------------------------


def do_start_submission(viewer: Viewer, consultation, kind: str, now=None) -> Submission:
    """The viewer's existing submission of this kind, or a new draft with them as focal point."""
    existing = find_submission(viewer, consultation, kind)
    if existing is not None:
        return existing
    if kind == Submission.Kind.INDIVIDUAL:
        if not may_submit_individually(viewer, consultation):
            raise ActionRefused(_("This consultation does not take individual input from you."))
        organisation = None
    elif kind == Submission.Kind.ORGANISATION:
        if not is_eligible(viewer, consultation):
            raise ActionRefused(
                _("Your groups are not invited to give input to this consultation.")
            )
        organisation = organisation_for(viewer, consultation)
        if organisation is None:
            raise ActionRefused(
                _(
                    "Your membership names no organisation. "
                    "Ask the secretariat to add it to your membership."
                )
            )
    else:
        raise ActionRefused(_("Unknown kind of submission."))
    _require_open(consultation, now)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                consultation=consultation,
                kind=kind,
                organisation=organisation,
                focal_point=viewer.user,
                updated_by=viewer.user,
            )
    except IntegrityError:
        # A colleague started it in the same instant: use theirs.
        return find_submission(viewer, consultation, kind)
    record(viewer.user, ConsultationVerb.SUBMISSION_STARTED, target=submission)
    return submission


def _write_content(submission: Submission, content: DraftContent) -> None:
    paragraphs = {p.anchor: p for p in submission.consultation.current_round().paragraphs.all()}
    for anchor, (text, suggestion) in content.comments.items():
        if anchor not in paragraphs:
            continue
        if not text.strip() and not suggestion.strip():
            Comment.objects.filter(submission=submission, anchor=anchor).delete()
            continue
        Comment.objects.update_or_create(
            submission=submission,
            anchor=anchor,
            defaults={
                "paragraph": paragraphs[anchor],
                "text": text.strip(),
                "suggested_text": suggestion.strip(),
            },
        )
    questions = set(submission.consultation.guiding_questions.values_list("pk", flat=True))
    for question_id, text in content.answers.items():
        if question_id not in questions:
            continue
        if not text.strip():
            Answer.objects.filter(submission=submission, question_id=question_id).delete()
        else:
            Answer.objects.update_or_create(
                submission=submission, question_id=question_id, defaults={"text": text.strip()}
            )


def validate_content(content: DraftContent) -> None:
    if (
        content.confidentiality is not None
        and content.confidentiality not in Confidentiality.values
    ):
        raise ActionRefused(_("Choose who may see this input."))
    # PostgreSQL text cannot hold NUL; no keyboard types it, so refuse rather than guess.
    if any("\x00" in text for text in content.texts()):
        raise ActionRefused(
            _("The text contains a NUL character, which cannot be saved. Remove it and save again.")
        )


def _locked_for_writing(submission: Submission) -> Submission:
    """The submission's row, locked until the transaction ends, so its state cannot move."""
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("focal_point", "updated_by")
        .get(pk=submission.pk)
    )


@transaction.atomic
def do_save_draft(
    viewer: Viewer, submission: Submission, *, version: int, content: DraftContent, now=None
) -> Submission:
    """
    Save the draft if nobody saved it since `version` was read. Submitted input is locked
    (the focal point reopens it first), and only the focal point changes who may see it.
    The row is locked while saving, so two simultaneous saves cannot both win.
    """
    if not can_edit_submission(viewer, submission):
        raise ActionRefused(_("You cannot edit this submission."))
    # After the deadline nothing changes, reopened or not: that is the reason to give.
    _require_open(submission.consultation, now)
    submission = _locked_for_writing(submission)
    if submission.status == Submission.Status.SUBMITTED:
        raise SubmissionLocked(submission)
    validate_content(content)
    if submission.version != version:
        raise DraftConflict(submission)
    previous_confidentiality = submission.confidentiality
    confidentiality = content.confidentiality or previous_confidentiality
    if confidentiality != previous_confidentiality and not can_choose_confidentiality(
        viewer, submission
    ):
        raise ActionForbidden(
            _(
                "Only %(name)s, the focal point, chooses who may see this input. "
                "Your text was not saved yet: save it without changing that choice."
            )
            % {"name": submission.focal_point.public_name}
        )
    submission.version = F("version") + 1
    submission.updated_by = viewer.user
    submission.confidentiality = confidentiality
    submission.save(update_fields=["version", "updated_by", "updated_at", "confidentiality"])
    submission.refresh_from_db()
    _write_content(submission, content)
    # Drafts autosave every few seconds: the trail keeps the first save of each run of
    # saves by one person (who worked on it, and when they began), not every keystroke.
    last = events_about(submission).only("verb", "actor_id").first()
    if (
        last is None
        or last.verb != ConsultationVerb.SUBMISSION_SAVED
        or last.actor_id != (viewer.user.pk)
    ):
        record(
            viewer.user,
            ConsultationVerb.SUBMISSION_SAVED,
            target=submission,
            changes={"version": submission.version},
        )
    if confidentiality != previous_confidentiality:
        record(
            viewer.user,
            ConsultationVerb.CONFIDENTIALITY_CHANGED,
            target=submission,
            changes={"confidentiality": [previous_confidentiality, confidentiality]},
        )
    return submission


@transaction.atomic
def do_reopen_submission(viewer: Viewer, submission: Submission, now=None) -> Submission:
    """
    The focal point takes submitted input back to change it. Until it is submitted again
    it is a draft: the secretariat's inbox, exports and the report leave it out.
    """
    if not can_reopen(viewer, submission):
        raise ActionForbidden(
            _("Only %(name)s, the focal point, can reopen submitted input.")
            % {"name": submission.focal_point.public_name}
        )
    _require_open(submission.consultation, now)
    submission = _locked_for_writing(submission)
    if submission.status != Submission.Status.SUBMITTED:
        return submission
    submission.status = Submission.Status.DRAFT
    submission.save(update_fields=["status"])
    record(viewer.user, ConsultationVerb.SUBMISSION_REOPENED, target=submission)
    return submission


@transaction.atomic
def do_submit(viewer: Viewer, submission: Submission, now=None) -> Submission:
    """Send the saved draft to the secretariat and email the focal point a receipt."""
    if not can_submit(viewer, submission):
        if can_edit_submission(viewer, submission):
            raise ActionForbidden(
                _(
                    "Only your organisation's focal point (%(name)s) can submit. "
                    "Your draft is saved."
                )
                % {"name": submission.focal_point.public_name}
            )
        raise ActionRefused(_("You cannot submit this input."))
    _require_open(submission.consultation, now)
    submission = _locked_for_writing(submission)
    if submission.status == Submission.Status.SUBMITTED:
        raise SubmissionLocked(submission)
    if not submission.comments.exists() and not submission.answers.exists():
        raise ActionRefused(
            _("There is nothing to submit yet: comment on a paragraph or answer a question.")
        )
    resubmission = submission.submitted_at is not None
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_at"])
    record(
        viewer.user,
        ConsultationVerb.SUBMISSION_RESUBMITTED
        if resubmission
        else ConsultationVerb.SUBMISSION_SUBMITTED,
        target=submission,
        changes={"version": submission.version},
    )
    submission_id = submission.pk
    transaction.on_commit(lambda: do_send_receipt(submission_id))
    notify_staff(
        Role.SECRETARIAT,
        "consultations.submission_received",
        _("Input received for %(consultation)s") % {"consultation": submission.consultation.title},
        reverse("consultations:inbox", args=[submission.consultation.pk]),
    )
    return submission


def do_send_receipt(submission_id: int) -> None:
    submission = Submission.objects.select_related(
        "consultation", "focal_point", "organisation"
    ).get(pk=submission_id)
    send_portal_email(
        submission.focal_point,
        _("Receipt: your input to %(title)s") % {"title": submission.consultation.title},
        "consultations/email/receipt.txt",
        {
            "submission": submission,
            "consultation": submission.consultation,
            "comments": submission.comments.select_related("paragraph"),
            "answers": submission.answers.select_related("question"),
            "attachments": submission.attachments.all(),
            "link": absolute_url(submission.consultation.url or ""),
        },
    )


def _is_readable_docx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    finally:
        upload.seek(0)


def check_attachment(upload) -> str:
    """
    The file's name when it is a PDF or Word document the secretariat can open; else
    ActionRefused saying what is wrong. The content is parsed: a file that only starts
    like a PDF (or is any ZIP named .docx) is not one.
    """
    name = (upload.name or "").replace("\x00", "")
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ActionRefused(_("Attach a PDF or a Word (.docx) document."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ActionRefused(
            _("The file is too large: attachments may be at most %(mb)d MB.")
            % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    if extension == ".pdf" and not is_readable_pdf(upload, accept_encrypted=False):
        raise ActionRefused(
            _("“%(name)s” is not a readable PDF file. Save it again as PDF and attach it.")
            % {"name": name}
        )
    if extension == ".docx" and not _is_readable_docx(upload):
        raise ActionRefused(
            _("“%(name)s” is not a readable Word (.docx) document. Save it again and attach it.")
            % {"name": name}
        )
    return name


@transaction.atomic
def do_add_attachment(viewer: Viewer, submission: Submission, upload, now=None) -> Attachment:
    if not can_edit_submission(viewer, submission):
        raise ActionRefused(_("You cannot edit this submission."))
    # After the deadline nothing changes, reopened or not: that is the reason to give.
    _require_open(submission.consultation, now)
    submission = _locked_for_writing(submission)
    if submission.status == Submission.Status.SUBMITTED:
        raise SubmissionLocked(submission)
    name = check_attachment(upload)
    upload.name = name
    attachment = Attachment.objects.create(
        submission=submission,
        file=upload,
        original_name=name[:255],
        size=upload.size,
        uploaded_by=viewer.user,
    )
    record(viewer.user, ConsultationVerb.ATTACHMENT_ADDED, target=attachment)
    return attachment


# Review -----------------------------------------------------------------------------


@transaction.atomic
def do_respond(
    viewer: Viewer, comment: Comment, *, outcome: str, explanation: str, resulting_paragraph=None
) -> CommentResponse:
    consultation = comment.submission.consultation
    if not can_review(viewer, consultation):
        raise ActionRefused(_("Only the secretariat responds to input."))
    if outcome not in CommentResponse.Outcome.values:
        raise ActionRefused(_("Choose an outcome."))
    if not explanation.strip():
        raise ActionRefused(_("Explain the response: submitters will read it."))
    if resulting_paragraph is not None and (
        resulting_paragraph.round.consultation_id != consultation.pk
        or resulting_paragraph.round.number <= comment.paragraph.round.number
    ):
        raise ActionRefused(
            _("Link the comment to a paragraph of a later round of this consultation.")
        )
    response, created = CommentResponse.objects.update_or_create(
        comment=comment,
        defaults={
            "outcome": outcome,
            "explanation": explanation.strip(),
            "resulting_paragraph": resulting_paragraph,
            "responded_by": viewer.user,
        },
    )
    record(
        viewer.user,
        ConsultationVerb.RESPONSE_CREATED if created else ConsultationVerb.RESPONSE_CHANGED,
        target=comment,
        changes={"outcome": outcome},
        reason=explanation.strip(),
    )
    return response


@transaction.atomic
def do_publish_responses(viewer: Viewer | None, consultation) -> int:
    """Publish every unpublished response and tell each submitter concerned."""
    if viewer is not None and not can_review(viewer, consultation):
        raise ActionRefused(_("Only the secretariat publishes responses."))
    pending = CommentResponse.objects.filter(
        comment__submission__consultation=consultation, published_at__isnull=True
    )
    submissions = (
        Submission.objects.filter(comments__response__in=pending)
        .distinct()
        .select_related("focal_point")
    )
    recipients = {submission.focal_point for submission in submissions}
    count = pending.update(published_at=timezone.now())
    for user in recipients:
        notify(
            user,
            "consultation.responses",
            _("The secretariat has responded to your input on %(title)s")
            % {"title": consultation.title},
            url=consultation.url + consultation.reverse_subpage("report")
            if consultation.url
            else "",
            about=consultation,
        )
    record(
        viewer.user if viewer else None,
        ConsultationVerb.RESPONSES_PUBLISHED,
        target=consultation,
        changes={"count": count},
    )
    return count
