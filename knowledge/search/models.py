"""
The search's own tables: the database backend's index (the words and thesaurus concepts
of each publication) and the thesaurus the secretariat edits.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The thesaurus's language columns: Django's language code, and the field that holds it.
LANGUAGE_FIELDS = {
    "en": "en",
    "km": "km",
    "zh-hans": "zh_hans",
    "lo": "lo",
    "my": "my",
    "th": "th",
    "vi": "vi",
}
TERMS_HELP = _("One term a line (or several on a line, separated by “|”).")


class PublicationTerm(models.Model):
    """
    One indexed term of a live publication (knowledge.search.words: segmented, folded), with
    how much it weighs there (a word of the title more than one of the pages). Looking a
    term up is one B-tree lookup on SQLite and PostgreSQL alike, in any script.
    """

    publication = models.ForeignKey(
        "knowledge.PublicationPage", on_delete=models.CASCADE, related_name="search_terms"
    )
    term = models.CharField(max_length=64)
    weight = models.PositiveIntegerField(default=1)
    # The pages of the publication's files that hold the term, in page order (of the first
    # PAGES_READ): "position:text id:first offset" each, space-separated, from the same cut
    # of the pages that weighs the term. A search reads its hits' page hits here instead
    # of cutting every page of every shown hit again. NULL: terms indexed before this was
    # kept (the search then cuts the pages, as it did, until the next rebuild).
    pages = models.TextField(null=True, blank=True)  # noqa: DJ001 - NULL is not ""

    class Meta:
        app_label = "knowledge"
        indexes = [
            models.Index(fields=["term", "publication", "weight"], name="knowledge_term_lookup")
        ]
        constraints = [
            models.UniqueConstraint(fields=["publication", "term"], name="knowledge_term_once")
        ]

    def __str__(self) -> str:
        return self.term


class PendingIndexUpdate(models.Model):
    """
    A publication whose change has not reached Elasticsearch yet, because the engine did not
    answer when the change was made. The retry queue: `manage.py search_index --retry`
    (deploy/crontab, every minute) and the next index update that succeeds work through it,
    so nothing changed during an outage is lost. A plain id, not a foreign key: a deleted
    publication must still leave the index.
    """

    publication_id = models.PositiveBigIntegerField(unique=True)
    # Moved on at every new change, so a retry that read the publication before it cannot
    # take the row away (knowledge.actions.do_retry_pending_index_updates).
    changed_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)

    class Meta:
        app_label = "knowledge"

    def __str__(self) -> str:
        return f"publication {self.publication_id}"


class ThesaurusConcept(models.Model):
    """
    One concept of the cross-language thesaurus (knowledge.search.thesaurus): its terms in
    each of the portal's languages, any of which finds texts with the others. The
    secretariat edits them in the admin; thesaurus.csv is the initial data.
    """

    name = models.CharField(
        _("concept"),
        max_length=120,
        unique=True,
        help_text=_("What the terms below name, in English (e.g. “debt bondage”)."),
    )
    en = models.TextField(_("English"), blank=True, help_text=TERMS_HELP)
    km = models.TextField(_("Khmer"), blank=True, help_text=TERMS_HELP)
    zh_hans = models.TextField(_("Chinese (Simplified)"), blank=True, help_text=TERMS_HELP)
    lo = models.TextField(_("Lao"), blank=True, help_text=TERMS_HELP)
    my = models.TextField(_("Burmese"), blank=True, help_text=TERMS_HELP)
    th = models.TextField(_("Thai"), blank=True, help_text=TERMS_HELP)
    vi = models.TextField(_("Vietnamese"), blank=True, help_text=TERMS_HELP)

    class Meta:
        app_label = "knowledge"
        ordering = ["name"]
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")

    def __str__(self) -> str:
        return self.name

    def cells(self) -> dict[str, str]:
        """The typed terms by language code (Django's: "zh-hans")."""
        return {language: getattr(self, field) for language, field in LANGUAGE_FIELDS.items()}
