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
