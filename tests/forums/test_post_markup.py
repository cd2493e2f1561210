"""A post's time is machine-readable as HTML allows (the Nu checker rejected microseconds)."""

import re

import pytest

from forums import actions
from tests.forums.conftest import signed_in_client, viewer

pytestmark = pytest.mark.django_db


def test_post_times_are_whole_seconds_and_tags_are_separate_chips(forums, people):
    thread = actions.do_create_thread(
        viewer(people.cso), forums.general, title="Recruitment online", body="Seen this?"
    )
    thread.tags.add("prevention", "safe migration")

    html = signed_in_client(people.cso).get(thread.get_absolute_url()).content.decode()

    values = re.findall(r'<time datetime="([^"]+)"', html)
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value
    # Each tag its own list item, not words run together ("preventionsafe migration").
    tags = re.findall(r'<li class="tag">([^<]+)</li>', html)
    assert sorted(tags) == ["prevention", "safe migration"]
