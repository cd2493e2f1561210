"""The library listing and its feed answer odd query parameters normally or with a 400."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
ODD = [
    {"page": "²"},
    {"page": HUGE},
    {"page": "-3"},
    {"page": "\x00"},
    {"country": "\x00"},
    {"country": "th\x00"},
    {"country": "²"},
    {"area": "protection\x00"},
    {"type": HUGE},
    {"language": "\x00"},
    {"year": "²"},
    {"year": HUGE},
]


@pytest.mark.parametrize("params", ODD)
def test_the_listing_answers_odd_parameters_with_a_page_or_a_400(client, publications, params):
    response = client.get("/library/", params)
    assert response.status_code in {200, 400}
    assert "Research library" in response.content.decode()


def test_a_page_number_past_the_end_shows_the_last_page(client, publications):
    response = client.get("/library/", {"page": HUGE})
    assert response.status_code == 200
    assert "Trafficking in the fishing sector" in response.content.decode()


@pytest.mark.parametrize("params", ODD)
def test_the_feed_answers_odd_parameters_with_atom_or_a_400(client, publications, params):
    response = client.get("/library/feed/", params)
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        ET.fromstring(response.content)  # noqa: S314 - our own feed; raises if malformed
