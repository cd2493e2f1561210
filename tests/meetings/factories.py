"""Factories for meetings: the index page, meetings with an agenda, and their papers."""

from datetime import timedelta

import factory
from django.utils import timezone

from meetings.models import AgendaItem, MeetingIndexPage, MeetingPage, MeetingPaper
from portal.models import AccessLevel
from tests.home.factories import DocumentFactory, PageFactory


class MeetingIndexPageFactory(PageFactory):
    title = "Meetings"
    slug = "meetings"

    class Meta:
        model = MeetingIndexPage


class MeetingPageFactory(PageFactory):
    """A published meeting in Bangkok `days` from now, six hours long, with a two-item agenda."""

    class Params:
        days = 10

    title = factory.Sequence(lambda n: f"Meeting {n}")
    meeting_type = "som"
    start = factory.LazyAttribute(lambda meeting: timezone.now() + timedelta(days=meeting.days))
    end = factory.LazyAttribute(lambda meeting: meeting.start + timedelta(hours=6))
    venue = "Bangkok"
    access_level = AccessLevel.PUBLIC
    agenda_items = factory.LazyFunction(
        lambda: [AgendaItem(number="1", title="Opening"), AgendaItem(number="2", title="Protocol")]
    )

    class Meta:
        model = MeetingPage


class MeetingPaperFactory(factory.django.DjangoModelFactory):
    """A paper of a meeting's agenda item with its document; `allowed_groups=` for GROUPS."""

    title = factory.Sequence(lambda n: f"Paper {n}")
    agenda_number = "1"
    document = factory.SubFactory(DocumentFactory, title=factory.SelfAttribute("..title"))
    access_level = AccessLevel.PUBLIC

    class Meta:
        model = MeetingPaper
        skip_postgeneration_save = True

    @factory.post_generation
    def allowed_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.allowed_groups = list(extracted)
            self.save()
