"""
The demo site plus restricted content that carries canary strings.

Each canary is a unique string placed in exactly one piece of content that none of the
probing roles may see. A canary in any response body means that content leaked. The
content is made through the apps' own demo builders and actions, as a real site gets it.
"""

import io
import uuid
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from consultations import actions as consultation_actions
from consultations.actions import DraftContent
from consultations.models import Confidentiality, ConsultationPage
from forums import actions as forum_actions
from forums import rate_limits
from forums.models import Flag, Forum, SafeguardingCase
from knowledge import demo as knowledge_demo
from knowledge.actions import PublicationData, do_save_publication, do_store_document_bytes
from knowledge.models import LibraryIndexPage
from knowledge.sample_pdfs import latin_pdf
from meetings.demo import _document, _meeting, _minutes_at
from meetings.models import MeetingIndexPage, MeetingPaper
from meetings.models import MeetingType as MeetingKind
from portal.demo import DEMO_TOTP_SECRET
from portal.models import AccessLevel, Role, StakeholderGroup, User
from portal.notifications import notify
from portal.permissions import viewer_for_user

CANARIES = {
    "gov_meeting": "CANARY-GOV-MEETING-5c1e",
    "gov_agenda": "CANARY-GOV-AGENDA-b83f",
    "gov_paper": "CANARY-GOV-PAPER-7f3a",
    "gov_paper_file": "CANARY-GOV-PAPER-FILE-91b2",
    "gov_minutes": "CANARY-GOV-MINUTES-2d4c",
    "public_meeting_gov_paper": "CANARY-PUBLIC-MEETING-GOV-PAPER-e5a1",
    "submission": "CANARY-CONFIDENTIAL-SUBMISSION-8e6f",
    "attachment": "CANARY-ATTACHMENT-FILE-3a9d",
    "publication": "CANARY-RESTRICTED-PUBLICATION-4b7e",
    "publication_file": "CANARY-PUBLICATION-FILE-6c0a",
    "hidden_post": "CANARY-HIDDEN-POST-1f8b",
    "deleted_post": "CANARY-DELETED-POST-0e3d",
    "held_post": "CANARY-HELD-POST-5a2c",
    "notification": "CANARY-NOTIFICATION-9d7f",
    "cso_forum_post": "CANARY-CSO-FORUM-POST-7c4d",
}

# The roles that probe the site. None of them may see any canary:
# - anonymous: a visitor;
# - youth: an approved member of another group (Youth delegates) than the CSO and
#   government groups that own the restricted content;
# - gov_password_only / secretariat_password_only: privileged members who have a TOTP
#   authenticator but signed in with their password only in this session.
ROLES = ["anonymous", "youth", "gov_password_only", "secretariat_password_only"]
ROLE_EMAILS = {
    "youth": "youth@example.org",
    "gov_password_only": "gov.th@example.org",
    "secretariat_password_only": "secretariat@example.org",
}


def _viewer(email: str):
    return viewer_for_user(User.objects.get(email=email), mfa_ok=True)


