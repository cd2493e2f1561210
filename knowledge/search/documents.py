"""
The Elasticsearch index of publications, defined with the DSL, and its lifecycle.

One document per live publication, its PDF pages' texts in it one value per page, so a
hit can say "page 12" (see PublicationIndexDocument). Text fields are analysed several
ways at once: the main field folds case and accents and, where the node has the ICU
plugin, segments Khmer, Lao, Burmese, Thai and Chinese into words; sub-fields add English
stemming, the Thai dictionary tokenizer and CJK bigrams — on the record's short texts
always, on the large ones (`all_text`, `pages`) only in their own language
(LANGUAGE_ANALYSES: every page was analysed ten times before, which was the rebuild's
time). The thesaurus (thesaurus.csv) makes terms in one language find texts in another:
in the `concepts` analysis of `all_text` and `pages` (which queries match on), and of the
record's texts (which the highlighter marks), every term of a concept gets
that concept's one word beside its own words when indexing, and becomes that word when
searching. Only the re-ranking of the best matches applies it as search-time synonyms.

Without the ICU plugin (`COMMIT_SEARCH_ICU = False`, or detected by `_analyze` when the
setting is None) the main field falls back to the standard tokenizer with ASCII folding:
Thai publications still get the Thai analysis and Chinese ones the CJK one, but Khmer,
Lao and Burmese are matched only as whole runs of text between spaces.

The index has a versioned name (`<prefix>-<timestamp>`) behind an alias (`<prefix>`):
a rebuild fills a new index while the old one serves, then swaps the alias atomically.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import islice

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, MetaField, Text
from elasticsearch.helpers import bulk

from knowledge.search.thesaurus import concept_index_rules, concept_rules, synonym_rules
from portal import search_client

logger = logging.getLogger(__name__)

DEFAULT_INDEX_PREFIX = "commit-publications"
BULK_CHUNK = 200
# Bulk requests in flight at once while filling an index (one per core of a small node).
BULK_THREADS = 2
# Queries must answer quickly or fall back; filling or merging an index may take minutes.
MAINTENANCE_TIMEOUT = 300


def index_prefix() -> str:
    return getattr(settings, "COMMIT_SEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX).lower()


def client() -> Elasticsearch:
    """The shared client for the configured cluster (credentials, TLS: portal.search_client)."""
    return search_client.client()


# Analysis -----------------------------------------------------------------------------


def node_has_icu(es: Elasticsearch) -> bool:
    """Whether the node can segment with ICU: the setting, or one `_analyze` call."""
    configured = getattr(settings, "COMMIT_SEARCH_ICU", None)
    if configured is not None:
        return bool(configured)
    try:
        es.indices.analyze(tokenizer="icu_tokenizer", filter=["icu_folding"], text="ທົດລອງ")
    except Exception:
        logger.warning(
            "Elasticsearch has no analysis-icu plugin: Khmer, Lao and Burmese search is reduced. "
            "Install it (bin/elasticsearch-plugin install analysis-icu) and rebuild the index."
        )
        return False
    return True


def analysis_settings(icu: bool) -> dict:
    """Analyzers of the index. Search analyzers add the thesaurus before any stemming."""
    if icu:
        main_tokenizer, main_filters = "icu_tokenizer", ["icu_folding"]
    else:
        main_tokenizer, main_filters = "standard", ["lowercase", "asciifolding"]
    english = ["lowercase", "asciifolding"]
    return {
        "filter": {
            "portal_thesaurus": {
                "type": "synonym_graph",
                "synonyms": list(synonym_rules()),
                "expand": True,
                # A rule the chain cannot analyse (a term that is all stop words) is skipped
                # instead of failing the whole index.
                "lenient": True,
            },
            "portal_concepts": {
                "type": "synonym_graph",
                "synonyms": list(concept_rules()),
                "lenient": True,
            },
            "portal_concepts_index": {
                "type": "synonym_graph",
                "synonyms": list(concept_index_rules()),
                "lenient": True,
            },
            "portal_prefix": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
            # English plurals only ("mechanisms" is "mechanism"), as the database backend
            # folds them: a query "referral mechanisms" then meets the thesaurus term
            # "referral mechanism", and so the reports in the other languages.
            "portal_plural": {"type": "stemmer", "language": "minimal_english"},
        },
        "analyzer": {
            "portal_text": {"tokenizer": main_tokenizer, "filter": main_filters},
            "portal_text_search": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_thesaurus"],
            },
            # A thesaurus term gets its concept's one word beside its own words when
            # indexing, and is replaced by that word when searching. No flatten_graph
            # after the index rules: their only side path is the concept's one word over
            # the term's own words, which the index stores at the same positions and
            # offsets flattened or not (tests/search/test_concepts_analysis.py), and
            # flattening was 40 % of this analysis's time, the largest of a rebuild.
            "portal_concepts": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_plural", "portal_concepts_index"],
            },
            "portal_concepts_search": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_plural", "portal_concepts"],
            },
            # The reader's own words as the concepts analysis indexes them, without the
            # thesaurus: for the exact-words bonus on all_text, which has no main analysis.
            "portal_concepts_exact": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_plural"],
            },
            "portal_english": {"tokenizer": "standard", "filter": [*english, "porter_stem"]},
            "portal_english_search": {
                "tokenizer": "standard",
                "filter": [*english, "portal_thesaurus", "porter_stem"],
            },
            "portal_thai": {"tokenizer": "thai", "filter": ["lowercase"]},
            "portal_thai_search": {
                "tokenizer": "thai",
                "filter": ["lowercase", "portal_thesaurus"],
            },
            "portal_cjk": {
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "cjk_bigram"],
            },
            "portal_prefix": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_prefix"],
            },
            "portal_prefix_search": {"tokenizer": main_tokenizer, "filter": main_filters},
        },
    }


def multilingual_text(
    *,
    prefix: bool = False,
    offsets: bool = False,
    concepts: bool = False,
    languages: bool = True,
    **extra,
) -> Text:
    """
    A text field analysed every way at once. `offsets` stores where each word is, so the
    highlighter reads the postings instead of analysing the text again for every hit.
    Without `languages`, no English, Thai and CJK sub-fields: the large texts get those
    analyses only in their own language (LANGUAGE_ANALYSES).
    """
    options = {"index_options": "offsets"} if offsets else {}
    fields = {}
    if languages:
        fields = {
            "english": Text(
                analyzer="portal_english", search_analyzer="portal_english_search", **options
            ),
            "thai": Text(analyzer="portal_thai", search_analyzer="portal_thai_search", **options),
            "cjk": Text(analyzer="portal_cjk", **options),
        }
    if concepts:
        fields["concepts"] = Text(
            analyzer="portal_concepts", search_analyzer="portal_concepts_search", **options
        )
    if prefix:
        fields["prefix"] = Text(analyzer="portal_prefix", search_analyzer="portal_prefix_search")
    if extra.get("index") is False:
        # Only the sub-fields are built (and read).
        options = {}
    return Text(
        analyzer="portal_text",
        search_analyzer="portal_text_search",
        fields=fields,
        **options,
        **extra,
    )


# The analyses a large text (all of a publication's record texts; its pages) gets only
# when it is in a language they serve: English stemming for Latin-script text, the Thai
# dictionary tokenizer for Thai, CJK bigrams for Chinese. The concepts analysis reads every
# language. Running all five on every text made each page of text analysed ten times: the
# rebuild's time, and twice the index.
LANGUAGE_ANALYSES = {"en": "english", "vi": "english", "th": "thai", "zh-hans": "cjk"}
ROUTED_ANALYSES = ("english", "thai", "cjk")
# The record's texts, copied into all_text (and its language's analysis) for matching.
RECORD_TEXTS = ("title", "subtitle", "summary", "body", "authors", "publisher")


def _language_analysis(name: str, *, offsets: bool = False) -> Text:
    """A text (or texts: the gap keeps a phrase within one) in one language's analysis."""
    options = {"index_options": "offsets"} if offsets else {}
    return Text(analyzer=f"portal_{name}", position_increment_gap=100, **options)


