"""Citation export of a publication: BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

REPORT_TYPES = {"research-report", "policy-brief", "data-and-statistics", "meeting-report"}


def _person_parts(name: str) -> tuple[str, str]:
    """(family, given) of a personal name written "Given Family"."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", value)


def _bibtex_key(page) -> str:
    first_author = page.authors.first()
    stem = first_author.display_name.split()[-1] if first_author else "commit"
    year = page.publication_date.year if page.publication_date else "nd"
    return re.sub(r"[^A-Za-z0-9]", "", f"{stem}{year}{page.slug[:20]}") or f"pub{page.pk}"


def _bibtex_author(author) -> str:
    if author.is_person:
        family, given = _person_parts(author.name)
        return f"{family}, {given}" if given else family
    # Braces keep an organisation's name whole instead of being read as "Family, Given".
    return "{" + author.display_name + "}"


def bibtex(page, url: str) -> str:
    entry_type = "techreport" if page.type_slug in REPORT_TYPES else "misc"
    fields = [("title", page.title + (f": {page.subtitle}" if page.subtitle else ""))]
    authors = list(page.authors.select_related("organisation"))
    if authors:
        fields.append(("author", " and ".join(_bibtex_author(a) for a in authors)))
    if page.publication_date:
        fields.append(("year", str(page.publication_date.year)))
        fields.append(("month", str(page.publication_date.month)))
    if page.publisher:
        fields.append(
            ("institution" if entry_type == "techreport" else "publisher", page.publisher)
        )
    for name in ("isbn", "doi"):
        if getattr(page, name):
            fields.append((name, getattr(page, name)))
    fields.append(("url", url))
    fields.append(("language", page.language))
    if page.summary:
        fields.append(("abstract", page.summary))
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
    return f"@{entry_type}{{{_bibtex_key(page)},\n{body}\n}}\n"


def ris(page, url: str) -> str:
    lines = [("TY", "RPRT" if page.type_slug in REPORT_TYPES else "GEN"), ("TI", page.title)]
    if page.subtitle:
        lines.append(("T2", page.subtitle))
    for author in page.authors.select_related("organisation"):
        if author.is_person:
            family, given = _person_parts(author.name)
            lines.append(("AU", f"{family}, {given}" if given else family))
        else:
            lines.append(("A2", author.display_name))
    if page.publication_date:
        lines.append(("PY", str(page.publication_date.year)))
        lines.append(("DA", page.publication_date.strftime("%Y/%m/%d")))
    if page.publisher:
        lines.append(("PB", page.publisher))
    if page.isbn:
        lines.append(("SN", page.isbn))
    if page.doi:
        lines.append(("DO", page.doi))
    lines.append(("UR", url))
    lines.append(("LA", page.language))
    if page.summary:
        lines.append(("AB", " ".join(page.summary.split())))
    lines.extend(("KW", keyword) for keyword in page.tag_names)
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def csl_json(page, url: str) -> list[dict]:
    authors = []
    for author in page.authors.select_related("organisation"):
        if author.is_person:
            family, given = _person_parts(author.name)
            authors.append({"family": family, "given": given})
        else:
            authors.append({"literal": author.display_name})
    item = {
        "id": f"commit-{page.pk}",
        "type": "report" if page.type_slug in REPORT_TYPES else "document",
        "title": page.title,
        "author": authors,
        "URL": url,
        "language": page.language,
    }
    if page.subtitle:
        item["title-short"] = page.title
        item["title"] = f"{page.title}: {page.subtitle}"
    if page.publication_date:
        date = page.publication_date
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    if page.publisher:
        item["publisher"] = page.publisher
    if page.isbn:
        item["ISBN"] = page.isbn
    if page.doi:
        item["DOI"] = page.doi
    if page.summary:
        item["abstract"] = page.summary
    return [item]


@dataclass(frozen=True)
class CitationFormat:
    label: str
    extension: str
    content_type: str
    render: Callable


CITATION_FORMATS = {
    "bibtex": CitationFormat("BibTeX", "bib", "application/x-bibtex; charset=utf-8", bibtex),
    "ris": CitationFormat("RIS", "ris", "application/x-research-info-systems; charset=utf-8", ris),
    "csl-json": CitationFormat(
        "CSL-JSON", "json", "application/vnd.citationstyles.csl+json", csl_json
    ),
}
