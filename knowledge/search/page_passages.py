"""
Page hits from the highlighter's passages of a publication's pages (Elasticsearch).

The index holds a publication's pages as one multi-valued field, so the engine says which
words matched and gives the best passages around them, but not on which page each passage
stands. The pages are kept in the database (PublicationText): each passage's text is looked
up among the pages of its own publication, in one query that reads no page text back. A
page is named when its passages mark a term of every group of the query (the database
backend's rule: every word, or its thesaurus concept, on that page); up to PAGE_HITS such
pages in the order of the files, each with its best passage as the snippet. Unlike the
database backend, which names the first pages with every word, only the pages of the
publication's best passages (PAGE_PASSAGES) are candidates.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection

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
    backend's words do not make (English stems: "recruited" for "recruiting").
    """
    groups = list(groups)
    covered: set[int] = set()
    others: set[str] = set()
    for marked in _MARK.findall(passage):
        word = html.unescape(marked)
        terms = set(index_terms(word))
        held = {number for number, group in enumerate(groups) if group & terms}
        if held:
            covered |= held
        else:
            others.add(word)
    return covered, others


def locate(passages: dict[int, list[str]]) -> dict[int, list[tuple[int, set[int]]]]:
    """
    For each publication, its pages (in the order a hit lists them, as the database
    backend does: page number, then the order the pages were stored in, file by file) that
    hold any of its passages: (page number, indices of the passages it holds).
    One query, each passage looked for only in its own publication's pages, returning no
    text; written in SQL because the ORM's form of it (a CASE per passage) took as long to
    compile and run as the rest of a search.
    """
    wanted = [
        (pk, index, text)
        for pk, found in passages.items()
        for index, text in enumerate(plain(passage) for passage in found)
        if text
    ]
    if not wanted:
        return {}
    position = "strpos" if connection.vendor == "postgresql" else "instr"
    table = connection.ops.quote_name(PublicationText._meta.db_table)
    # Only placeholders are added to the text: the table's name is the model's, the
    # function one of two, and every value is a bound parameter.
    values = ", ".join(["(%s, %s, %s)"] * len(wanted))
    sql = (
        f"WITH wanted (publication_id, passage, text) AS (VALUES {values})"  # noqa: S608
        f" SELECT page.publication_id, page.page_number, page.id, wanted.passage FROM {table} page"
        " JOIN wanted ON page.publication_id = wanted.publication_id"
        f" AND {position}(page.text, wanted.text) > 0"
        " ORDER BY page.publication_id, page.page_number, page.id, wanted.passage"
    )
    pages: dict[int, dict[tuple[int, int], set[int]]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in wanted for value in row])
        rows = cursor.fetchall()
    for pk, number, text_id, index in rows:
        # Page 2 of one file and page 2 of another are two pages.
        pages[pk].setdefault((number, text_id), set()).add(index)
    return {
        pk: [(number, held) for (number, _text_id), held in found.items()]
        for pk, found in pages.items()
    }


def page_hits(
    passages: dict[int, list[str]],
    groups: tuple[frozenset[str], ...],
    *,
    limit: int,
    same_words: Callable[[set[str], tuple[frozenset[str], ...]], dict[str, set[int]]],
) -> dict[int, list[PageHit]]:
    """
    The page hits of each publication from its passages (best first): its pages whose
    passages mark a term of every group, up to `limit` in the order of the file, each
    with the best of its passages. `same_words(marks, groups)` says which groups the
    marks the database backend's words cannot place hold a word of (English stems).
    """
    if not groups:
        return {}
    marked = {
        pk: [groups_marked(passage, groups) for passage in found] for pk, found in passages.items()
    }
    others = {mark for found in marked.values() for _covered, marks in found for mark in marks}
    placed = same_words(others, groups) if others else {}
    hits: dict[int, list[PageHit]] = {}
    for pk, pages in locate(passages).items():
        named = []
        for number, held in pages:
            covered: set[int] = set()
            for index in held:
                found, marks = marked[pk][index]
                covered |= found
                for mark in marks:
                    covered |= placed.get(mark, set())
            if len(covered) == len(groups):
                named.append(PageHit(number=number, snippet=passages[pk][min(held)]))
            if len(named) == limit:
                break
        if named:
            hits[pk] = named
    return hits
