"""
End to end in headless Chromium, the secretariat's year in one sitting (issue 19): it signs
in with its second factor, approves a join request from the admin's "Waiting for you"
panel, adds a restricted paper to a meeting in the admin, circulates minutes, sees on the
panel which delegation has not signed, a Thai delegate signs (with their own second
factor), the secretariat adopts and publishes them and the public reads them; it answers
two consultation comments without losing either text; and a moderator without a second
factor who opens the moderation queue is sent to set one up.
"""

import pytest
from playwright.sync_api import expect

from consultations import actions as consultation_actions
from consultations.actions import DraftContent
from consultations.models import Comment
from home.models import HomePage
from meetings.models import MeetingPaper, Minutes
from portal.actions import do_request_membership
from portal.demo import DEMO_TOTP_SECRET
from portal.models import AccessLevel, Membership, StakeholderGroup, User
from portal.permissions import viewer_for_user
from tests.auth import current_totp_code
from tests.consultations.factories import ConsultationPageFactory
from tests.home.factories import DocumentFactory
from tests.meetings.factories import MeetingIndexPageFactory, MeetingPageFactory
from tests.portal.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

THAILAND = "Government delegates — Thailand"
PAPER = "Draft repatriation protocol (government only)"
MINUTES_TEXT = "1. Opening. The chair welcomed the delegations.\n2. Protocol discussed."
LAWS_ANSWER = "Taken into the section on laws, paragraph 1.1."
MOU_ANSWER = "Bilateral MoUs are outside the plan; we say so in the preamble."


@pytest.fixture
def secretariat_world(portal_demo_data):
    """
    What is waiting for the secretariat on a working morning: a join request, a meeting
    with the Thai delegation ticked and a file in the library for its paper, and a
    consultation with two comments submitted by the demo CSO.
    """
    applicant = UserFactory(email="applicant@example.org", display_name="Sokha Applicant")
    do_request_membership(
        applicant,
        StakeholderGroup.objects.get(name="CSO members"),
        organisation=None,
        reason="Our network works on labour migration.",
    )
    home = HomePage.objects.get(locale__language_code="en")
    meeting = MeetingPageFactory(
        parent=MeetingIndexPageFactory(parent=home),
        title="Senior Officials Meeting 20",
        slug="som-20",
        access_level=AccessLevel.PUBLIC,
        delegations=[StakeholderGroup.objects.get(name=THAILAND)],
    )
    document = DocumentFactory(title="Repatriation protocol draft file")
    consultation = ConsultationPageFactory(
        parent=home,
        title="SPA IV draft consultation",
        slug="spa-iv-draft",
        eligible_groups=[StakeholderGroup.objects.get(name="CSO members")],
        rounds=[
            [
                (
                    "1",
                    "Policy and cooperation",
                    [
                        ("policy-laws", "1.1", "Member countries review their laws."),
                        ("policy-mou", "1.2", "Bilateral MoUs cover the return of victims."),
                    ],
                )
            ]
        ],
    )
    cso = viewer_for_user(User.objects.get(email="cso@example.org"), mfa_ok=False)
    submission = consultation_actions.do_start_submission(cso, consultation, "organisation")
    submission = consultation_actions.do_save_draft(
        cso,
        submission,
        version=submission.version,
        content=DraftContent(
            comments={
                "policy-laws": ("Name debt bondage in the laws.", ""),
                "policy-mou": ("MoUs leave out fishers at sea.", ""),
            },
            confidentiality="attributed",
        ),
    )
    consultation_actions.do_submit(cso, submission)
    return meeting, document, consultation


def sign_in(page, base_url, email, password, secret=None):
    """Sign in through the login form (and the second-factor step when there is one)."""
    page.goto(f"{base_url}/accounts/login/")
    fill_sign_in(page, email, password, secret)


def fill_sign_in(page, email, password, secret=None):
    page.fill("main form input[name=login]", email)
    page.fill("main form input[name=password]", password)
    page.click("main form button[type=submit]")
    if secret is not None:
        page.fill("input[name=code]", current_totp_code(secret))
        page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/authenticate/" not in url)


def dashboard_panel(page):
    return page.locator("section.w-panel:has(#waiting-for-you)")


