"""
The Elasticsearch index of publications, defined with the DSL, and its lifecycle.

One document per live publication; the text of each page of its PDF files is a nested
object so a hit can say "page 12". Text fields are analysed several ways at once: the
main field folds case and accents and, where the node has the ICU plugin, segments
Khmer, Lao, Burmese, Thai and Chinese into words; sub-fields add English stemming, the
Thai dictionary tokenizer and CJK bigrams. At search time the thesaurus (thesaurus.csv)
is applied as a synonym_graph filter, so terms in one language find texts in another.

Without the ICU plugin (`COMMIT_SEARCH_ICU = False`, or detected by `_analyze` when the
setting is None) the main field falls back to the standard tokenizer with ASCII folding:
Thai still gets the thai sub-field and Chinese the cjk one, but Khmer, Lao and Burmese
are matched only as whole runs of text between spaces.

The index has a versioned name (`<prefix>-<timestamp>`) behind an alias (`<prefix>`):
a rebuild fills a new index while the old one serves, then swaps the alias atomically.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, MetaField, Text
from elasticsearch.helpers import bulk

from knowledge.search.thesaurus import synonym_rules

logger = logging.getLogger(__name__)

DEFAULT_INDEX_PREFIX = "commit-publications"
BULK_CHUNK = 200
# Queries must answer quickly or fall back; filling or merging an index may take minutes.
MAINTENANCE_TIMEOUT = 300


def index_prefix() -> str:
    return getattr(settings, "COMMIT_SEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX).lower()


@functools.cache
def _client_for(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def client() -> Elasticsearch:
    """The client for ELASTICSEARCH_URL (one per URL, shared by threads)."""
    if not settings.ELASTICSEARCH_URL:
        raise RuntimeError("ELASTICSEARCH_URL is not set: the Elasticsearch backend needs a node.")
    return _client_for(settings.ELASTICSEARCH_URL, getattr(settings, "COMMIT_SEARCH_TIMEOUT", 5))


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
            "portal_prefix": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
        },
        "analyzer": {
            "portal_text": {"tokenizer": main_tokenizer, "filter": main_filters},
            "portal_text_search": {
                "tokenizer": main_tokenizer,
                "filter": [*main_filters, "portal_thesaurus"],
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


def multilingual_text(*, prefix: bool = False, offsets: bool = False, **extra) -> Text:
    """
    A text field analysed every way at once. `offsets` stores where each word is, so the
    highlighter reads the postings instead of analysing the text again for every hit.
    """
    options = {"index_options": "offsets"} if offsets else {}
    fields = {
        "english": Text(
            analyzer="portal_english", search_analyzer="portal_english_search", **options
        ),
        "thai": Text(analyzer="portal_thai", search_analyzer="portal_thai_search", **options),
        "cjk": Text(analyzer="portal_cjk", **options),
    }
    if prefix:
        fields["prefix"] = Text(analyzer="portal_prefix", search_analyzer="portal_prefix_search")
    return Text(
        analyzer="portal_text",
        search_analyzer="portal_text_search",
        fields=fields,
        **options,
        **extra,
    )


# Documents ------------------------------------------------------------------------------


class PublicationIndexDocument(Document):
    """
    One index, two kinds of document. A live publication ("publication") as the engine
    sees it, with the text of all its PDF pages in `fulltext` for matching; and each PDF
    page ("page": `publication`, `number`, `text`), searched only to say where in the
    file the words are. `visibility` on both decides who may find them.
    """

    kind = Keyword()
    title = multilingual_text(prefix=True)
    subtitle = multilingual_text()
    summary = multilingual_text()
    body = multilingual_text()
    authors = multilingual_text()
    publisher = multilingual_text()
    tags = Keyword(multi=True)
    # One value per page; the position gap keeps a phrase from spanning two pages.
    fulltext = multilingual_text(position_increment_gap=100)
    url = Keyword(index=False)
    date = Date()
    year = Integer()
    language = Keyword()
    countries = Keyword(multi=True)
    areas = Keyword(multi=True)
    forms = Keyword(multi=True)
    type = Keyword()
    # portal.permissions.object_visibility_keys(publication): a query must carry
    # visibility_keys(viewer) as a terms filter, so results, facet counts and suggestions
    # never include what the viewer may not see.
    visibility = Keyword(multi=True)
    # Page documents.
    publication = Integer()
    number = Integer()
    file = Keyword(index=False)
    text = multilingual_text(offsets=True)

    class Meta:
        # The page text is kept once, in the page documents; the publication only needs
        # `fulltext` indexed.
        source = MetaField(excludes=["fulltext"])


TEXT_FIELDS = [
    "title^3",
    "title.english^3",
    "title.thai^3",
    "title.cjk^2",
    "subtitle^2",
    "subtitle.english^2",
    "subtitle.thai^2",
    "subtitle.cjk",
    "summary^2",
    "summary.english^2",
    "summary.thai^2",
    "summary.cjk",
    "body",
    "body.english",
    "body.thai",
    "body.cjk",
    "authors",
    "publisher",
    "fulltext",
    "fulltext.english",
    "fulltext.thai",
    "fulltext.cjk",
]
# The reader's own words, without the thesaurus: a match on them ranks above a synonym's.
EXACT_FIELDS = {
    "portal_text": ["title^3", "summary^2", "fulltext"],
    "portal_english": ["title.english^3", "summary.english^2", "fulltext.english"],
}
PAGE_FIELDS = ["text", "text.english", "text.thai", "text.cjk"]
# "More like this" looks for a publication's record words in these fields of the others.
SIMILARITY_FIELDS = [
    "title",
    "title.english",
    "summary",
    "summary.english",
    "body",
    "fulltext",
    "fulltext.english",
]


# Lifecycle ------------------------------------------------------------------------------


def new_index(es: Elasticsearch) -> Index:
    """A fresh, empty, versioned index (not yet behind the alias)."""
    name = f"{index_prefix()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index = Index(name, using=es)
    index.settings(
        number_of_shards=1,
        number_of_replicas=getattr(settings, "COMMIT_SEARCH_REPLICAS", 0),
        analysis=analysis_settings(node_has_icu(es)),
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


def _actions(index_name: str, documents: list[dict]) -> Iterator[dict]:
    for document in documents:
        yield {"_index": index_name, "_id": document["id"], "_source": document["source"]}
        for page in document.get("pages", ()):
            yield {"_index": index_name, "_id": page["id"], "_source": page["source"]}


def bulk_index(
    es: Elasticsearch,
    index_name: str,
    documents: Iterable[dict],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """
    Index `documents` (from indexing.publication_source: a publication and its pages)
    into `index_name`; returns how many publications.
    """
    done = 0
    chunk: list[dict] = []

    def flush():
        nonlocal done
        bulk(es, _actions(index_name, chunk), chunk_size=BULK_CHUNK * 4, refresh=False)
        done += len(chunk)
        if progress:
            progress(len(chunk))
        chunk.clear()

    for document in documents:
        chunk.append(document)
        if len(chunk) >= BULK_CHUNK:
            flush()
    if chunk:
        flush()
    return done


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
    index = new_index(es)
    try:
        # No refreshes while filling an index nobody reads yet; the default comes back after.
        es.indices.put_settings(index=index._name, settings={"refresh_interval": "-1"})
        count = bulk_index(es, index._name, documents, progress=progress)
        es.indices.put_settings(index=index._name, settings={"refresh_interval": None})
        es.indices.refresh(index=index._name)
    except Exception:
        es.indices.delete(index=index._name, ignore_unavailable=True)
        raise
    previous = point_alias_at(es, index._name)
    for old in previous:
        es.indices.delete(index=old, ignore_unavailable=True)
    return index._name, count, previous