# Documents ------------------------------------------------------------------------------


class PublicationIndexDocument(Document):
    """
    A live publication as the engine sees it; `visibility` decides who may find it.

    Every text of the record is also copied into `all_text`, analysed the ways a query
    matches (MATCH_ANALYSES: the concepts analysis, and English, Thai or CJK in the
    publication's language): a query matches on those fields instead of the analyses of
    each of seven texts (28 fields of postings to merge for every word and synonym), and
    the texts' own fields only add to the score of what matched.

    The text of its PDF pages is `pages`, one value per page, analysed once: in the
    concepts analysis (and its language's, `pages_<analysis>`), with offsets so the
    highlighter marks it from the postings. A query matches across `all_text` and `pages`
    (each word in either), and the highlighter's passages of `pages` say on which page the
    words are (backends.elasticsearch._page_hits). Each page was once also a document of
    its own, which analysed the page text twice: most of a rebuild's time.
    """

    kind = Keyword()
    title = multilingual_text(prefix=True, offsets=True, concepts=True, copy_to="all_text")
    subtitle = multilingual_text(offsets=True, concepts=True, copy_to="all_text")
    summary = multilingual_text(offsets=True, concepts=True, copy_to="all_text")
    body = multilingual_text(offsets=True, concepts=True, copy_to="all_text")
    authors = multilingual_text(copy_to="all_text")
    publisher = multilingual_text(copy_to="all_text")
    # In a language with an analysis of its own, the record's texts once more, for
    # all_text_<analysis> (engine_source).
    record_english = Text(index=False, copy_to="all_text_english")
    record_thai = Text(index=False, copy_to="all_text_thai")
    record_cjk = Text(index=False, copy_to="all_text_cjk")
    # Only in the concepts analysis (and the language ones below): the main analysis of
    # every text of a publication was a fifth of a rebuild's time, and served only the
    # exact-words bonus and "more like this", which read the concepts analysis now (its
    # words are the main analysis's, English plurals folded, beside the concept words).
    # Its default position gap (100) keeps a phrase from spanning two texts.
    all_text = multilingual_text(concepts=True, languages=False, index=False)
    all_text_english = _language_analysis("english")
    all_text_thai = _language_analysis("thai")
    all_text_cjk = _language_analysis("cjk")
    # The PDF pages' texts, one value per page (the gap keeps a phrase within a page).
    pages = Text(
        analyzer="portal_concepts",
        search_analyzer="portal_concepts_search",
        index_options="offsets",
        position_increment_gap=100,
    )
    # The same pages in their language's analysis (engine_source), not kept in _source:
    # marked through `pages` (matched_fields), so with offsets as well.
    pages_english = _language_analysis("english", offsets=True)
    pages_thai = _language_analysis("thai", offsets=True)
    pages_cjk = _language_analysis("cjk", offsets=True)
    # How many pages `pages` holds (search_index --status sums it).
    page_count = Integer()
    tags = Keyword(multi=True)
    url = Keyword(index=False)
    date = Date()
    year = Integer()
    # Facets: global ordinals built when the index refreshes, not by the first query after.
    language = Keyword(eager_global_ordinals=True)
    countries = Keyword(multi=True, eager_global_ordinals=True)
    areas = Keyword(multi=True, eager_global_ordinals=True)
    forms = Keyword(multi=True, eager_global_ordinals=True)
    type = Keyword(eager_global_ordinals=True)
    # portal.permissions.object_visibility_keys(publication): a query must carry
    # visibility_keys(viewer) as a terms filter, so results, facet counts and suggestions
    # never include what the viewer may not see.
    visibility = Keyword(multi=True)

    class Meta:
        # The page text is kept once, in `pages`; the copies made for the language
        # analyses are not kept at all.
        source = MetaField(excludes=["record_*", "pages_*"])
        # A field the index was built without is kept in _source but not indexed: an index
        # built before a mapping change is not given a field analysed the wrong way by an
        # update, and search_index --status goes on naming what it lacks until rebuilt.
        dynamic = MetaField(False)


