"""
Relevance: a judged query set in every language, scored as recall@10 per language.

`judgements.csv` lists, per language, queries typed the way a reader would type them and
the publications that must appear among the first ten results. `relevance_corpus.csv` is
the library they are judged against: about ninety short publications in the seven
languages on overlapping themes, with distractors that share words with the queries.
Both files are meant to be extended by the secretariat's librarians: a new judged query
is one line; `relevant` holds slugs separated by "|".

Recall@10 of a language is the mean, over its queries, of (judged publications found in
the top ten) / (judged publications). Elasticsearch must reach 0.95 in every language;
the database backend 0.85 (`pytest -s` or `-rA` shows both tables; `make bench` prints
them). nDCG@10 is reported beside it: the same judgements, counting how high the judged
publications stand (each judged publication is equally relevant).
"""

from __future__ import annotations

import csv
import math
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from wagtail.models import Locale, Page

from home.models import HomePage
from knowledge.actions import do_extract_publication_text, do_store_document_bytes
from knowledge.models import LibraryIndexPage, PublicationDocument, PublicationPage
from knowledge.sample_pdfs import latin_pdf, text_layer_pdf
from knowledge.search import documents
from knowledge.search.backends import DATABASE_BACKEND, ELASTICSEARCH_BACKEND, get_search_backend
from knowledge.search.indexing import all_documents
from knowledge.search.query import SearchQuery
from portal import search_client
from portal.permissions import ANONYMOUS

HERE = Path(__file__).parent
CORPUS_PATH = HERE / "relevance_corpus.csv"
JUDGEMENTS_PATH = HERE / "judgements.csv"
TOP = 10
REQUIRED_RECALL = 0.95
REQUIRED_DATABASE_RECALL = 0.85
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Judgement:
    language: str
    query: str
    relevant: tuple[str, ...]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def split_cell(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


CORPUS = read_rows(CORPUS_PATH)
JUDGEMENTS = [
    Judgement(row["language"], row["query"], split_cell(row["relevant"]))
    for row in read_rows(JUDGEMENTS_PATH)
]


# The judged set itself ------------------------------------------------------------------


def test_every_language_has_judged_queries_about_publications_that_exist():
    slugs = [row["slug"] for row in CORPUS]
    assert len(slugs) == len(set(slugs)), "a slug appears twice in relevance_corpus.csv"
    assert {row["language"] for row in CORPUS} <= set(LANGUAGES)
    problems = []
    for judgement in JUDGEMENTS:
        unknown = set(judgement.relevant) - set(slugs)
        if judgement.language not in LANGUAGES:
            problems.append(f"{judgement.query!r}: unknown language {judgement.language!r}")
        if not judgement.query or not judgement.relevant:
            problems.append(f"{judgement.query!r}: a query and at least one slug are needed")
        if unknown:
            problems.append(f"{judgement.query!r}: no publication {sorted(unknown)}")
        if len(judgement.relevant) > TOP:
            problems.append(f"{judgement.query!r}: more than {TOP} judged publications")
    assert not problems, "\n".join(problems)
    per_language = defaultdict(int)
    for judgement in JUDGEMENTS:
        per_language[judgement.language] += 1
    thin = [language for language in LANGUAGES if per_language[language] < 5]
    assert not thin, f"every language needs at least five judged queries: {dict(per_language)}"


# The library, built once for the module -------------------------------------------------


def _pdf(language: str, pages: tuple[str, ...]) -> bytes:
    return latin_pdf(list(pages)) if language == "en" else text_layer_pdf(list(pages))


def _publish_corpus(library: LibraryIndexPage) -> dict[int, str]:
    """
    Live publication pages with the fields the index reads, and the text of their PDFs
    extracted by the library's own action. Not through do_save_publication: its revision,
    publish and log steps cost a quarter of a second a publication and change nothing
    the search sees.
    """
    slugs_by_id = {}
    for row in CORPUS:
        page = PublicationPage(
            slug=row["slug"], title=row["title"], summary=row["summary"], language=row["language"]
        )
        pages = split_cell(row["pages"])
        if pages:
            document = do_store_document_bytes(
                f"{row['slug']}.pdf", _pdf(row["language"], pages), title=row["title"]
            )
            page.documents = [
                PublicationDocument(
                    document=document, label="Full report", language=row["language"]
                )
            ]
        library.add_child(instance=page)
        if pages:
            do_extract_publication_text(page.pk)
        slugs_by_id[page.pk] = row["slug"]
    return slugs_by_id


@pytest.fixture(scope="module")
def relevance_library(django_db_setup, django_db_blocker, tmp_path_factory):
    """
    The corpus, in a transaction rolled back after the module so that other modules never
    see it. Returns {publication id: slug}.
    """
    media = tmp_path_factory.mktemp("relevance-media")
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            # Indexing one by one would cost a request per publication: the engine's index
            # is built in one rebuild below, so creating the pages here must not touch it.
            with override_settings(MEDIA_ROOT=str(media), COMMIT_SEARCH_BACKEND=DATABASE_BACKEND):
                locale, _created = Locale.objects.get_or_create(
                    language_code=settings.LANGUAGE_CODE
                )
                home = Page.get_first_root_node().add_child(
                    instance=HomePage(
                        title="Relevance", slug="relevance-home", locale=locale, hero_title="Hi"
                    )
                )
                library = home.add_child(
                    instance=LibraryIndexPage(title="Research library", slug="library")
                )
                library.save_revision().publish()
                slugs_by_id = _publish_corpus(library)
            yield slugs_by_id
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def relevance_index(relevance_library):
    """A throw-away Elasticsearch index of the corpus, built by the rebuild path."""
    prefix = f"relevance-test-{uuid.uuid4().hex[:10]}"
    with override_settings(
        COMMIT_SEARCH_BACKEND=ELASTICSEARCH_BACKEND, COMMIT_SEARCH_INDEX_PREFIX=prefix
    ):
        try:
            _name, count, _previous = documents.rebuild(all_documents())
            assert count == len(CORPUS)
            yield relevance_library
        finally:
            search_client.delete_indices(documents.client(), f"{prefix}-*")


# Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    judgement: Judgement
    top: tuple[str, ...]

    @property
    def found(self) -> tuple[str, ...]:
        return tuple(slug for slug in self.judgement.relevant if slug in self.top)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(slug for slug in self.judgement.relevant if slug not in self.top)

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.judgement.relevant)

    @property
    def ndcg(self) -> float:
        """Discounted gain of the judged publications where they stand, over the best order."""
        gain = sum(
            1 / math.log2(rank + 2)
            for rank, slug in enumerate(self.top)
            if slug in self.judgement.relevant
        )
        best = sum(
            1 / math.log2(rank + 2) for rank in range(min(len(self.judgement.relevant), TOP))
        )
        return gain / best


