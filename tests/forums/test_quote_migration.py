"""Quotes copied into bodies before they were references are removed by migration 0002."""

from importlib import import_module

from django.apps import apps

from forums import actions
from forums.models import Post, PostRevision
from tests.forums.conftest import signed_in_client, viewer

migration = import_module("forums.migrations.0002_safeguarding_hold_and_quote_references")

OLD_BODY = "> **MekongDreamer (Linh Nguyen):**\n> Posters\n> \n> in schools\n\nGood idea"


def test_a_copied_quote_leaves_the_body_and_the_reference_stays(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.create_thread(viewer(people.youth), forums.youth, title="T", body="Posters")
    reply = actions.create_post(
        viewer(people.moderator), thread, body="x", quoted_post=thread.opening_post
    )
    Post.objects.filter(pk=reply.pk).update(body=OLD_BODY, body_html="<p>copied</p>")
    PostRevision.objects.create(post=reply, body=OLD_BODY)

    migration.keep_quotes_as_references(apps, None)

    reply.refresh_from_db()
    assert reply.body == "Good idea"
    assert reply.body_html == "<p>Good idea</p>"
    assert reply.revisions.get().body == "Good idea"
    page = signed_in_client(people.youth_friend).get(thread.get_absolute_url()).content.decode()
    assert "Linh" not in page
    assert page.count("Posters") == 2


def test_a_body_that_only_starts_like_a_quote_is_kept_when_nothing_follows():
    assert migration.without_copied_quote("> **just a quote**") == "> **just a quote**"
    assert migration.without_copied_quote("No quote here") == "No quote here"