# What a query must match: every word (or its thesaurus concept) somewhere in the record
# or the pages, in one of these analyses (MATCH_FIELDS; the analyzer the query is read
# with). Only the concepts analysis applies the thesaurus, as
# single concept words; with the thesaurus as search-time synonyms in every analysis,
# each synonym became a phrase query per field, and matching them was most of a search's
# cost at 100,000 publications.
MATCH_ANALYSES = {
    "concepts": "portal_concepts_search",
    "english": "portal_english",
    "thai": "portal_thai",
    "cjk": "portal_cjk",
}


def analysis_field(base: str, analysis: str) -> str:
    """Where `base` (all_text or pages) is indexed with `analysis`."""
    if analysis in ROUTED_ANALYSES:
        return f"{base}_{analysis}"
    return "pages" if base == "pages" else f"{base}.{analysis}"


# The fields each analysis matches on: the record's texts and the pages.
MATCH_FIELDS = {
    analysis: [analysis_field("all_text", analysis), analysis_field("pages", analysis)]
    for analysis in MATCH_ANALYSES
}
# The fields whose matches the highlighter marks in the pages' text (matched_fields).
PAGE_MARKED_FIELDS = [analysis_field("pages", analysis) for analysis in MATCH_ANALYSES]


# What the highlighter marks in a text: the query read as concepts in the text's concepts
# analysis (a thesaurus term in any language marks the term of the same concept in the
# text; a word inside a thesaurus term is kept beside the concept's word, and marked).
# Term lookups in postings with offsets: the thesaurus as search-time synonyms was phrase
# queries highlighted hit by hit, half the time of a search; the main analysis as well,
# joined with matched_fields, three times the cost of the concepts alone.
HIGHLIGHT_ANALYSIS = ("concepts", "portal_concepts_search")
# Where a match counts for more: the words in the record itself.
RANK_FIELDS = [
    "title^3",
    "title.english^3",
    "title.thai^3",
    "title.cjk^2",
    "subtitle^2",
    "subtitle.english^2",
    "summary^2",
    "summary.english^2",
    "summary.thai^2",
    "summary.cjk",
]
# The reader's own words, without the thesaurus: a match on them ranks above a synonym's.
EXACT_FIELDS = {
    "portal_text": ["title^3", "summary^2"],
    "portal_concepts_exact": ["all_text.concepts", "pages"],
    "portal_english": ["title.english^3", "summary.english^2", "all_text_english", "pages_english"],
}
# "More like this" looks for a publication's record words in these fields of the others.
SIMILARITY_FIELDS = [
    "title",
    "title.english",
    "summary",
    "summary.english",
    "all_text.concepts",
    "all_text_english",
    "pages",
    "pages_english",
]


