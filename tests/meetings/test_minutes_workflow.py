"""Minutes: draft → circulated → signed off by each delegation → adopted → published."""

import pytest
from django.core import mail

from meetings import actions
from meetings.models import Minutes
from portal.audit import events_about
from portal.models import Notification, NotificationFrequency
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

TH = "Government delegates — Thailand"
KH = "Government delegates — Cambodia"


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.fixture
def draft(meetings, secretariat):
    return actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol.")


@pytest.mark.django_db
def test_full_workflow_with_notifications_and_history(
    people, meetings, secretariat, draft, django_capture_on_commit_callbacks
):
    th = viewer_for_user(people.gov_th, mfa_ok=True)
    kh = viewer_for_user(people.gov_kh, mfa_ok=True)
    groups = meetings.groups

    people.gov_th.notification_frequency = NotificationFrequency.IMMEDIATELY
    people.gov_th.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_circulate_minutes(secretariat, draft)
    assert Notification.objects.filter(
        user=people.gov_th, kind="meetings.minutes_circulated"
    ).exists()
    assert any("circulated for sign-off" in message.subject for message in mail.outbox)

    actions.do_comment_on_minutes(th, draft, groups[TH], "Add our referral figures.")
    actions.do_sign_off_minutes(th, draft, groups[TH])
    with pytest.raises(actions.ActionRefused, match=r"Waiting for the sign-off of: .*Cambodia"):
        actions.do_adopt_minutes(secretariat, draft)
    actions.do_sign_off_minutes(kh, draft, groups[KH])
    actions.do_adopt_minutes(secretariat, draft)
    draft.refresh_from_db()
    assert draft.state == Minutes.State.ADOPTED
    assert draft.is_locked

    # Adopted minutes change only by a new revision with a reason.
    with pytest.raises(actions.ActionRefused, match="give a reason"):
        actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol agreed.")
    actions.do_save_minutes(
        secretariat, meetings.public, "1. Opening.\n2. Protocol agreed.", "Typo in item 2"
    )
    draft.refresh_from_db()
    assert draft.state == Minutes.State.ADOPTED
    assert draft.revision_number == 2

    # Not yet published: the public, and members of other groups, do not see the minutes.
    assert (
        "Protocol agreed" not in client_for(people, "cso").get(meetings.public.url).content.decode()
    )
    actions.do_publish_minutes(secretariat, draft)
    page = client_for(people, "anonymous").get(meetings.public.url).content.decode()
    assert "Protocol agreed" in page

    history = client_for(people, "cso").get(f"/meetings/{meetings.public.pk}/minutes/history/")
    assert history.status_code == 200
    text = history.content.decode()
    assert "<ins>+ 2. Protocol agreed.</ins>" in text
    assert "<del>- 2. Protocol.</del>" in text
    assert "Typo in item 2" in text
    assert events_about(meetings.public.minutes).filter(verb="minutes.published").exists()


@pytest.mark.django_db
def test_refused_transitions_say_why(people, meetings, secretariat, draft):
    groups = meetings.groups
    th = viewer_for_user(people.gov_th, mfa_ok=True)
    th_without_mfa = viewer_for_user(people.gov_th, mfa_ok=False)
    cso = viewer_for_user(people.cso, mfa_ok=False)

    with pytest.raises(actions.ActionRefused, match="not circulated"):
        actions.do_sign_off_minutes(th, draft, groups[TH])
    with pytest.raises(actions.ActionRefused, match="Only circulated minutes can be adopted"):
        actions.do_adopt_minutes(secretariat, draft)
    with pytest.raises(actions.ActionRefused, match="Only the secretariat"):
        actions.do_circulate_minutes(cso, draft)
    actions.do_circulate_minutes(secretariat, draft)
    with pytest.raises(actions.ActionRefused, match="Only draft minutes can be circulated"):
        actions.do_circulate_minutes(secretariat, draft)
    with pytest.raises(actions.ActionRefused, match="two-factor"):
        actions.do_sign_off_minutes(th_without_mfa, draft, groups[TH])
    with pytest.raises(actions.ActionRefused, match=r"Only a government delegate of .*Cambodia"):
        actions.do_sign_off_minutes(th, draft, groups[KH])
    with pytest.raises(actions.ActionRefused, match="did not take part"):
        actions.do_sign_off_minutes(secretariat, draft, groups["CSO members"])
    actions.do_sign_off_minutes(th, draft, groups[TH])
    with pytest.raises(actions.ActionRefused, match="already signed off"):
        actions.do_sign_off_minutes(th, draft, groups[TH])
    with pytest.raises(actions.ActionRefused, match="Only adopted minutes can be published"):
        actions.do_publish_minutes(secretariat, draft)


@pytest.mark.django_db
def test_revision_while_circulated_needs_new_sign_offs(people, meetings, secretariat, draft):
    th = viewer_for_user(people.gov_th, mfa_ok=True)
    actions.do_circulate_minutes(secretariat, draft)
    actions.do_sign_off_minutes(th, draft, meetings.groups[TH])
    actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Changed.", "Comments")
    draft.refresh_from_db()
    assert {d.name for d in draft.delegations_yet_to_sign()} == {TH, KH}


@pytest.mark.django_db
def test_sign_off_over_http_and_refusal_shown(people, meetings, secretariat, draft):
    actions.do_circulate_minutes(secretariat, draft)
    url = f"/meetings/{meetings.public.pk}/minutes/sign_off/"
    th_client = client_for(people, "gov_th")
    page = th_client.get(meetings.public.url).content.decode()
    assert "Sign off for Government delegates — Thailand" in page

    # A refusal goes back to the meeting (not left on the POST address), saying why.
    refused = th_client.post(url, {"delegation": meetings.groups[KH].pk}, follow=True)
    assert refused.redirect_chain[-1][1] == 302
    assert (
        "Only a government delegate of Government delegates — Cambodia" in refused.content.decode()
    )
    assert not draft.sign_offs.filter(delegation=meetings.groups[KH]).exists()

    done = th_client.post(url, {"delegation": meetings.groups[TH].pk})
    assert done.status_code == 302
    assert draft.sign_offs.filter(delegation=meetings.groups[TH]).exists()

    # Draft and circulated minutes are not for a CSO member: not even the history.
    cso = client_for(people, "cso")
    assert cso.post(url, {"delegation": meetings.groups[TH].pk}).status_code == 404
    assert cso.get(f"/meetings/{meetings.public.pk}/minutes/history/").status_code == 404


@pytest.mark.django_db
def test_editing_adopted_minutes_without_reason_rerenders_form(
    people, meetings, secretariat, draft
):
    draft.state = Minutes.State.ADOPTED
    draft.save()
    client = client_for(people, "secretariat")
    url = f"/meetings/{meetings.public.pk}/minutes/edit/"
    response = client.post(url, {"text": "New text", "reason": ""})
    assert response.status_code == 400
    assert "give a reason" in response.content.decode()
    assert "New text" in response.content.decode()
    assert client_for(people, "gov_th").get(url).status_code == 404
