"""The factories of every app's tests, in one import (each lives beside its app's tests)."""

from tests.consultations.factories import ConsultationPageFactory
from tests.forums.factories import ForumFactory, PostFactory, ThreadFactory
from tests.home.factories import DocumentFactory, HomePageFactory, PageFactory
from tests.knowledge.factories import LibraryIndexPageFactory, PublicationFactory
from tests.meetings.factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    MeetingPaperFactory,
)
from tests.portal.factories import (
    CountryFactory,
    MembershipFactory,
    OrganisationFactory,
    StakeholderGroupFactory,
    UserFactory,
    member_of,
)

__all__ = [
    "ConsultationPageFactory",
    "CountryFactory",
    "DocumentFactory",
    "ForumFactory",
    "HomePageFactory",
    "LibraryIndexPageFactory",
    "MeetingIndexPageFactory",
    "MeetingPageFactory",
    "MeetingPaperFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "PageFactory",
    "PostFactory",
    "PublicationFactory",
    "StakeholderGroupFactory",
    "ThreadFactory",
    "UserFactory",
    "member_of",
]