# Lifecycle ------------------------------------------------------------------------------


def replicas() -> int:
    return getattr(settings, "COMMIT_SEARCH_REPLICAS", 0)


def new_index(es: Elasticsearch, *, bulk_load: bool = False) -> Index:
    """
    A fresh, empty, versioned index (not yet behind the alias). For a `bulk_load`, without
    replicas or refreshes: every document is analysed once, on one node, into segments
    nobody reads until `finish_bulk_load`.
    """
    name = f"{index_prefix()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index = Index(name, using=es)
    index.settings(
        number_of_shards=1,
        number_of_replicas=0 if bulk_load else replicas(),
        analysis=analysis_settings(node_has_icu(es)),
        # A bulk load is not written to disk request by request: if it fails, the new
        # index is deleted and the old one goes on answering.
        **({"refresh_interval": "-1", "translog.durability": "async"} if bulk_load else {}),
    )
    index.document(PublicationIndexDocument)
    index.create()
    return index


def indices_behind_alias(es: Elasticsearch) -> list[str]:
    try:
        return sorted(es.indices.get_alias(name=index_prefix()).body)
    except NotFoundError:
        return []


def point_alias_at(es: Elasticsearch, name: str) -> list[str]:
    """Swap the alias to `name` in one atomic step; returns the indices it left."""
    alias = index_prefix()
    previous = [old for old in indices_behind_alias(es) if old != name]
    actions = [{"remove": {"index": old, "alias": alias}} for old in previous]
    actions.append({"add": {"index": name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    return previous


def _field_paths(properties: dict, prefix: str = "") -> set[str]:
    paths = set()
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        paths.add(path)
        paths |= _field_paths(spec.get("properties", {}), f"{path}.")
        paths |= _field_paths(spec.get("fields", {}), f"{path}.")
    return paths


def missing_fields(es: Elasticsearch, name: str) -> list[str]:
    """
    Fields and analysis parts (analyzers, filters) of the code that index `name` was built
    without: an index built before a mapping change answers without them (no concept
    matches, no highlights) until rebuilt.
    """
    expected = _field_paths(PublicationIndexDocument._doc_type.mapping.to_dict()["properties"])
    mapping = es.indices.get_mapping(index=name)[name]["mappings"]
    missing = sorted(expected - _field_paths(mapping.get("properties", {})))
    analysis = es.indices.get_settings(index=name)[name]["settings"]["index"].get("analysis", {})
    for part, names in analysis_settings(icu=False).items():
        missing += sorted(f"{part} {n}" for n in set(names) - set(analysis.get(part, {})))
    return missing


def ensure_index(es: Elasticsearch) -> str:
    """The alias, creating an empty index behind it the first time."""
    alias = index_prefix()
    if not es.indices.exists_alias(name=alias):
        if es.indices.exists(index=alias):
            raise RuntimeError(
                f"'{alias}' is a concrete index, not an alias (documents indexed before the "
                f"index existed?). Delete it and run `manage.py search_index --rebuild`."
            )
        index = new_index(es)
        point_alias_at(es, index._name)
    return alias


def engine_source(source: dict) -> dict:
    """
    A publication's document (indexing.publication_source) as the index takes it: its
    pages' texts (`fulltext`) as `pages`; in a language with an analysis of its own
    (LANGUAGE_ANALYSES), the pages and the record's texts also to that analysis's fields.
    """
    routed = dict(source)
    routed["pages"] = routed.pop("fulltext", [])
    routed["page_count"] = len(routed["pages"])
    analysis = LANGUAGE_ANALYSES.get(source.get("language") or "")
    if analysis is not None:
        routed[f"pages_{analysis}"] = routed["pages"]
        routed[f"record_{analysis}"] = [source[name] for name in RECORD_TEXTS if source.get(name)]
    return routed


def _actions(index_name: str, documents: list[dict]) -> Iterator[dict]:
    for document in documents:
        yield {
            "_index": index_name,
            "_id": document["id"],
            "_source": engine_source(document["source"]),
        }


def bulk_index(
    es: Elasticsearch,
    index_name: str,
    documents: Iterable[dict],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """
    Index `documents` (from indexing.publication_source: a publication, its pages' texts in it)
    into `index_name`; returns how many publications. Chunks are read here and sent
    BULK_THREADS at a time: the engine analyses one request per core, so one request at
    a time leaves all but one core idle while a large index fills.
    """
    done = 0
    in_flight: deque[tuple[Future, int]] = deque()

    def settle(limit: int) -> None:
        nonlocal done
        while len(in_flight) > limit:
            sent, count = in_flight.popleft()
            sent.result()  # raises the bulk error, if any
            done += count
            if progress:
                progress(count)

    remaining = iter(documents)
    chunks = iter(lambda: list(islice(remaining, BULK_CHUNK)), [])
    with ThreadPoolExecutor(max_workers=BULK_THREADS, thread_name_prefix="bulk") as senders:
        for chunk in chunks:
            actions = list(_actions(index_name, chunk))
            in_flight.append((senders.submit(_send, es, actions), len(chunk)))
            settle(BULK_THREADS)
        settle(0)
    return done


def _send(es: Elasticsearch, actions: list[dict]) -> None:
    bulk(es, actions, chunk_size=len(actions) or 1, refresh=False)


def finish_bulk_load(es: Elasticsearch, name: str) -> None:
    """The default refresh and the configured replicas back, searchable, replicas copied."""
    es.indices.put_settings(
        index=name,
        settings={
            "refresh_interval": None,
            "number_of_replicas": replicas(),
            "translog.durability": "request",
        },
    )
    # Searches are served by the primary while the replicas copy its finished segments.
    es.indices.refresh(index=name)


def rebuild(
    documents: Iterable[dict], *, progress: Callable[[int], None] | None = None
) -> tuple[str, int, list[str]]:
    """
    Fill a new index with `documents`, swap the alias to it, delete the old ones.
    Returns (new index, documents indexed, deleted indices). The old index keeps answering
    queries until the swap.
    """
    es = client().options(request_timeout=MAINTENANCE_TIMEOUT)
    alias = index_prefix()
    if es.indices.exists(index=alias) and not es.indices.exists_alias(name=alias):
        raise RuntimeError(f"'{alias}' is a concrete index, not an alias: delete it first.")
    index = new_index(es, bulk_load=True)
    try:
        count = bulk_index(es, index._name, documents, progress=progress)
        finish_bulk_load(es, index._name)
    except Exception:
        # Never half-built behind the alias: the old index goes on answering.
        es.indices.delete(index=index._name, ignore_unavailable=True)
        raise
    previous = point_alias_at(es, index._name)
    for old in previous:
        es.indices.delete(index=old, ignore_unavailable=True)
    return index._name, count, previous