def _seed_meetings(world: SimpleNamespace) -> None:
    secretariat = _viewer("secretariat@example.org")
    thai = StakeholderGroup.objects.get(name="Government delegates — Thailand")
    governments = list(StakeholderGroup.objects.filter(role=Role.GOVERNMENT))
    index = MeetingIndexPage.objects.get(locale__language_code="en")
    start = timezone.now() + timedelta(days=12)
    meeting = _meeting(
        index,
        {
            "title": f"Task Force closed session {CANARIES['gov_meeting']}",
            "slug": "closed-task-force-session",
            "meeting_type": MeetingKind.TASK_FORCE,
            "start": start,
            "end": start + timedelta(hours=4),
            "venue_timezone": "Asia/Bangkok",
            "venue": "Bangkok",
            "access_level": AccessLevel.GROUPS,
            "summary": f"<p>{CANARIES['gov_meeting']}</p>",
        },
        [("1", f"Repatriation cases {CANARIES['gov_agenda']}", CANARIES["gov_agenda"], "")],
        groups=[thai],
        delegations=[thai],
    )
    paper = MeetingPaper.objects.create(
        meeting=meeting,
        agenda_number="1",
        title=f"Closed paper {CANARIES['gov_paper']}",
        document=_document("Closed paper", f"Government only. {CANARIES['gov_paper_file']}"),
        access_level=AccessLevel.GROUPS,
    )
    paper.allowed_groups = [thai]
    paper.save()
    minutes = _minutes_at(meeting, f"Minutes: {CANARIES['gov_minutes']}", "circulated", secretariat)
    # A public meeting's government-only paper: the meeting page is open, the paper not.
    public_meeting = index.get_children().specific().get(slug="som-19")
    public_paper = MeetingPaper.objects.create(
        meeting=public_meeting,
        agenda_number="2",
        title=f"Delegations only {CANARIES['public_meeting_gov_paper']}",
        document=_document(
            "Delegations only annex", f"Annex {CANARIES['public_meeting_gov_paper']}"
        ),
        access_level=AccessLevel.GROUPS,
    )
    public_paper.allowed_groups = governments
    public_paper.save()
    world.meeting_index = index
    world.gov_meeting = meeting
    world.gov_agenda_item = meeting.agenda_items.first()
    world.gov_paper = paper
    world.gov_minutes = minutes
    world.public_meeting = public_meeting
    world.public_meeting_gov_paper = public_paper
    world.documents = [paper.document, public_paper.document]


def _seed_consultation(world: SimpleNamespace) -> None:
    now = timezone.now()
    consultation = (
        ConsultationPage.objects.live()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("pk")
        .first()
    )
    cso = viewer_for_user(User.objects.get(email="cso@example.org"), mfa_ok=False)
    submission = consultation_actions.do_start_submission(cso, consultation, "organisation")
    anchor = consultation.current_round().paragraphs_in_order()[0].anchor
    submission = consultation_actions.do_save_draft(
        cso,
        submission,
        version=submission.version,
        content=DraftContent(
            comments={anchor: (CANARIES["submission"], CANARIES["submission"])},
            confidentiality=Confidentiality.SECRETARIAT_ONLY,
        ),
    )
    attachment = consultation_actions.do_add_attachment(
        cso,
        submission,
        # A real PDF (attachments are parsed), with the canary readable in its bytes.
        SimpleUploadedFile(
            "evidence.pdf",
            latin_pdf([CANARIES["attachment"]]) + f"%{CANARIES['attachment']}\n".encode(),
        ),
    )
    consultation_actions.do_submit(cso, submission)
    world.consultation = consultation
    world.submission = submission
    world.attachment = attachment
    world.comment_ids = list(submission.comments.values_list("pk", flat=True))


def _seed_publication(world: SimpleNamespace) -> None:
    index = LibraryIndexPage.objects.get(locale__language_code="en")
    governments = list(StakeholderGroup.objects.filter(role=Role.GOVERNMENT))
    data = latin_pdf([CANARIES["publication_file"]]) + (
        f"%{CANARIES['publication_file']}\n".encode()
    )
    document = do_store_document_bytes("closed-brief.pdf", data, title="Closed brief")
    publication, _created = do_save_publication(
        None,
        index,
        PublicationData(
            slug="closed-government-brief",
            title=f"Closed brief {CANARIES['publication']}",
            summary=CANARIES["publication"],
            publisher="COMMIT Secretariat",
            language="en",
            tags=["fishing"],
            documents=[(document, f"Full text {CANARIES['publication']}", "en")],
            access_level=AccessLevel.GROUPS,
            allowed_groups=governments,
        ),
    )
    public_document = do_store_document_bytes(
        "open-brief.pdf", latin_pdf(["Safe migration brief."]), title="Open brief"
    )
    world.public_publication, _created = do_save_publication(
        None,
        index,
        PublicationData(
            slug="open-safe-migration-brief",
            title="Safe migration brief",
            summary="Recruitment fees and safe migration.",
            publisher="COMMIT Secretariat",
            language="en",
            tags=["fishing"],
            documents=[(public_document, "Full text", "en")],
        ),
    )
    world.library_index = index
    world.publication = publication
    world.documents.append(document)
    world.documents.append(public_document)


