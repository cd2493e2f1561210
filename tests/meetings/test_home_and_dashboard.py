"""The home page's meetings section and the "My meetings" slot show only what one may see."""

import pytest

from meetings.models import Registration
from tests.meetings.conftest import client_for


@pytest.mark.django_db
def test_home_section_lists_visible_upcoming_meetings(people, meetings):
    anonymous = client_for(people, "anonymous").get("/").content.decode()
    assert "Public Som" in anonymous
    assert "Thai Task Force" not in anonymous
    assert "Members Cso" not in anonymous
    thai = client_for(people, "gov_th").get("/").content.decode()
    assert "Thai Task Force" in thai


@pytest.mark.django_db
def test_dashboard_lists_meetings_the_member_registered_for(people, meetings):
    Registration.objects.create(meeting=meetings.members, user=people.cso, response="attending")
    Registration.objects.create(meeting=meetings.public, user=people.cso, response="not_attending")
    page = client_for(people, "cso").get("/me/").content.decode()
    assert "Members Cso" in page
    assert "Public Som" not in page
