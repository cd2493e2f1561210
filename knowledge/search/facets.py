"""Readable labels for facet values (country names, taxonomy names, language names)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from knowledge.models import ExploitationForm, PublicationType, SpaArea
from knowledge.search.query import SearchQuery
from knowledge.search.results import FacetValue
from portal.cldr import language_name
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


# Names of countries and taxonomy terms change rarely; a search should not read them
# every time. A renamed term shows its new name within this many seconds.
LABELS_CACHE_SECONDS = 60


def _all_labels(name: str) -> dict[str, str]:
    """Names in the reader's language (str() of a country or term is its localised name)."""
    if name == "country":
        return {country.code: str(country) for country in Country.objects.all()}
    return {term.slug: str(term) for term in _TAXONOMIES[name].objects.all()}


def _labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "language":
        return {code: language_name(code) for code, _label in settings.LANGUAGES}
    if name != "country" and name not in _TAXONOMIES:
        return {}
    key = f"knowledge:search:facet-labels:{name}:{get_language()}"
    labels = cache.get(key)
    if labels is None or not set(values) <= labels.keys():
        labels = _all_labels(name)
        cache.set(key, labels, LABELS_CACHE_SECONDS)
    return labels


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
