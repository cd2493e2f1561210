"""
The pages issue 18 names beyond the key ones — minutes, actions, registrations, the
moderation and safeguarding queues and a case, the consultation inbox, "how your input was
used", the changes between rounds, and the account pages a new member meets — each with the
demo account that works on it. Used by test_staff_pages_on_a_phone.py and by
tools/screenshots.py, which photographs them for docs/screenshots/.
"""

import io
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand

from consultations import demo as consultations_demo
from consultations.models import ConsultationPage
from forums import actions as forum_actions
from forums import demo as forums_demo
from forums.access import can_see_post
from forums.models import Flag, Post, SafeguardingCase
from home import demo as home_demo
from meetings import demo as meetings_demo
from meetings.models import MeetingPage
from portal import demo as portal_demo
from portal.demo import DEMO_TOTP_SECRET
from portal.models import User
from portal.permissions import viewer_for_user
from tests.auth import current_totp_code
from tests.e2e.key_pages import sign_in
from tests.e2e.navigation import follow

SECRETARIAT = "secretariat@example.org"
MODERATOR = "moderator@example.org"
SAFEGUARDING = "safeguarding@example.org"
CSO = "cso@example.org"
# Staff roles need a second factor; the demo gives one to the secretariat only, so the
# moderator and the safeguarding lead get the same published demo secret here.
ACCOUNTS_WITH_SECOND_FACTOR = {SECRETARIAT, MODERATOR, SAFEGUARDING}


@dataclass(frozen=True)
class StaffPage:
    name: str  # the screenshot's name: docs/screenshots/<name>-<language>-<width>.png
    path: str  # without a language prefix
    account: str | None = None  # None: a visitor who has not signed in


def seed_staff_pages() -> None:
    """
    The demo content these pages show, without the library (no staff page here reads it,
    and seeding it is the slowest part). Call it with no event loop running in this thread.
    """
    command = BaseCommand(stdout=io.StringIO())
    home_demo.seed(command)
    portal_demo.seed(command)
    forums_demo.seed(command)
    meetings_demo.seed(command)
    consultations_demo.seed(command)
    prepare_staff_world()


def prepare_staff_world() -> None:
    """
    On top of `seed_demo`: second factors for the moderator and the safeguarding lead, and
    one ordinary flag and one safeguarding concern, so that both queues have something in
    them. Idempotent.
    """
    for email in (MODERATOR, SAFEGUARDING):
        user = User.objects.get(email=email)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    if Flag.objects.exists():
        return
    flagger = viewer_for_user(User.objects.get(email=CSO), mfa_ok=True)
    posts = [
        post
        for post in Post.objects.filter(status="published").order_by("pk")
        if can_see_post(flagger, post)
    ][:2]
    forum_actions.do_flag_post(
        flagger, posts[0], reason=Flag.Reason.OFF_TOPIC, note="This belongs in another thread."
    )
    forum_actions.do_flag_post(
        flagger,
        posts[-1],
        reason=Flag.Reason.SAFEGUARDING,
        note="The writer may be in a recruitment scam; please check on them.",
    )


def staff_pages() -> list[StaffPage]:
    meeting = MeetingPage.objects.live().filter(slug="som-19").order_by("pk").first()
    open_consultation = ConsultationPage.objects.filter(slug="spa-iv-draft-consultation").first()
    closed_consultation = ConsultationPage.objects.filter(
        slug="spa-iv-zero-draft-consultation"
    ).first()
    case = SafeguardingCase.objects.order_by("pk").first()
    return [
        StaffPage("minutes-edit", f"/meetings/{meeting.pk}/minutes/edit/", SECRETARIAT),
        StaffPage("minutes-history", f"/meetings/{meeting.pk}/minutes/history/", SECRETARIAT),
        StaffPage("open-actions", "/meetings/actions/", SECRETARIAT),
        StaffPage("registrations", f"/meetings/{meeting.pk}/registrations/", SECRETARIAT),
        StaffPage("moderation-queue", "/forums/moderation/", MODERATOR),
        StaffPage("safeguarding-queue", "/forums/safeguarding/", SAFEGUARDING),
        StaffPage("safeguarding-case", f"/forums/safeguarding/{case.pk}/", SAFEGUARDING),
        StaffPage(
            "consultation-inbox", f"/consultations/{open_consultation.pk}/inbox/", SECRETARIAT
        ),
        StaffPage("how-your-input-was-used", f"{closed_consultation.url}how-your-input-was-used/"),
        StaffPage("round-changes", f"/consultations/{open_consultation.pk}/rounds/2/changes/"),
        StaffPage("sign-up", "/accounts/signup/"),
        StaffPage("password-reset", "/accounts/password/reset/"),
        StaffPage("two-factor", "/accounts/2fa/", SECRETARIAT),
    ]


def signed_in_state(browser, base_url: str, email: str, password: str) -> dict:
    """The storage state (session cookie) of `email` signed in, second factor included."""
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base_url, email, password)
    if "/accounts/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", current_totp_code())
        follow(page, "main form button[type=submit]")
        assert "/accounts/2fa/" not in page.url, f"{email} could not pass the second factor"
    state = context.storage_state()
    context.close()
    return state
