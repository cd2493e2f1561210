"""What the search index holds for a publication, and keeping it current."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.utils.html import strip_tags

from knowledge.models import PublicationPage, PublicationText
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


def _body_text(publication: PublicationPage) -> str:
    block = publication.body.stream_block
    return " ".join(
        strip_tags(str(part)) for part in block.get_searchable_content(publication.body)
    )


def publication_source(publication: PublicationPage) -> dict:
    """The indexed document of a live publication."""
    texts = PublicationText.objects.filter(publication=publication).select_related("document")
    return {
        "title": publication.title,
        "subtitle": publication.subtitle,
        "summary": publication.summary,
        "body": _body_text(publication),
        "authors": " ; ".join(publication.author_names),
        "publisher": publication.publisher,
        "tags": publication.tag_names,
        "pages": [
            {"number": text.page_number, "file": text.document.title, "text": text.text}
            for text in texts
        ],
        "url": publication.url or "",
        "date": publication.publication_date.isoformat() if publication.publication_date else None,
        "year": publication.publication_date.year if publication.publication_date else None,
        "language": publication.language,
        "countries": publication.country_codes,
        "areas": publication.area_slugs,
        "forms": publication.form_slugs,
        "type": publication.type_slug or None,
        "visibility": publication_visibility(publication),
    }


def indexable_publications():
    return (
        PublicationPage.objects.live()
        .select_related("publication_type")
        .prefetch_related("countries", "areas", "forms", "allowed_groups", "tagged_items__tag")
        .order_by("pk")
    )


def all_documents() -> Iterator[dict]:
    for publication in indexable_publications().iterator(chunk_size=200):
        yield {"id": publication.pk, "source": publication_source(publication)}
