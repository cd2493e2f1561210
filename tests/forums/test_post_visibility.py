"""One rule decides who sees a post: deleted, hidden, pending and held posts on every path."""

import pytest

from forums import actions
from forums.models import Post
from tests.forums.conftest import member_of, signed_in_client, viewer


@pytest.fixture
def colleague(groups):
    return member_of(groups.cso, display_name="Second CSO")


def test_a_deleted_post_cannot_be_read_through_its_flag_page(forums, people, colleague):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Regretted words")
    actions.do_delete_post(viewer(people.cso), post)

    for user in (colleague, people.cso, people.moderator):
        response = signed_in_client(user).get(f"/forums/posts/{post.pk}/flag/")
        assert response.status_code == 404
        assert "Regretted words" not in response.content.decode()


def test_a_deleted_post_shows_only_a_placeholder_on_the_thread_page(forums, people, colleague):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Regretted words")
    actions.do_delete_post(viewer(people.cso), post)

    page = signed_in_client(colleague).get(thread.get_absolute_url()).content.decode()

    assert "Regretted words" not in page
    assert "This post was deleted." in page


def test_a_deleted_post_cannot_be_edited_back_or_flagged(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Regretted words")
    actions.do_delete_post(viewer(people.cso), post)

    edit = signed_in_client(people.cso).get(f"/forums/posts/{post.pk}/edit/")
    flag = signed_in_client(people.moderator).post(
        f"/forums/posts/{post.pk}/flag/", {"reason": "spam"}
    )

    assert edit.status_code == 404
    assert flag.status_code == 404
    assert not post.flags.exists()


def test_a_hidden_post_is_not_shown_to_other_members_on_any_page(forums, people, colleague):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    post = actions.do_create_post(viewer(people.cso), thread, body="Rude remark")
    actions.do_hide_post(viewer(people.moderator), post, reason="Abusive")
    client = signed_in_client(colleague)

    assert "Rude remark" not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(f"/forums/posts/{post.pk}/flag/").status_code == 404
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
