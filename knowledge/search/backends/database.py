"""
Publication search on the database: Wagtail's search (SQLite FTS5 or PostgreSQL full
text) for the records, plain matching for the extracted page text. Visibility comes from
`portal.permissions.filter_viewable`, so results and facet counts hold only what the
viewer may see. No per-language analysis or thesaurus: results are reduced for the
languages written without spaces, which the page says.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from django.db.models import Count, Q
from django.utils.html import escape

from knowledge.models import PublicationPage, PublicationText, publications_for
from knowledge.search.backends.base import SearchBackend
from knowledge.search.facets import SELECTED, facet_values
from knowledge.search.query import SearchQuery
from knowledge.search.results import PageHit, SearchHit, SearchResults
from portal.permissions import Viewer

# How many publications Wagtail's search may return before filtering by rights and facets.
CANDIDATE_LIMIT = 2000
FACET_COLUMNS = {
    "country": "countries__code",
    "area": "areas__slug",
    "form": "forms__slug",
    "type": "publication_type__slug",
    "language": "language",
    "year": "publication_date__year",
}
FILTER_LOOKUPS = {
    "countries": "countries__code__in",
    "areas": "areas__slug__in",
    "forms": "forms__slug__in",
    "types": "publication_type__slug__in",
    "languages": "language__in",
}


def mark(text: str, words: list[str], *, width: int = 160) -> str:
    """An escaped snippet of `text` around the first of `words`, matches in <mark>."""
    if not words:
        return escape(text[:width])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    found = pattern.search(text)
    start = max(0, found.start() - width // 3) if found else 0
    snippet = text[start : start + width]
    parts, last = [], 0
    for match in pattern.finditer(snippet):
        parts.append(escape(snippet[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(snippet[last:]))
    return ("…" if start else "") + "".join(parts)


class DatabaseBackend(SearchBackend):
    name = "database"

    def _filtered(self, query: SearchQuery, viewer: Viewer, *, except_facet: str = ""):
        """Publications the viewer may see within the choices (but those of `except_facet`)."""
        publications = publications_for(viewer)
        for attribute, lookup in FILTER_LOOKUPS.items():
            values = getattr(query, attribute)
            if values and SELECTED.get(except_facet) != attribute:
                publications = publications.filter(**{lookup: values})
        if query.year_from:
            publications = publications.filter(publication_date__year__gte=query.year_from)
        if query.year_to:
            publications = publications.filter(publication_date__year__lte=query.year_to)
        return publications

    def _text_matches(self, query: SearchQuery) -> list[int]:
        """Ids of live publications matching the words, best first (records, then page text)."""
        words = query.plain_words
        if not words:
            return []
        text = " ".join(words)
        results = PublicationPage.objects.live().search(
            text, operator="and", order_by_relevance=True
        )[:CANDIDATE_LIMIT]
        ranked = [page.pk for page in results]
        in_pages = PublicationText.objects.all()
        for word in words:
            in_pages = in_pages.filter(text__icontains=word)
        seen = set(ranked)
        for publication_id in in_pages.values_list("publication_id", flat=True).distinct():
            if publication_id not in seen:
                seen.add(publication_id)
                ranked.append(publication_id)
        return ranked

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        publications = self._filtered(query, viewer)
        ranked = self._text_matches(query) if query.text else None
        if ranked is not None:
            publications = publications.filter(pk__in=ranked)
        matching_ids = list(publications.values_list("pk", flat=True).distinct())
        if query.text and query.sort == "relevance":
            position = {pk: i for i, pk in enumerate(ranked)}
            matching_ids.sort(key=lambda pk: position.get(pk, len(position)))
        elif query.sort == "oldest":
            matching_ids = list(
                PublicationPage.objects.filter(pk__in=matching_ids)
                .order_by("publication_date", "first_published_at")
                .values_list("pk", flat=True)
            )
        page_ids = matching_ids[query.offset : query.offset + query.page_size]
        pages = PublicationPage.objects.filter(pk__in=page_ids).select_related("publication_type")
        by_id = {page.pk: page for page in pages}
        hits = [self._hit(by_id[pk], query) for pk in page_ids if pk in by_id]
        return SearchResults(
            total=len(matching_ids),
            hits=hits,
            facets=self._facets(query, viewer, ranked),
            page=query.page,
            page_size=query.page_size,
            backend=self.name,
        )

    def _facets(self, query: SearchQuery, viewer: Viewer, ranked: list[int] | None) -> dict:
        """
        Counts per facet value. Choices within a facet widen the results (Thailand OR
        Viet Nam), so each facet is counted with every choice but its own.
        """
        facets = {}
        for name, column in FACET_COLUMNS.items():
            publications = self._filtered(query, viewer, except_facet=name)
            if ranked is not None:
                publications = publications.filter(pk__in=ranked)
            rows = PublicationPage.objects.filter(pk__in=publications.values("pk")).order_by()
            counts = {
                str(row[column]): row["n"]
                for row in rows.values(column).annotate(n=Count("pk", distinct=True))
                if row[column] not in (None, "")
            }
            facets[name] = facet_values(name, counts, query)
        return facets

    def _hit(self, page: PublicationPage, query: SearchQuery) -> SearchHit:
        words = query.plain_words
        highlights = []
        if words:
            pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
            for text in (page.title, page.summary):
                if text and pattern.search(text):
                    highlights.append(mark(text, words))
        page_hits = []
        if words:
            texts = PublicationText.objects.filter(publication=page)
            texts = texts.filter(Q.create([("text__icontains", w) for w in words], connector=Q.OR))
            page_hits = [
                PageHit(number=text.page_number, snippet=mark(text.text, words))
                for text in texts.order_by("page_number")[:3]
            ]
        return SearchHit(
            id=page.pk,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            date=page.publication_date,
            language=page.language,
            highlights=highlights,
            page_hits=page_hits,
        )

    def more_like_this(self, publication_id: int, viewer: Viewer, limit: int = 5) -> list[dict]:
        """Without text analysis: most shared forms of exploitation, SPA IV areas, countries."""
        publication = PublicationPage.objects.filter(pk=publication_id).first()
        if publication is None:
            return []
        shared: Counter[int] = Counter()
        for relation in ("forms", "areas", "countries"):
            values = getattr(publication, relation).all()
            shared.update(
                PublicationPage.objects.filter(**{f"{relation}__in": values})
                .exclude(pk=publication_id)
                .values_list("pk", flat=True)
            )
        viewable = {page.pk: page for page in publications_for(viewer).filter(pk__in=list(shared))}
        ranked = sorted(
            viewable.values(),
            key=lambda page: (-shared[page.pk], -(page.publication_date or date.min).toordinal()),
        )
        return [{"id": page.pk, "title": page.title, "url": page.url or ""} for page in ranked][
            :limit
        ]

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[dict]:
        prefix = " ".join(prefix.split())[:100]
        if not prefix:
            return []
        publications = publications_for(viewer).filter(
            Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
        )
        return [{"title": p.title, "url": p.url or ""} for p in publications[:limit]]
