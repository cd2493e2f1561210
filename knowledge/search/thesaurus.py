"""
The cross-language thesaurus of trafficking terms, as concepts and synonym rules.

The secretariat edits it in the admin (Library taxonomy → Thesaurus concepts, the
`ThesaurusConcept` table): one concept a row, its terms in each language (Django language
codes), one a line or separated by "|". Every term of a concept is equivalent to every
other, in every language, so a Thai query for "แรงงานบังคับ" also matches English text
about "forced labour". thesaurus.csv is the initial data (a data migration loads it).

The database backend re-reads its terms of the publications a change touches at once
(knowledge.actions.do_save_thesaurus_concept). Elasticsearch holds the rules in its index
settings: a change reaches it when the index is rebuilt (the admin's "Rebuild the search
index with this thesaurus", or `manage.py search_index --rebuild`).
"""

from __future__ import annotations

import csv
import logging
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.cache import cache

logger = logging.getLogger(__name__)

THESAURUS_PATH = Path(__file__).with_name("thesaurus.csv")
# Characters with a meaning in the Solr synonym format; a term never needs them.
_RULE_SYNTAX = str.maketrans({",": " ", "=": " ", ">": " ", "\\": " "})
# A process trusts its copy of the thesaurus this long before asking the shared cache
# whether another process saved a change (so an edit reaches every web process within it,
# at the cost of one cache read per interval, not one per search).
RECHECK_SECONDS = 5
VERSION_KEY = "knowledge:thesaurus:version"


@dataclass(frozen=True)
class Concept:
    # Stable across edits of other concepts (the table's key): its index word is built on it.
    number: int
    name: str
    terms: dict[str, tuple[str, ...]]

    @property
    def all_terms(self) -> list[str]:
        seen: dict[str, None] = {}
        for terms in self.terms.values():
            for term in terms:
                seen.setdefault(term, None)
        return list(seen)


def split_terms(cell: str) -> tuple[str, ...]:
    """The terms of a cell as typed: one a line or separated by "|", spaces tidied."""
    pieces = (cell or "").replace("|", "\n").splitlines()
    tidied = dict.fromkeys(" ".join(piece.translate(_RULE_SYNTAX).split()) for piece in pieces)
    return tuple(term for term in tidied if term)


def read_csv(path: Path = THESAURUS_PATH) -> list[Concept]:
    """The concepts of a thesaurus CSV (a header "concept,en,km,…"), numbered from 1."""
    with path.open(encoding="utf-8", newline="") as handle:
        concepts = []
        for row in csv.DictReader(handle):
            name = (row.pop("concept", "") or "").strip()
            terms = {language: split_terms(cell) for language, cell in row.items() if language}
            if name and any(terms.values()):
                concepts.append(Concept(number=len(concepts) + 1, name=name, terms=terms))
        return concepts


def concepts_from_table(*, exclude_pk: int | None = None) -> list[Concept]:
    """The concepts as saved now (not cached), but the one with `exclude_pk`."""
    # By name through the registry: the search's word functions load before the models do.
    model = apps.get_model("knowledge", "ThesaurusConcept")
    rows = model.objects.order_by("pk")
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    concepts = []
    for row in rows:
        terms = {language: split_terms(cell) for language, cell in row.cells().items()}
        if any(terms.values()):
            concepts.append(Concept(number=row.pk, name=row.name, terms=terms))
    return concepts


_memo: dict = {"concepts": None, "version": None, "checked": 0.0}


def _shared_version():
    try:
        return cache.get(VERSION_KEY)
    except Exception as error:  # the cache is a convenience here: read the table instead
        logger.warning("Could not read the thesaurus version from the cache (%s).", error)
        return uuid.uuid4().hex


def load_concepts() -> tuple[Concept, ...]:
    """
    The thesaurus's concepts, read from the table once and kept; the same tuple is returned
    until it changes (callers may key their own derived data on its identity).
    """
    now = time.monotonic()
    concepts = _memo["concepts"]
    if concepts is not None and now - _memo["checked"] < RECHECK_SECONDS:
        return concepts
    version = _shared_version()
    if concepts is None or version != _memo["version"]:
        concepts = tuple(concepts_from_table())
        _memo.update(concepts=concepts, version=version)
    _memo["checked"] = now
    return concepts


def forget_thesaurus() -> None:
    """Read the thesaurus again on next use, in this process and (via the cache) the others."""
    _memo.update(concepts=None, version=None, checked=0.0)
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:  # this process has forgotten; the others recheck on their own
        logger.warning("Could not tell other processes the thesaurus changed (%s).", error)


def synonym_rules() -> tuple[str, ...]:
    """One Solr equivalence rule per concept ("a, b, c")."""
    return tuple(", ".join(concept.all_terms) for concept in load_concepts())


def concept_token(number: int) -> str:
    """The one word a concept's terms stand for in the index (letters and digits: one token)."""
    return f"thesaurusconcept{number}"


def concept_rules() -> tuple[str, ...]:
    """
    One Solr replacement rule per concept ("a, b, c => thesaurusconcept7"): applied when
    indexing and when searching, every term of a concept in any language becomes one
    word, so finding the concept is looking up one term instead of a phrase per synonym.
    """
    return tuple(
        f"{', '.join(concept.all_terms)} => {concept_token(concept.number)}"
        for concept in load_concepts()
    )


def concept_index_rules() -> tuple[str, ...]:
    """
    The rules for indexing: every term of a concept gives the concept's word and stays
    itself ("forced labour => thesaurusconcept1, forced labour"), so the highlighter marks
    the concept's term and a query word inside it ("labour") in one field. Searching
    replaces (concept_rules): a query for the concept looks up its one word.
    """
    return tuple(
        f"{term} => {concept_token(concept.number)}, {term}"
        for concept in load_concepts()
        for term in concept.all_terms
    )
