"""Staff are told when a flag is raised: safeguarding leads at once and by email too."""

import pytest
from django.core import mail

from forums import actions
from portal.models import Notification
from tests.forums.conftest import signed_in_client, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(forums, people):
    forums.general.save()
    thread = actions.do_create_thread(
        viewer(people.cso), forums.general, title="Recruitment offers", body="Jobs abroad"
    )
    return thread.opening_post


def test_a_safeguarding_flag_reaches_the_leads_at_once_by_email(
    post, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in_client(people.youth_friend).post(
            f"/forums/posts/{post.pk}/flag/",
            {"reason": "safeguarding", "note": "She says she is 15 and alone"},
        )

    told = Notification.objects.get(user=people.safeguarding, kind="forums.safeguarding_flag")
    case = post.flags.get().safeguarding_case
    assert told.url == f"/forums/safeguarding/{case.pk}/"
    emails = [message for message in mail.outbox if people.safeguarding.email in message.to]
    assert len(emails) == 1
    # The email names the case only: nothing of the post or the note leaves the portal.
    assert "15 and alone" not in emails[0].body
    assert "Jobs abroad" not in emails[0].body
    assert not Notification.objects.filter(user=people.moderator).exists()
    assert not any(people.cso.email in message.to for message in mail.outbox)


def test_an_ordinary_flag_tells_the_moderators(post, people):
    signed_in_client(people.youth_friend).post(f"/forums/posts/{post.pk}/flag/", {"reason": "spam"})

    told = Notification.objects.get(user=people.moderator, kind="forums.flag")
    assert told.url == "/forums/moderation/"
    assert not Notification.objects.filter(user=people.safeguarding).exists()
