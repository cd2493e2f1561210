"""
Page hits from the highlighter's passages of a publication's pages (Elasticsearch).

The index holds a publication's pages as one multi-valued field, so the engine says which
words matched and gives the best passages around them, but not on which page each passage
stands. The pages are kept in the database (PublicationText): each passage's text is looked
up among the pages of its own publication, in one query that reads no page text back. A
page is named when its passages mark a term of every group of the query (the database
backend's rule: every word, or its thesaurus concept, on that page); the first PAGE_HITS
such pages in the order of the files, each with its best passage as the snippet.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import BooleanField, Case, Q, Value, When

from knowledge.models import PublicationText
from knowledge.search.results import PageHit
from knowledge.search.words import index_terms

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def plain(passage: str) -> str:
    """A marked, escaped passage as the text it was cut from."""
    return html.unescape(passage.replace("<mark>", "").replace("</mark>", ""))


def groups_marked(passage: str, groups: Iterable[frozenset[str]]) -> tuple[set[int], set[str]]:
    """
    Which of the query's groups (by index) the marks of `passage` hold a term of, and the
    marks that hold none: words the engine matched through an analysis the database
    backend's words do not make (English stems, Thai dictionary words, CJK bigrams).
    """
    groups = list(groups)
    covered: set[int] = set()
    others: set[str] = set()
    for marked in _MARK.findall(passage):
        terms = set(index_terms(html.unescape(marked)))
        held = {number for number, group in enumerate(groups) if group & terms}
        if held:
            covered |= held
        else:
            others.add(marked.casefold())
    return covered, others


def locate(passages: dict[int, list[str]]) -> dict[int, list[tuple[int, set[int]]]]:
    """
    For each publication, its pages (in the order a hit lists them: page number, then
    file) that hold any of its passages: (page number, indices of the passages it holds).
    """
    texts = {pk: [plain(passage) for passage in found] for pk, found in passages.items()}
    longest = max((len(found) for found in texts.values()), default=0)
    if not longest:
        return {}
    holds = {
        f"holds_{number}": Case(
            *[
                When(Q(publication_id=pk, text__contains=found[number]), then=Value(True))
                for pk, found in texts.items()
                if number < len(found) and found[number]
            ],
            default=Value(False),
            output_field=BooleanField(),
        )
        for number in range(longest)
    }
    rows = (
        PublicationText.objects.filter(publication_id__in=list(texts))
        .annotate(**holds)
        .order_by("publication_id", "page_number", "pk")
        .values_list("publication_id", "page_number", *holds)
    )
    pages: dict[int, list[tuple[int, set[int]]]] = defaultdict(list)
    for pk, number, *held in rows:
        found = {index for index, holding in enumerate(held) if holding}
        if found:
            pages[pk].append((number, found))
    return pages


def page_hits(
    passages: dict[int, list[str]], groups: tuple[frozenset[str], ...], *, limit: int
) -> dict[int, list[PageHit]]:
    """The page hits of each publication from its passages (best first), as the module says."""
    marked = {
        pk: [groups_marked(passage, groups) for passage in found] for pk, found in passages.items()
    }
    hits: dict[int, list[PageHit]] = {}
    for pk, pages in locate(passages).items():
        named = []
        for number, held in pages:
            covered: set[int] = set()
            others: set[str] = set()
            for index in held:
                covered |= marked[pk][index][0]
                others |= marked[pk][index][1]
            # A mark the words module cannot place counts for one group not yet covered.
            if len(covered) + len(others) >= len(groups) and (covered or others):
                named.append(PageHit(number=number, snippet=passages[pk][min(held)]))
            if len(named) == limit:
                break
        if named:
            hits[pk] = named
    return hits
