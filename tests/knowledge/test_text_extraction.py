"""Publishing extracts the text of PDFs page by page, and tells the editor of problems."""

import pytest
from django.core.files.base import ContentFile

from knowledge.actions import Document, PublicationData, do_save_publication
from knowledge.models import DocumentExtraction, ExtractionStatus, PublicationText
from knowledge.sample_pdfs import latin_pdf, scanned_pdf, text_layer_pdf
from portal.models import AccessLevel
from tests.knowledge.conftest import member, sign_in_as

pytestmark = pytest.mark.django_db

# No Thai or CJK font is installed here, so these PDFs carry a text layer written
# directly (knowledge.sample_pdfs.text_layer_pdf) rather than text drawn by reportlab.
THAI = "การค้ามนุษย์ในอุตสาหกรรมประมงทะเล"
CHINESE = "湄公河次区域的强迫婚姻与人口拐卖"
BURMESE_UNICODE = "မြန်မာနိုင်ငံ လူကုန်ကူးမှု တိုက်ဖျက်ရေး"
BURMESE_ZAWGYI = "ျမန္မာႏိုင္ငံ လူကုန္ကူးမႈ တိုက္ဖ်က္ေရး"


def _texts(publication):
    return list(
        PublicationText.objects.filter(publication=publication).values_list("page_number", "text")
    )


def test_english_pdf_text_is_stored_per_page(publish):
    publication = publish(
        "two-pages", pdf=latin_pdf(["Fishing vessels at sea.", "Referral to shelters."])
    )
    assert _texts(publication) == [(1, "Fishing vessels at sea."), (2, "Referral to shelters.")]
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.status == ExtractionStatus.EXTRACTED
    assert extraction.page_count == 2


@pytest.mark.parametrize(("language", "text"), [("th", THAI), ("zh-hans", CHINESE)])
def test_thai_and_chinese_text_is_extracted(publish, language, text):
    publication = publish(f"report-{language}", language=language, pdf=text_layer_pdf([text]))
    stored = PublicationText.objects.get(publication=publication)
    assert stored.text == text
    assert stored.language == language


def test_unicode_burmese_is_not_flagged(publish):
    publication = publish("burmese", language="my", pdf=text_layer_pdf([BURMESE_UNICODE]))
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.status == ExtractionStatus.EXTRACTED
    assert not extraction.zawgyi_detected


def test_zawgyi_burmese_is_detected_and_the_editor_told(publish):
    publication = publish(
        "zawgyi", language="my", pdf=text_layer_pdf([BURMESE_UNICODE, BURMESE_ZAWGYI])
    )
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.zawgyi_detected
    assert "Zawgyi" in extraction.message
    assert "not converted" in extraction.message
    flags = dict(
        PublicationText.objects.filter(publication=publication).values_list(
            "page_number", "zawgyi_detected"
        )
    )
    assert flags == {1: False, 2: True}


@pytest.mark.parametrize(
    ("pdf", "status", "words"),
    [
        (scanned_pdf(2), ExtractionStatus.NO_TEXT, "no text layer"),
        (latin_pdf(["secret"], encrypt_with="password"), ExtractionStatus.ENCRYPTED, "password"),
    ],
    ids=["scanned", "encrypted"],
)
def test_unreadable_pdfs_leave_the_publication_published_with_a_message(
    publish, pdf, status, words
):
    publication = publish(f"problem-{status}", pdf=pdf)
    publication.refresh_from_db()
    assert publication.live
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.status == status
    assert words in extraction.message
    assert _texts(publication) == []


def test_a_damaged_pdf_stored_before_uploads_were_parsed_leaves_a_message(
    library, django_capture_on_commit_callbacks
):
    # Uploads now refuse a damaged PDF; one stored earlier is still met by extraction.
    document = Document(title="Cut short")
    document.file.save("cut-short.pdf", ContentFile(latin_pdf(["cut short"])[:400]), save=True)
    data = PublicationData(
        slug="problem-corrupt",
        title="Cut short",
        access_level=AccessLevel.PUBLIC,
        allowed_groups=[],
        documents=[(document, "Full report", "en")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        publication, _created = do_save_publication(None, library, data)
    publication.refresh_from_db()
    assert publication.live
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.status == ExtractionStatus.CORRUPT
    assert "damaged" in extraction.message
    assert _texts(publication) == []


def test_an_oversized_pdf_is_not_extracted(publish, monkeypatch):
    monkeypatch.setattr("knowledge.extraction.MAX_EXTRACT_BYTES", 100)
    publication = publish("huge", pdf=latin_pdf(["big"]))
    extraction = DocumentExtraction.objects.get(publication=publication)
    assert extraction.status == ExtractionStatus.TOO_LARGE
    assert "larger than" in extraction.message


def test_removing_a_file_removes_its_text(publish, django_capture_on_commit_callbacks):
    publication = publish("to-empty", pdf=latin_pdf(["Soon gone."]))
    publication.documents = []
    with django_capture_on_commit_callbacks(execute=True):
        publication.save_revision().publish()
    assert _texts(publication) == []
    assert not DocumentExtraction.objects.filter(publication=publication).exists()


def test_the_editor_sees_extraction_problems_in_the_admin(client, publish, groups):
    publication = publish("scanned-admin", pdf=scanned_pdf())
    editor = member("editor@example.org", groups["secretariat"])
    editor.is_superuser = True
    editor.save()
    sign_in_as(client, editor, mfa=True)
    html = client.get(f"/admin/pages/{publication.pk}/edit/").content.decode()
    assert "No text layer" in html
