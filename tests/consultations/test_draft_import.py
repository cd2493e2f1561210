"""Importing draft text from Word: real .docx files built with python-docx."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from consultations import actions
from consultations.diff import ADDED, CHANGED, UNCHANGED, round_diff
from consultations.models import DraftRound


def _docx(path, blocks):
    """blocks: ("h", text) for a heading, ("p", text) for a paragraph."""
    document = Document()
    for kind, text in blocks:
        if kind == "h":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(path)
    return str(path)


def _import(consultation, path):
    out = io.StringIO()
    call_command("import_draft_text", str(consultation.pk), path, stdout=out)
    return out.getvalue()


def test_headings_become_sections_and_paragraphs_become_numbered_paragraphs(world, tmp_path):
    path = _docx(
        tmp_path / "draft.docx",
        [
            ("h", "Policy and cooperation"),
            ("p", "Member countries review their anti-trafficking laws by 2027."),
            ("p", "   "),
            ("p", "Bilateral MoUs cover the return of victims."),
            ("h", "Victim protection"),
            ("p", "Shelters support all victims, including men and boys."),
        ],
    )
    output = _import(world.consultation, path)

    new_round = world.consultation.current_round()
    assert new_round.number == 2
    assert "Round 2" in output
    assert [(s.number, s.heading) for s in new_round.sections.order_by("sort_order")] == [
        ("1", "Policy and cooperation"),
        ("2", "Victim protection"),
    ]
    assert [(p.number, p.section.number, p.text) for p in new_round.paragraphs_in_order()] == [
        ("1.1", "1", "Member countries review their anti-trafficking laws by 2027."),
        ("1.2", "1", "Bilateral MoUs cover the return of victims."),
        ("2.1", "2", "Shelters support all victims, including men and boys."),
    ]


def test_paragraphs_keep_the_previous_rounds_anchors_so_the_diff_pairs_them(world, tmp_path):
    path = _docx(
        tmp_path / "round-two.docx",
        [
            ("h", "Policy and cooperation"),
            ("p", "Member countries review their anti-trafficking laws by 2027."),
            ("p", "Bilateral MoUs cover the return of victims."),
            ("h", "Victim protection"),
            ("p", "National referral mechanisms identify victims."),
            ("p", "A new paragraph on compensation."),
        ],
    )
    _import(world.consultation, path)

    first, second = DraftRound.objects.filter(consultation=world.consultation).order_by("number")
    anchors = dict(second.paragraphs.values_list("number", "anchor"))
    assert anchors["1.1"] == "policy-laws"
    assert anchors["2.1"] == "protection-referral"
    assert anchors["2.2"] == "p-2-2"
    statuses = {change.anchor: change.status for change in round_diff(first, second)}
    assert statuses["policy-laws"] == CHANGED
    assert statuses["policy-mou"] == UNCHANGED
    assert statuses["p-2-2"] == ADDED


def test_the_first_round_of_a_consultation_without_text(world, tmp_path):
    world.consultation.rounds.all().delete()
    path = _docx(
        tmp_path / "zero.docx",
        [("p", "This plan is adopted by the six COMMIT countries."), ("h", "Prevention")],
    )
    _import(world.consultation, path)

    first = world.consultation.current_round()
    assert first.number == 1
    assert [(s.number, s.heading) for s in first.sections.order_by("sort_order")] == [
        ("0", "Preamble"),
        ("1", "Prevention"),
    ]
    assert first.paragraphs.get().number == "0.1"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 this is a PDF, not a Word file",
        b"PK\x03\x04 a truncated zip",
        b"",
        b"Plain text saved with a .docx name",
    ],
    ids=["pdf", "corrupt-zip", "empty", "text"],
)
def test_a_file_that_is_not_a_docx_gives_a_clear_error_and_changes_nothing(
    world, tmp_path, content
):
    path = tmp_path / "draft.docx"
    path.write_bytes(content)

    with pytest.raises(CommandError, match="cannot be read as a Word document"):
        _import(world.consultation, str(path))
    assert world.consultation.rounds.count() == 1


def test_a_zip_that_is_not_a_word_document_is_refused(world, tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a document")

    with pytest.raises(CommandError, match="cannot be read as a Word document"):
        _import(world.consultation, str(path))
    assert world.consultation.rounds.count() == 1


def test_a_document_with_only_headings_is_refused(world, tmp_path):
    path = _docx(tmp_path / "headings.docx", [("h", "Policy"), ("h", "Protection")])

    with pytest.raises(CommandError, match="no paragraphs of text"):
        _import(world.consultation, path)
    assert world.consultation.rounds.count() == 1


def test_a_missing_file_or_consultation_is_a_clear_error(world, tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        _import(world.consultation, str(tmp_path / "nowhere.docx"))
    with pytest.raises(CommandError, match="no consultation with id"):
        call_command("import_draft_text", "999999", str(tmp_path / "x.docx"))


def test_only_the_secretariat_may_import(world, people, viewer, tmp_path):
    path = _docx(tmp_path / "draft.docx", [("h", "Policy"), ("p", "Text.")])

    with pytest.raises(actions.ActionRefused):
        actions.do_import_draft_text(viewer("cso_a"), world.consultation, path)
    draft_round = actions.do_import_draft_text(viewer("secretariat"), world.consultation, path)
    assert draft_round.number == 2
