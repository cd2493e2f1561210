"""The search query every backend understands, read from a request's parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from knowledge.search.words import words as word_breaks
from portal.params import (
    MAX_DATABASE_ID,
    BadParameter,
    parse_int,
    without_control_characters,
)

PAGE_SIZE = 20
# Deep pages cost the engine as much as all the pages before them; nobody reads page 500.
MAX_PAGE = 250
MAX_QUERY_LENGTH = 500
# Words looked for at most. Each word becomes clauses in every language's field, and its
# thesaurus concepts more: 500 characters of Thai are some 200 words, and one such query
# kept Elasticsearch busy for three to five seconds.
MAX_QUERY_WORDS = 32
YEAR_RANGE = (1900, 2100)
SORTS = ("relevance", "newest", "oldest")

# Request parameter -> SearchQuery attribute, for the multi-valued facet filters.
FILTER_PARAMETERS = {
    "country": "countries",
    "area": "areas",
    "form": "forms",
    "type": "types",
    "language": "languages",
}
# `field:value` in the text: the same filters, plus `year:2016`.
_FIELD_TERM = re.compile(r"(?<!\S)(\w+):(\"[^\"]*\"|\S+)")
_OPERATOR_WORDS = {"AND": "+", "OR": "|", "NOT": "-"}


def search_text(raw: str | None) -> str:
    """Text from the reader (query or filter value): whitespace collapsed, no control characters."""
    return " ".join(without_control_characters(raw or "").split())


def searchable(text: str) -> tuple[str, list[str]]:
    """
    `text` cut to what a search looks for (MAX_QUERY_LENGTH characters, then MAX_QUERY_WORDS
    words, as the backends' word breaks count them), and the reader's messages for each cut.
    """
    errors: list[str] = []
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        errors.append(str(_("The search text was shortened to 500 characters.")))
    for count, word in enumerate(word_breaks(text), start=1):
        if count > MAX_QUERY_WORDS:
            text = text[: word.start].rstrip()
            errors.append(
                str(_("Only the first %(count)s words were searched.") % {"count": MAX_QUERY_WORDS})
            )
            break
    return text, errors


@dataclass(frozen=True)
class SearchQuery:
    """What the reader asked for. Immutable; `with_page` and friends make variants."""

    text: str = ""
    countries: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    # The reader's interface language: results in it rank a little higher.
    reader_language: str = ""
    errors: tuple[str, ...] = field(default=(), compare=False)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_operators(self) -> bool:
        """Quotes, AND/OR/NOT or a leading minus: the text needs the query-string syntax."""
        return '"' in self.text or any(
            word in _OPERATOR_WORDS or word.startswith("-") for word in self.text.split()
        )

    @property
    def plain_words(self) -> list[str]:
        """The words of the text without operators or quotes (for snippets and page hits)."""
        words = re.sub(r'["()+|]', " ", self.text).split()
        return [w.lstrip("-") for w in words if w not in _OPERATOR_WORDS and w.lstrip("-")]

    @property
    def simple_query_string(self) -> str:
        """The text in Elasticsearch's simple_query_string syntax (which never fails to parse)."""
        words = [_OPERATOR_WORDS.get(word, word) for word in self.text.split()]
        # A dangling operator ("NOT", "fishing AND") would match everything or nothing.
        while words and words[-1] in _OPERATOR_WORDS.values():
            words.pop()
        while words and words[0] in {"+", "|"}:
            words.pop(0)
        text = " ".join(words).replace("- ", "-")
        if text.count('"') % 2:
            text = text.replace('"', " ")
        return text

    def with_page(self, page: int) -> SearchQuery:
        return replace(self, page=page)

    @classmethod
    def from_params(cls, params, *, reader_language: str = "") -> SearchQuery:
        """Build the query from GET parameters; problems go to `errors`, never raise."""
        # A NUL byte or another control character carries no meaning in a search and
        # neither PostgreSQL nor the page's HTML can hold it: it separates words, no more.
        text, errors = searchable(search_text(params.get("q")))
        filters = {
            attribute: [v for v in map(search_text, params.getlist(name)) if v]
            for name, attribute in FILTER_PARAMETERS.items()
        }
        year_values = {"year_from": params.get("year_from"), "year_to": params.get("year_to")}

        def take_field(match):
            name, value = match.group(1).lower(), match.group(2).strip('"')
            if name in FILTER_PARAMETERS:
                filters[FILTER_PARAMETERS[name]].append(value)
                return " "
            if name == "year":
                year_values["year_from"] = year_values["year_to"] = value
                return " "
            # An unknown field name is just more words to look for.
            return f" {name} {value} "

        text = " ".join(_FIELD_TERM.sub(take_field, text).split())
        years = {}
        for name, raw in year_values.items():
            years[name] = None
            if raw in (None, ""):
                continue
            try:
                year = parse_int(raw, minimum=-MAX_DATABASE_ID)
            except BadParameter:
                errors.append(str(_("A year must be a number such as 2016.")))
                continue
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                errors.append(str(_("A year must be between 1900 and 2100.")))
                continue
            years[name] = year
        if years["year_from"] and years["year_to"] and years["year_from"] > years["year_to"]:
            years["year_from"], years["year_to"] = years["year_to"], years["year_from"]
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            errors.append(str(_("Unknown sort order; showing the most relevant first.")))
            sort = "relevance"
        try:
            page = min(parse_int(params.get("page") or "1", minimum=-MAX_DATABASE_ID), MAX_PAGE)
        except BadParameter:
            page = 1
        page = max(page, 1)
        return cls(
            text=text,
            **{attribute: tuple(dict.fromkeys(values)) for attribute, values in filters.items()},
            **years,
            sort=sort,
            page=page,
            reader_language=search_text(reader_language),
            errors=tuple(dict.fromkeys(errors)),
        )
