"""Bad input to every meetings view and the live agenda: a 4xx or a normal page, never a 500."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from meetings import actions
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for
from tests.meetings.test_live_agenda import headers_for, next_frame

TH = "Government delegates — Thailand"
BEYOND_64_BITS = str(2**64 + 1)
BAD_INTS = ["abc", "²", "٣", "-1", "0", BEYOND_64_BITS, "1\x00", " 1", "1_0", ""]


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year", ["0", "²", "٣", "99999999999", "-2026", "10000", "2026\x00", "abc", BEYOND_64_BITS]
)
def test_index_with_a_bad_year_lists_meetings_as_without_one(year, people, meetings):
    response = client_for(people, "anonymous").get("/meetings/", {"year": year})
    assert response.status_code == 200
    assert "Public Som" in response.content.decode()


@pytest.mark.django_db
def test_index_with_a_good_year_filters(people, meetings):
    year = meetings.public.start.year
    client = client_for(people, "anonymous")
    assert "Public Som" in client.get("/meetings/", {"year": str(year)}).content.decode()
    assert "Public Som" not in client.get("/meetings/", {"year": str(year + 3)}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["TH\x00", "\x00", "x" * 500])
def test_index_with_a_bad_country_answers_normally(country, people, meetings):
    response = client_for(people, "anonymous").get("/meetings/", {"country": country})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/meetings/{huge}.ics"),
        ("post", "/meetings/{huge}/rsvp/"),
        ("post", "/meetings/{huge}/agenda/current/"),
        ("post", "/meetings/{huge}/agenda/1/outcome/"),
        ("post", "/meetings/{pk}/agenda/{huge}/outcome/"),
        ("get", "/meetings/{huge}/registrations/"),
        ("get", "/meetings/{huge}/registrations.csv"),
        ("get", "/meetings/{huge}/minutes/edit/"),
        ("get", "/meetings/{huge}/minutes/history/"),
        ("post", "/meetings/{huge}/minutes/sign_off/"),
    ],
)
def test_ids_beyond_64_bits_answer_404(method, path, people, meetings):
    url = path.format(huge=BEYOND_64_BITS, pk=meetings.public.pk)
    response = getattr(client_for(people, "secretariat"), method)(url)
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("delegation", BAD_INTS)
def test_sign_off_with_a_bad_delegation_says_choose_one(delegation, people, meetings, secretariat):
    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.")
    actions.do_circulate_minutes(secretariat, minutes)
    client = client_for(people, "gov_th")
    # A refused sign-off sends the browser back to the meeting with the reason; a refused
    # comment answers 400 on the page, keeping the comment typed.
    signed = client.post(
        f"/meetings/{meetings.public.pk}/minutes/sign_off/", {"delegation": delegation}
    )
    assert signed.status_code == 302
    assert "Choose your delegation." in client.get(signed["Location"]).content.decode()
    commented = client.post(
        f"/meetings/{meetings.public.pk}/minutes/comment/",
        {"delegation": delegation, "text": "Fine."},
    )
    assert commented.status_code == 400
    assert "Choose your delegation." in commented.content.decode()
    assert not minutes.sign_offs.exists()


@pytest.mark.django_db
# " 1" is left out: the form's value is stripped, so it names item 1, which may exist (it
# does on a fresh SQLite database, where ids start again at 1).
@pytest.mark.parametrize("item", [i for i in BAD_INTS if i and i != " 1"])
def test_marking_a_bad_agenda_item_is_refused_with_a_reason(item, people, meetings):
    response = client_for(people, "secretariat").post(
        f"/meetings/{meetings.public.pk}/agenda/current/", {"item": item}
    )
    assert response.status_code == 400
    assert "Choose an item of this meeting" in response.content.decode()


@pytest.mark.django_db
def test_nul_bytes_in_texts_are_refused_with_a_reason(people, meetings, secretariat):
    client = client_for(people, "secretariat")
    item = meetings.public.agenda_items.get(number="1")
    outcome = client.post(
        f"/meetings/{meetings.public.pk}/agenda/{item.pk}/outcome/", {"outcome": "Noted\x00."}
    )
    assert outcome.status_code == 400
    assert "cannot contain" in outcome.content.decode()

    edit = client.post(
        f"/meetings/{meetings.public.pk}/minutes/edit/", {"text": "1.\x00 Opening.", "reason": ""}
    )
    assert edit.status_code == 400
    assert "cannot contain" in edit.content.decode()

    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.")
    actions.do_circulate_minutes(secretariat, minutes)
    comment = client_for(people, "gov_th").post(
        f"/meetings/{meetings.public.pk}/minutes/comment/",
        {"delegation": meetings.groups[TH].pk, "text": "Paragraph 4:\x00 add the figures."},
    )
    assert comment.status_code == 400
    assert not minutes.comments.exists()
    # What was typed is back in the box, so it is not lost.
    assert "Paragraph 4: add the figures.</textarea>" in comment.content.decode()


@pytest.mark.django_db(transaction=True)
async def test_live_agenda_of_an_id_beyond_64_bits_is_closed_not_crashed(meetings, people):
    headers = await sync_to_async(headers_for)(people, "cso")
    communicator = WebsocketCommunicator(
        application, f"/ws/meetings/{BEYOND_64_BITS}/agenda/", headers
    )
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "frame",
    [
        {"type": ["refresh"]},
        {"type": {"refresh": True}},
        {"type": 2**70},
        {"type": "refresh\x00"},
        {"type": None},
        {"\x00": "refresh"},
    ],
)
async def test_live_agenda_frames_of_the_wrong_shape_get_an_error_frame(frame, meetings, people):
    headers = await sync_to_async(headers_for)(people, "cso")
    communicator = WebsocketCommunicator(
        application, f"/ws/meetings/{meetings.members.pk}/agenda/", headers
    )
    await communicator.connect()
    await next_frame(communicator)
    await communicator.send_to(text_data=json.dumps(frame))
    assert (await next_frame(communicator))["type"] == "error"
    await communicator.send_json_to({"type": "refresh"})
    assert (await next_frame(communicator))["type"] == "agenda"
    await communicator.disconnect()
