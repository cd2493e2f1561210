"""schema.org JSON-LD for publication pages, so search engines and citation tools read them."""

from __future__ import annotations

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

REPORT_TYPES = {"research-report", "policy-brief", "data-and-statistics", "meeting-report"}


def _agent(author) -> dict:
    name = author.author_name
    if not name.is_person:
        return {"@type": "Organization", "name": name.display}
    person = {"@type": "Person", "name": name.display}
    if name.has_family_name:
        person.update(familyName=name.family, givenName=name.given)
    return person


def schema_org(page, url: str, file_urls: list[str]) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Report" if page.type_slug in REPORT_TYPES else "ScholarlyArticle",
        "name": page.title,
        "headline": page.title,
        "url": url,
        "inLanguage": page.language,
        "author": [_agent(author) for author in page.authors.select_related("organisation")],
        "keywords": page.tag_names,
        "about": [area.name for area in page.areas.all()],
        "spatialCoverage": [country.name for country in page.countries.all()],
    }
    if page.subtitle:
        data["alternativeHeadline"] = page.subtitle
    if page.summary:
        data["abstract"] = page.summary
    if page.publication_date:
        data["datePublished"] = page.publication_date.isoformat()
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher}
    if page.isbn:
        data["isbn"] = page.isbn
    if page.doi:
        data["identifier"] = f"https://doi.org/{page.doi}"
    if page.licence_url:
        data["license"] = page.licence_url
    if file_urls:
        data["encoding"] = [{"@type": "MediaObject", "contentUrl": u} for u in file_urls]
    return data


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside a <script> element (as Django's json_script escapes it)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
