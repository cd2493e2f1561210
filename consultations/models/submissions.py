"""Input on a consultation: submissions, their comments, answers, attachments, responses."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    SECRETARIAT_ONLY = "secretariat", _("Secretariat only (never published)")
    ATTRIBUTED = "attributed", _("Publishable with attribution")
    ANONYMOUS = "anonymous", _("Publishable anonymously")


class Submission(models.Model):
    """
    One organisation's consolidated input (any approved member of the organisation in an
    eligible group may edit it; only its focal point submits), or one youth delegate's
    individual input. `version` grows with every save: a save that names an older
    version is a conflict, never a silent overwrite.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        INDIVIDUAL = "individual", _("Individual (youth delegate)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The member who started the submission is its focal point: the one who submits.
    focal_point = models.ForeignKey(
        "portal.User",
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.SECRETARIAT_ONLY,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("last saved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"],
                condition=Q(kind="organisation"),
                name="one_submission_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["consultation", "focal_point"],
                condition=Q(kind="individual"),
                name="one_individual_submission_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.consultation.title} · {self.submitter_name}"

    @property
    def submitter_name(self) -> str:
        if self.kind == self.Kind.ORGANISATION and self.organisation is not None:
            return self.organisation.name
        return self.focal_point.public_name

    @property
    def is_publishable(self) -> bool:
        return (
            self.status == self.Status.SUBMITTED
            and self.confidentiality != Confidentiality.SECRETARIAT_ONLY
        )


class Comment(models.Model):
    """A comment on one paragraph (by its stable anchor), with an optional rewording."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(
        "consultations.DraftParagraph",
        verbose_name=_("paragraph commented on"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    anchor = models.SlugField(_("paragraph anchor"), max_length=40)
    text = models.TextField(_("comment"))
    suggested_text = models.TextField(_("suggested rewording"), blank=True)

    class Meta:
        ordering = ["submission", "paragraph__section__sort_order", "paragraph__sort_order"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(fields=["submission", "anchor"], name="one_comment_per_anchor")
        ]

    def __str__(self):
        return f"¶ {self.paragraph.number}: {self.text[:60]}"


class Answer(models.Model):
    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "consultations.GuidingQuestion",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    text = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="one_answer_each")
        ]

    def __str__(self):
        return f"{self.question}: {self.text[:60]}"


class Attachment(models.Model):
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="consultations/attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        "portal.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class CommentResponse(models.Model):
    """The secretariat's answer to one comment, and the later-round paragraph it led to."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        OUT_OF_SCOPE = "out_of_scope", _("Out of scope")

    comment = models.OneToOneField(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="response"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    explanation = models.TextField(_("explanation"))
    resulting_paragraph = models.ForeignKey(
        "consultations.DraftParagraph",
        verbose_name=_("paragraph in a later round it led to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_by = models.ForeignKey(
        "portal.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("response to a comment")
        verbose_name_plural = _("responses to comments")

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.comment}"

    def get_absolute_url(self) -> str:
        """The response in the consultation's public report, at its paragraph."""
        consultation = self.comment.submission.consultation
        return f"{consultation.url}{consultation.reverse_subpage('report')}#p-{self.comment.anchor}"
