"""
Reading publication records from a CSV file and importing them: one loop shared by
`manage.py import_publications` and the admin's "Import publications" screen, so both give
the same per-row report.

Columns (UTF-8, header row): slug, title, subtitle, summary, authors, publisher,
publication_date (YYYY-MM-DD), language, type, areas, forms, countries, tags, isbn,
doi, external_url, licence, access (public/members/groups), groups, files, edition_of.
Lists are separated by ";". Authors: "Smith, Jane" or "Jane Smith" (given name first),
"family-first:Nguyễn, Thị Minh" (Vietnamese, Chinese, Khmer names), "single:Aung Myint"
(Burmese names, which have no family name), "org:Mekong Institute" (an organisation). Each
file is a path relative to the CSV, optionally followed by "|language", e.g.
"report-th.pdf|th".
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from knowledge.actions import PublicationData, do_save_publication, do_store_document
from knowledge.models import ExploitationForm, Licence, PublicationPage, PublicationType, SpaArea
from knowledge.names import AuthorName
from portal.models import AccessLevel, Country, Organisation, StakeholderGroup

REQUIRED_COLUMNS = {"title", "files"}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class RowError(Exception):
    """A row that cannot be imported; the message says why."""


class ImportFileError(Exception):
    """The CSV as a whole cannot be read; the message says why and nothing was imported."""


@dataclass(frozen=True)
class ReportLine:
    row: int  # the CSV's line number; row 1 is the header
    is_error: bool
    message: str

    def __str__(self) -> str:
        if self.is_error:
            return f"row {self.row}: ERROR {self.message}"
        return f"row {self.row}: warning: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    lines: list[ReportLine] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(line.is_error for line in self.lines)

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.errors} row(s) with errors."


@dataclass
class ParsedRow:
    data: PublicationData
    edition_of_slug: str = ""
    warnings: list[str] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def _terms(model, values: list[str], label: str, warnings: list[str]) -> list:
    found = []
    for value in values:
        term = (
            model.objects.filter(slug=value).first()
            or model.objects.filter(name__iexact=value).first()
        )
        if term is None:
            warnings.append(f"unknown {label} '{value}' (skipped)")
        else:
            found.append(term)
    return found


def parse_row(row: dict[str, str], folder: Path, actor=None) -> ParsedRow:
    """Turn one CSV row into PublicationData, storing its files. Raises RowError."""
    row = {key.strip(): (value or "").strip() for key, value in row.items() if key}
    warnings: list[str] = []
    title = row.get("title", "")
    if not title:
        raise RowError("the title is empty")
    published = None
    if row.get("publication_date"):
        try:
            published = date.fromisoformat(row["publication_date"])
        except ValueError as error:
            raise RowError(
                f"publication_date '{row['publication_date']}' is not YYYY-MM-DD"
            ) from error
    language = row.get("language") or "en"
    if language not in LANGUAGES:
        raise RowError(f"language '{language}' is not one of {', '.join(sorted(LANGUAGES))}")
    access = row.get("access") or AccessLevel.PUBLIC
    if access not in AccessLevel.values:
        raise RowError(f"access '{access}' is not one of {', '.join(AccessLevel.values)}")
    licence = row.get("licence", "")
    if licence and licence not in Licence.values:
        warnings.append(f"unknown licence '{licence}' (left empty)")
        licence = ""
    groups = []
    for name in _split(row.get("groups", "")):
        group = StakeholderGroup.objects.filter(name=name).first()
        if group is None:
            raise RowError(f"unknown group '{name}'")
        groups.append(group)
    if access == AccessLevel.GROUPS and not groups:
        raise RowError("access is 'groups' but no group is named")
    countries = []
    for code in _split(row.get("countries", "")):
        country = Country.objects.filter(code=code.upper()).first()
        if country is None:
            warnings.append(f"unknown country '{code}' (skipped)")
        else:
            countries.append(country)
    publication_type = None
    if row.get("type"):
        (publication_type,) = _terms(PublicationType, [row["type"]], "type", warnings) or [None]
    authors = []
    for author in _split(row.get("authors", "")):
        name = AuthorName.parse(author)
        organisation = None
        if not name.is_person:
            organisation = Organisation.objects.filter(name__iexact=name.family).first()
        authors.append((AuthorName(), organisation) if organisation else (name, None))
    documents = []
    for entry in _split(row.get("files", "")):
        relative, _sep, file_language = entry.partition("|")
        path = (folder / relative.strip()).resolve()
        if folder.resolve() not in path.parents:
            raise RowError(f"file '{relative}' is outside the import folder")
        if not path.is_file():
            raise RowError(f"file '{relative}' does not exist")
        try:
            document = do_store_document(path, title=title, actor=actor)
        except ValidationError as error:
            raise RowError("; ".join(error.messages)) from error
        documents.append((document, "", file_language.strip() or language))
    data = PublicationData(
        slug=row.get("slug") or title,
        title=title,
        subtitle=row.get("subtitle", ""),
        summary=row.get("summary", ""),
        publisher=row.get("publisher", ""),
        publication_date=published,
        language=language,
        publication_type=publication_type,
        countries=countries,
        areas=_terms(SpaArea, _split(row.get("areas", "")), "area", warnings),
        forms=_terms(ExploitationForm, _split(row.get("forms", "")), "form", warnings),
        tags=_split(row.get("tags", "")),
        authors=authors,
        documents=documents,
        isbn=row.get("isbn", ""),
        doi=row.get("doi", ""),
        external_url=row.get("external_url", ""),
        licence=licence,
        access_level=access,
        allowed_groups=groups,
    )
    return ParsedRow(data, edition_of_slug=row.get("edition_of", ""), warnings=warnings)


def resolve_edition(parsed: ParsedRow, index) -> None:
    if parsed.edition_of_slug:
        original = (
            PublicationPage.objects.child_of(index).filter(slug=parsed.edition_of_slug).first()
        )
        if original is None:
            parsed.warnings.append(f"edition_of '{parsed.edition_of_slug}' not found (not linked)")
        else:
            parsed.data.edition_of = original.edition_of or original


def import_publications_csv(
    csv_path: Path,
    index,
    *,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """
    Import every row of the CSV at `csv_path` (files named relative to its folder) under
    the library page `index`, each row in its own transaction: a bad row is reported and
    skipped, the others are imported. Raises ImportFileError when the file cannot be read.
    """
    try:
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportFileError(
            f"{csv_path.name} is not a readable UTF-8 CSV file: {error}"
        ) from error
    columns = set(rows[0]) if rows else set()
    missing = REQUIRED_COLUMNS - columns
    if rows and missing:
        raise ImportFileError(f"The CSV lacks the column(s): {', '.join(sorted(missing))}.")
    report = ImportReport()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        if progress is not None:
            progress(number - 1, len(rows))
        try:
            with transaction.atomic():
                parsed = parse_row(row, csv_path.parent, actor=actor)
                resolve_edition(parsed, index)
                _page, was_created = do_save_publication(actor, index, parsed.data)
        except RowError as error:
            report.lines.append(ReportLine(number, True, str(error)))
            continue
        report.created += was_created
        report.updated += not was_created
        report.lines.extend(ReportLine(number, False, warning) for warning in parsed.warnings)
    return report
