"""
The rows of the four old audit tables (portal, meetings, consultations, forum moderation)
are copied into the one trail by the migrations, with their times, actors, targets and
details, and the old tables are dropped. Run on PostgreSQL with rows present.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Locale, Page

from consultations.models import ConsultationPage
from forums.models import Forum, Post, Thread
from home.demo import ensure_wagtail_roots
from meetings.models import MeetingPage
from portal.audit import events_about
from portal.models import AccessLevel, AuditEvent
from tests.factories import UserFactory

BEFORE = [
    ("portal", "0006_notification_about"),
    ("meetings", "0005_decision_public"),
    ("consultations", "0001_initial"),
    ("forums", "0003_close_flags_of_deleted_posts"),
]
LONG_AGO = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.fixture
def world(transactional_db):
    ensure_wagtail_roots()
    locale = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    now = timezone.now()
    meeting = root.add_child(
        instance=MeetingPage(
            title="Senior officials' meeting", slug="som", locale=locale, meeting_type="som",
            start=now, end=now + timedelta(hours=2), venue="Bangkok",
            access_level=AccessLevel.PUBLIC,
        )
    )  # fmt: skip
    consultation = root.add_child(
        instance=ConsultationPage(
            title="SPA IV consultation", slug="spa-iv", locale=locale, introduction="Hi",
            opens_at=now, closes_at=now + timedelta(days=7), time_zone="Asia/Bangkok",
        )
    )  # fmt: skip
    forum = Forum.objects.create(name="CSO", slug="cso", access_level=AccessLevel.PUBLIC)
    author, moderator, secretariat = UserFactory(), UserFactory(), UserFactory()
    thread = Thread.objects.create(forum=forum, title="Spam thread", author=author)
    post = Post.objects.create(thread=thread, author=author, body="Buy", body_html="<p>Buy</p>")
    yield locals()
    # Whatever happened, leave the database at the latest migrations for the next test.
    _migrate(None)


def test_the_rows_of_the_four_old_trails_move_into_the_one_trail(world):
    old = _migrate(BEFORE)
    old_models = {
        name: old.get_model(app, name)
        for app, name in (
            ("portal", "AuditEntry"),
            ("meetings", "MeetingAuditEntry"),
            ("consultations", "ConsultationAuditEntry"),
            ("forums", "ModerationAction"),
        )
    }
    rows = [
        old_models["AuditEntry"].objects.create(
            actor_id=world["secretariat"].pk, action="membership.approved",
            subject_id=world["author"].pk, target="CSO members", reason="Welcome",
        ),
        old_models["MeetingAuditEntry"].objects.create(
            meeting_id=world["meeting"].pk, actor_id=world["secretariat"].pk,
            action="registration", detail="a@example.org: attending",
        ),
        old_models["ConsultationAuditEntry"].objects.create(
            consultation_id=world["consultation"].pk, actor_id=world["author"].pk,
            action="submission.submitted", target="SPA IV consultation · Org A", detail="",
        ),
        old_models["ModerationAction"].objects.create(
            actor_id=world["moderator"].pk, kind="hide", post_id=world["post"].pk,
            thread_id=world["thread"].pk, member_id=world["author"].pk, reason="Advert",
            created_at=LONG_AGO,
        ),
    ]  # fmt: skip
    # auto_now_add stamped the first three with today: give them a past of their own.
    for row in rows[:3]:
        type(row).objects.filter(pk=row.pk).update(at=LONG_AGO)

    _migrate(None)

    assert AuditEvent.objects.count() == 4
    assert set(AuditEvent.objects.values_list("at", flat=True)) == {LONG_AGO}
    approved = AuditEvent.objects.get(verb="membership.approved")
    assert (approved.actor, approved.subject, approved.target_label, approved.reason) == (
        world["secretariat"],
        world["author"],
        "CSO members",
        "Welcome",
    )
    registration = events_about(world["meeting"]).get()
    assert registration.verb == "registration.answered"
    assert registration.get_verb_display() == "Registration answered"
    assert registration.changes == {"detail": "a@example.org: attending"}
    assert registration.target_label == "Senior officials' meeting"
    submitted = events_about(world["consultation"]).get()
    assert (submitted.verb, submitted.actor) == ("submission.submitted", world["author"])
    assert submitted.target_label == "SPA IV consultation · Org A"
    hidden = events_about(world["post"]).get()
    assert (hidden.verb, hidden.actor, hidden.subject, hidden.reason) == (
        "post.hidden",
        world["moderator"],
        world["author"],
        "Advert",
    )
    assert hidden.changes == {"thread": world["thread"].pk}
    tables = connection.introspection.table_names()
    assert not {
        "portal_auditentry",
        "meetings_meetingauditentry",
        "consultations_consultationauditentry",
        "forums_moderationaction",
    } & set(tables)
