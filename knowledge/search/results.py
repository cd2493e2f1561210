"""The result shape every backend returns, and the JSON the API answers with."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

# Facet name -> query parameter (the JSON API and the page use the parameter names).
FACETS = ("country", "area", "form", "type", "language", "year")


@dataclass(frozen=True)
class PageHit:
    """A page of a publication's file where the words were found ("page 12")."""

    number: int
    snippet: str  # safe HTML: text escaped, matches in <mark>


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    url: str
    summary: str
    date: date | None
    language: str
    highlights: list[str] = field(default_factory=list)  # safe HTML snippets
    page_hits: list[PageHit] = field(default_factory=list)

    @property
    def other_pages(self) -> list[int]:
        """Pages where the words are, beyond those shown with a snippet."""
        return [hit.number for hit in self.page_hits if not hit.snippet]

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "date": self.date.isoformat() if self.date else None,
            "language": self.language,
            "highlights": self.highlights,
            "page_hits": [{"page": hit.number, "snippet": hit.snippet} for hit in self.page_hits],
        }


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    backend: str
    suggestion: str = ""
    # True when the preferred engine was unreachable and a simpler one answered.
    reduced: bool = False

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "page": self.page,
            "page_count": self.page_count,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
            "suggestion": self.suggestion or None,
            "backend": self.backend,
            "reduced": self.reduced,
        }
