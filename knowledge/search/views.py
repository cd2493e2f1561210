"""The library search page and its JSON API (same parameters, same results)."""

from __future__ import annotations

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from knowledge.search.backends import autocomplete_titles, search_publications
from knowledge.search.openapi import schema
from knowledge.search.query import FILTER_PARAMETERS, SearchQuery, search_text
from knowledge.search.results import FACETS
from portal.permissions import viewer_for_request

FACET_HEADINGS = {
    "country": _("Country"),
    "area": _("SPA IV area"),
    "form": _("Form of exploitation"),
    "type": _("Publication type"),
    "language": _("Language"),
    "year": _("Year"),
}


def _toggle_url(params, name: str, value: str, selected: bool) -> str:
    """The query string with one facet value switched on or off (and back to page 1)."""
    query = params.copy()
    query.pop("page", None)
    if name == "year":
        query.pop("year_from", None)
        query.pop("year_to", None)
        if not selected:
            query["year_from"] = query["year_to"] = value
    else:
        values = [v for v in query.getlist(name) if v != value]
        if not selected:
            values.append(value)
        query.setlist(name, values)
    return "?" + query.urlencode()


def search_page(request):
    query = SearchQuery.from_params(request.GET, reader_language=get_language() or "")
    results = search_publications(query, viewer_for_request(request))
    facets = [
        {
            "name": name,
            "heading": FACET_HEADINGS[name],
            "values": [
                {
                    "value": v.value,
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                    "url": _toggle_url(request.GET, name, v.value, v.selected),
                }
                for v in results.facets.get(name, [])
            ],
        }
        for name in FACETS
    ]
    paging = request.GET.copy()
    paging.pop("page", None)
    context = {
        "query": query,
        "results": results,
        "facets": facets,
        # Shown above the results as removable chips: each links to the search without it.
        "active_choices": [
            {"label": f"{facet['heading']}: {value['label']}", "url": value["url"]}
            for facet in facets
            for value in facet["values"]
            if value["selected"]
        ],
        "paging_query": paging.urlencode(),
        # Chosen facets survive a new search text (the form has no JavaScript).
        "hidden_filters": [
            (name, value)
            for name in [*FILTER_PARAMETERS, "year_from", "year_to"]
            for value in map(search_text, request.GET.getlist(name))
            if value
        ],
    }
    status = 400 if query.errors else 200
    return TemplateResponse(request, "knowledge/search/search_page.html", context, status=status)


def search_api(request):
    query = SearchQuery.from_params(request.GET, reader_language=request.GET.get("lang", ""))
    if query.errors:
        return JsonResponse({"errors": list(query.errors)}, status=400)
    results = search_publications(query, viewer_for_request(request))
    return JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})


def autocomplete_api(request):
    titles = autocomplete_titles(search_text(request.GET.get("q")), viewer_for_request(request))
    return JsonResponse({"results": titles}, json_dumps_params={"ensure_ascii": False})


def openapi_schema(request):
    return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})
