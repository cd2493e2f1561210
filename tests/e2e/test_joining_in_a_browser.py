"""
End to end in headless Chromium: sign up → verify email → ask to join → the secretariat
approves in the admin (with its second factor) → the new member sees the group's page.
"""

import re

import pytest
from django.core import mail
from wagtail.models import PageViewRestriction

from home.models import HomePage, StandardPage
from portal.demo import DEMO_TOTP_SECRET
from portal.models import StakeholderGroup
from tests.auth import current_totp_code
from tests.e2e.navigation import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-2026"


@pytest.fixture
def youth_page(portal_demo_data):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=StandardPage(
            title="Youth Forum planning notes",
            slug="youth-planning",
            introduction="Draft plan for the safe-migration campaign.",
        )
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(StakeholderGroup.objects.get(name="Youth delegates").auth_group)
    return "/youth-planning/"


def test_a_youth_delegate_joins_and_gets_access(browser, live_server, youth_page, demo_password):
    member = browser.new_context().new_page()

    member.goto(f"{live_server.url}/accounts/signup/")
    member.fill("input[name=email]", "new.youth@example.org")
    member.fill("input[name=password1]", PASSWORD)
    member.fill("input[name=password2]", PASSWORD)
    follow(member, "form[action='/accounts/signup/'] button[type=submit]")
    assert "/accounts/confirm-email/" in member.url

    link = re.search(r"http://\S+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    member.goto(f"{live_server.url}{link}")
    follow(member, "main form button[type=submit]")
    member.goto(f"{live_server.url}/me/")
    assert "My portal" in member.text_content("h1")

    # Before approval the group's page does not exist for this member.
    assert member.goto(f"{live_server.url}{youth_page}").status == 404

    member.goto(f"{live_server.url}/me/join/")
    member.select_option("select[name=group]", label="Youth delegates")
    member.fill("textarea[name=reason]", "I lead a school club on safe migration.")
    member.click("main form button[type=submit]")
    member.wait_for_selector("text=was sent to the secretariat", timeout=15_000)

    secretariat = browser.new_context().new_page()
    secretariat.goto(f"{live_server.url}/admin/")
    secretariat.fill("input[name=login]", "secretariat@example.org")
    secretariat.fill("input[name=password]", demo_password)
    secretariat.click("form[action^='/accounts/login/'] button[type=submit]")
    secretariat.fill("input[name=code]", current_totp_code(DEMO_TOTP_SECRET))
    follow(secretariat, "main form button[type=submit]")
    secretariat.goto(f"{live_server.url}/admin/membership/requests/")
    secretariat.click("text=new.youth@example.org")
    secretariat.check("input[name=decision][value=approve]")
    secretariat.fill("textarea[name=message]", "Welcome to the Youth Forum!")
    secretariat.click("main form button:has-text('Save decision')")
    # The admin redirects to the list of requests, which shows the confirmation.
    secretariat.wait_for_selector("text=Decision saved", timeout=15_000)

    assert "Welcome to the Youth Forum!" in mail.outbox[-1].body
    member.goto(f"{live_server.url}/me/")
    assert "Approved" in member.content()
    response = member.goto(f"{live_server.url}{youth_page}")
    assert response.status == 200
    assert "Youth Forum planning notes" in member.content()
