import pytest

from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_members_sign_in_with_their_email_address(client):
    UserFactory(email="focal.point@cso.example.org", password="a-long-passphrase")

    assert client.login(email="focal.point@cso.example.org", password="a-long-passphrase")


def test_email_addresses_are_stored_in_lower_case():
    user = User.objects.create_user("Focal.Point@CSO.example.org", "a-long-passphrase")

    assert user.email == "focal.point@cso.example.org"


def test_an_account_needs_an_email_address():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user("", "a-long-passphrase")


def test_display_name_is_how_a_member_appears():
    user = UserFactory(display_name="Mekong Youth Voice", first_name="", last_name="")

    assert str(user) == "Mekong Youth Voice"
    assert (
        UserFactory.build(display_name="", first_name="").get_short_name().endswith("@example.org")
    )


def test_preferred_language_defaults_to_english():
    assert UserFactory().preferred_language == "en"
