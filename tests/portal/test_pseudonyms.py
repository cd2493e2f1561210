"""A pseudonym names one member, whatever its case."""

import pytest
from django.db import IntegrityError

from tests.factories import UserFactory
from tests.forums.conftest import signed_in_client


def _profile(user, **changes):
    data = {
        "display_name": user.display_name,
        "pseudonym": "",
        "name_in_forums": "pseudonym",
        "preferred_language": "en",
        "country": "",
        "notification_frequency": "daily",
    }
    return signed_in_client(user).post("/me/profile/", {**data, **changes})


def test_the_profile_form_refuses_a_pseudonym_someone_else_has_in_any_case(db):
    UserFactory(pseudonym="MekongDreamer")
    newcomer = UserFactory()

    response = _profile(newcomer, pseudonym="mekongdreamer")

    assert response.status_code == 400
    assert "This pseudonym is taken: choose another." in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.pseudonym == ""


def test_a_member_keeps_their_own_pseudonym_and_may_change_its_case(db):
    member = UserFactory(pseudonym="MekongDreamer")

    response = _profile(member, pseudonym="mekongDREAMER")

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.pseudonym == "mekongDREAMER"


def test_many_members_may_have_no_pseudonym(db):
    UserFactory(pseudonym="")
    UserFactory(pseudonym="")


def test_the_database_refuses_a_duplicate_pseudonym_whatever_the_path(db):
    UserFactory(pseudonym="RiverKite")

    with pytest.raises(IntegrityError):
        UserFactory(pseudonym="RIVERKITE")
