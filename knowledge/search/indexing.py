"""What the search index holds for a publication, and keeping it current."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Min, Prefetch
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from knowledge.models import PendingIndexUpdate, PublicationPage, PublicationText
from portal.permissions import SECRETARIAT_KEY, object_visibility_keys

logger = logging.getLogger(__name__)


def publication_visibility(publication: PublicationPage) -> list[str]:
    """
    The keys that may find this publication. Wagtail's own page privacy (login, groups,
    password) has no key form, so a page under such a restriction is indexed for the
    secretariat only: it stays findable by those who manage it and never leaks.
    """
    if publication.get_view_restrictions().exists():
        return [SECRETARIAT_KEY]
    return sorted(object_visibility_keys(publication))


def english_url(publication: PublicationPage) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return publication.url or ""


def _body_text(publication: PublicationPage) -> str:
    block = publication.body.stream_block
    return " ".join(
        strip_tags(str(part)) for part in block.get_searchable_content(publication.body)
    )


def publication_source(
    publication: PublicationPage,
    texts: list[PublicationText] | None = None,
    visibility: list[str] | None = None,
) -> dict:
    """
    What is indexed of a live publication: {"id", "source", "pages"}. The source carries
    the text of all its PDF pages, one value per page ("fulltext": documents.engine_source
    makes it the index's `pages`); "pages" lists each page with its number and text for
    the database backend, which keeps on which pages each term stands.
    """
    if texts is None:
        texts = list(PublicationText.objects.filter(publication=publication))
    if visibility is None:
        visibility = publication_visibility(publication)
    source = {
        "kind": "publication",
        "title": publication.title,
        "subtitle": publication.subtitle,
        "summary": publication.summary,
        "body": _body_text(publication),
        "authors": " ; ".join(publication.author_names),
        "publisher": publication.publisher,
        "tags": publication.tag_names,
        "fulltext": [text.text for text in texts],
        # The English address; each reader's prefix is added when results are shown.
        "url": english_url(publication),
        "date": publication.publication_date.isoformat() if publication.publication_date else None,
        "year": publication.publication_date.year if publication.publication_date else None,
        "language": publication.language,
        "countries": publication.country_codes,
        "areas": publication.area_slugs,
        "forms": publication.form_slugs,
        "type": publication.type_slug or None,
        "visibility": visibility,
    }
    pages = [
        # The database backend keeps which page holds each term by its text's id.
        {"text_id": text.pk, "number": text.page_number, "text": text.text}
        for text in texts
    ]
    return {"id": publication.pk, "source": source, "pages": pages}


def indexable_publications():
    return (
        PublicationPage.objects.live()
        .select_related("publication_type")
        .prefetch_related(
            "countries",
            "areas",
            "forms",
            "allowed_groups",
            "authors",
            # "tags", which tag_names reads: a prefetch of the tagged items does not serve
            # `tags.all()`, and cost a query a publication (a sixth of the reading time).
            "tags",
            Prefetch(
                "texts",
                queryset=PublicationText.objects.only("publication_id", "page_number", "text"),
                to_attr="indexed_texts",
            ),
        )
        .order_by("pk")
    )


def _restricted_paths() -> tuple[str, ...]:
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def all_documents() -> Iterator[dict]:
    """Every live publication's documents, read in chunks (a few queries per 200)."""
    restricted = _restricted_paths()
    for publication in indexable_publications().iterator(chunk_size=200):
        visibility = (
            [SECRETARIAT_KEY]
            if publication.path.startswith(restricted)
            else sorted(object_visibility_keys(publication))
        )
        yield publication_source(publication, publication.indexed_texts, visibility)


def retry_queue_state() -> tuple[int, float]:
    """
    The retry queue of changes Elasticsearch has not received yet (PendingIndexUpdate):
    how many wait, and how many seconds the oldest has waited (0 when none does).
    """
    pending = PendingIndexUpdate.objects.aggregate(waiting=Count("pk"), oldest=Min("changed_at"))
    oldest = pending["oldest"]
    return pending["waiting"], (timezone.now() - oldest).total_seconds() if oldest else 0.0
