"""Publication search on Elasticsearch: per-language analysis, thesaurus, facets, highlights."""

from __future__ import annotations

import contextlib
import re
from datetime import date

from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Q, Search

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
_MARKED = re.compile(r"\x01(.*?)\x02")
ENGINE_ERRORS = (TransportError, ApiError)


def _visible(viewer: Viewer) -> Q:
    return Q("terms", visibility=sorted(visibility_keys(viewer)))


def _text_query(query: SearchQuery, fields: list[str]) -> Q:
    if query.has_operators:
        return Q(
            "simple_query_string",
            query=query.simple_query_string,
            fields=fields,
            default_operator="and",
            flags="AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX",
            lenient=True,
        )
    return Q("multi_match", query=query.text, fields=fields, type="best_fields", operator="and")


def _filters(query: SearchQuery, viewer: Viewer) -> list[Q]:
    filters = [_visible(viewer)]
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
            pages = Q(
                "nested",
                path="pages",
                score_mode="max",
                query=_text_query(query, documents.PAGE_FIELDS),
                inner_hits={
                    "size": 3,
                    "_source": {"includes": ["pages.number"]},
                    "highlight": {
                        **HIGHLIGHT,
                        "number_of_fragments": 1,
                        "fields": {field: {} for field in documents.PAGE_FIELDS},
                    },
                },
            )
            should = [pages]
            if query.reader_language:
                should.append(Q("term", language={"value": query.reader_language, "boost": 0.5}))
            main = Q(
                "bool",
                must=[Q("bool", should=[_text_query(query, documents.TEXT_FIELDS), pages])],
                should=should[1:],
                filter=filters,
            )
            search = search.query(main).highlight_options(**HIGHLIGHT)
            search = search.highlight("title*", "subtitle*", "summary*", "body*")
        else:
            search = search.query(Q("bool", filter=filters))
        if query.sort == "newest" or (query.sort == "relevance" and not query.text):
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        elif query.sort == "oldest":
            search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=200)
        search = search.source(excludes=["pages", "body"])
        return search[query.offset : query.offset + query.page_size].extra(track_total_hits=True)

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        try:
            response = self._build(query, viewer).execute()
            suggestion = (
                self._suggest(query, viewer) if query.text and not response.hits.total.value else ""
            )
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        hits = [self._hit(hit) for hit in response.hits]
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

    def _hit(self, hit) -> SearchHit:
        meta = hit.meta
        highlight = meta.highlight.to_dict() if "highlight" in meta else {}
        page_hits = []
        inner = getattr(meta, "inner_hits", None)
        if inner is not None and "pages" in inner:
            for page in inner["pages"].hits:
                page_highlight = page.meta.highlight.to_dict() if "highlight" in page.meta else {}
                fragments = _unique_fragments(page_highlight, limit=1)
                page_hits.append(
                    PageHit(number=page.number, snippet=fragments[0] if fragments else "")
                )
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
                    filter=[_visible(viewer)],
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
                    filter=[_visible(viewer)],
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
        es.index(index=alias, id=publication.pk, document=publication_source(publication))

    def remove_publication(self, publication_id: int) -> None:
        es = documents.client()
        if not es.indices.exists_alias(name=documents.index_prefix()):
            return
        with contextlib.suppress(NotFoundError):
            es.delete(index=documents.index_prefix(), id=publication_id)
