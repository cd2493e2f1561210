"""
The OpenAPI 3.1 description of the library search API, served at
/api/library/openapi.json. Parameter names, facets and sort orders are read from the code
that handles them, so the description cannot drift from what the API does.
"""

from __future__ import annotations

from knowledge.search.query import (
    FILTER_PARAMETERS,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    SORTS,
    YEAR_RANGE,
)
from knowledge.search.results import FACETS

FILTER_DESCRIPTIONS = {
    "country": "ISO 3166 code of a country covered (e.g. TH). Repeat for several: any of them.",
    "area": "Slug of a SPA IV area (e.g. protection). Repeat for several: any of them.",
    "form": "Slug of a form of exploitation (e.g. forced-labour). Repeat: any of them.",
    "type": "Slug of a publication type (e.g. research-report). Repeat: any of them.",
    "language": "Language code of the publication (en, km, zh-hans, lo, my, th, vi). Repeat: any.",
}


def _parameter(name: str, description: str, schema: dict, *, repeat: bool = False) -> dict:
    if repeat:
        return {
            "name": name,
            "in": "query",
            "description": description,
            "schema": {"type": "array", "items": schema},
            "style": "form",
            "explode": True,
        }
    return {"name": name, "in": "query", "description": description, "schema": schema}


def search_parameters() -> list[dict]:
    year = {"type": "integer", "minimum": YEAR_RANGE[0], "maximum": YEAR_RANGE[1]}
    return [
        _parameter(
            "q",
            "Words to find. Quoted phrases, AND, OR, NOT (or a leading -), and field:value "
            "for the filters below (country:TH, year:2016). Unknown fields are searched as "
            f"words; longer than {MAX_QUERY_LENGTH} characters or {MAX_QUERY_WORDS} words is an "
            "error.",
            {"type": "string"},
        ),
        *(
            _parameter(name, FILTER_DESCRIPTIONS[name], {"type": "string"}, repeat=True)
            for name in FILTER_PARAMETERS
        ),
        _parameter("year_from", "Published in or after this year.", year),
        _parameter("year_to", "Published in or before this year.", year),
        _parameter(
            "sort",
            "Order of the results (relevance: newest first when there are no words).",
            {"type": "string", "enum": list(SORTS), "default": "relevance"},
        ),
        _parameter(
            "page",
            f"Page of 20 results; values past {MAX_PAGE} answer page {MAX_PAGE}.",
            {"type": "integer", "minimum": 1, "default": 1},
        ),
        _parameter(
            "lang",
            "The reader's language: publications in it rank a little higher.",
            {"type": "string"},
        ),
    ]


def schema() -> dict:
    facet_value = {
        "type": "object",
        "required": ["value", "label", "count"],
        "properties": {
            "value": {"type": "string", "description": "What to pass back as the filter."},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
        },
        "additionalProperties": False,
    }
    hit = {
        "type": "object",
        "required": ["title", "url", "summary", "date", "language", "highlights", "page_hits"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string"},
            "summary": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "language": {"type": "string"},
            "highlights": {
                "type": "array",
                "description": "HTML snippets: text escaped, the words found in <mark>.",
                "items": {"type": "string"},
            },
            "page_hits": {
                "type": "array",
                "description": "Pages of the publication's files where the words are; the "
                "best page has a snippet (HTML as above), others an empty one.",
                "items": {
                    "type": "object",
                    "required": ["page", "snippet"],
                    "properties": {
                        "page": {"type": "integer", "minimum": 1},
                        "snippet": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }
    results = {
        "type": "object",
        "required": [
            "total",
            "page",
            "page_count",
            "results",
            "facets",
            "suggestion",
            "backend",
            "reduced",
        ],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_count": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "description": "Counts per value. A facet's counts leave out the reader's "
                "own choices in that facet (choosing another value widens the results); "
                "restricted publications are never counted.",
                "required": list(FACETS),
                "properties": {
                    name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}
                    for name in FACETS
                },
                "additionalProperties": False,
            },
            "suggestion": {
                "type": ["string", "null"],
                "description": "Did you mean: other words, when nothing was found.",
            },
            "backend": {"type": "string", "enum": ["elasticsearch", "database"]},
            "reduced": {
                "type": "boolean",
                "description": "True when the search engine was unreachable and the "
                "database answered: no per-language analysis or thesaurus.",
            },
        },
        "additionalProperties": False,
    }
    errors = {
        "type": "object",
        "required": ["errors"],
        "properties": {"errors": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
        "additionalProperties": False,
    }
    titles = {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "url"],
                    "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
                    "additionalProperties": False,
                },
            }
        },
        "additionalProperties": False,
    }

    def json_body(description: str, ref: str) -> dict:
        return {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "COMMIT Portal research library search",
            "version": "1",
            "description": "Full-text search of the published research of COMMIT in seven "
            "languages. Anonymous callers see public publications; a signed-in session "
            "sees what its member may see. Nothing restricted is returned or counted.",
        },
        "paths": {
            "/api/library/search": {
                "get": {
                    "operationId": "searchPublications",
                    "summary": "Search publications, with facets, highlights and page hits.",
                    "parameters": search_parameters(),
                    "responses": {
                        "200": json_body("The results.", "SearchResults"),
                        "400": json_body(
                            "A parameter could not be used; the reasons, in the reader's language.",
                            "Errors",
                        ),
                    },
                }
            },
            "/api/library/autocomplete": {
                "get": {
                    "operationId": "autocompleteTitles",
                    "summary": "Titles starting with the words typed so far (up to 8).",
                    "parameters": [
                        _parameter("q", "The beginning of a title.", {"type": "string"})
                    ],
                    "responses": {"200": json_body("Matching titles.", "Titles")},
                }
            },
        },
        "components": {
            "schemas": {
                "SearchResults": results,
                "Hit": hit,
                "FacetValue": facet_value,
                "Errors": errors,
                "Titles": titles,
            }
        },
    }
