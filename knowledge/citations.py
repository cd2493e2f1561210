"""
Citation export of a publication: BibTeX, RIS and CSL-JSON.

Names go out as parts (knowledge.names): "Nguyễn, Thị Minh" whatever order the name is
written in; a single (Burmese) name and an organisation stay whole: braced in BibTeX,
`literal` in CSL-JSON, one AU line in RIS.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

REPORT_TYPES = {"research-report", "policy-brief", "data-and-statistics", "meeting-report"}

# Every character LaTeX gives a meaning to, as text (one pass: the backslash's own
# replacement must not be escaped again).
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))
# Fields BibTeX styles print verbatim (hyperref's \url): only braces would break them,
# and URLs and DOIs here never contain any.
BIBTEX_VERBATIM = {"url", "doi"}


def _bibtex_escape(value: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_SPECIALS[match.group()], value)


def _bibtex_key(page) -> str:
    first_author = page.authors.first()
    stem = first_author.author_name.family.split()[0] if first_author else "commit"
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    year = page.publication_date.year if page.publication_date else "nd"
    return re.sub(r"[^A-Za-z0-9]", "", f"{ascii_stem}{year}{page.slug[:20]}") or f"pub{page.pk}"


def _bibtex_author(author) -> str:
    name = author.author_name
    if name.has_family_name:
        # Braced parts: a family name of several words (or holding "and") stays one part.
        return f"{{{_bibtex_escape(name.family)}}}, {{{_bibtex_escape(name.given)}}}"
    # Braces keep a single name or an organisation whole instead of "Family, Given".
    return "{" + _bibtex_escape(name.display) + "}"


def _one_line(value: str) -> str:
    """RIS is one tag per line: a value's own line breaks would start a bogus tag."""
    return " ".join(value.split())


def bibtex(page, url: str) -> str:
    entry_type = "techreport" if page.type_slug in REPORT_TYPES else "misc"
    fields = [("title", page.title + (f": {page.subtitle}" if page.subtitle else ""))]
    authors = list(page.authors.select_related("organisation"))
    author_field = " and ".join(_bibtex_author(a) for a in authors)
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
    lines = [
        f"  {name} = {{{value if name in BIBTEX_VERBATIM else _bibtex_escape(value)}}}"
        for name, value in fields
    ]
    if author_field:
        lines.insert(1, f"  author = {{{author_field}}}")
    body = ",\n".join(lines)
    return f"@{entry_type}{{{_bibtex_key(page)},\n{body}\n}}\n"


def ris(page, url: str) -> str:
    lines = [("TY", "RPRT" if page.type_slug in REPORT_TYPES else "GEN"), ("TI", page.title)]
    if page.subtitle:
        lines.append(("T2", page.subtitle))
    # Organisations are authors too (AU), not secondary authors (A2, editors).
    lines.extend(
        ("AU", author.author_name.inverted)
        for author in page.authors.select_related("organisation")
    )
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
        lines.append(("AB", page.summary))
    lines.extend(("KW", keyword) for keyword in page.tag_names)
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def csl_json(page, url: str) -> list[dict]:
    authors = []
    for author in page.authors.select_related("organisation"):
        name = author.author_name
        if name.has_family_name:
            authors.append({"family": name.family, "given": name.given})
        else:
            authors.append({"literal": name.display})
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
