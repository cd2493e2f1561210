"""
The words of a text as the database backend indexes and looks them up, in every script.

Thai, Lao, Khmer, Burmese and Chinese are written without spaces between words: ICU's
dictionary word break (PyICU's BreakIterator, the segmentation Elasticsearch's ICU plugin
uses) splits them, the same way for a document and for a query. Every word is lowercased;
Latin words lose their diacritics (Vietnamese "cưỡng ép" and "cuong ep" are one word pair)
and a plural "s"; words of other scripts keep their marks, which are letters there (Thai
vowels and tone marks, Khmer and Burmese signs). The thesaurus's terms are cut the same
way, so a concept is found as a run of words and stands for itself in every language
(`concept_token`).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import icu
from django.utils.translation import gettext as _

from knowledge.search.thesaurus import (
    concept_token,
    concepts_from_table,
    load_concepts,
    split_terms,
)

# The longest word kept (a run of letters longer than this is noise, not a word).
MAX_WORD_LENGTH = 60
# Common English words a query may leave out without changing what it asks for: they are
# indexed, but a query "victims of trafficking" need not find "of".
QUERY_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
# The longest thesaurus term (characters): a concept is a word or a phrase, not a passage.
MAX_TERM_LENGTH = 100
# Latin letters that do not decompose into a base letter and a mark.
_LATIN_FOLDS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae"})


@dataclass(frozen=True)
class Word:
    """A word of a text: its index form and where it stands (Python string offsets)."""

    term: str
    start: int
    end: int


def is_latin(word: str) -> bool:
    return all(ord(c) < 0x0250 or 0x1E00 <= ord(c) <= 0x1EFF for c in word)


def _stem(word: str) -> str:
    """A light English plural stem: "reports" and "report", "stories" and "story" agree."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(word: str) -> str:
    """The index form of one word."""
    word = word.casefold()
    if is_latin(word):
        decomposed = unicodedata.normalize("NFKD", word.translate(_LATIN_FOLDS))
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
        return _stem(word)
    return unicodedata.normalize("NFC", word)


def _word_breaker():
    return icu.BreakIterator.createWordInstance(icu.Locale.getRoot())


def words(text: str) -> Iterator[Word]:
    """The words of `text` (letters, digits and ideographs; no spaces or punctuation)."""
    for term, start, end in _pieces(text):
        yield Word(term, start, end)


def _pieces(text: str) -> Iterator[tuple[str, int, int]]:
    """`words`, as (term, start, end) tuples: indexing reads millions of them."""
    if not text:
        return
    breaker = _word_breaker()
    unicode_text = icu.UnicodeString(text)
    breaker.setText(unicode_text)
    if unicode_text.length() == len(text):
        # Only the Basic Multilingual Plane: ICU's UTF-16 offsets are Python's offsets.
        start = 0
        for end in breaker:
            term = _term(text[start:end])
            if term is not None:
                yield term, start, end
            start = end
        return
    # ICU counts in UTF-16 units; Python strings in code points (they differ beyond the BMP).
    start_unit, position = 0, 0
    for end_unit in breaker:
        piece = str(unicode_text[start_unit:end_unit])
        start, position = position, position + len(piece)
        start_unit = end_unit
        term = _term(piece)
        if term is not None:
            yield term, start, position


@functools.lru_cache(maxsize=200_000)
def _term(piece: str) -> str | None:
    """
    The index form of a piece ICU's word break cut, or None for spaces, punctuation and
    runs too long to be words. Kept for the pieces seen last: a library's texts use a few
    hundred thousand distinct words, and folding each again was most of indexing's time.
    """
    if len(piece) > MAX_WORD_LENGTH or not _has_letters(piece):
        return None
    return fold(piece)


def _has_letters(piece: str) -> bool:
    return any(c.isalnum() or unicodedata.category(c) in ("Mn", "Mc") for c in piece)


def terms(text: str) -> list[str]:
    return [term for term, _start, _end in _pieces(text)]


# The thesaurus's terms as word sequences, for the concepts `load_concepts` last returned.
_sequences: dict = {"concepts": None, "by_first": {}}


def _concept_sequences() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The thesaurus's terms as word sequences, by first word: [(words, concept token)]."""
    concepts = load_concepts()
    if _sequences["concepts"] is concepts:
        return _sequences["by_first"]
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept in concepts:
        token = concept_token(concept.number)
        for term in concept.all_terms:
            sequence = tuple(terms(term))
            if sequence:
                by_first.setdefault(sequence[0], []).append((sequence, token))
    for candidates in by_first.values():
        candidates.sort(key=lambda item: -len(item[0]))  # longest first
    _sequences.update(concepts=concepts, by_first=by_first)
    return by_first


def concept_spans(sequence: list[str]) -> list[tuple[int, int, str]]:
    """Where thesaurus terms stand in a word sequence: [(first, after last, concept token)]."""
    by_first = _concept_sequences()
    spans = []
    # Most texts hold few of the terms' first words: look only where one stands.
    firsts = by_first.keys() & set(sequence)
    if not firsts:
        return spans
    for position, term in enumerate(sequence):
        if term not in firsts:
            continue
        for candidate, token in by_first[term]:
            if tuple(sequence[position : position + len(candidate)]) == candidate:
                spans.append((position, position + len(candidate), token))
                break
    return spans


