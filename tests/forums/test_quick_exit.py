"""Quick exit: on Youth Forum and safeguarding pages, a way out that leaves no trace in Back."""

import re

import pytest

from forums import actions
from tests.forums.conftest import signed_in_client, viewer

pytestmark = pytest.mark.django_db

EXIT_LINK = re.compile(r'<a class="quick-exit__button" href="([^"]+)"')


@pytest.fixture
def youth_thread(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    return actions.do_create_thread(
        viewer(people.youth), forums.youth, title="Staying safe online", body="Tips?"
    )


def test_youth_forum_pages_have_a_quick_exit_link_to_the_neutral_site(
    forums, people, youth_thread, settings
):
    client = signed_in_client(people.youth)

    for path in (forums.youth.get_absolute_url(), youth_thread.get_absolute_url()):
        html = client.get(path).content.decode()
        # A plain link: it works without JavaScript; the script adds Esc ×3 and replace().
        assert EXIT_LINK.search(html).group(1) == settings.QUICK_EXIT_URL, path
        assert "/static/portal/quick_exit.js" in html, path


def test_the_safeguarding_queue_has_a_quick_exit(people):
    html = signed_in_client(people.safeguarding).get("/forums/safeguarding/").content.decode()

    assert EXIT_LINK.search(html)


def test_other_forums_have_no_quick_exit(forums, people):
    html = signed_in_client(people.cso).get(forums.general.get_absolute_url()).content.decode()

    assert not EXIT_LINK.search(html)
