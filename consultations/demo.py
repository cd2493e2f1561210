# ruff: noqa: E501 - demo prose reads better unwrapped
"""
Demo consultations on SPA IV text: an open one in its second round (with the changes
from round 1, the demo CSO's input in progress and the youth delegate's input sent)
and a closed one whose responses are published. Idempotent: consultations that exist
are kept as they are.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import ConsultationPage, GuidingQuestion
from portal.models import StakeholderGroup, User
from portal.page_tree import site_home_page
from portal.permissions import viewer_for_user

SPA_IV_ROUND_ONE = [
    (
        "1",
        "Policy and cooperation",
        [
            (
                "spa4-policy-laws",
                "1.1",
                "Each COMMIT country reviews its anti-trafficking law by 2027 so that it covers men, women and children.",
            ),
            (
                "spa4-policy-mou",
                "1.2",
                "Bilateral MoUs between COMMIT countries cover the safe return and reintegration of victims.",
            ),
        ],
    ),
    (
        "2",
        "Victim protection",
        [
            (
                "spa4-protection-referral",
                "2.1",
                "National referral mechanisms identify victims of trafficking in fishing and seafood processing.",
            ),
            ("spa4-protection-shelter", "2.2", "Shelters offer support to victims."),
        ],
    ),
    (
        "3",
        "Prevention",
        [
            (
                "spa4-prevention-youth",
                "3.1",
                "Awareness campaigns on safe migration reach young people in border areas.",
            )
        ],
    ),
]

ROUND_TWO_CHANGES = {
    "spa4-protection-shelter": "Shelters and community-based services offer support to all victims, including men and boys.",
    "spa4-prevention-youth": "Awareness campaigns on safe migration and online recruitment, designed with the COMMIT Youth Forum, reach young people in border areas.",
}


def _consultation(home, *, slug, title, introduction, opens_at, closes_at, questions):
    existing = ConsultationPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = home.add_child(
        instance=ConsultationPage(
            title=title,
            slug=slug,
            introduction=introduction,
            opens_at=opens_at,
            closes_at=closes_at,
            time_zone="Asia/Bangkok",
            allows_individual_youth_submissions=True,
        )
    )
    page.eligible_groups.set(
        StakeholderGroup.objects.filter(name__in=["CSO members", "Youth delegates"])
    )
    page.save_revision().publish()
    for order, text in enumerate(questions):
        GuidingQuestion.objects.create(page=page, text=text, sort_order=order)
    actions.do_create_round(None, page, SPA_IV_ROUND_ONE, note="First draft")
    return page, True


def _input(user, consultation, kind, comments, confidentiality, *, now, submit, answers=None):
    viewer = viewer_for_user(user, mfa_ok=False)
    submission = actions.do_start_submission(viewer, consultation, kind, now=now)
    content = DraftContent(
        comments=comments, answers=answers or {}, confidentiality=confidentiality
    )
    submission = actions.do_save_draft(
        viewer, submission, version=submission.version, content=content, now=now
    )
    if submit:
        actions.do_submit(viewer, submission, now=now)
    return submission


def seed(command) -> None:
    home = site_home_page()
    cso = User.objects.get(email="cso@example.org")
    youth = User.objects.get(email="youth@example.org")
    secretariat = viewer_for_user(User.objects.get(email="secretariat@example.org"), mfa_ok=True)
    now = timezone.now()

    open_page, created = _consultation(
        home,
        slug="spa-iv-draft-consultation",
        title="SPA IV draft: second consultation round",
        introduction="The six COMMIT governments invite civil society and youth to comment on the second draft of the 4th Sub-regional Plan of Action.",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=21),
        questions=[
            "Which forms of exploitation does the draft not address well enough?",
            "How should young people take part in prevention work?",
        ],
    )
    if created:
        actions.do_start_next_round(
            None, open_page, note="Second draft after the SOM", changes=ROUND_TWO_CHANGES
        )
        _input(
            cso,
            open_page,
            "organisation",
            {
                "spa4-protection-referral": (
                    "Name forced criminality in scam compounds alongside fishing.",
                    "",
                )
            },
            "attributed",
            now=now,
            submit=False,
        )
        _input(
            youth,
            open_page,
            "individual",
            {
                "spa4-prevention-youth": (
                    "Use the messaging apps young people use, in local languages.",
                    "",
                )
            },
            "secretariat",
            now=now,
            submit=True,
        )
    command.stdout.write(f"  {'created' if created else 'kept'} consultation {open_page.title}")

    during = now - timedelta(days=40)
    closed_page, created = _consultation(
        home,
        slug="spa-iv-zero-draft-consultation",
        title="SPA IV zero draft consultation (closed)",
        introduction="The first consultation on the zero draft of SPA IV. The consultation is closed; see how the input was used.",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        questions=["What should SPA IV measure?"],
    )
    if created:
        cso_input = _input(
            cso,
            closed_page,
            "organisation",
            {
                "spa4-protection-shelter": (
                    "Shelters must be open to men and boys.",
                    "Shelters offer support to all victims, including men and boys.",
                )
            },
            "attributed",
            now=during,
            submit=True,
        )
        youth_input = _input(
            youth,
            closed_page,
            "individual",
            {
                "spa4-prevention-youth": (
                    "Campaigns should be designed with young people, not for them.",
                    "",
                )
            },
            "anonymous",
            now=during,
            submit=True,
        )
        second = actions.do_start_next_round(
            None, closed_page, note="Draft after the consultation", changes=ROUND_TWO_CHANGES
        )
        for submission, anchor, outcome, explanation in (
            (cso_input, "spa4-protection-shelter", "accepted", "The text now names men and boys."),
            (
                youth_input,
                "spa4-prevention-youth",
                "partly",
                "Campaigns will be designed with the Youth Forum; budgets are decided nationally.",
            ),
        ):
            actions.do_respond(
                secretariat,
                submission.comments.get(),
                outcome=outcome,
                explanation=explanation,
                resulting_paragraph=second.paragraphs.get(anchor=anchor),
            )
        actions.do_publish_responses(secretariat, closed_page)
    command.stdout.write(f"  {'created' if created else 'kept'} consultation {closed_page.title}")
