"""
Metadata of publication pages for machines: schema.org JSON-LD, Google Scholar's
citation_* tags (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing) and
the Open Graph locale.
"""

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


# Open Graph locales are language_TERRITORY; each language's main country in the region.
OG_LOCALES = {
    "en": "en_GB",
    "km": "km_KH",
    "zh-hans": "zh_CN",
    "lo": "lo_LA",
    "my": "my_MM",
    "th": "th_TH",
    "vi": "vi_VN",
}


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language.replace("-", "_"))


def scholar_tags(page, pdf_url: str) -> list[tuple[str, str]]:
    """(name, content) of the citation_* meta tags, in the order Scholar's guidelines list."""
    tags = [("citation_title", page.title + (f": {page.subtitle}" if page.subtitle else ""))]
    # "Family, Given" tells Scholar which part is the family name, whatever the order
    # the name is written in (Nguyễn Thị Minh); single names and organisations go whole.
    tags += [
        ("citation_author", author.author_name.inverted)
        for author in page.authors.select_related("organisation")
    ]
    if page.publication_date:
        tags.append(("citation_publication_date", page.publication_date.strftime("%Y/%m/%d")))
    if page.publisher:
        name = (
            "citation_technical_report_institution"
            if page.type_slug in REPORT_TYPES
            else "citation_publisher"
        )
        tags.append((name, page.publisher))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if page.isbn:
        tags.append(("citation_isbn", page.isbn))
    if page.doi:
        tags.append(("citation_doi", page.doi))
    tags.append(("citation_language", page.language))
    if page.tag_names:
        tags.append(("citation_keywords", "; ".join(page.tag_names)))
    return tags


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside a <script> element (as Django's json_script escapes it)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