def concept_errors(
    name: str, cells: dict[str, str], *, exclude_pk: int | None = None
) -> dict[str | None, list[str]]:
    """
    What stops a thesaurus concept as typed from being saved, by language code ("name" for
    the name, None for the whole concept); empty when nothing does. A term needs a letter or
    a digit and at most MAX_TERM_LENGTH characters, and stands for one concept only: two
    concepts claiming a term would give texts with it both concepts' words. Terms are
    compared as the index reads them ("Brokers" is "broker", "cuong ep" is "cưỡng ép").
    """
    errors: dict[str | None, list[str]] = defaultdict(list)
    if not (name or "").strip():
        errors["name"].append(_("Name the concept."))
    claimed: dict[tuple[str, ...], tuple[str, str]] = {}
    for concept in concepts_from_table(exclude_pk=exclude_pk):
        for term in concept.all_terms:
            claimed.setdefault(tuple(terms(term)), (concept.name, term))
    typed = 0
    for language, cell in cells.items():
        for term in split_terms(cell):
            typed += 1
            if len(term) > MAX_TERM_LENGTH:
                errors[language].append(
                    _("“%(start)s…” is %(length)d characters long; a term has at most %(max)d.")
                    % {"start": term[:30], "length": len(term), "max": MAX_TERM_LENGTH}
                )
                continue
            sequence = tuple(terms(term))
            if not sequence:
                errors[language].append(
                    _("“%(term)s” has no letters or digits: a term is a word or a phrase.")
                    % {"term": term}
                )
            elif sequence in claimed:
                other, as_typed = claimed[sequence]
                errors[language].append(
                    _(
                        "“%(term)s” is already a term of the concept “%(other)s” (as "
                        "“%(as_typed)s”): a term stands for one concept only."
                    )
                    % {"term": term, "other": other, "as_typed": as_typed}
                )
    if not typed:
        errors[None].append(_("Give the concept at least one term, in any language."))
    return dict(errors)


@dataclass(frozen=True)
class QueryTerms:
    """
    What a query looks for: groups of which each must be found (any term of a group will
    do: a word, or the concept of the thesaurus term it is part of), and the reader's own
    words (ranked above a synonym's).
    """

    groups: tuple[frozenset[str], ...]
    own: frozenset[str]

    @property
    def all_terms(self) -> frozenset[str]:
        return frozenset().union(*self.groups) if self.groups else frozenset()


def query_terms(text: str) -> QueryTerms:
    """
    The groups of a query's text. A thesaurus term in the query is one group: its concept
    (which every language's term for it gives in the index) or, failing that, all its words.
    """
    sequence = terms(text)
    spans = {first: (after, token) for first, after, token in concept_spans(sequence)}
    groups: list[frozenset[str]] = []
    position = 0
    while position < len(sequence):
        if position in spans:
            after, token = spans[position]
            groups.append(frozenset({token}))
            position = after
            continue
        term = sequence[position]
        if term not in QUERY_STOPWORDS or len(sequence) == 1:
            groups.append(frozenset({term}))
        position += 1
    return QueryTerms(groups=tuple(dict.fromkeys(groups)), own=frozenset(sequence))


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed under: its words, and the concepts of thesaurus terms in it."""
    sequence = terms(text)
    return sequence + [token for _first, _after, token in concept_spans(sequence)]


def terms_and_first_offsets(text: str) -> tuple[list[str], dict[str, int]]:
    """
    The terms `text` is indexed under (as `index_terms`) and where each first stands: the
    start of its first word, or of a thesaurus term's first word for a concept (where
    `terms_and_ranges` would first mark it). Indexing keeps these for each page, so a
    search finds its page hits without cutting the pages again.
    """
    found = list(_pieces(text))
    sequence = [term for term, _start, _end in found]
    firsts: dict[str, int] = {}
    for term, start, _end in found:
        firsts.setdefault(term, start)
    spans = concept_spans(sequence)
    for first, _after, token in spans:
        firsts.setdefault(token, found[first][1])
    return sequence + [token for _first, _after, token in spans], firsts


def marked_ranges(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Where in `text` the words (or thesaurus terms of concepts) in `wanted` stand."""
    return terms_and_ranges(text, wanted)[1]


def terms_and_ranges(text: str, wanted: frozenset[str]) -> tuple[set[str], list[tuple[int, int]]]:
    """
    The terms `text` is indexed under (as `index_terms`, as a set) and where those in
    `wanted` stand, from one cut of the text: a search's page hits need both, and cutting
    each page twice was most of the database backend's time.
    """
    found = list(_pieces(text))
    sequence = [term for term, _start, _end in found]
    present = set(sequence)
    ranges = [(start, end) for term, start, end in found if term in wanted]
    for first, after, token in concept_spans(sequence):
        present.add(token)
        if token in wanted:
            ranges.append((found[first][1], found[after - 1][2]))
    return present, sorted(ranges)
