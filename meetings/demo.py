"""
Demo meetings, with minutes at every stage of their workflow: last year's SOM (minutes
published), a past SOM with adopted minutes, decisions and actions; an upcoming IMM; a
Thailand Task Force meeting for Thailand's government delegates (minutes circulated); a
past CSO Platform meeting (minutes in draft); a Youth Forum session and an upcoming CSO
Platform meeting. The SOM's public agenda lists a government-only paper. Idempotent:
existing meetings (by slug) are kept, and minutes are only ever moved forward to their
demo stage.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from meetings import actions
from meetings.models import (
    AgendaItem,
    MeetingIndexPage,
    MeetingPage,
    MeetingPaper,
    MeetingType,
    Minutes,
)
from portal.models import AccessLevel, Country, Organisation, Role, StakeholderGroup, User
from portal.page_tree import site_home_page, translate_demo_page
from portal.permissions import viewer_for_user

SOM_MINUTES = """Senior Officials Meeting, 19th session — minutes

1. Opening. The chair welcomed the six delegations.
2. SPA IV progress. Delegations reported on referral of victims through national and
   transnational referral mechanisms.
3. Fishing and seafood processing. The meeting discussed the research on fishermen
   stranded on remote islands and agreed to coordinate repatriation.
4. Any other business. None."""

TASK_FORCE_MINUTES = """Thailand COMMIT Task Force — minutes (draft for sign-off)

1. National referral mechanism: review of the 2025 figures.
2. Preparations for the Inter-Ministerial Meeting."""


SOM_18_MINUTES = """Senior Officials Meeting, 18th session — minutes

1. Opening. The chair welcomed the delegations.
2. SPA IV mid-term review. The meeting agreed the review's terms of reference.
3. Date and venue of SOM-19. Bangkok."""

CSO_REVIEW_MINUTES = """Civil Society Platform to COMMIT — mid-term review (draft)

