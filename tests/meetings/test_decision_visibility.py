"""
Decisions and action items follow the minutes: a reader sees them once the minutes are
published (and the reader may see them), or earlier when the secretariat marks a
decision public. The secretariat sees them throughout; an action's owners see their own.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import actions
from meetings.models import Decision
from portal.models import Country, Organisation
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

TH = "Government delegates — Thailand"
KH = "Government delegates — Cambodia"
CONFIDENTIAL_DECISION = "Extend the repatriation pilot to Koh Kong."
PUBLIC_DECISION = "Hold the next IMM in Nay Pyi Taw."
CONFIDENTIAL_ACTION = "Draft the Koh Kong pilot budget"
PUBLIC_ACTION = "Book the IMM venue"
OWNED_ACTION = "Send Thai referral figures"


@pytest.fixture
def adopted(people, meetings):
    """The public SOM with adopted, unpublished minutes, two decisions and three actions."""
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.")
    actions.do_circulate_minutes(secretariat, minutes)
    for persona, group in (("gov_th", TH), ("gov_kh", KH)):
        actions.do_sign_off_minutes(
            viewer_for_user(getattr(people, persona), mfa_ok=True), minutes, meetings.groups[group]
        )
    actions.do_adopt_minutes(secretariat, minutes)
    confidential = actions.do_record_decision(secretariat, meetings.public, CONFIDENTIAL_DECISION)
    public = actions.do_record_decision(secretariat, meetings.public, PUBLIC_DECISION, public=True)
    organisation = Organisation.objects.create(name="Mekong CSO", type="cso")
    due = timezone.localdate() + timedelta(days=5)
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title=CONFIDENTIAL_ACTION,
        due_date=due,
        owner_organisation=organisation,
        decision=confidential,
    )
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title=PUBLIC_ACTION,
        due_date=due,
        owner_organisation=organisation,
        decision=public,
    )
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title=OWNED_ACTION,
        due_date=due,
        owner_country=Country.objects.get(code="TH"),
    )
    return minutes


def _seen(client) -> str:
    return "\n".join(
        client.get(url).content.decode() for url in ("/meetings/actions/", "/meetings/public-som/")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "cso", "gov_th_no_mfa"])
def test_before_publication_readers_see_only_what_is_marked_public(persona, people, adopted):
    seen = _seen(client_for(people, persona))
    assert PUBLIC_DECISION in seen
    assert PUBLIC_ACTION in seen
    assert CONFIDENTIAL_DECISION not in seen
    assert CONFIDENTIAL_ACTION not in seen
    assert OWNED_ACTION not in seen


@pytest.mark.django_db
def test_the_secretariat_sees_every_decision_and_action(people, adopted):
    seen = _seen(client_for(people, "secretariat"))
    for text in (CONFIDENTIAL_DECISION, PUBLIC_DECISION, CONFIDENTIAL_ACTION, OWNED_ACTION):
        assert text in seen


@pytest.mark.django_db
def test_owners_see_their_own_action_but_not_the_confidential_decision(people, adopted):
    seen = _seen(client_for(people, "gov_th"))
    assert OWNED_ACTION in seen
    assert CONFIDENTIAL_DECISION not in seen
    assert CONFIDENTIAL_ACTION not in seen
    assert OWNED_ACTION not in _seen(client_for(people, "gov_kh"))


@pytest.mark.django_db
def test_publishing_the_minutes_reveals_decisions_and_actions(people, adopted):
    actions.do_publish_minutes(viewer_for_user(people.secretariat, mfa_ok=True), adopted)
    seen = _seen(client_for(people, "anonymous"))
    for text in (CONFIDENTIAL_DECISION, PUBLIC_DECISION, CONFIDENTIAL_ACTION, OWNED_ACTION):
        assert text in seen


@pytest.mark.django_db
def test_decisions_are_private_until_marked_public(people, meetings):
    decision = actions.do_record_decision(
        viewer_for_user(people.secretariat, mfa_ok=True), meetings.public, "Meet again."
    )
    assert Decision.objects.get(pk=decision.pk).public is False
