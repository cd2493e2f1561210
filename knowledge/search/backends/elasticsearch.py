"""Publication search on Elasticsearch: per-language analysis, thesaurus, facets, highlights."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Q, Search

from knowledge.models import PublicationPage
from knowledge.search import documents, page_passages
from knowledge.search.backends.base import SearchBackend, SearchUnavailable
from knowledge.search.backends.database import wanted_terms
from knowledge.search.facets import facet_values
from knowledge.search.fragments import fragments
from knowledge.search.indexing import all_documents, publication_source
from knowledge.search.query import SearchQuery
from knowledge.search.results import FACETS, PageHit, SearchHit, SearchResults
from portal import search_client
from portal.permissions import Viewer, visibility_keys

FACET_FIELDS = {
    "country": "countries",
    "area": "areas",
    "form": "forms",
    "type": "type",
    "language": "language",
    "year": "year",
}
# SearchQuery attribute -> the facet it filters.
FILTER_FACETS = {
    "countries": "country",
    "areas": "area",
    "forms": "form",
    "types": "type",
    "languages": "language",
}
HIGHLIGHT = {
    "encoder": "html",  # the engine escapes the text; only our <mark> tags are markup
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    # The whole text, marked: knowledge.search.fragments cuts the passages (the engine's
    # passage cutting was most of the cost of highlighting).
    "number_of_fragments": 0,
}
FRAGMENT_SIZE = 160
# Snippets come from the concepts analysis of each text (documents.HIGHLIGHT_ANALYSIS:
# ICU-segmented, folded, thesaurus terms as concept words): it marks words in every
# script. Highlighting the stemmed, Thai and CJK sub-fields as well cost 5-10x as much
# for little more marked text (profiled at 10,000 publications).
HIGHLIGHT_FIELDS = ["title", "subtitle", "summary", "body"]
# A page hit's snippet: one of the highlighter's passages of the pages (best first), cut
# by the engine (about FRAGMENT_SIZE characters, at a sentence or word end).
PAGE_PASSAGES = 6
PAGE_HIGHLIGHT = {
    **HIGHLIGHT,
    "number_of_fragments": PAGE_PASSAGES,
    "fragment_size": FRAGMENT_SIZE,
    "order": "score",
}
# How many of the best matches by the text alone are ranked again with every signal.
RESCORE_WINDOW = 60
# How many pages of a publication's files a hit names.
PAGE_HITS = 3
_MARKED = re.compile(r"\x01(.*?)\x02")
ENGINE_ERRORS = (TransportError, ApiError)
# Threads for the part of a search that runs beside the request's own thread.
_PARALLEL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="search")


def _visible(viewer: Viewer) -> Q:
    return Q("terms", visibility=sorted(visibility_keys(viewer)))


def _syntax_query(query: SearchQuery, fields: list[str], operator: str, **analysis) -> Q:
    """Text with quotes or AND/OR/NOT, in the query-string syntax that never fails to parse."""
    return Q(
        "simple_query_string",
        query=query.simple_query_string,
        fields=fields,
        default_operator=operator,
        flags="AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX",
        lenient=True,
        **analysis,
    )


def _each_analysis(query: SearchQuery, fields: dict[str, list[str]], operator: str) -> list[Q]:
    """
    The query in each analysis (documents.MATCH_ANALYSES) over that analysis's `fields`,
    its words joined by `operator`: each word in any of the fields (term-centric).
    """
    per_analysis = []
    for analysis, analyzer in documents.MATCH_ANALYSES.items():
        if query.has_operators:
            per_analysis.append(_syntax_query(query, fields[analysis], operator, analyzer=analyzer))
        else:
            per_analysis.append(
                Q(
                    "multi_match",
                    query=query.text,
                    fields=fields[analysis],
                    type="cross_fields",
                    operator=operator,
                    analyzer=analyzer,
                )
            )
    return per_analysis


def _text_match(query: SearchQuery) -> Q:
    """
    Every word (or its concept) found in one analysis of the record's texts or the pages:
    each word in either (a word of the title and one on page 12 match together), as the
    record's texts and the pages once were one field; the best analysis counts.
    """
    return Q("dis_max", queries=_each_analysis(query, documents.MATCH_FIELDS, "and"))


def _highlight_query(query: SearchQuery, fields: list[str]) -> dict:
    """
    What the highlighter marks in `fields`: any of the words or their concepts
    (documents.HIGHLIGHT_ANALYSIS), in a plain query. Given the cross-field search query
    itself, the highlighter analyses every hit's text again per sub-field and costs more
    than the search.
    """
    suffix, analyzer = documents.HIGHLIGHT_ANALYSIS
    targets = [f"{field}.{suffix}" for field in fields]
    if query.has_operators:
        return _syntax_query(query, targets, "or", analyzer=analyzer).to_dict()
    return Q("multi_match", query=query.text, fields=targets, analyzer=analyzer).to_dict()


def _page_highlight_query(query: SearchQuery) -> dict:
    """What the highlighter marks in the pages: any word, in any analysis that matches."""
    pages = {
        analysis: [documents.analysis_field("pages", analysis)]
        for analysis in documents.MATCH_ANALYSES
    }
    return Q("bool", should=_each_analysis(query, pages, "or")).to_dict()


def _highlight(search: Search, query: SearchQuery, fields: list[str]) -> Search:
    """Highlight the concepts analysis of `fields` (see documents.HIGHLIGHT_ANALYSIS)."""
    suffix, _analyzer = documents.HIGHLIGHT_ANALYSIS
    search = search.highlight_options(**HIGHLIGHT, highlight_query=_highlight_query(query, fields))
    return search.highlight(*(f"{field}.{suffix}" for field in fields))


def _exact_words(query: SearchQuery) -> list[Q]:
    """
    The reader's own words analysed without the thesaurus, as a bonus: each synonym is
    scored by its own rarity, so without this a foreign synonym found in two documents
    would outrank the reader's word found in two hundred.
    """
    words = " ".join(query.plain_words)
    if not words:
        return []
    return [
        Q("multi_match", query=words, fields=fields, analyzer=analyzer, boost=3)
        for analyzer, fields in documents.EXACT_FIELDS.items()
    ]


def _filters(query: SearchQuery, viewer: Viewer) -> list[Q]:
    """What every count and hit is limited to: the viewer's rights and the year range."""
    filters = [Q("term", kind="publication"), _visible(viewer)]
    if query.year_from or query.year_to:
        bounds = {}
        if query.year_from:
            bounds["gte"] = query.year_from
        if query.year_to:
            bounds["lte"] = query.year_to
        filters.append(Q("range", year=bounds))
    return filters