1. Findings of the CSO monitoring survey.
2. Recommendations to the Senior Officials Meeting."""

MINUTES_STAGES = [
    Minutes.State.DRAFT,
    Minutes.State.CIRCULATED,
    Minutes.State.ADOPTED,
    Minutes.State.PUBLISHED,
]


def _minutes_at(meeting, text: str, stage: str, secretariat, signers=()) -> Minutes:
    """
    Bring the meeting's minutes forward to `stage` through the workflow's actions,
    never back: seeding again leaves minutes already there (or beyond) unchanged.
    `signers` are (viewer, delegation) pairs who sign off before adoption.
    """
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        minutes = actions.do_save_minutes(secretariat, meeting, text)
    target = MINUTES_STAGES.index(stage)
    if target >= 1 and minutes.state == Minutes.State.DRAFT:
        minutes = actions.do_circulate_minutes(secretariat, minutes)
    if target >= 2 and minutes.state == Minutes.State.CIRCULATED:
        for viewer, delegation in signers:
            if delegation in minutes.delegations_yet_to_sign():
                actions.do_sign_off_minutes(viewer, minutes, delegation)
        minutes = actions.do_adopt_minutes(secretariat, minutes)
    if target >= 3 and minutes.state == Minutes.State.ADOPTED:
        minutes = actions.do_publish_minutes(secretariat, minutes)
    return minutes


def _at(days_from_now: int, hour: int, zone: str) -> datetime:
    day = timezone.localdate() + timedelta(days=days_from_now)
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(zone))


def _document(title: str, text: str):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title)
        document.file.save(
            f"{title.lower().replace(' ', '-')[:50]}.txt", ContentFile(text.encode())
        )
        document.save()
    return document


def _index(home: Page) -> MeetingIndexPage:
    index = MeetingIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(
            instance=MeetingIndexPage(
                title="Meetings",
                slug="meetings",
                show_in_menus=True,
                introduction=(
                    "Senior Officials and Inter-Ministerial Meetings, national Task Forces, "
                    "Youth Forum sessions and Civil Society Platform meetings."
                ),
            )
        )
        index.save_revision().publish()
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if not index.has_translation(locale) and home.has_translation(locale):
            index.copy_for_translation(locale, alias=True)
    translate_demo_page(index)
    return index


def _meeting(index, spec: dict, agenda: list[tuple], groups=(), delegations=()) -> MeetingPage:
    existing = MeetingPage.objects.filter(slug=spec["slug"], locale=index.locale).first()
    if existing is not None:
        return existing
    meeting = MeetingPage(**spec)
    meeting.allowed_groups = list(groups)
    meeting.delegations = list(delegations)
    meeting.agenda_items = [
        AgendaItem(number=number, title=title, description=description, presenters=presenters)
        for number, title, description, presenters in agenda
    ]
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


def seed(command) -> None:
    home = site_home_page()
    index = _index(home)
    countries = {country.code: country for country in Country.objects.all()}
    groups = {group.name: group for group in StakeholderGroup.objects.all()}
    government_groups = [g for g in groups.values() if g.role == Role.GOVERNMENT]
    thai_delegation = groups["Government delegates — Thailand"]
    secretariat = viewer_for_user(User.objects.get(email="secretariat@example.org"), mfa_ok=True)
    # The delegate who has a second factor signs (gov.th@example.org has none yet).
    thai_delegate = viewer_for_user(User.objects.get(email="gov.th.chair@example.org"), mfa_ok=True)

    som = _meeting(
        index,
        {
            "title": "19th Senior Officials Meeting (SOM-19)",
            "slug": "som-19",
            "meeting_type": MeetingType.SOM,
            "start": _at(-90, 9, "Asia/Bangkok"),
            "end": _at(-89, 17, "Asia/Bangkok"),
            "venue_timezone": "Asia/Bangkok",
            "venue": "UN Conference Centre, Bangkok",
            "host_country": countries["TH"],
            "languages": ["en", "th", "zh-hans"],
            "access_level": AccessLevel.PUBLIC,
            "summary": "<p>Annual review of SPA IV progress by the six governments.</p>",
        },
        [
            ("1", "Opening", "Welcome by the chair.", "Chair"),
            ("2", "SPA IV progress", "Reports of the six delegations.", "Delegations"),
            ("3", "Fishing and seafood processing", "Research findings.", "Secretariat"),
        ],
        delegations=[thai_delegation],
    )
    if not som.papers.exists():
        MeetingPaper.objects.create(
            meeting=som,
            agenda_number="2",
            title="SPA IV progress summary (public)",
            document=_document("SPA IV progress summary", "Aggregate progress figures."),
            access_level=AccessLevel.PUBLIC,
        )
        restricted = MeetingPaper.objects.create(
            meeting=som,
            agenda_number="3",
            title="Draft cross-border repatriation protocol (government only)",
            document=_document(
                "Draft cross-border repatriation protocol", "Government delegations only."
            ),
            access_level=AccessLevel.GROUPS,
        )
        restricted.allowed_groups = government_groups
        restricted.save()
    _minutes_at(
        som,
        SOM_MINUTES,
        Minutes.State.ADOPTED,
        secretariat,
        signers=[(thai_delegate, thai_delegation)],
    )
    if not som.decisions.exists():
        decision = actions.do_record_decision(
            secretariat, som, "Coordinate the repatriation of stranded fishermen."
        )
        # Announced at once; the other decisions wait for the minutes' publication.
        actions.do_record_decision(
            secretariat, som, "Hold the next IMM in Nay Pyi Taw.", public=True
        )
        actions.do_assign_action(
            secretariat,
            som,
            title="Share national repatriation focal points",
            due_date=timezone.localdate() - timedelta(days=10),
            owner_country=countries["TH"],
            decision=decision,
        )
        actions.do_assign_action(
            secretariat,
            som,
            title="Publish the fishing and seafood research brief",
            due_date=timezone.localdate() + timedelta(days=30),
            owner_organisation=Organisation.objects.get(name="COMMIT Secretariat (demo)"),
        )

    _meeting(
        index,
        {
            "title": "7th Inter-Ministerial Meeting (IMM-7)",
            "slug": "imm-7",
            "meeting_type": MeetingType.IMM,
            "start": _at(60, 9, "Asia/Yangon"),
            "end": _at(61, 16, "Asia/Yangon"),
            "venue_timezone": "Asia/Yangon",
            "venue": "Myanmar International Convention Centre, Nay Pyi Taw",
            "host_country": countries["MM"],
            "languages": ["en", "my"],
            "access_level": AccessLevel.PUBLIC,
            "capacity": 120,
            "registration_deadline": _at(45, 17, "Asia/Yangon"),
            "summary": "<p>Ministers review SPA IV and adopt the joint declaration.</p>",
        },
        [
            ("1", "Opening statements", "", "Ministers"),
            ("2", "Joint declaration", "Adoption of the declaration.", "Chair"),
        ],
        delegations=government_groups,
    )
    task_force = _meeting(
        index,
        {
            "title": "Thailand COMMIT Task Force — quarterly meeting",
            "slug": "thailand-task-force-q1",
            "meeting_type": MeetingType.TASK_FORCE,
            "start": _at(-5, 10, "Asia/Bangkok"),
            "end": _at(-5, 15, "Asia/Bangkok"),
            "venue_timezone": "Asia/Bangkok",
            "venue": "Ministry of Social Development and Human Security, Bangkok",
            "host_country": countries["TH"],
            "languages": ["th"],
            "access_level": AccessLevel.GROUPS,
        },
        [("1", "National referral mechanism", "", "MSDHS")],
        groups=[thai_delegation],
        delegations=[thai_delegation],
    )
    _minutes_at(task_force, TASK_FORCE_MINUTES, Minutes.State.CIRCULATED, secretariat)
    som_18 = _meeting(
        index,
        {
            "title": "18th Senior Officials Meeting (SOM-18)",
            "slug": "som-18",
            "meeting_type": MeetingType.SOM,
            "start": _at(-450, 9, "Asia/Vientiane"),
            "end": _at(-449, 17, "Asia/Vientiane"),
            "venue_timezone": "Asia/Vientiane",
            "venue": "Lao National Convention Centre, Vientiane",
            "host_country": countries["LA"],
            "languages": ["en", "lo"],
            "access_level": AccessLevel.PUBLIC,
            "summary": "<p>Mid-term review of SPA IV.</p>",
        },
        [
            ("1", "Opening", "", "Chair"),
            ("2", "SPA IV mid-term review", "Terms of reference.", "Secretariat"),
        ],
        delegations=[thai_delegation],
    )
    _minutes_at(
        som_18,
        SOM_18_MINUTES,
        Minutes.State.PUBLISHED,
        secretariat,
        signers=[(thai_delegate, thai_delegation)],
    )
    if not som_18.decisions.exists():
        actions.do_record_decision(
            secretariat, som_18, "Adopt the terms of reference of the SPA IV mid-term review."
        )
    cso_review = _meeting(
        index,
        {
            "title": "Civil Society Platform to COMMIT — mid-term review",
            "slug": "cso-platform-mid-term-review",
            "meeting_type": MeetingType.CSO_PLATFORM,
            "start": _at(-14, 9, "Asia/Phnom_Penh"),
            "end": _at(-14, 16, "Asia/Phnom_Penh"),
            "venue_timezone": "Asia/Phnom_Penh",
            "venue": "Phnom Penh",
            "host_country": countries["KH"],
            "languages": ["en", "km"],
            "access_level": AccessLevel.MEMBERS,
        },
        [("1", "CSO monitoring survey", "", "CSO focal points")],
    )
    _minutes_at(cso_review, CSO_REVIEW_MINUTES, Minutes.State.DRAFT, secretariat)
    _meeting(
        index,
        {
            "title": "COMMIT Youth Forum — prevention campaigns session",
            "slug": "youth-forum-prevention",
            "meeting_type": MeetingType.YOUTH_FORUM,
            "start": _at(21, 14, "Asia/Ho_Chi_Minh"),
            "end": _at(21, 16, "Asia/Ho_Chi_Minh"),
            "venue_timezone": "Asia/Ho_Chi_Minh",
            "venue": "Online",
            "online_link": "https://meet.example.org/commit-youth-forum",
            "host_country": countries["VN"],
            "languages": ["en", "vi"],
            "access_level": AccessLevel.GROUPS,
        },
        [("1", "Safe migration campaign ideas", "", "Youth delegates")],
        groups=[groups["Youth delegates"]],
    )
    _meeting(
        index,
        {
            "title": "Civil Society Platform to COMMIT — SPA IV monitoring",
            "slug": "cso-platform-spa-iv",
            "meeting_type": MeetingType.CSO_PLATFORM,
            "start": _at(42, 9, "Asia/Phnom_Penh"),
            "end": _at(42, 17, "Asia/Phnom_Penh"),
            "venue_timezone": "Asia/Phnom_Penh",
            "venue": "Phnom Penh",
            "host_country": countries["KH"],
            "languages": ["en", "km"],
            "access_level": AccessLevel.MEMBERS,
            "capacity": 40,
        },
        [("1", "Monitoring SPA IV implementation", "", "CSO focal points")],
    )
    command.stdout.write(f"  {MeetingPage.objects.count()} meetings")
