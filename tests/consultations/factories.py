"""
Factories for consultations: a consultation page open now, its guiding questions,
and its draft rounds (made through `consultations.actions.do_create_round`).
"""

from datetime import timedelta

import factory
from django.utils import timezone

from consultations import actions
from consultations.models import ConsultationPage, GuidingQuestion
from tests.home.factories import PageFactory


class ConsultationPageFactory(PageFactory):
    """
    Published, open from a week ago to a week ahead (Bangkok time); `eligible_groups=`,
    `questions=[text, ...]` and `rounds=[sections, ...]` (as do_create_round takes them).
    """

    title = factory.Sequence(lambda n: f"Consultation {n}")
    introduction = "Tell us what you think of the draft."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    time_zone = "Asia/Bangkok"

    class Meta:
        model = ConsultationPage

    @classmethod
    def _create(cls, model_class, *, eligible_groups=(), questions=(), rounds=(), **fields):
        consultation = super()._create(model_class, publish=False, **fields)
        consultation.eligible_groups.set(eligible_groups)
        consultation.save_revision().publish()
        for text in questions:
            GuidingQuestion.objects.create(page=consultation, text=text)
        for sections in rounds:
            actions.do_create_round(None, consultation, sections)
        consultation.refresh_from_db()
        return consultation
