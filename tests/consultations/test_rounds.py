"""A new round copies the text; its changes are shown word by word against the last round."""

import pytest

from consultations import actions, queries
from consultations.diff import ADDED, CHANGED, UNCHANGED, round_diff


def test_next_round_copies_the_text_and_keeps_anchors(world):
    second = actions.do_start_next_round(
        None,
        world.consultation,
        changes={"policy-laws": "Member countries review and amend their anti-trafficking laws."},
    )
    assert second.number == 2
    assert sorted(second.paragraphs.values_list("anchor", flat=True)) == sorted(
        world.consultation.rounds.get(number=1).paragraphs.values_list("anchor", flat=True)
    )
    assert (
        second.paragraphs.get(anchor="policy-mou").text
        == "Bilateral MoUs cover the return of victims."
    )


def test_diff_marks_changed_words_and_unchanged_paragraphs(world):
    first = world.consultation.rounds.get(number=1)
    second = actions.do_start_next_round(
        None,
        world.consultation,
        changes={"policy-laws": "Member countries review and amend their anti-trafficking laws."},
    )
    changes = {change.anchor: change for change in round_diff(first, second)}
    assert changes["policy-laws"].status == CHANGED
    assert "<ins>and amend</ins>" in changes["policy-laws"].marked_up
    assert changes["policy-mou"].status == UNCHANGED


def test_diff_page_shows_the_changes_and_escapes_text(world, client):
    actions.do_start_next_round(
        None, world.consultation, changes={"policy-mou": "MoUs <b>cover</b> safe return."}
    )
    response = client.get(f"/consultations/{world.consultation.pk}/rounds/2/changes/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<ins>" in body
    assert "<del>" in body
    assert "&lt;b&gt;cover&lt;/b&gt;" in body
    assert "<b>cover</b>" not in body


def test_a_new_paragraph_is_shown_as_added(world):
    first = world.consultation.rounds.get(number=1)
    sections = queries.round_as_sections(first)
    sections[1][2].append(("protection-shelters", "2.2", "Shelters are open to men."))
    second = actions.do_create_round(None, world.consultation, sections)
    added = [c for c in round_diff(first, second) if c.status == ADDED]
    assert [c.anchor for c in added] == ["protection-shelters"]


def test_only_the_secretariat_starts_a_round(world, viewer):
    with pytest.raises(actions.ActionRefused):
        actions.do_start_next_round(viewer("cso_a"), world.consultation)
    assert actions.do_start_next_round(viewer("secretariat"), world.consultation).number == 2