def test_the_secretariat_walks_through_its_work_in_the_admin(
    browser, live_server, secretariat_world, demo_password
):
    meeting, document, consultation = secretariat_world
    base = live_server.url
    secretariat = browser.new_context().new_page()
    secretariat.set_default_timeout(10000)

    # 1. Sign in with the second factor; My portal leads to the admin, whose "Waiting for
    # you" panel links the join request to its decision.
    sign_in(secretariat, base, "secretariat@example.org", demo_password, DEMO_TOTP_SECRET)
    secretariat.click("main a:has-text('Go to the admin')")
    dashboard_panel(secretariat).get_by_role(
        "link", name="Sokha Applicant asks to join CSO members"
    ).click()
    expect(secretariat.locator("main dl")).to_contain_text("applicant@example.org")
    secretariat.check("input[name=decision][value=approve]")
    secretariat.click("main form button:has-text('Save decision')")
    expect(secretariat.locator(".messages")).to_contain_text(
        "Decision saved and the member was emailed."
    )
    membership = Membership.objects.get(user__email="applicant@example.org")
    assert membership.status == Membership.Status.APPROVED

    # 2. A restricted paper for the meeting, added in the admin's snippets: the Thai
    # delegation's file, chosen from the library.
    secretariat.get_by_role("link", name="Snippets").click()
    secretariat.get_by_role("link", name="Meeting papers").click()
    secretariat.get_by_role("link", name="Add meeting paper").click()
    secretariat.get_by_role("button", name="Choose a page (Meeting)").click()
    secretariat.locator(".modal a[data-id]", has_text=meeting.title).click()
    expect(secretariat.locator("#panel-meeting-section")).to_contain_text(meeting.title)
    secretariat.fill("#id_agenda_number", "2")
    secretariat.fill("#id_title", PAPER)
    secretariat.get_by_role("button", name="Choose a document").click()
    secretariat.locator(".modal a", has_text=document.title).click()
    expect(secretariat.locator("#panel-document-section")).to_contain_text(document.title)
    secretariat.select_option("#id_access_level", "groups")
    # Ticked boxes, not a Ctrl-click list (every many-to-many choice in the admin).
    secretariat.get_by_label(THAILAND, exact=True).check()
    secretariat.get_by_role("button", name="Save", exact=True).click()
    expect(secretariat.locator(".messages")).to_contain_text(PAPER)
    paper = MeetingPaper.objects.get(title=PAPER)
    assert paper.meeting_id == meeting.pk
    assert paper.access_level == AccessLevel.GROUPS
    assert [group.name for group in paper.allowed_groups.all()] == [THAILAND]

    # The public sees that a restricted paper exists, not its title, and not its file.
    public = browser.new_context().new_page()
    public.goto(f"{base}{meeting.url}")
    expect(public.locator("main .agenda")).to_contain_text("Restricted paper")
    assert PAPER not in public.content()
    leaked_link = public.context.new_page()
    leaked_link.goto(f"{base}{document.url}")
    assert "/accounts/login/" in leaked_link.url
    leaked_link.close()

    # 3. Minutes: from the admin's page tree to the live meeting page, written, circulated.
    secretariat.get_by_role("button", name="Pages").click()
    secretariat.locator(".c-page-explorer a", has_text="Pages").first.click()
    home = meeting.get_parent().get_parent()
    secretariat.click(f"main a[href='/admin/pages/{home.pk}/']")
    secretariat.click(f"main a[href='/admin/pages/{meeting.get_parent().pk}/']")
    with secretariat.context.expect_page() as new_tab:
        secretariat.click(f"main a[href='{meeting.url}']")
    site = new_tab.value
    site.set_default_timeout(10000)
    expect(site.locator("main .agenda")).to_contain_text(PAPER)
    site.get_by_role("link", name="Write a new revision").click()
    site.fill("main form textarea[name=text]", MINUTES_TEXT)
    site.get_by_role("button", name="Save a new revision").click()
    expect(site.locator(".messages")).to_contain_text("A new revision of the minutes is saved.")
    site.get_by_role("button", name="Circulate to delegations").click()
    expect(site.locator(".messages")).to_contain_text("The minutes were circulated")

    # The dashboard says whose sign-off is missing.
    secretariat.get_by_role("link", name="Dashboard").click()
    panel = dashboard_panel(secretariat)
    expect(panel).to_contain_text(f"Minutes of {meeting.title}")
    expect(panel).to_contain_text(f"waiting for: {THAILAND}")

    # A Thai delegate follows the link to the meeting, signs in with their second factor
    # and signs off for the delegation.
    delegate = browser.new_context().new_page()
    delegate.set_default_timeout(10000)
    delegate.goto(f"{base}/accounts/login/?next={meeting.url}")
    fill_sign_in(delegate, "gov.th.chair@example.org", demo_password, DEMO_TOTP_SECRET)
    expect(delegate.locator("main .minutes__text")).to_contain_text("Protocol discussed.")
    delegate.get_by_role("button", name=f"Sign off for {THAILAND}").click()
    expect(delegate.locator(".messages")).to_contain_text("Your delegation's sign-off is recorded.")
    expect(delegate.locator("main")).to_contain_text(f"{THAILAND} has signed off revision 1.")

    # Back on the dashboard: ready to adopt; its link leads to the minutes.
    secretariat.get_by_role("link", name="Dashboard").click()
    panel = dashboard_panel(secretariat)
    expect(panel).to_contain_text("every delegation has signed: ready to adopt")
    panel.get_by_role("link", name=f"Minutes of {meeting.title}").click()
    secretariat.get_by_role("button", name="Adopt").click()
    expect(secretariat.locator(".messages")).to_contain_text("The minutes are adopted")
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.locator(".messages")).to_contain_text("The minutes are published")
    assert Minutes.objects.get(meeting=meeting).state == Minutes.State.PUBLISHED

    public.reload()
    expect(public.locator("main .minutes__text")).to_contain_text("Protocol discussed.")
    expect(public.locator("main")).to_contain_text(f"{THAILAND} signed off revision 1")

    # 4. The consultation inbox, from the same list on My portal: two answers typed, one
    # save, both kept.
    secretariat.get_by_role("link", name="My portal").click()
    secretariat.locator("main section[aria-labelledby=staff-tools]").get_by_role(
        "link", name=f"{consultation.title}: 2 comments without a response"
    ).click()
    laws, mou = Comment.objects.filter(submission__consultation=consultation).order_by("pk")
    # Nothing is preselected for a comment not yet answered.
    expect(secretariat.locator(f"select[name=outcome-{laws.pk}]")).to_have_value("")
    expect(secretariat.locator(f"select[name=outcome-{mou.pk}]")).to_have_value("")
    secretariat.select_option(f"select[name=outcome-{laws.pk}]", "accepted")
    secretariat.fill(f"textarea[name=explanation-{laws.pk}]", LAWS_ANSWER)
    secretariat.select_option(f"select[name=outcome-{mou.pk}]", "not_accepted")
    secretariat.fill(f"textarea[name=explanation-{mou.pk}]", MOU_ANSWER)
    secretariat.locator(f"#comment-{laws.pk}").get_by_role("button", name="Save responses").click()
    expect(secretariat.locator(".messages")).to_contain_text("2 responses saved.")
    expect(secretariat.locator(f"textarea[name=explanation-{laws.pk}]")).to_have_value(LAWS_ANSWER)
    expect(secretariat.locator(f"textarea[name=explanation-{mou.pk}]")).to_have_value(MOU_ANSWER)
    laws.refresh_from_db()
    mou.refresh_from_db()
    assert laws.response.explanation == LAWS_ANSWER
    assert mou.response.explanation == MOU_ANSWER


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(
    browser, live_server, portal_demo_data, demo_password
):
    moderator = browser.new_context().new_page()
    moderator.set_default_timeout(10000)

    # The moderation queue's address (a bookmark, a notification), then the sign-in it asks for.
    moderator.goto(f"{live_server.url}/forums/moderation/")
    assert "/accounts/login/" in moderator.url
    fill_sign_in(moderator, "moderator@example.org", demo_password)

    # Told why, then (allauth asks for the password again before a new factor is added)
    # on the page that sets up an authenticator app, not a 404 or an error page.
    expect(moderator.locator(".messages")).to_contain_text(
        "Your role needs two-factor authentication. Set it up to continue."
    )
    assert "/accounts/reauthenticate/" in moderator.url
    moderator.fill("main form input[name=password]", demo_password)
    moderator.click("main form button[type=submit]")
    moderator.wait_for_url("**/accounts/2fa/totp/activate/**")
    expect(moderator.locator("main form input[name=code]")).to_be_visible()
