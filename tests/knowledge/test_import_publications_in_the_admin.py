"""
The admin's "Import publications" screen: the secretariat uploads the CSV (or a ZIP of the
CSV and its files) and gets the same per-row report as `manage.py import_publications`.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge.models import PublicationPage
from tests.knowledge.test_import_publications import BAD_ROWS, GOOD, write_import

pytestmark = pytest.mark.django_db

URL = "/admin/library/import/"


def zipped(folder, *, extra=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, path.name)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return SimpleUploadedFile("import.zip", buffer.getvalue(), "application/zip")


def test_the_secretariat_imports_a_zip_and_reads_the_per_row_report(
    tmp_path, library, countries, as_person, django_capture_on_commit_callbacks
):
    write_import(tmp_path, [GOOD, BAD_ROWS[1]])
    client = as_person("secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": zipped(tmp_path)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 created, 0 updated, 1 row(s) with errors." in page
    assert "file &#x27;missing.pdf&#x27; does not exist" in page
    assert "unknown area &#x27;astrology&#x27;" in page
    assert PublicationPage.objects.get(slug="labour-migration").live


def test_a_csv_alone_reports_its_missing_files_row_by_row(tmp_path, library, as_person):
    write_import(tmp_path, [GOOD])
    upload = SimpleUploadedFile("publications.csv", (tmp_path / "publications.csv").read_bytes())

    response = as_person("secretariat").post(URL, {"file": upload})

    assert "0 created, 0 updated, 1 row(s) with errors." in response.content.decode()
    assert not PublicationPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"title,files\n", "Upload a .csv file or a .zip archive."),
        ("import.zip", b"not a zip", "not a readable ZIP archive"),
    ],
)
def test_a_wrong_file_is_refused_with_a_reason(library, as_person, name, content, message):
    response = as_person("secretariat").post(URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_archive_naming_files_outside_itself_is_refused(tmp_path, library, as_person):
    write_import(tmp_path, [GOOD])

    response = as_person("secretariat").post(
        URL, {"file": zipped(tmp_path, extra={"../escape.pdf": b"%PDF-"})}
    )

    assert response.status_code == 400
    assert "outside itself" in response.content.decode()
    assert not PublicationPage.objects.exists()


@pytest.mark.parametrize("person", ["cso", "government_mfa"])
def test_only_the_secretariat_may_import(tmp_path, library, as_person, person):
    write_import(tmp_path, [GOOD])

    response = as_person(person).post(URL, {"file": zipped(tmp_path)})

    assert response.status_code in (302, 403)
    assert not PublicationPage.objects.exists()
