"""
A small results world on the portal's demo groups and accounts: one area with an
indicator of each unit, a sex disaggregation, an open 2025 period and a closed 2024 one,
and one signed-in client per persona of the permission matrix.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from pypdf import PdfWriter

from portal.models import Country, Membership, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, Viewer
from results import actions
from results.models import Area, Disaggregation, Indicator, Output, ReportingPeriod
from tests.factories import UserFactory

PERSONAS = ["anonymous", "cso", "gov_th_no_mfa", "gov_kh", "gov_th", "secretariat"]
PERSONAS_WITH_MFA = {"gov_th", "gov_kh", "secretariat"}


@pytest.fixture
def framework(portal_demo_data):
    area = Area.objects.create(code="protection", title="Victim protection", sort_order=1)
    output = Output.objects.create(area=area, code="2.1", title="Victims are referred")
    sex = Disaggregation.objects.create(code="sex", title="Sex", categories="F: Female\nM: Male")
    count = Indicator.objects.create(
        output=output,
        code="2.1.a",
        title="Victims referred",
        unit="count",
        baseline=100,
        target=300,
        target_year=2027,
    )
    count.disaggregations.set([sex])
    percentage = Indicator.objects.create(
        output=output,
        code="2.1.b",
        title="Share supported",
        unit="percentage",
        baseline=50,
        target=80,
        target_year=2027,
    )
    yes_no = Indicator.objects.create(
        output=output,
        code="1.1.b",
        title="Plan adopted",
        unit="yes_no",
        baseline=0,
        target=1,
        target_year=2027,
    )
    milestone = Indicator.objects.create(
        output=output,
        code="1.1.a",
        title="Law in force",
        unit="milestone",
        milestone_stages="Not started\nDrafted\nAdopted\nIn force",
        baseline=1,
        target=3,
        target_year=2027,
    )
    return SimpleNamespace(
        area=area,
        count=count,
        percentage=percentage,
        yes_no=yes_no,
        milestone=milestone,
        open=ReportingPeriod.objects.create(
            label="2025",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
            deadline=date(2099, 3, 31),
            is_open=True,
        ),
        closed=ReportingPeriod.objects.create(
            label="2024",
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 12, 31),
            deadline=date(2025, 3, 31),
            is_open=False,
        ),
        TH=Country.objects.get(code="TH"),
        KH=Country.objects.get(code="KH"),
    )


def _delegate(country_name: str):
    user = UserFactory()
    Membership.objects.create(
        user=user,
        group=StakeholderGroup.objects.get(name=f"Government delegates — {country_name}"),
        status=Membership.Status.APPROVED,
    )
    return user


@pytest.fixture
def people(framework, demo_user):
    cso = demo_user("cso@example.org")
    return SimpleNamespace(
        anonymous=None,
        cso=cso,
        gov_th=demo_user("gov.th@example.org"),
        gov_th_no_mfa=_delegate("Thailand"),
        gov_kh=_delegate("Cambodia"),
        secretariat=demo_user("secretariat@example.org"),
    )


def client_for(people, persona: str) -> Client:
    """A client signed in as the persona; MFA personas have used their second factor."""
    client = Client()
    user = getattr(people, persona)
    if user is None:
        return client
    client.force_login(user)
    if persona in PERSONAS_WITH_MFA:
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


def delegate_viewer(user, code: str) -> Viewer:
    return Viewer(
        user=user, roles=frozenset({"government"}), government_countries=frozenset({code})
    )


def secretariat_viewer(user) -> Viewer:
    return Viewer(user=user, roles=frozenset({"secretariat"}))


def report_values(framework, count="", percentage="", yes_no="", milestone="", female=""):
    typed = {
        framework.count.pk: actions.TypedIndicator(value=count),
        framework.percentage.pk: actions.TypedIndicator(value=percentage),
        framework.yes_no.pk: actions.TypedIndicator(value=yes_no),
        framework.milestone.pk: actions.TypedIndicator(value=milestone),
    }
    if female:
        typed[framework.count.pk].disaggregated["sex:F"] = female
    return typed


def approved_report(framework, people, country_code: str, period=None, **values):
    """A report of `country_code` for the open period, saved, submitted and approved."""
    country = getattr(framework, country_code)
    delegate = delegate_viewer(
        people.gov_th if country_code == "TH" else people.gov_kh, country_code
    )
    report = actions.do_save_report(
        delegate,
        period=period or framework.open,
        country=country,
        typed=report_values(framework, **values),
        narrative="",
        links=[],
    )
    actions.do_submit_report(delegate, report)
    actions.do_approve_report(secretariat_viewer(people.secretariat), report)
    return report


def decimal(text: str) -> Decimal:
    return Decimal(text.strip().rstrip("%"))


def tiny_pdf() -> bytes:
    """A real, readable one-page PDF (a `%PDF-` prefix alone is not a PDF)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
