"""Flags, the moderation queue and its audit trail, and what members are told."""

import pytest
from django.core import mail

from forums import actions
from forums.models import Flag, ModerationVerb, Post, PostingSuspension
from portal.audit import events_about
from portal.models import AuditEvent, Notification
from tests.forums.conftest import member_of, signed_in_client, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cso_post(forums, people):
    return actions.do_create_thread(
        viewer(people.cso), forums.cso, title="T", body="Buy now!"
    ).opening_post


def test_a_flag_reaches_the_moderation_queue_and_hiding_it_is_audited_and_told(
    cso_post, people, groups
):

    reporter = member_of(groups.cso)
    signed_in_client(reporter).post(
        f"/forums/posts/{cso_post.pk}/flag/", {"reason": "spam", "note": "an advert"}
    )
    moderator = signed_in_client(people.moderator)
    assert "an advert" in moderator.get("/forums/moderation/").content.decode()

    missing_reason = moderator.post(
        "/forums/moderation/act/", {"action": "hide", "post": cso_post.pk, "reason": ""}
    )
    assert missing_reason.status_code == 400
    moderator.post(
        "/forums/moderation/act/", {"action": "hide", "post": cso_post.pk, "reason": "Advert"}
    )

    cso_post.refresh_from_db()
    assert cso_post.status == Post.Status.HIDDEN
    assert AuditEvent.objects.get(verb=ModerationVerb.HIDE).reason == "Advert"
    assert Flag.objects.get().resolved_at is not None
    assert Notification.objects.filter(user=people.cso, kind="forums.moderation").exists()
    reader_page = signed_in_client(reporter).get(cso_post.thread.get_absolute_url())
    assert "Buy now!" not in reader_page.content.decode()


def test_a_moderator_who_is_not_secretariat_suspends_forum_posting(cso_post, people):
    actions.do_suspend_member(viewer(people.moderator), people.cso, reason="Repeated spam")

    assert PostingSuspension.objects.filter(member=people.cso, lifted_at=None).exists()
    response = signed_in_client(people.cso).post(
        f"/forums/threads/{cso_post.thread_id}/reply/", {"body": "again"}
    )
    assert response.status_code == 400
    assert AuditEvent.objects.filter(verb=ModerationVerb.SUSPEND, subject=people.cso).exists()


def test_warn_and_lock_need_a_moderator(cso_post, people):
    with pytest.raises(actions.ActionRefused):
        actions.do_warn_member(viewer(people.cso), people.cso, reason="x")
    actions.do_warn_member(viewer(people.moderator), people.cso, reason="Keep it civil")

    assert Notification.objects.get(user=people.cso).body == "Keep it civil"


def test_a_safeguarding_flag_goes_only_to_the_safeguarding_queue_and_never_tells_the_poster(
    forums, people
):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="help me")
    post = thread.opening_post
    mail.outbox.clear()
    notifications_before = Notification.objects.filter(user=people.youth).count()

    signed_in_client(people.youth_friend).post(
        f"/forums/posts/{post.pk}/flag/", {"reason": "safeguarding", "note": "worried"}
    )

    assert (
        "worried"
        not in signed_in_client(people.moderator).get("/forums/moderation/").content.decode()
    )
    lead = signed_in_client(people.safeguarding)
    queue = lead.get("/forums/safeguarding/").content.decode()
    assert thread.title in queue
    case_id = post.flags.get().safeguarding_case.pk
    case_url = f"/forums/safeguarding/{case_id}/"
    assert "worried" in lead.get(case_url).content.decode()
    assert lead.get(case_url).status_code == 200
    assert signed_in_client(people.moderator).get(case_url).status_code == 404

    lead.post(case_url, {"text": "Called the delegate's focal point", "status": "open"})
    lead.post(case_url, {"referred_to": "National child helpline", "status": "open"})
    bad = lead.post(case_url, {"referred_to": "", "status": "referred"})

    assert bad.status_code == 400
    page = lead.get(case_url).content.decode()
    assert "Called the delegate" in page
    assert "National child helpline" in page
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED  # nothing hidden automatically
    assert Notification.objects.filter(user=people.youth).count() == notifications_before
    assert mail.outbox == []


def test_replies_in_watched_threads_and_mentions_notify_members_who_may_read(
    forums, people, django_capture_on_commit_callbacks
):
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="Fees", body="b")
    actions.do_watch_thread(viewer(people.youth), thread)

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(viewer(people.youth_friend), thread, body="Hello @CSOFocalPoint")

    assert Notification.objects.get(user=people.cso).kind == "forums.mention"
    assert Notification.objects.get(user=people.youth).kind == "forums.reply"
    assert not Notification.objects.filter(user=people.youth_friend).exists()


def test_no_reply_notification_leaks_from_a_forum_the_watcher_can_no_longer_read(
    forums, people, groups, django_capture_on_commit_callbacks
):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="b")
    actions.do_watch_thread(viewer(people.cso), thread)
    people.cso.memberships.update(status="revoked")

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(viewer(member_of(groups.cso)), thread, body="reply")

    assert not Notification.objects.filter(user=people.cso).exists()


def test_a_notification_about_a_post_hidden_since_no_longer_shows_it(
    forums, people, django_capture_on_commit_callbacks
):
    """Notifications refer to their post: the list asks the forum's rule at view time."""
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="Fees", body="b")
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.do_create_post(
            viewer(people.youth_friend), thread, body="Hello @CSOFocalPoint"
        )
    cso = signed_in_client(people.cso)
    assert "You were mentioned in “Fees”" in cso.get("/me/notifications/").content.decode()

    actions.do_hide_post(viewer(people.moderator), post, reason="Off topic")

    page = cso.get("/me/notifications/").content.decode()
    assert "You were mentioned in “Fees”" not in page
    assert "something you can no longer see" in page


def test_deleting_a_flagged_post_closes_its_flags_in_the_record(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Rude words")
    abuse = actions.do_flag_post(viewer(people.youth), post, reason="abuse")
    concern = actions.do_flag_post(viewer(people.youth_friend), post, reason="safeguarding")

    actions.do_delete_post(viewer(people.cso), post)

    abuse.refresh_from_db()
    concern.refresh_from_db()
    assert abuse.resolved_at is not None
    assert abuse.resolved_by == people.cso
    assert concern.resolved_at is None  # the leads' to close
    record = events_about(post).get()
    assert record.verb == ModerationVerb.DELETE
    assert record.actor == people.cso


def test_a_post_deleted_by_a_moderator_cannot_be_restored_and_the_refusal_says_so(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Rude words")
    actions.do_hide_post(viewer(people.moderator), post, reason="Rude")
    actions.do_delete_post(viewer(people.moderator), post)

    with pytest.raises(actions.ActionRefused) as refusal:
        actions.do_restore_post(viewer(people.moderator), post, reason="Second thoughts")

    assert str(refusal.value) == "This post was deleted and cannot be restored."
