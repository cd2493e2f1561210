"""/api/v2/publications/ answers a parameter it cannot use with 400 (or 404), never a 500."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "query",
    [
        "search=%00",
        "search=fishing%00boats",
        "search=fishing&search_operator=zzz",
        "publication_date=zzz",
        "publication_date=2016-02-30",
        "first_published_at=zzz",
        "locale=%00",
        "title=%00",
        f"offset={HUGE}",
        f"limit={HUGE}",
        "offset=%C2%B2",
        f"id={HUGE}",
        "id=%C2%B2",
        f"child_of={HUGE}",
        f"descendant_of={HUGE}",
        f"ancestor_of={HUGE}",
        f"translation_of={HUGE}",
        "translation_of=%C2%B2",
        "fields=%00",
        "type=%00",
    ],
)
def test_a_bad_listing_parameter_is_a_400_with_a_message(client, publications, query):
    response = client.get(f"/api/v2/publications/?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("query", [f"id={HUGE}", "html_path=%00", "html_path=/library/%00/"])
def test_find_with_a_bad_parameter_is_a_400(client, publications, query):
    response = client.get(f"/api/v2/publications/find/?{query}")
    assert response.status_code == 400


def test_an_id_beyond_64_bits_does_not_exist(client, publications):
    assert client.get(f"/api/v2/publications/{HUGE}/").status_code == 404


@pytest.mark.parametrize("query", ['search="', "search=fishing&search_operator=or"])
def test_odd_but_valid_searches_answer_normally(client, publications, query):
    response = client.get(f"/api/v2/publications/?{query}")
    assert response.status_code == 200


def test_good_filters_still_filter(client, publications):
    public = publications["public"]
    response = client.get(f"/api/v2/publications/?id={public.pk}&limit=5&offset=0")
    assert [item["id"] for item in response.json()["items"]] == [public.pk]
