"""The library index (filters, pagination) and a publication page (record, files, editions)."""

import io

import pytest
from django.core.exceptions import ValidationError

from knowledge.models import PublicationDocument
from knowledge.sample_pdfs import latin_pdf
from knowledge.uploads import check_upload

pytestmark = pytest.mark.django_db


def test_filters_narrow_the_listing_without_javascript(client, publications, publish, countries):
    publish(
        "vietnam-brief",
        title="Viet Nam penal code brief",
        language="vi",
        countries=[countries["VN"]],
    )
    html = client.get("/library/?country=VN").content.decode()
    assert "Viet Nam penal code brief" in html
    assert "Trafficking in the fishing sector" not in html
    html = client.get("/library/?language=en&area=protection").content.decode()
    assert "Trafficking in the fishing sector" in html
    assert "Viet Nam penal code brief" not in html


def test_an_unknown_filter_is_a_400_with_a_message(client, publications):
    response = client.get("/library/?type=horoscope")
    assert response.status_code == 400
    assert "Some filters were not understood" in response.content.decode()


def test_the_listing_is_paginated(client, publish, monkeypatch):
    monkeypatch.setattr("knowledge.models.pages.LISTING_PAGE_SIZE", 2)
    for number in range(3):
        publish(f"paper-{number}", title=f"Paper number {number}")
    first = client.get("/library/").content.decode()
    assert "Page 1 of 2" in first
    assert 'rel="next" href="?page=2"' in first
    assert client.get("/library/?page=2").content.decode().count("Paper number") == 1


def test_a_publication_page_shows_its_record_files_editions_and_citations(client, publish):
    original = publish(
        "fishing", title="Fishing report", publisher="COMMIT Secretariat", pdf=latin_pdf(["x"])
    )
    thai = publish("fishing-th", title="รายงานประมง", language="th", edition_of=original)
    html = client.get(original.url).content.decode()
    assert "COMMIT Secretariat" in html
    assert original.documents.get().document.url in html
    assert f'<a href="{thai.url}" hreflang="th" lang="th">Thai</a>' in html
    assert "cite/bibtex/" in html
    assert "cite/ris/" in html
    assert "cite/csl-json/" in html
    assert 'hreflang="en" lang="en">English</a>' in client.get(thai.url).content.decode()


@pytest.mark.parametrize(
    ("name", "size", "head", "message"),
    [
        ("virus.exe", 10, b"MZ", "not a file type the library accepts"),
        ("big.pdf", 60 * 1024 * 1024, b"%PDF-1.7", "the limit is 50"),
        ("fake.pdf", 10, b"<html>", "is not a PDF file"),
    ],
)
def test_uploads_are_checked_for_type_size_and_signature(name, size, head, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(name, size, io.BytesIO(head))


def test_a_chosen_file_of_a_refused_type_is_refused_in_the_publication_form(publish):
    from django.core.files.base import ContentFile

    from knowledge.actions import Document

    document = Document(title="Script")
    document.file.save("script.exe", ContentFile(b"MZ"), save=True)
    with pytest.raises(ValidationError, match="not a file type"):
        PublicationDocument(document=document).clean()