def _seed_forum(world: SimpleNamespace) -> None:
    cso = _viewer("cso@example.org")
    moderator = _viewer("moderator@example.org")
    safeguarding = _viewer("safeguarding@example.org")
    forum = Forum.objects.get(slug="general")
    thread = forum_actions.do_create_thread(
        cso, forum, title="Recruitment agencies in the border provinces", body="Open to all."
    )
    hidden = forum_actions.do_create_post(cso, thread, body=f"Hidden {CANARIES['hidden_post']}")
    forum_actions.do_hide_post(moderator, hidden, reason="Off-topic")
    deleted = forum_actions.do_create_post(cso, thread, body=f"Deleted {CANARIES['deleted_post']}")
    forum_actions.do_delete_post(cso, deleted)
    held = forum_actions.do_create_post(cso, thread, body=f"Held {CANARIES['held_post']}")
    forum_actions.do_flag_post(moderator, held, reason=Flag.Reason.SAFEGUARDING, note="Disclosure")
    case = SafeguardingCase.objects.get(post=held)
    forum_actions.do_hide_post_for_safeguarding(safeguarding, case, reason="Possible disclosure")
    forum_actions.do_create_post(cso, thread, body="A visible reply after them.")
    cso_thread = forum_actions.do_create_thread(
        cso,
        Forum.objects.get(slug="cso-platform"),
        title="Shelter capacity in the border provinces",
        body=f"For CSO members only: {CANARIES['cso_forum_post']}",
    )
    world.forum = forum
    world.cso_thread = cso_thread
    world.thread = thread
    world.thread_url = f"/forums/threads/{thread.pk}/"
    world.hidden_post = hidden
    world.deleted_post = deleted
    world.held_post = held
    world.safeguarding_case = case
    world.forum_slugs = list(Forum.objects.values_list("slug", flat=True))
    world.threads = list(forum.threads.values_list("pk", flat=True))


def _seed_accounts(world: SimpleNamespace) -> None:
    government = User.objects.get(email="gov.th@example.org")
    if not Authenticator.objects.filter(user=government, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(government, DEMO_TOTP_SECRET)
    notify(
        government,
        "meeting",
        f"Papers for {CANARIES['notification']}",
        body=CANARIES["notification"],
        url=world.gov_meeting.url,
    )


def _seed_demo_site() -> None:
    """
    What `seed_demo` builds, apart from the library's thirty demo publications: indexing
    them in seven languages takes most of a minute, and the canary publication (with one
    public one) is enough for the library's paths.
    """
    command = BaseCommand(stdout=io.StringIO())
    for app_config in apps.get_app_configs():
        if not app_config.path.startswith(str(settings.BASE_DIR)):
            continue
        if app_config.name == "knowledge":
            knowledge_demo.ensure_library_page()
        elif module_has_submodule(app_config.module, "demo"):
            import_module(f"{app_config.name}.demo").seed(command)


def build_world() -> SimpleNamespace:
    """Seed the demo site and the canary content. Needs an unblocked, empty-ish database."""
    _seed_demo_site()
    world = SimpleNamespace()
    original_prefix = rate_limits.KEY_PREFIX
    rate_limits.KEY_PREFIX = f"test-security:{uuid.uuid4()}"
    try:
        _seed_meetings(world)
        _seed_consultation(world)
        _seed_publication(world)
        _seed_forum(world)
        _seed_accounts(world)
    finally:
        rate_limits.KEY_PREFIX = original_prefix
    return world


def clients_for_roles() -> dict[str, Client]:
    """One client per probing role. Password-only sessions never pass the second factor."""
    clients = {"anonymous": Client()}
    for role, email in ROLE_EMAILS.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        clients[role] = client
    return clients


def leaked_canaries(body: bytes) -> list[str]:
    return [name for name, canary in CANARIES.items() if canary.encode() in body]