def _facet_filters(query: SearchQuery) -> dict[str, Q]:
    """The reader's facet choices, by facet name (several values of one facet: any of them)."""
    return {
        name: Q("terms", **{FACET_FIELDS[name]: list(getattr(query, attribute))})
        for attribute, name in FILTER_FACETS.items()
        if getattr(query, attribute)
    }


def _unique_fragments(highlight: dict, limit: int = 3, per_text: int = 2) -> list[str]:
    """Passages of the marked texts (up to `per_text` of each), the same one once."""
    seen, found = set(), []
    for texts in highlight.values():
        for text in texts:
            for fragment in fragments(text, size=FRAGMENT_SIZE, limit=per_text):
                key = re.sub(r"</?mark>|\s+", "", fragment)
                if key not in seen:
                    seen.add(key)
                    found.append(fragment)
    return found[:limit]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    keeps_index = True

    def _search(self) -> Search:
        return Search(using=documents.client(), index=documents.index_prefix())

    def _answer(self, search: Search) -> dict:
        """
        The engine's answer to a search built with the DSL, as plain data: wrapping every
        hit and bucket in the DSL's response objects cost a third of the Python time of
        a search.
        """
        return documents.client().search(index=documents.index_prefix(), body=search.to_dict()).body

    def _counts(self, query: SearchQuery, viewer: Viewer) -> Search:
        """
        The total and the six facets, nothing scored: every match counted, in filter
        context (no scores to compute; Elasticsearch caches the answer of a request like
        this until the index changes).
        """
        filters = _filters(query, viewer)
        if query.text:
            filters.append(_text_match(query))
        search = self._search().query(Q("bool", filter=filters))
        # Choices within a facet widen the results (Thailand OR Viet Nam), so each facet is
        # counted with every choice but its own; the total with all of them (post_filter).
        chosen = _facet_filters(query)
        if chosen:
            search = search.post_filter(Q("bool", filter=list(chosen.values())))
        for name in FACETS:
            others = [q for facet, q in chosen.items() if facet != name]
            terms = {"field": FACET_FIELDS[name], "size": 200}
            if others:
                search.aggs.bucket(name, "filter", filter=Q("bool", filter=others)).bucket(
                    "values", "terms", **terms
                )
            else:
                search.aggs.bucket(name, "terms", **terms)
        return search.extra(size=0, track_total_hits=True)

    def _hits(self, query: SearchQuery, viewer: Viewer) -> Search:
        """
        The page of hits, scored (highlighted by _highlights). Without a total to count, the engine
        skips the matches that cannot reach the page (the counting is _counts' job).
        Ranked by relevance, the best RESCORE_WINDOW by the match alone are scored again
        with the record's fields and the reader's own words: computed for every match,
        those cost more than the match itself. Sorted by date, the match's score breaks
        ties.
        """
        filters = _filters(query, viewer) + list(_facet_filters(query).values())
        search = self._search()
        if query.text:
            if query.sort == "relevance":
                should = [
                    Q(
                        "multi_match",
                        query=query.text,
                        fields=documents.RANK_FIELDS,
                        type="best_fields",
                    ),
                    *_exact_words(query),
                ]
                if query.reader_language:
                    should.append(
                        Q("term", language={"value": query.reader_language, "boost": 0.5})
                    )
                search = search.query(Q("bool", must=[_text_match(query)], filter=filters))
                search = search.extra(
                    rescore={
                        # Pages beyond the window would be ordered differently from those
                        # in it, so a deep page widens the window to reach it.
                        "window_size": max(RESCORE_WINDOW, query.offset + query.page_size),
                        "query": {"rescore_query": Q("bool", should=should).to_dict()},
                    }
                )
            else:
                # Sorted by date, the score only orders publications of the same date: the
                # match's own will do, and scoring the rank fields on every match (pages
                # included) cost more than the match.
                search = search.query(Q("bool", must=[_text_match(query)], filter=filters))
        else:
            search = search.query(Q("bool", filter=filters))
        if query.sort == "newest" or (query.sort == "relevance" and not query.text):
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        elif query.sort == "oldest":
            search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
        # Not the pages' text (a whole book per hit) nor the body: the hit shows neither.
        search = search.source(excludes=["body", "pages"])
        return search[query.offset : query.offset + query.page_size].extra(track_total_hits=False)

    def _marked(self, query: SearchQuery, ids: list, filters: list[Q], fields: list[str]) -> dict:
        """
        The highlighter's marked texts of these documents (within `filters`), by document
        id: a request that only highlights, so it can run beside another search.
        """
        marked = _highlight(
            self._search()
            .query(Q("bool", filter=[Q("ids", values=ids), *filters]))
            .source(False)
            .extra(track_total_hits=False),
            query,
            fields,
        )[: len(ids)]
        return {
            hit["_id"]: hit.get("highlight", {}) for hit in self._answer(marked)["hits"]["hits"]
        }

    def _highlights(
        self, query: SearchQuery, viewer: Viewer, publication_ids: list[int]
    ) -> dict[int, list[str]]:
        """
        The marked fragments of the shown publications' records, by publication. Asked
        apart from the hits (the highlighter's work is most of the cost of a request), so it
        runs beside the passages of their pages on another core.
        """
        if not query.text or not publication_ids:
            return {}
        filters = [Q("term", kind="publication"), _visible(viewer)]
        marked = self._marked(query, publication_ids, filters, HIGHLIGHT_FIELDS)
        return {int(id_): _unique_fragments(texts) for id_, texts in marked.items() if texts}

    def _page_passages(
        self, query: SearchQuery, viewer: Viewer, publication_ids: list[int]
    ) -> dict[int, list[str]]:
        """
        The best marked passages of the shown publications' pages (up to PAGE_PASSAGES
        each, best first), by publication: the highlighter's own passages of `pages`,
        marked where any analysis matched (matched_fields). Not the whole pages marked:
        a long report with the word on every page would be sent whole, every search.
        """
        if not publication_ids:
            return {}
        filters = [
            Q("ids", values=publication_ids),
            Q("term", kind="publication"),
            _visible(viewer),
        ]
        search = (
            self._search()
            .query(Q("bool", filter=filters))
            .source(False)
            .extra(track_total_hits=False)
            .highlight_options(**PAGE_HIGHLIGHT, highlight_query=_page_highlight_query(query))
            .highlight("pages", matched_fields=documents.PAGE_MARKED_FIELDS)
        )[: len(publication_ids)]
        return {
            int(hit["_id"]): hit["highlight"]["pages"]
            for hit in self._answer(search)["hits"]["hits"]
            if hit.get("highlight", {}).get("pages")
        }

    def _page_hits(
        self, query: SearchQuery, viewer: Viewer, publication_ids: list[int]
    ) -> dict[int, list[PageHit]]:
        """
        Where in the files of the shown publications the words are: up to PAGE_HITS pages
        with every word of the query (a term of every group of database.wanted_terms, the
        database backend's rule), in the order of the file, each with a marked snippet.
        The candidates are the pages of the highlighter's best passages (_page_passages),
        found by the passages' text in the pages kept in the database (page_passages).
        """
        if not query.text or not publication_ids:
            return {}
        # Cutting passages is one thread's work per request: the publications in two
        # halves, at once (a two-core node answers both together).
        half = (len(publication_ids) + 1) // 2
        other = None
        if publication_ids[half:]:
            other = _PARALLEL.submit(self._page_passages, query, viewer, publication_ids[half:])
        try:
            passages = self._page_passages(query, viewer, publication_ids[:half])
            if other is not None:
                passages.update(other.result())
        finally:
            if other is not None:
                other.cancel()
        wanted, _excluded = wanted_terms(query)
        return page_passages.page_hits(
            passages, wanted.groups, limit=PAGE_HITS, same_words=self._same_words
        )

    def _same_words(self, marks: set[str], groups: tuple[frozenset[str], ...]) -> dict:
        """
        The groups each of `marks` holds a word of by English stemming (the highlighter
        marks "recruited" for "recruiting" through `pages_english`; the database backend's
        words do not stem): one `_analyze` of the marks and the groups' terms together.
        """
        marks = list(marks)
        # Each mark, then each group (its terms together), on a line of its own: a
        # token's offset says whose it is.
        items = [*marks, *(" ".join(sorted(group)) for group in groups)]
        starts, text = [], ""
        for item in items:
            starts.append(len(text))
            text += item + "\n"
        tokens = documents.client().indices.analyze(
            index=documents.index_prefix(), analyzer="portal_english", text=text
        )["tokens"]
        stems: list[set[str]] = [set() for _ in items]
        for token in tokens:
            stems[bisect_right(starts, token["start_offset"]) - 1].add(token["token"])
        of_groups = stems[len(marks) :]
        return {
            mark: {number for number, found in enumerate(of_groups) if found & stems[index]}
            for index, mark in enumerate(marks)
        }

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        # Counting every match and scoring the page of hits are separate requests, run at
        # once: the counts on another thread while this one fetches the hits; then the
        # hits' highlights on another thread while this one finds where in their files the
        # words are. A two-core node answers two requests at once; one request uses one.
        counting = _PARALLEL.submit(self._answer, self._counts(query, viewer))
        highlighting = None
        try:
            found = self._answer(self._hits(query, viewer))["hits"]["hits"]
            shown = [int(hit["_id"]) for hit in found]
            highlighting = _PARALLEL.submit(self._highlights, query, viewer, shown)
            page_hits = self._page_hits(query, viewer, shown)
            highlights = highlighting.result()
            counts = counting.result()
            total = counts["hits"]["total"]["value"]
            suggestion = self._suggest(query, viewer) if query.text and not total else ""
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(search_client.describe(error)) from error
        finally:
            counting.cancel()
            if highlighting:
                highlighting.cancel()
        hits = [
            self._hit(hit, highlights.get(int(hit["_id"]), []), page_hits.get(int(hit["_id"]), []))
            for hit in found
        ]
        facets = {}
        for name in FACETS:
            counted = counts["aggregations"][name]
            buckets = counted["values"]["buckets"] if "values" in counted else counted["buckets"]
            facets[name] = facet_values(
                name, {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}, query
            )
        return SearchResults(
            total=total,
            hits=hits,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            backend=self.name,
            suggestion=suggestion,
        )

    def ranked_ids(self, query: SearchQuery, viewer: Viewer, limit: int) -> list[int]:
        search = self._hits(replace(query, page=1, page_size=limit), viewer).source(False)
        try:
            found = self._answer(search)["hits"]["hits"]
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(search_client.describe(error)) from error
        return [int(hit["_id"]) for hit in found]

    def _hit(self, hit: dict, highlights: list[str], page_hits: list[PageHit]) -> SearchHit:
        record = hit["_source"]
        return SearchHit(
            id=int(hit["_id"]),
            title=record.get("title", ""),
            url=record.get("url", ""),
            summary=record.get("summary") or "",
            date=date.fromisoformat(str(record["date"])[:10]) if record.get("date") else None,
            language=record.get("language", ""),
            highlights=highlights,
            page_hits=page_hits,
        )

    def _suggest(self, query: SearchQuery, viewer: Viewer) -> str:
        """
        "Did you mean": words of the closest visible title or summary. A term suggester
        would draw on the whole index, restricted documents included, so the suggestion is
        taken from a fuzzy query that carries the viewer's visibility filter.
        """
        words = " ".join(query.plain_words)
        if not words:
            return ""
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[
                        Q("multi_match", query=words, fields=["title", "summary"], fuzziness="AUTO")
                    ],
                    filter=[Q("term", kind="publication"), _visible(viewer)],
                )
            )
            .highlight(
                "title", "summary", pre_tags=["\x01"], post_tags=["\x02"], number_of_fragments=1
            )
            .source(False)[:1]
        )
        response = search.execute()
        if not response.hits:
            return ""
        marked = []
        for texts in response.hits[0].meta.highlight.to_dict().values():
            for fragment in texts:
                marked.extend(word.lower() for word in _MARKED.findall(fragment))
        suggestion = " ".join(dict.fromkeys(marked))
        return "" if suggestion == words.lower() else suggestion

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[dict]:
        prefix = " ".join(prefix.split())[:100]
        if not prefix:
            return []
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[Q("match", **{"title.prefix": {"query": prefix, "operator": "and"}})],
                    filter=[Q("term", kind="publication"), _visible(viewer)],
                )
            )
            .source(["title", "url"])[:limit]
        )
        try:
            response = search.execute()
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(search_client.describe(error)) from error
        return [{"title": hit.title, "url": hit.url} for hit in response.hits]

    def more_like_this(self, publication_id: int, viewer: Viewer, limit: int = 5) -> list[dict]:
        publication = PublicationPage.objects.filter(pk=publication_id).first()
        if publication is None:
            return []
        # The record's words, looked for in every text field of the others (a word of this
        # title in another's summary or pages counts), thesaurus included.
        words = " ".join(
            filter(None, [publication.title, publication.subtitle, publication.summary])
        )
        alike = Q(
            "more_like_this",
            fields=documents.SIMILARITY_FIELDS,
            like=[words],
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=30,
            minimum_should_match="1",
        )
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[alike],
                    must_not=[Q("ids", values=[str(publication_id)])],
                    filter=[Q("term", kind="publication"), _visible(viewer)],
                )
            )
            .source(["title", "url"])
            .extra(track_total_hits=False)
        )[:limit]
        try:
            response = search.execute()
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(search_client.describe(error)) from error
        return [
            {"id": int(hit.meta.id), "title": hit.title, "url": hit.url} for hit in response.hits
        ]

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
        es = documents.client()
        alias = documents.ensure_index(es)
        # The pages' texts are in the document: those of files since removed go with it.
        documents.bulk_index(es, alias, [publication_source(publication)])

    def rebuild(self, progress=None) -> int:
        """
        Fill a new index with every live publication and swap the alias to it; the current
        index answers until then, and stays if the new one fails (documents.rebuild).
        """
        _name, count, _deleted = documents.rebuild(all_documents(), progress=progress)
        return count

    def remove_publication(self, publication_id: int) -> None:
        es = documents.client()
        if not es.indices.exists_alias(name=documents.index_prefix()):
            return
        with contextlib.suppress(NotFoundError):
            es.delete(index=documents.index_prefix(), id=publication_id)