def run_judgements(backend_path: str, slugs_by_id: dict[int, str]) -> list[Outcome]:
    backend = get_search_backend(backend_path)
    outcomes = []
    for judgement in JUDGEMENTS:
        # The reader's interface language is the language they type in.
        query = SearchQuery(text=judgement.query, page_size=TOP, reader_language=judgement.language)
        results = backend.search(query, ANONYMOUS)
        top = tuple(slugs_by_id.get(hit.id, f"#{hit.id}") for hit in results.hits[:TOP])
        outcomes.append(Outcome(judgement, top))
    return outcomes


def recall_by_language(outcomes: list[Outcome], measure: str = "recall") -> dict[str, float]:
    """The mean of `measure` ("recall" or "ndcg") over each language's queries."""
    by_language = defaultdict(list)
    for outcome in outcomes:
        by_language[outcome.judgement.language].append(getattr(outcome, measure))
    return {language: sum(values) / len(values) for language, values in by_language.items()}


def report(title: str, outcomes: list[Outcome]) -> str:
    recalls = recall_by_language(outcomes)
    ndcgs = recall_by_language(outcomes, "ndcg")
    counts = defaultdict(int)
    for outcome in outcomes:
        counts[outcome.judgement.language] += 1
    lines = [
        f"{title}: recall@{TOP} and nDCG@{TOP} per language",
        f"  {'language':<9} {'queries':>7} {'recall':>7} {'nDCG':>7}",
    ]
    lines += [
        f"  {language:<9} {counts[language]:>7} {recalls[language]:>7.3f} {ndcgs[language]:>7.3f}"
        for language in LANGUAGES
        if language in recalls
    ]
    overall = sum(outcome.recall for outcome in outcomes) / len(outcomes)
    overall_ndcg = sum(outcome.ndcg for outcome in outcomes) / len(outcomes)
    lines.append(f"  {'all':<9} {len(outcomes):>7} {overall:>7.3f} {overall_ndcg:>7.3f}")
    misses = [outcome for outcome in outcomes if outcome.missed]
    if misses:
        lines.append("  misses (language, query: judged but not in the top ten | the top ten):")
        lines += [
            f"    {o.judgement.language} {o.judgement.query!r}: {', '.join(o.missed)} "
            f"| {', '.join(o.top) or '(nothing)'}"
            for o in misses
        ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def elasticsearch_outcomes(relevance_index):
    outcomes = run_judgements(ELASTICSEARCH_BACKEND, relevance_index)
    print("\n" + report("Elasticsearch", outcomes))
    return outcomes


@pytest.fixture(scope="module")
def database_outcomes(relevance_library):
    # The database backend's own terms, built by its rebuild path (as `search_index --rebuild`).
    get_search_backend(DATABASE_BACKEND).rebuild()
    outcomes = run_judgements(DATABASE_BACKEND, relevance_library)
    print("\n" + report("Database", outcomes))
    return outcomes


# The measures ---------------------------------------------------------------------------


@pytest.mark.elasticsearch
@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_10_on_elasticsearch(language, elasticsearch_outcomes, db):
    outcomes = [o for o in elasticsearch_outcomes if o.judgement.language == language]
    recall = recall_by_language(outcomes)[language]
    print(f"\nElasticsearch recall@{TOP} {language}: {recall:.3f} over {len(outcomes)} queries")
    assert recall >= REQUIRED_RECALL, report(f"Elasticsearch ({language})", outcomes)


@pytest.mark.elasticsearch
def test_both_backends_side_by_side(elasticsearch_outcomes, database_outcomes, db):
    """The table `make bench` readers compare (printed with -s or -rA)."""
    engine, database = (
        recall_by_language(elasticsearch_outcomes),
        recall_by_language(database_outcomes),
    )
    engine_ndcg, database_ndcg = (
        recall_by_language(elasticsearch_outcomes, "ndcg"),
        recall_by_language(database_outcomes, "ndcg"),
    )
    print(
        f"\nrelevance per language ({len(JUDGEMENTS)} judged queries, {len(CORPUS)} publications)"
    )
    print(f"  {'':<9} {'Elasticsearch':>17} {'database':>17}")
    print(f"  {'language':<9} {'recall':>8} {'nDCG':>8} {'recall':>8} {'nDCG':>8}")
    for language in LANGUAGES:
        print(
            f"  {language:<9} {engine[language]:>8.3f} {engine_ndcg[language]:>8.3f}"
            f" {database[language]:>8.3f} {database_ndcg[language]:>8.3f}"
        )
    print(f"  recall targets: {REQUIRED_RECALL} Elasticsearch, {REQUIRED_DATABASE_RECALL} database")
    assert set(engine) == set(database) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_10_on_the_database(language, database_outcomes, db):
    """
    The database backend reads every script (ICU word breaks, folding, the thesaurus):
    issue 21 asks 0.85 of it in every language, on SQLite and PostgreSQL alike.
    """
    outcomes = [o for o in database_outcomes if o.judgement.language == language]
    recall = recall_by_language(outcomes)[language]
    print(f"\nDatabase recall@{TOP} {language}: {recall:.3f} over {len(outcomes)} queries")
    assert recall >= REQUIRED_DATABASE_RECALL, report(f"Database ({language})", outcomes)


def test_the_database_backend_answers_every_judged_query(database_outcomes, db):
    """Its recall is reported, not required; every answer must come from the corpus."""
    print("\n" + report("Database", database_outcomes))
    strangers = [
        o.judgement.query for o in database_outcomes if any(s.startswith("#") for s in o.top)
    ]
    assert len(database_outcomes) == len(JUDGEMENTS)
    assert not strangers, f"results outside the judged corpus for {strangers}"
