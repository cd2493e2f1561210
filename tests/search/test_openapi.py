"""The OpenAPI description of the search API says what the API really accepts and answers."""

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture
def description(client):
    response = client.get("/api/library/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator(description, name):
    Draft202012Validator.check_schema(description["components"]["schemas"][name])
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": description["components"]}
    )


def test_the_description_lists_every_parameter_of_the_issue(description):
    operation = description["paths"]["/api/library/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "country", "area", "form", "type", "language", "year_from", "year_to"} <= names
    assert {"sort", "page"} <= names
    assert set(operation["responses"]) == {"200", "400"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Ambon"},
        {"q": "fishing", "country": ["TH", "KH"], "sort": "newest"},
        {"q": "fishign"},
        {},
    ],
)
def test_answers_match_the_description(description, content, client, params):
    response = client.get("/api/library/search", params)
    assert response.status_code == 200
    errors = [error.message for error in validator(description, "SearchResults").iter_errors(
        response.json()
    )]  # fmt: skip
    assert errors == []


def test_refusals_and_titles_match_the_description(description, content, client):
    refused = client.get("/api/library/search", {"q": "fishing", "year_from": "last year"})
    assert refused.status_code == 400
    assert list(validator(description, "Errors").iter_errors(refused.json())) == []
    titles = client.get("/api/library/autocomplete", {"q": "Strand"})
    assert titles.json()["results"][0]["title"].startswith("Stranded")
    assert list(validator(description, "Titles").iter_errors(titles.json())) == []
