"""Text extracted from publications' PDF files, page by page, for search (issue 6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for extraction")
    EXTRACTED = "extracted", _("Text extracted")
    NOT_PDF = "not_pdf", _("Not a PDF: no text extracted")
    NO_TEXT = "no_text", _("No text layer (scanned?)")
    ENCRYPTED = "encrypted", _("Encrypted")
    CORRUPT = "corrupt", _("Damaged or unreadable")
    TOO_LARGE = "too_large", _("Too large to extract")
    MISSING = "missing", _("File missing")


class DocumentExtraction(models.Model):
    """
    What happened when text was taken from one file of one publication.

    Kept outside the page's revisions (unlike the file list) so that publishing an
    older revision never overwrites the latest outcome.
    """

    publication = models.ForeignKey(
        "knowledge.PublicationPage",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="extractions",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    message = models.TextField(_("message for the editor"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    zawgyi_detected = models.BooleanField(_("Zawgyi-encoded Burmese detected"), default=False)
    file_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("text extraction")
        verbose_name_plural = _("text extractions")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "document"], name="extraction_one_per_file"
            )
        ]

    def __str__(self):
        return f"{self.document} · {self.get_status_display()}"

    @property
    def needs_attention(self) -> bool:
        return self.status not in {ExtractionStatus.EXTRACTED, ExtractionStatus.PENDING} or (
            self.zawgyi_detected
        )


class PublicationText(models.Model):
    """The text of one page of one PDF file of a publication."""

    publication = models.ForeignKey(
        "knowledge.PublicationPage",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="texts",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    page_number = models.PositiveIntegerField(_("page number"))
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("text"))
    zawgyi_detected = models.BooleanField(_("Zawgyi-encoded Burmese"), default=False)

    class Meta:
        ordering = ["publication", "document", "page_number"]
        verbose_name = _("extracted page text")
        verbose_name_plural = _("extracted page texts")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "document", "page_number"], name="text_one_per_page"
            )
        ]

    def __str__(self):
        return f"{self.document} p. {self.page_number}"
