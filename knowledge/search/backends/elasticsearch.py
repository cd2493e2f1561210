"""Publication search on Elasticsearch: per-language analysis, thesaurus, facets, highlights."""

from __future__ import annotations

import contextlib
import re
from datetime import date

from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Q, Search
from elasticsearch.helpers import bulk, scan

from knowledge.models import PublicationPage
from knowledge.search import documents
from knowledge.search.backends.base import SearchBackend, SearchUnavailable
from knowledge.search.facets import facet_values
from knowledge.search.indexing import publication_source
from knowledge.search.query import SearchQuery
from knowledge.search.results import FACETS, PageHit, SearchHit, SearchResults
from portal.permissions import Viewer, visibility_keys

FACET_FIELDS = {
    "country": "countries",
    "area": "areas",
    "form": "forms",
    "type": "type",
    "language": "language",
    "year": "year",
}
FILTER_FIELDS = {
    "countries": "countries",
    "areas": "areas",
    "forms": "forms",
    "types": "type",
    "languages": "language",
}
HIGHLIGHT = {
    "encoder": "html",  # the engine escapes the text; only our <mark> tags are markup
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "fragment_size": 160,
    "number_of_fragments": 2,
}
# Snippets come from these fields (and their sub-fields) of the publication document.
HIGHLIGHT_FIELDS = ["title*", "subtitle*", "summary*", "body*"]
# How many pages of a publication's files a hit names.
PAGE_HITS = 3
_MARKED = re.compile(r"\x01(.*?)\x02")
ENGINE_ERRORS = (TransportError, ApiError)


def _visible(viewer: Viewer) -> Q:
    return Q("terms", visibility=sorted(visibility_keys(viewer)))


def _text_query(query: SearchQuery, fields: list[str], **options) -> Q:
    if query.has_operators:
        return Q(
            "simple_query_string",
            query=query.simple_query_string,
            fields=fields,
            default_operator="and",
            flags="AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX",
            lenient=True,
            **options,
        )
    # cross_fields: every word must be found, but not all in the same field (a word in
    # the title and another in the summary is a match).
    return Q(
        "multi_match",
        query=query.text,
        fields=fields,
        type="cross_fields",
        operator="and",
        **options,
    )


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
    filters = [Q("term", kind="publication"), _visible(viewer)]
    for attribute, field in FILTER_FIELDS.items():
        values = getattr(query, attribute)
        if values:
            filters.append(Q("terms", **{field: list(values)}))
    if query.year_from or query.year_to:
        bounds = {}
        if query.year_from:
            bounds["gte"] = query.year_from
        if query.year_to:
            bounds["lte"] = query.year_to
        filters.append(Q("range", year=bounds))
    return filters


def _unique_fragments(highlight: dict, limit: int = 3) -> list[str]:
    seen, fragments = set(), []
    for fragment_list in highlight.values():
        for fragment in fragment_list:
            key = re.sub(r"</?mark>|\s+", "", fragment)
            if key not in seen:
                seen.add(key)
                fragments.append(fragment)
    return fragments[:limit]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    keeps_index = True

    def _search(self) -> Search:
        return Search(using=documents.client(), index=documents.index_prefix())

    def _build(self, query: SearchQuery, viewer: Viewer) -> Search:
        search = self._search()
        filters = _filters(query, viewer)
        if query.text:
            should = _exact_words(query)
            if query.reader_language:
                should.append(Q("term", language={"value": query.reader_language, "boost": 0.5}))
            main = Q(
                "bool",
                must=[_text_query(query, documents.TEXT_FIELDS)],
                should=should,
                filter=filters,
            )
            search = search.query(main).highlight_options(**HIGHLIGHT)
            search = search.highlight(*HIGHLIGHT_FIELDS)
        else:
            search = search.query(Q("bool", filter=filters))
        if query.sort == "newest" or (query.sort == "relevance" and not query.text):
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        elif query.sort == "oldest":
            search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=200)
        search = search.source(excludes=["body"])
        return search[query.offset : query.offset + query.page_size].extra(track_total_hits=True)

    def _page_hits(
        self, query: SearchQuery, viewer: Viewer, publication_ids: list[int]
    ) -> dict[int, list[PageHit]]:
        """
        Where in the files of the shown publications the words are: the best pages of
        each (up to PAGE_HITS), with a highlighted snippet. A second, small search over
        the page documents of just these publications.
        """
        if not query.text or not publication_ids:
            return {}
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[_text_query(query, documents.PAGE_FIELDS)],
                    filter=[
                        Q("term", kind="page"),
                        Q("terms", publication=publication_ids),
                        _visible(viewer),
                    ],
                )
            )
            .highlight_options(**{**HIGHLIGHT, "number_of_fragments": 1})
            .highlight(*documents.PAGE_FIELDS)
            .source(["publication", "number"])
            .extra(track_total_hits=False)
        )[: len(publication_ids) * PAGE_HITS]
        found: dict[int, list[PageHit]] = {}
        for page in search.execute().hits:
            hits = found.setdefault(page.publication, [])
            if len(hits) < PAGE_HITS:
                highlight = page.meta.highlight.to_dict() if "highlight" in page.meta else {}
                fragments = _unique_fragments(highlight, limit=1)
                hits.append(PageHit(number=page.number, snippet=fragments[0] if fragments else ""))
        return found

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        try:
            response = self._build(query, viewer).execute()
            page_hits = self._page_hits(query, viewer, [int(hit.meta.id) for hit in response.hits])
            suggestion = (
                self._suggest(query, viewer) if query.text and not response.hits.total.value else ""
            )
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        hits = [self._hit(hit, page_hits.get(int(hit.meta.id), [])) for hit in response.hits]
        facets = {
            name: facet_values(
                name,
                {
                    str(bucket.key): bucket.doc_count
                    for bucket in response.aggregations[name].buckets
                },
                query,
            )
            for name in FACETS
        }
        return SearchResults(
            total=response.hits.total.value,
            hits=hits,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            backend=self.name,
            suggestion=suggestion,
        )

    def _hit(self, hit, page_hits: list[PageHit]) -> SearchHit:
        meta = hit.meta
        highlight = meta.highlight.to_dict() if "highlight" in meta else {}
        return SearchHit(
            id=int(meta.id),
            title=hit.title,
            url=hit.url,
            summary=hit.summary or "",
            date=date.fromisoformat(str(hit.date)[:10]) if hit.date else None,
            language=hit.language,
            highlights=_unique_fragments(highlight),
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
        for fragments in response.hits[0].meta.highlight.to_dict().values():
            for fragment in fragments:
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
            raise SearchUnavailable(str(error)) from error
        return [{"title": hit.title, "url": hit.url} for hit in response.hits]

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
        # Pages of files since removed must go with the old text.
        self._remove_pages(es, publication_id)
        documents.bulk_index(es, alias, [publication_source(publication)])

    def remove_publication(self, publication_id: int) -> None:
        es = documents.client()
        if not es.indices.exists_alias(name=documents.index_prefix()):
            return
        with contextlib.suppress(NotFoundError):
            es.delete(index=documents.index_prefix(), id=publication_id)
        self._remove_pages(es, publication_id)

    def _remove_pages(self, es, publication_id: int) -> None:
        # By id rather than _delete_by_query, which needs the reindex module.
        alias = documents.index_prefix()
        es.indices.refresh(index=alias)
        stale = scan(
            es,
            index=alias,
            query={
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"kind": "page"}},
                            {"term": {"publication": publication_id}},
                        ]
                    }
                },
                "_source": False,
            },
        )
        bulk(
            es,
            ({"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in stale),
            raise_on_error=False,
        )
