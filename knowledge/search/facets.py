"""Readable labels for facet values (country names, taxonomy names, language names)."""

from __future__ import annotations

from django.conf import settings

from knowledge.models import ExploitationForm, PublicationType, SpaArea
from knowledge.search.query import SearchQuery
from knowledge.search.results import FacetValue
from portal.models import Country

_TAXONOMIES = {"area": SpaArea, "form": ExploitationForm, "type": PublicationType}
# Facet name -> the SearchQuery attribute holding the reader's choices.
SELECTED = {
    "country": "countries",
    "area": "areas",
    "form": "forms",
    "type": "types",
    "language": "languages",
}


def _labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    if name in _TAXONOMIES:
        return dict(_TAXONOMIES[name].objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "language":
        return {code: str(label) for code, label in settings.LANGUAGES}
    return {}


def facet_values(name: str, counts: dict[str, int], query: SearchQuery) -> list[FacetValue]:
    """Counted values of one facet, most frequent first (years: newest first)."""
    values = [str(value) for value in counts]
    labels = _labels(name, values)
    selected = set(getattr(query, SELECTED[name])) if name in SELECTED else set()
    if name == "year":
        selected = {str(y) for y in (query.year_from, query.year_to) if y}
    facets = [
        FacetValue(
            value=str(v), label=labels.get(str(v), str(v)), count=c, selected=str(v) in selected
        )
        for v, c in counts.items()
        if c > 0
    ]
    if name == "year":
        return sorted(facets, key=lambda f: f.value, reverse=True)
    return sorted(facets, key=lambda f: (-f.count, f.label))
