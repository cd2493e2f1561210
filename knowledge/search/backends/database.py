"""
Publication search on the database (SQLite or PostgreSQL alike): the backend's own index
of terms (knowledge.search.models.PublicationTerm), cut and folded by
knowledge.search.words, so Thai, Lao, Khmer, Burmese and Chinese are searched by word,
Vietnamese typed without its marks finds the marked text, and a thesaurus term finds its
concept's terms in the other languages. Visibility comes from
`portal.permissions.filter_viewable`, so results and facet counts hold only what the
viewer may see.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import BooleanField, Count, F, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from knowledge.models import PublicationPage, PublicationTerm, PublicationText, publications_for
from knowledge.search.backends.base import SearchBackend
from knowledge.search.facets import SELECTED, facet_values
from knowledge.search.indexing import all_documents, publication_source
from knowledge.search.query import SearchQuery
from knowledge.search.results import PageHit, SearchHit, SearchResults
from knowledge.search.thesaurus import concept_token
from knowledge.search.words import (
    QueryTerms,
    index_terms,
    is_latin,
    marked_ranges,
    query_terms,
    terms,
    terms_and_first_offsets,
    terms_and_ranges,
    words,
)
from portal.permissions import Viewer

FACET_COLUMNS = {
    "country": "countries__code",
    "area": "areas__slug",
    "form": "forms__slug",
    "type": "publication_type__slug",
    "language": "language",
    "year": "publication_date__year",
}
# Facets a publication has one value of (the others: many countries, areas, forms).
SINGLE_VALUED = frozenset({"type", "language", "year"})
FILTER_LOOKUPS = {
    "countries": "countries__code__in",
    "areas": "areas__slug__in",
    "forms": "forms__slug__in",
    "types": "publication_type__slug__in",
    "languages": "language__in",
}
# How much one occurrence of a word weighs, by where it stands in the indexed record.
FIELD_WEIGHTS = {
    "title": 8,
    "subtitle": 4,
    "summary": 4,
    "tags": 3,
    "body": 2,
    "authors": 2,
    "publisher": 1,
    "fulltext": 1,
}
# A term's weight in a publication stops growing here (a word on every page of a book is
# not worth a thousand titles); BM25's saturation then flattens it further.
MAX_WEIGHT = 200
SATURATION = 4
# The reader's own word counts above a thesaurus synonym of it (cf. elasticsearch._exact_words).
OWN_WORD_BONUS = 0.5
PAGE_HITS = 3
# How many pages of a hit's files are read for page hits (a 600-page book is not read whole).
PAGES_READ = 200
INDEX_BATCH = 5000
# Facets are counted over the ids a search found when there are at most this many
# (_counts_by_ids); more, and the query is asked again inside each count.
FACET_IDS = 5000
SNIPPET_WIDTH = 160
# A page hit's snippet is marked from a cut of the text around its first match, begun this
# far before the snippet (then back to a space) so the words at its start are cut as the
# whole page would be; the snippet's end gets the same margin.
CUT_MARGIN = 120
_NOT = re.compile(r"(?:(?<=\s)|^)(?:NOT\s+|-)(\S+)")


def mark_ranges(text: str, ranges: list[tuple[int, int]], *, width: int = SNIPPET_WIDTH) -> str:
    """An escaped snippet of `text` around the first of `ranges`, those in <mark>."""
    start = max(0, ranges[0][0] - width // 3) if ranges else 0
    end = start + width
    parts, last = [], start
    for first, after in ranges:
        if first < last or first >= end:
            continue
        parts.append(escape(text[last:first]))
        parts.append(f"<mark>{escape(text[first:after])}</mark>")
        last = after
    parts.append(escape(text[last : max(end, last)]))
    return ("…" if start else "") + "".join(parts)


def mark(text: str, wanted: frozenset[str], *, width: int = SNIPPET_WIDTH) -> str:
    """An escaped snippet of `text` around the first word in `wanted`, those in <mark>."""
    return mark_ranges(text, marked_ranges(text, wanted), width=width)


def publication_terms(document: dict) -> list[PublicationTerm]:
    """
    The weighted terms of a publication's indexed documents (indexing.publication_source),
    each with the pages that hold it (PublicationTerm.pages). The pages are its full text:
    each is cut once, for the weights and for where the terms stand.
    """
    source = document["source"]
    weights: Counter[str] = Counter()
    for field, weight in FIELD_WEIGHTS.items():
        if field == "fulltext":
            continue
        value = source.get(field) or ""
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            for term in index_terms(text):
                weights[term] += weight
    pages: defaultdict[str, list[str]] = defaultdict(list)
    # The order a hit lists its pages in (as _page_hits_by_cutting reads them).
    ordered = sorted(document["pages"], key=lambda page: (page["number"], page["text_id"]))
    for position, page in enumerate(ordered):
        sequence, firsts = terms_and_first_offsets(page["text"])
        for term in sequence:
            weights[term] += FIELD_WEIGHTS["fulltext"]
        if position < PAGES_READ:
            for term, offset in firsts.items():
                pages[term].append(f"{position}:{page['text_id']}:{offset}")
    return [
        PublicationTerm(
            publication_id=document["id"],
            term=term,
            weight=min(weight, MAX_WEIGHT),
            pages=" ".join(pages.get(term, ())),
        )
        for term, weight in weights.items()
        if len(term) <= 64
    ]


def _cut_start(text: str, position: int) -> int:
    """`position`, or the space before it (within CUT_MARGIN more) where words surely part."""
    if position <= 0:
        return 0
    space = text.rfind(" ", max(0, position - CUT_MARGIN), position)
    return space if space >= 0 else position


def _cut_end(text: str, position: int) -> int:
    space = text.find(" ", position, position + CUT_MARGIN)
    return space if space >= 0 else min(len(text), position)


def window_ranges(text: str, first: int, wanted: frozenset[str]) -> list[tuple[int, int]] | None:
    """
    Where the words in `wanted` stand from `first` (where indexing found the first of them
    on this page) to past the snippet's end, from a cut of that stretch of the text alone;
    None when the stretch was cut otherwise than the page (or the text changed since).
    """
    start = max(0, first - SNIPPET_WIDTH // 3)
    begin = _cut_start(text, start - CUT_MARGIN)
    window = text[begin : _cut_end(text, start + SNIPPET_WIDTH + CUT_MARGIN)]
    ranges = [
        (begin + at, begin + after)
        for at, after in terms_and_ranges(window, wanted)[1]
        if begin + at >= first
    ]
    return ranges if ranges and ranges[0][0] == first else None


def page_snippet(text: str, first: int, wanted: frozenset[str]) -> str:
    """The snippet of a page around `first` (see window_ranges), its words in `wanted` marked."""
    ranges = window_ranges(text, first, wanted)
    return mark_ranges(text, marked_ranges(text, wanted) if ranges is None else ranges)


def _counts_by_ids(ids: list[int] | None) -> bool:
    """
    Whether facets are counted over the list of ids found rather than the query again: on
    PostgreSQL, for up to FACET_IDS publications, sent as one text (8 hits: 159 -> 62 ms a
    search at 10,000; 3,500 hits: no change until the ids were hashed and the many-valued
    facets counted on their link tables). SQLite answered slower from a list of ids (the
    Khmer query, 3,500 ids: 147 -> 255 ms).
    """
    return ids is not None and connection.vendor == "postgresql" and len(ids) <= FACET_IDS


def _many_valued_counts(names: list[str], found) -> dict[str, dict[str, int]]:
    """
    Publications among `found` (a subquery of ids) per value of each many-valued facet
    in `names`, counted on the link tables alone: a publication has a value once there,
    so its rows count publications without the join to the publications and the distinct
    count that took (3,500 publications: 15 -> 7 ms a facet on PostgreSQL). All in one
    query (UNION ALL): one trip, and the ids sent once for each facet, not once a query.
    """
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    parts = []
    for name in names:
        relation, _, attribute = FACET_COLUMNS[name].partition("__")
        field = PublicationPage._meta.get_field(relation)
        links = field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}__in": found}
        )
        parts.append(
            links.order_by()
            .values(facet=Value(name), value=F(f"{field.m2m_reverse_field_name()}__{attribute}"))
            .annotate(n=Count("pk"))
        )
    if not parts:
        return counts
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for row in rows:
        if row["value"] not in (None, ""):
            counts[row["facet"]][str(row["value"])] = row["n"]
    return counts


def _excluded_terms(text: str) -> frozenset[str]:
    """The terms of words the reader excluded ("-Malaysia", "NOT Malaysia")."""
    excluded = set()
    for word in _NOT.findall(text):
        excluded |= query_terms(word.strip('"')).all_terms
    return frozenset(excluded)


def wanted_terms(query: SearchQuery) -> tuple[QueryTerms, frozenset[str]]:
    """
    What the text looks for, and the terms of the words it excludes. "a OR b": either
    will do (the words either side of OR are one group); every other word must be found.
    The Elasticsearch backend names its page hits by the same groups.
    """
    positive = re.sub(r'["()+]', " ", _NOT.sub(" ", query.text)).replace("|", " OR ")
    groups: list[frozenset[str]] = []
    own: set[str] = set()
    for number, part in enumerate(re.split(r"(?:^|\s)OR(?:\s|$)", positive)):
        found = query_terms(" ".join(w for w in part.split() if w not in {"AND", "NOT"}))
        own |= found.own
        parts = list(found.groups)
        if number and groups and parts:
            groups[-1] = groups[-1] | parts.pop(0)
        groups.extend(parts)
    return QueryTerms(tuple(groups), frozenset(own)), _excluded_terms(query.text)


def _with_term(terms) -> Q:
    return Q(pk__in=PublicationTerm.objects.filter(term__in=list(terms)).values("publication_id"))


class DatabaseBackend(SearchBackend):
    name = "database"
    # Its terms table is kept current on publishing whichever backend is configured, so
    # the fallback answers as well as it can when the engine is down (tasks.py).
    keeps_index = True

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

    @staticmethod
    def _matching(publications, wanted: QueryTerms, excluded: frozenset[str]):
        """`publications` narrowed to those with a term of every group and none excluded."""
        for group in wanted.groups:
            publications = publications.filter(_with_term(group))
        if excluded:
            publications = publications.exclude(_with_term(excluded))
        return publications

    def _ranked(self, ids: list[int], wanted: QueryTerms, query: SearchQuery) -> list[int]:
        """
        `ids` best first: BM25-like, each group's best term by its rarity and saturated
        weight, the reader's own words counted again (above their synonyms).
        """
        terms = wanted.all_terms | wanted.own
        documents = PublicationPage.objects.live().count() or 1
        # Every publication with these terms (one index range each), not a list of `ids`
        # as query parameters: SQLite takes at most 32,766 of those. A term is on a
        # publication once, so its rows also count the publications that have it.
        rows = list(
            PublicationTerm.objects.filter(term__in=list(terms)).values_list(
                "publication_id", "term", "weight"
            )
        )
        frequency = Counter(term for _publication_id, term, _weight in rows)
        rarity = {
            term: math.log(1 + (documents - n + 0.5) / (n + 0.5)) for term, n in frequency.items()
        }
        # Each term's saturated weight in each publication, worked out once per row.
        saturated: dict[int, dict[str, float]] = defaultdict(dict)
        for publication_id, term, weight in rows:
            saturated[publication_id][term] = rarity[term] * weight / (weight + SATURATION)

        def score(publication_id: int) -> float:
            found = saturated.get(publication_id, {})
            total = sum(max(found.get(term, 0) for term in group) for group in wanted.groups)
            return total + OWN_WORD_BONUS * sum(found.get(term, 0) for term in wanted.own)

        return sorted(ids, key=lambda publication_id: -score(publication_id))

    def _ordered_matches(self, query: SearchQuery, viewer: Viewer, wanted, excluded) -> list[int]:
        """Ids of every publication the viewer may see that the query finds, in its order."""
        return self._matches(query, viewer, wanted, excluded)[0]

    def _matches(self, query: SearchQuery, viewer: Viewer, wanted, excluded):
        """
        (ids in order, whether they are those with every word: False when none had them
        all and those with most of them are given instead).
        """
        publications = self._filtered(query, viewer)
        if query.text:
            publications = self._matching(publications, wanted, excluded)
        if query.sort == "oldest":
            publications = publications.order_by("publication_date", "first_published_at")
        elif query.sort == "newest" or not query.text:
            publications = publications.order_by("-publication_date", "-first_published_at")
        matching_ids = list(dict.fromkeys(publications.values_list("pk", flat=True)))
        if not matching_ids and len(wanted.groups) > 1:
            # No publication has every word ("women returning from China" where the text
            # says "returnees"): those with most of them, best first, rather than nothing.
            publications = self._filtered(query, viewer).filter(_with_term(wanted.all_terms))
            if excluded:
                publications = publications.exclude(_with_term(excluded))
            matching_ids = list(dict.fromkeys(publications.values_list("pk", flat=True)))
            return (self._ranked(matching_ids, wanted, query) if matching_ids else []), False
        if query.text and query.sort == "relevance":
            matching_ids = self._ranked(matching_ids, wanted, query)
        return matching_ids, True

    def ranked_ids(self, query: SearchQuery, viewer: Viewer, limit: int) -> list[int]:
        wanted, excluded = wanted_terms(query)
        if query.text and not wanted.groups:
            return []
        return self._ordered_matches(query, viewer, wanted, excluded)[:limit]

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        wanted, excluded = wanted_terms(query)
        if query.text and not wanted.groups:
            # Only punctuation or excluded words: nothing to look for, nothing found.
            return SearchResults(
                total=0,
                hits=[],
                facets=self._facets(query, viewer, None, empty=True),
                page=query.page,
                page_size=query.page_size,
                backend=self.name,
            )
        matching_ids, every_word = self._matches(query, viewer, wanted, excluded)
        page_ids = matching_ids[query.offset : query.offset + query.page_size]
        pages = PublicationPage.objects.filter(pk__in=page_ids).select_related("publication_type")
        by_id = {page.pk: page for page in pages}
        page_hits = self._page_hits(page_ids, wanted)
        hits = [self._hit(by_id[pk], wanted, page_hits.get(pk)) for pk in page_ids if pk in by_id]
        return SearchResults(
            total=len(matching_ids),
            hits=hits,
            facets=self._facets(
                query,
                viewer,
                (wanted, excluded) if query.text else None,
                ids=matching_ids if query.text and every_word else None,
            ),
            page=query.page,
            page_size=query.page_size,
            backend=self.name,
        )

    def _facets(
        self,
        query: SearchQuery,
        viewer: Viewer,
        text,
        *,
        empty: bool = False,
        ids: list[int] | None = None,
    ) -> dict:
        """
        Counts per facet value. Choices within a facet widen the results (Thailand OR
        Viet Nam), so each facet is counted with every choice but its own. `ids`: the
        publications the search found (with every choice and word), if known.
        """
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_COLUMNS}
        # Facets without a choice of their own count the same publications: that queryset
        # is built once (building one, with the viewer's rights and the words, took a good
        # part of a search's time), and its one-valued facets are counted in one query.
        alike: dict[str, list[str]] = defaultdict(list)
        for name in FACET_COLUMNS:
            own = SELECTED.get(name, "")
            alike[name if own and getattr(query, own) else ""].append(name)
        for except_facet, names in ({} if empty else alike).items():
            if _counts_by_ids(ids) and not except_facet:
                # PostgreSQL ran the whole matching subquery again for each facet (a fifth
                # of a search at 10,000 publications); the ids found are a short list.
                # One text parameter, not one per id, nor an array: the driver quotes an
                # array's items one by one in Python.
                listed = ",".join(map(str, ids))
                found = RawSQL("SELECT unnest(string_to_array(%s, ',')::integer[])", (listed,))
                # Read with a hash of the ids over one pass of the table, rather than an
                # index lookup for each id (3,500 ids: 13 -> 9 ms).
                column = connection.ops.quote_name(PublicationPage._meta.pk.column)
                rows = PublicationPage.objects.filter(
                    RawSQL(  # noqa: S611 (a quoted column name; the ids are a parameter)
                        f"{column} = ANY(string_to_array(%s, ',')::integer[])",
                        (listed,),
                        output_field=BooleanField(),
                    )
                ).order_by()
            else:
                publications = self._filtered(query, viewer, except_facet=except_facet)
                if text:
                    publications = self._matching(publications, *text)
                found = publications.values("pk")
                rows = PublicationPage.objects.filter(pk__in=found).order_by()
            single = [name for name in names if name in SINGLE_VALUED]
            if single:
                columns = [FACET_COLUMNS[name] for name in single]
                # A publication has one value of each: its group counts it once per facet.
                for row in rows.values(*columns).annotate(n=Count("pk")):
                    for name, column in zip(single, columns, strict=True):
                        if row[column] not in (None, ""):
                            value = str(row[column])
                            counts[name][value] = counts[name].get(value, 0) + row["n"]
            counts.update(_many_valued_counts([n for n in names if n not in SINGLE_VALUED], found))
        return {name: facet_values(name, counts[name], query) for name in FACET_COLUMNS}

    @staticmethod
    def _page_hits(publication_ids: list[int], wanted: QueryTerms) -> dict[int, list[PageHit]]:
        """
        The page hits of the shown publications, from where indexing found their terms
        (PublicationTerm.pages): the first PAGE_HITS pages with a term of every group, each
        with a snippet around the first of the terms there. Only those pages are read.
        """
        terms = wanted.all_terms | wanted.own
        if not terms or not publication_ids:
            return {}
        # publication -> term -> {page position: (text id, first offset)}
        stands: dict[int, dict[str, dict[int, tuple[int, int]]]] = defaultdict(dict)
        unindexed = set()
        rows = PublicationTerm.objects.filter(publication_id__in=publication_ids, term__in=terms)
        for publication_id, term, pages in rows.values_list("publication_id", "term", "pages"):
            if pages is None:
                unindexed.add(publication_id)
                continue
            stands[publication_id][term] = {
                int(position): (int(text_id), int(offset))
                for position, text_id, offset in (entry.split(":") for entry in pages.split())
            }
        chosen: dict[int, list[tuple[int, int]]] = {}  # publication -> [(text id, first)]
        for publication_id, by_term in stands.items():
            if publication_id in unindexed:
                continue
            common: set[int] | None = None
            for group in wanted.groups:
                holding = set().union(*(by_term.get(term, {}).keys() for term in group))
                common = holding if common is None else common & holding
            chosen[publication_id] = []
            for position in sorted(common or ())[:PAGE_HITS]:
                # The snippet starts at the first of any looked-for word there, as marking does.
                here = [spots[position] for spots in by_term.values() if position in spots]
                chosen[publication_id].append((here[0][0], min(first for _id, first in here)))
        texts = {
            text_id: (number, text)
            for text_id, number, text in PublicationText.objects.filter(
                pk__in=[text_id for pages in chosen.values() for text_id, _first in pages]
            ).values_list("pk", "page_number", "text")
        }
        # Publications indexed before the pages were kept are left out: _hit cuts their pages.
        return {
            publication_id: [
                PageHit(
                    number=texts[text_id][0], snippet=page_snippet(texts[text_id][1], first, terms)
                )
                for text_id, first in pages
                if text_id in texts
            ]
            for publication_id, pages in chosen.items()
        }

    @staticmethod
    def _page_hits_by_cutting(page: PublicationPage, wanted: QueryTerms) -> list[PageHit]:
        """Page hits of a publication whose terms were indexed without their pages."""
        terms = wanted.all_terms | wanted.own
        page_hits = []
        texts = PublicationText.objects.filter(publication=page).order_by("page_number", "pk")
        for text in texts.only("page_number", "text")[:PAGES_READ].iterator():
            on_page, ranges = terms_and_ranges(text.text, terms)
            if all(group & on_page for group in wanted.groups):
                page_hits.append(
                    PageHit(number=text.page_number, snippet=mark_ranges(text.text, ranges))
                )
                if len(page_hits) == PAGE_HITS:
                    break
        return page_hits

    def _hit(
        self, page: PublicationPage, wanted: QueryTerms, page_hits: list[PageHit] | None
    ) -> SearchHit:
        terms = wanted.all_terms | wanted.own
        highlights = []
        if terms:
            for text in (page.title, page.summary):
                ranges = marked_ranges(text or "", terms)
                if ranges:
                    highlights.append(mark_ranges(text, ranges))
            if page_hits is None:
                page_hits = self._page_hits_by_cutting(page, wanted)
        return SearchHit(
            id=page.pk,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            date=page.publication_date,
            language=page.language,
            highlights=highlights,
            page_hits=page_hits or [],
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
        """
        Titles where the typed words start words, wherever they stand ("traf" finds
        "anti-trafficking"); typed words in a script written without spaces (Thai, Lao,
        Khmer, Burmese, Chinese) are found inside the title's text as they are.
        """
        prefix = " ".join(prefix.split())[:100]
        typed = [word.term for word in words(prefix)]
        if not typed:
            return []
        # One scan of a short column for the longest typed word, then the word starts.
        longest = max(prefix.split(), key=len)
        candidates = publications_for(viewer).filter(title__icontains=longest)
        found = []
        for publication in candidates[: limit * 25]:
            if all(is_latin(word) for word in typed) and not _starts_words(
                typed, [word.term for word in words(publication.title)]
            ):
                continue
            found.append(publication)
        found.sort(key=lambda p: (not p.title.casefold().startswith(prefix.casefold()), p.title))
        return [{"title": p.title, "url": p.url or ""} for p in found[:limit]]

    # Index ------------------------------------------------------------------------------

    def index_publication(self, publication_id: int) -> None:
        publication = (
            PublicationPage.objects.filter(pk=publication_id)
            .select_related("publication_type")
            .first()
        )
        if publication is None or not publication.live:
            self.remove_publication(publication_id)
            return
        terms = publication_terms(publication_source(publication))
        with transaction.atomic():
            PublicationTerm.objects.filter(publication_id=publication_id).delete()
            PublicationTerm.objects.bulk_create(terms)

    def remove_publication(self, publication_id: int) -> None:
        PublicationTerm.objects.filter(publication_id=publication_id).delete()

    def publications_touched_by_concept(self, number: int, phrases: list[str]) -> set[int]:
        """
        Publications whose terms a change of thesaurus concept `number` may change: those
        indexed under it, and those with every word of one of `phrases` (its terms now).
        """
        touched = set(
            PublicationTerm.objects.filter(term=concept_token(number)).values_list(
                "publication_id", flat=True
            )
        )
        for phrase in phrases:
            holding: set[int] | None = None
            for word in set(terms(phrase)):
                with_word = set(
                    PublicationTerm.objects.filter(term=word).values_list(
                        "publication_id", flat=True
                    )
                )
                holding = with_word if holding is None else holding & with_word
                if not holding:
                    break
            touched |= holding or set()
        return touched

    def rebuild(self, progress=None) -> int:
        """
        Index every live publication again, in one transaction: searches meanwhile see the
        old terms, then all the new ones (never a half-built index).
        """
        count, batch = 0, []
        with transaction.atomic():
            PublicationTerm.objects.all().delete()
            for document in all_documents():
                batch.extend(publication_terms(document))
                count += 1
                if len(batch) >= INDEX_BATCH:
                    PublicationTerm.objects.bulk_create(batch, batch_size=INDEX_BATCH)
                    batch = []
                if progress and count % 200 == 0:
                    progress(200)
            PublicationTerm.objects.bulk_create(batch, batch_size=INDEX_BATCH)
        if progress and count % 200:
            progress(count % 200)
        return count


def _starts_words(typed: list[str], title_words: list[str]) -> bool:
    """Every typed word is a word of the title, the last one possibly unfinished."""
    *whole, last = typed
    return all(word in title_words for word in whole) and any(
        word.startswith(last) for word in title_words
    )
