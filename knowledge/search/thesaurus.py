"""
The cross-language thesaurus of trafficking terms (thesaurus.csv), as synonym rules.

The secretariat extends the CSV: one concept a row, one column per language (Django
language codes), alternative terms in a cell separated by "|". Every term of a row is
equivalent to every other, in every language, so a Thai query for "แรงงานบังคับ" also
matches English text about "forced labour". A changed file takes effect with
`manage.py search_index --rebuild` (the rules are part of the index settings).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

THESAURUS_PATH = Path(__file__).with_name("thesaurus.csv")
# Characters with a meaning in the Solr synonym format; a term never needs them.
_RULE_SYNTAX = str.maketrans({",": " ", "=": " ", ">": " ", "\\": " "})


@dataclass(frozen=True)
class Concept:
    name: str
    terms: dict[str, tuple[str, ...]]

    @property
    def all_terms(self) -> list[str]:
        seen: dict[str, None] = {}
        for terms in self.terms.values():
            for term in terms:
                seen.setdefault(term, None)
        return list(seen)


def load_concepts(path: Path = THESAURUS_PATH) -> list[Concept]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        concepts = []
        for row in reader:
            name = (row.pop("concept", "") or "").strip()
            terms = {
                language: tuple(
                    " ".join(term.translate(_RULE_SYNTAX).split())
                    for term in (cell or "").split("|")
                    if term.strip()
                )
                for language, cell in row.items()
                if language
            }
            if name and any(terms.values()):
                concepts.append(Concept(name=name, terms=terms))
        return concepts


@functools.cache
def synonym_rules() -> tuple[str, ...]:
    """One Solr equivalence rule per concept ("a, b, c")."""
    return tuple(", ".join(concept.all_terms) for concept in load_concepts())


def concept_token(number: int) -> str:
    """The one word a concept's terms stand for in the index (letters and digits: one token)."""
    return f"thesaurusconcept{number}"


@functools.cache
def concept_rules() -> tuple[str, ...]:
    """
    One Solr replacement rule per concept ("a, b, c => thesaurusconcept7"): applied when
    indexing and when searching, every term of a concept in any language becomes one
    word, so finding the concept is looking up one term instead of a phrase per synonym.
    """
    return tuple(
        f"{', '.join(concept.all_terms)} => {concept_token(number)}"
        for number, concept in enumerate(load_concepts())
    )


@functools.cache
def concept_index_rules() -> tuple[str, ...]:
    """
    The rules for indexing: every term of a concept gives the concept's word and stays
    itself ("forced labour => thesaurusconcept1, forced labour"), so the highlighter marks
    the concept's term and a query word inside it ("labour") in one field. Searching
    replaces (concept_rules): a query for the concept looks up its one word.
    """
    return tuple(
        f"{term} => {concept_token(number)}, {term}"
        for number, concept in enumerate(load_concepts())
        for term in concept.all_terms
    )
