"""
Every spreadsheet download the portal offers (CSV and XLSX) is written here.

Text that people typed — a comment, a display name, an organisation's name — ends up in
cells that the secretariat opens in Excel, LibreOffice or Google Sheets. A cell whose text
begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip
before reading a formula) is run as a formula there: it can fetch URLs, read other cells or,
in older programs, start commands.
- CSV has no types: following OWASP's guidance on CSV injection, such text is written with
  a leading single quote, so it shows as typed and never runs.
- XLSX has: every text cell is stored as a string, whatever it starts with, so it is shown
  as typed and never run (openpyxl would otherwise store "=..." as a formula), without a
  quote the secretariat would see.
Numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

# OWASP's list, plus the full-width forms some spreadsheet programs also read as operators.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_value(value):
    """The value as a spreadsheet holds it: numbers as they are, everything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return str(value)


def neutralise_cell(value):
    """The value for a CSV cell: text never starts a formula (CSV has no types)."""
    value = cell_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(row: Iterable) -> list:
    return [neutralise_cell(value) for value in row]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download (UTF-8 with a byte-order mark, so Excel reads Thai, Khmer and Burmese)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(neutralise_row(header))
    for row in rows:
        writer.writerow(neutralise_row(row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_response(
    filename: str, sheets: Sequence[tuple[str, Sequence, Iterable[Iterable]]]
) -> HttpResponse:
    """An XLSX download with one sheet per (title, header, rows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        # Excel refuses sheet titles over 31 characters.
        sheet = workbook.create_sheet(str(title)[:31])
        for row in [header, *rows]:
            sheet.append([cell_value(value) for value in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
