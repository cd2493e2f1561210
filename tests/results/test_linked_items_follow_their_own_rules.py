"""
An indicator's page closes the loop: it lists the meeting decisions, consultation
paragraphs and responses, and library publications that reference the indicator, each
only to a reader who may see it by its own app's rule (a restricted meeting's decision
is not listed to the public or to another country's delegate).
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consultations.models import Comment, CommentResponse, Confidentiality, Submission
from home.models import HomePage
from meetings import actions as meeting_actions
from portal.models import AccessLevel, StakeholderGroup
from results.models import IndicatorLink
from tests.consultations.factories import ConsultationPageFactory
from tests.knowledge.factories import LibraryIndexPageFactory, PublicationFactory
from tests.meetings.factories import MeetingIndexPageFactory, MeetingPageFactory
from tests.results.conftest import PERSONAS, client_for, secretariat_viewer

pytestmark = pytest.mark.postgres

THAI_DECISION = "Thailand extends the referral pilot to Mae Sot."
PUBLIC_DECISION = "Members adopt the regional referral guideline."
UNPUBLISHED_DECISION = "Members review the shelter budget before the minutes."
THAI_PARAGRAPH = "The Thai referral mechanism reaches every border province."
PUBLIC_PARAGRAPH = "Countries refer victims across borders within 72 hours."
PUBLISHED_RESPONSE = "Accepted: the 72-hour rule is now in paragraph 2.1."
UNPUBLISHED_RESPONSE = "Under discussion with the Senior Officials."
THAI_PUBLICATION = "Thai referral statistics (draft for the SOM)"
PUBLIC_PUBLICATION = "Regional referral guideline"

# Who may see the Thai-only items: Thailand's delegates (second factor used) and the
# secretariat. Not the public, a CSO member, a Thai delegate without the second factor,
# nor Cambodia's delegates.
SEES_THAI = {"gov_th", "secretariat"}


def link(indicator, item):
    IndicatorLink.objects.create(
        indicator=indicator,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
    )


@pytest.fixture
def linked(framework, people):
    home = HomePage.objects.get(locale__language_code="en")
    thai_group = StakeholderGroup.objects.get(name="Government delegates — Thailand")
    secretariat = secretariat_viewer(people.secretariat)
    meetings = MeetingIndexPageFactory(parent=home)
    thai_meeting = MeetingPageFactory(
        parent=meetings,
        title="Thai Task Force",
        slug="thai-task-force",
        access_level=AccessLevel.GROUPS,
        allowed_groups=[thai_group],
    )
    public_meeting = MeetingPageFactory(parent=meetings, title="Public SOM", slug="public-som")
    thai_decision = meeting_actions.do_record_decision(
        secretariat, thai_meeting, THAI_DECISION, public=True
    )
    public_decision = meeting_actions.do_record_decision(
        secretariat, public_meeting, PUBLIC_DECISION, public=True
    )
    # Not marked public and no published minutes: the secretariat's until then.
    unpublished_decision = meeting_actions.do_record_decision(
        secretariat, public_meeting, UNPUBLISHED_DECISION
    )

    def consultation(slug, text, **fields):
        page = ConsultationPageFactory(
            parent=home,
            slug=slug,
            rounds=[[("1", "Referral", [(f"{slug}-p1", "1.1", text)])]],
            **fields,
        )
        return page, page.rounds.get().paragraphs.get()

    thai_consultation, thai_paragraph = consultation(
        "thai-consultation",
        THAI_PARAGRAPH,
        access_level=AccessLevel.GROUPS,
        allowed_groups=[thai_group],
    )
    public_consultation, public_paragraph = consultation("public-consultation", PUBLIC_PARAGRAPH)
    submission = Submission.objects.create(
        consultation=public_consultation,
        kind=Submission.Kind.INDIVIDUAL,
        focal_point=people.cso,
        status=Submission.Status.SUBMITTED,
        confidentiality=Confidentiality.ATTRIBUTED,
        submitted_at=timezone.now() - timedelta(days=1),
    )
    published_response = CommentResponse.objects.create(
        comment=Comment.objects.create(
            submission=submission,
            paragraph=public_paragraph,
            anchor="public-consultation-p1",
            text="Add a time limit.",
        ),
        outcome=CommentResponse.Outcome.ACCEPTED,
        explanation=PUBLISHED_RESPONSE,
        published_at=timezone.now(),
    )
    # A second submitter's comment whose response the secretariat has not published.
    other = Submission.objects.create(
        consultation=public_consultation,
        kind=Submission.Kind.INDIVIDUAL,
        focal_point=people.gov_kh,
        status=Submission.Status.SUBMITTED,
        confidentiality=Confidentiality.ATTRIBUTED,
    )
    unpublished_response = CommentResponse.objects.create(
        comment=Comment.objects.create(
            submission=other,
            paragraph=public_paragraph,
            anchor="public-consultation-p1",
            text="Too short.",
        ),
        outcome=CommentResponse.Outcome.PARTLY_ACCEPTED,
        explanation=UNPUBLISHED_RESPONSE,
    )

    library = LibraryIndexPageFactory(parent=home)
    thai_publication = PublicationFactory(
        library=library,
        slug="thai-referral-statistics",
        title=THAI_PUBLICATION,
        access_level=AccessLevel.GROUPS,
        allowed_groups=[thai_group],
    )
    public_publication = PublicationFactory(
        library=library, slug="regional-referral-guideline", title=PUBLIC_PUBLICATION
    )
    for item in (
        thai_decision,
        public_decision,
        unpublished_decision,
        thai_paragraph,
        public_paragraph,
        published_response,
        unpublished_response,
        thai_publication,
        public_publication,
    ):
        link(framework.count, item)
    return SimpleNamespace(
        thai_meeting=thai_meeting,
        thai_consultation=thai_consultation,
        public_consultation=public_consultation,
        thai_publication=thai_publication,
    )


def indicator_page(people, persona) -> str:
    response = client_for(people, persona).get("/results/indicators/2.1.a/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_restricted_items_are_listed_only_to_their_audience(linked, people, persona):
    html = indicator_page(people, persona)
    sees_thai = persona in SEES_THAI
    assert (THAI_DECISION in html) is sees_thai
    assert (f'href="{linked.thai_meeting.url}#decisions"' in html) is sees_thai
    assert (THAI_PARAGRAPH in html) is sees_thai
    assert (f'href="{linked.thai_consultation.url}#p-thai-consultation-p1"' in html) is sees_thai
    assert (THAI_PUBLICATION in html) is sees_thai
    assert (UNPUBLISHED_DECISION in html) is (persona == "secretariat")
    assert (UNPUBLISHED_RESPONSE in html) is (persona == "secretariat")


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_items_are_listed_to_everyone(linked, people, persona):
    html = indicator_page(people, persona)
    assert PUBLIC_DECISION in html
    assert PUBLIC_PARAGRAPH in html
    assert PUBLIC_PUBLICATION in html
    assert PUBLISHED_RESPONSE in html
    report = linked.public_consultation.url + "how-your-input-was-used/"
    assert f'href="{report}#p-public-consultation-p1"' in html


def test_an_unpublished_publication_is_listed_to_the_secretariat_only(linked, people):
    linked.thai_publication.unpublish()
    assert THAI_PUBLICATION not in indicator_page(people, "gov_th")
    assert THAI_PUBLICATION in indicator_page(people, "secretariat")


def test_a_meeting_taken_offline_takes_its_decisions_with_it(linked, people):
    linked.thai_meeting.unpublish()
    assert THAI_DECISION not in indicator_page(people, "gov_th")
