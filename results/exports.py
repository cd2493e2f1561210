"""
Downloads of the public figures: CSV, JSON and SDMX-CSV, built from the same `Figure`
rows as the tables and charts (approved values only), so every format agrees.

SDMX-CSV follows version 2.0 of the format used for official statistics: the first
columns name the structure (a dataflow), then one column per dimension, the observation
value and the unit attribute. Totals have DISAGGREGATION `_T`; a breakdown has
`<disaggregation>.<category>` (for example `sex.F`).

These are machine formats: they keep the codes and the English titles (`title`, not
`localized_title`) whatever the reader's language, so a file means the same to every
program that reads it and to every download of it.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from portal.spreadsheets import csv_response, neutralise_row
from results.figures import Figure

CSV_HEADER = [
    "indicator",
    "indicator_title",
    "unit",
    "period",
    "ref_area",
    "ref_area_name",
    "value",
    "progress_percent",
    "baseline",
    "target",
    "target_year",
]

SDMX_STRUCTURE_ID = "COMMIT:SPA4_RESULTS(1.0)"
SDMX_HEADER = [
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    "REF_AREA",
    "INDICATOR",
    "TIME_PERIOD",
    "DISAGGREGATION",
    "OBS_VALUE",
    "UNIT_MEASURE",
]


def number_text(value: Decimal | None) -> str:
    """One way to write a number in every format: no trailing zeros, no exponent."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _json_number(value: Decimal | None):
    if value is None:
        return None
    text = number_text(value)
    return int(text) if "." not in text else float(text)


def csv_rows(figures: list[Figure]) -> list[list]:
    return [
        [
            figure.indicator.code,
            figure.indicator.title,
            figure.indicator.unit,
            figure.period.label,
            figure.area_code,
            figure.area_name,
            number_text(figure.value),
            number_text(figure.progress),
            number_text(figure.indicator.baseline),
            number_text(figure.indicator.target),
            figure.indicator.target_year,
        ]
        for figure in figures
    ]


def figures_csv(figures: list[Figure], filename: str) -> HttpResponse:
    return csv_response(filename, CSV_HEADER, csv_rows(figures))


def figures_json(figures: list[Figure]) -> dict:
    return {
        "about": "SPA IV results: figures approved by the COMMIT secretariat only.",
        "figures": [
            {
                "indicator": figure.indicator.code,
                "indicator_title": figure.indicator.title,
                "unit": figure.indicator.unit,
                "period": figure.period.label,
                "ref_area": figure.area_code,
                "ref_area_name": figure.area_name,
                "value": _json_number(figure.value),
                "progress_percent": _json_number(figure.progress),
                "baseline": _json_number(figure.indicator.baseline),
                "target": _json_number(figure.indicator.target),
                "target_year": figure.indicator.target_year,
                "disaggregated": {
                    key: _json_number(Decimal(value))
                    for key, value in sorted(figure.disaggregated.items())
                },
            }
            for figure in figures
        ],
    }


def figures_json_response(figures: list[Figure], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(figures_json(figures), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def sdmx_rows(figures: list[Figure]) -> list[list]:
    rows = []
    for figure in figures:
        common = ["dataflow", SDMX_STRUCTURE_ID, "I", figure.area_code, figure.indicator.code]
        rows.append(
            [*common, figure.period.label, "_T", number_text(figure.value), figure.indicator.unit]
        )
        for key, value in sorted(figure.disaggregated.items()):
            rows.append(
                [
                    *common,
                    figure.period.label,
                    key.replace(":", "."),
                    number_text(Decimal(value)),
                    figure.indicator.unit,
                ]
            )
    return rows


def figures_sdmx(figures: list[Figure], filename: str) -> HttpResponse:
    # No byte-order mark: SDMX tools read plain UTF-8.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SDMX_HEADER)
    for row in sdmx_rows(figures):
        writer.writerow(neutralise_row(row))
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
