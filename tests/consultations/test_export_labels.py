"""
The input exports are read by people: the secretariat sees labels in its own language
(organisation type, country, outcome, confidentiality), never stored codes.
"""

import csv
import io

from openpyxl import load_workbook

from tests.consultations.test_inbox_and_exports import _submit

CODES = {"cso", "TH", "partly", "attributed", "submitted", "organisation"}


def _answered(world, viewer, client):
    submission = _submit(viewer("cso_a"), world.consultation, "Thai CSO on laws.")
    comment = submission.comments.get()
    client.post(
        f"/consultations/{world.consultation.pk}/inbox/{comment.pk}/respond/",
        {"outcome": "partly", "explanation": "Partly taken up."},
    )


def test_the_csv_shows_labels_not_codes(world, viewer, client_for):
    client = client_for("secretariat")
    _answered(world, viewer, client)

    text = client.get(f"/consultations/{world.consultation.pk}/export.csv").content
    (row,) = csv.DictReader(io.StringIO(text.decode("utf-8-sig")))

    assert row["Organisation type"] == "Civil society organisation"
    assert row["Country"] == "Thailand"
    assert row["Response"] == "Partly accepted"
    assert row["Confidentiality"] == "Publishable with attribution"
    assert not CODES & set(row.values())


def test_the_xlsx_speaks_the_readers_language(world, viewer, client_for):
    client = client_for("secretariat")
    _answered(world, viewer, client)

    xlsx = client.get(f"/th/consultations/{world.consultation.pk}/export.xlsx")

    workbook = load_workbook(io.BytesIO(xlsx.content))
    header, row = list(workbook.worksheets[0].values)
    cells = dict(zip(header, row, strict=True))
    assert "ไทย" in cells.values()  # Thailand, named in Thai
    assert not CODES & {str(value) for value in cells.values()}
