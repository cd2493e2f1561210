"""manage.py import_publications: a CSV and its files become publications, re-runs update."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import PublicationPage, PublicationText
from knowledge.sample_pdfs import latin_pdf

pytestmark = pytest.mark.django_db

FIELDS = [
    "slug",
    "title",
    "language",
    "type",
    "areas",
    "countries",
    "authors",
    "publication_date",
    "access",
    "files",
    "edition_of",
]


def write_import(folder, rows):
    (folder / "report.pdf").write_bytes(latin_pdf(["Labour migration from Lao PDR."]))
    (folder / "report-th.pdf").write_bytes(latin_pdf(["Thai edition text."]))
    (folder / "notes.exe").write_bytes(b"MZ")
    with (folder / "publications.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in FIELDS})


def run(folder):
    out = io.StringIO()
    call_command("import_publications", str(folder), stdout=out)
    return out.getvalue()


GOOD = {
    "slug": "labour-migration", "title": "Labour migration vulnerability",
    "type": "research-report", "areas": "prevention;astrology", "countries": "TH",
    "authors": "A. Researcher;org:Unknown Institute", "publication_date": "2024-03-01",
    "files": "report.pdf",
}  # fmt: skip
THAI = {
    "slug": "labour-migration-th", "title": "ความเสี่ยงของแรงงานข้ามชาติ", "language": "th",
    "files": "report-th.pdf|th", "edition_of": "labour-migration",
}  # fmt: skip
BAD_ROWS = [
    {
        "slug": "no-date",
        "title": "Bad date",
        "publication_date": "March 2024",
        "files": "report.pdf",
    },
    {"slug": "no-file", "title": "Missing file", "files": "missing.pdf"},
    {"slug": "exe", "title": "Wrong type", "files": "notes.exe"},
    {"slug": "", "title": "", "files": "report.pdf"},
]


def test_import_creates_reports_errors_and_reruns_update(
    tmp_path, library, countries, django_capture_on_commit_callbacks
):
    write_import(tmp_path, [GOOD, THAI, *BAD_ROWS])
    with django_capture_on_commit_callbacks(execute=True):
        output = run(tmp_path)
    assert "[##############################] 6/6" in output
    assert "2 created, 0 updated, 4 row(s) with errors." in output
    assert "row 4: ERROR publication_date 'March 2024' is not YYYY-MM-DD" in output
    assert "row 5: ERROR file 'missing.pdf' does not exist" in output
    assert "row 6: ERROR" in output
    assert "not a file type the library accepts" in output
    assert "row 7: ERROR the title is empty" in output
    assert "unknown area 'astrology'" in output

    original = PublicationPage.objects.get(slug="labour-migration")
    thai = PublicationPage.objects.get(slug="labour-migration-th")
    assert original.live
    assert original.author_names == ["A. Researcher", "Unknown Institute"]
    assert [author.is_person for author in original.authors.all()] == [True, False]
    assert thai.edition_of == original
    assert thai.documents.get().language == "th"
    assert (
        PublicationText.objects.filter(publication=original).get().text
        == "Labour migration from Lao PDR."
    )

    output = run(tmp_path)
    assert "0 created, 2 updated" in output
    assert PublicationPage.objects.count() == 2
    assert original.documents.count() == 1


def test_a_missing_csv_is_a_clear_error(tmp_path, library):
    with pytest.raises(CommandError, match="No CSV file"):
        run(tmp_path)


def test_author_names_keep_their_order_and_parts(tmp_path, library, countries):
    authors = (
        "family-first:Nguyễn, Thị Minh;family-first:王 小明;single:အောင်မြင့်;"
        "Smith, Jane;สมชาย ใจดี;org:Mekong Institute"
    )
    write_import(tmp_path, [{**GOOD, "authors": authors}])
    run(tmp_path)
    page = PublicationPage.objects.get(slug="labour-migration")
    parts = [(a.name, a.family_name, a.given_name, a.is_person) for a in page.authors.all()]
    assert parts == [
        ("Nguyễn Thị Minh", "Nguyễn", "Thị Minh", True),
        ("王 小明", "王", "小明", True),
        ("အောင်မြင့်", "အောင်မြင့်", "", True),
        ("Jane Smith", "Smith", "Jane", True),
        ("สมชาย ใจดี", "ใจดี", "สมชาย", True),
        ("Mekong Institute", "Mekong Institute", "", False),
    ]
