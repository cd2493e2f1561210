"""seed_demo builds the forums, and the home page and dashboard show what each viewer may see."""

import io

import pytest
from django.core.management import call_command

from forums.models import Forum, Post, Thread
from portal.models import User
from tests.forums.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_demo_forums_are_created_once(demo_site):
    call_command("seed_demo", stdout=io.StringIO())

    youth = Forum.objects.get(slug="youth-forum")
    assert youth.premoderate_new_members
    assert youth.uses_pseudonyms
    assert Forum.objects.count() == 3
    assert Thread.objects.count() == 3
    assert not Post.objects.filter(status=Post.Status.PENDING).exists()


def test_home_discussions_and_my_threads_show_only_what_the_viewer_may_see(demo_site):
    youth_thread = "Safe migration campaign"
    cso_thread = "SPA IV consultation"

    anonymous_home = signed_in_client(None).get("/").content.decode()
    youth = signed_in_client(User.objects.get(email="youth@example.org"))
    youth_home = youth.get("/").content.decode()
    youth_dashboard = youth.get("/me/").content.decode()

    assert "Recruitment fees" in anonymous_home
    assert youth_thread not in anonymous_home
    assert cso_thread not in anonymous_home
    assert youth_thread in youth_home
    assert cso_thread not in youth_home
    assert youth_thread in youth_dashboard
