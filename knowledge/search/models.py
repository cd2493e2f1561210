"""The database backend's index: the words (and thesaurus concepts) of each publication."""

from django.db import models


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
