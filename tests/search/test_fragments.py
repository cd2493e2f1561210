"""Snippets cut from a text the engine marked whole (knowledge.search.fragments)."""

import re

from knowledge.search.fragments import fragments


def visible(fragment):
    return re.sub(r"</?mark>", "", fragment)


def test_a_short_text_is_its_own_snippet():
    assert fragments("Boats at <mark>Ambon</mark>.") == ["Boats at <mark>Ambon</mark>."]
    assert fragments("Nothing marked here.") == []


def test_the_passage_with_the_most_marks_is_chosen_and_cut_between_words():
    text = (
        "alpha " * 50
        + "one <mark>debt</mark> here "
        + "beta " * 50
        + "<mark>debt</mark> and <mark>bondage</mark> at the kilns "
        + "gamma " * 50
    )
    [passage] = fragments(text, size=80, limit=1)
    assert "<mark>debt</mark> and <mark>bondage</mark>" in passage
    assert len(visible(passage)) <= 80
    # Whole words at both ends.
    words = set(visible(text).split())
    assert all(word in words for word in visible(passage).split())


def test_two_passages_do_not_overlap_and_follow_the_text():
    text = "x " * 100 + "<mark>first</mark> " + "y " * 100 + "<mark>second</mark> " + "z " * 100
    first, second = fragments(text, size=60, limit=2)
    assert "<mark>first</mark>" in first
    assert "<mark>second</mark>" in second
    assert "second" not in first
    assert "first" not in second


def test_marks_and_entities_are_never_cut_through():
    text = "&amp;" * 40 + "<mark>forced labour</mark>" + "&quot;" * 40
    for passage in fragments(text, size=30, limit=1):
        assert "<mark>forced labour</mark>" in passage
        # Every entity is whole: no "&am" or "quot;" without its start.
        assert re.sub(r"&(amp|quot);|<mark>forced labour</mark>|\s", "", passage) == ""


def test_unspaced_text_is_cut_at_the_size():
    text = "ก" * 400 + "<mark>แรงงานบังคับ</mark>" + "ข" * 400
    [passage] = fragments(text, size=160, limit=1)
    assert "<mark>แรงงานบังคับ</mark>" in passage
    assert len(visible(passage)) == 160


def test_a_long_text_marked_everywhere_gives_one_snippet():
    # A common word on every line of a long page: thousands of marks, one snippet.
    text = "plain words and <mark>labour</mark> again " * 5000
    [passage] = fragments(text, limit=1)
    assert "<mark>labour</mark>" in passage
