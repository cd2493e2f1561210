"""Quotes copied into bodies before they were references are removed by migration 0002."""

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from forums import actions
from forums.models import Post, PostRevision
from forums.rendering import render_markdown
from tests.forums.conftest import signed_in_client, viewer

migration = import_module("forums.migrations.0002_safeguarding_hold_and_quote_references")

OLD_BODY = "> **MekongDreamer (Linh Nguyen):**\n> Posters\n> \n> in schools\n\nGood idea"


def test_a_copied_quote_leaves_the_body_and_the_reference_stays(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="Posters")
    reply = actions.do_create_post(
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


def test_the_migration_imports_none_of_the_live_forum_code():
    # It must keep working whatever becomes of forums.rendering and what that imports.
    tree = ast.parse(Path(migration.__file__).read_text())
    imported = {
        name.name for node in ast.walk(tree) if isinstance(node, ast.Import) for name in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in ("forums", "portal")}


@pytest.mark.parametrize(
    "text",
    ["Good idea", "**bold** and [a link](https://example.org)", "<script>alert(1)</script>x"],
)
def test_the_migration_renders_markdown_as_the_forums_did(text):
    assert migration.render_markdown(text) == render_markdown(text)


def test_reversing_the_migration_hides_held_posts(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="help")
    post = thread.opening_post
    Post.objects.filter(pk=post.pk).update(status="held", status_before_hold="published")

    migration.hide_held_posts(apps, None)

    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert post.status_before_hold == ""
