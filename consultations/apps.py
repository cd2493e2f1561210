from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """SPA IV consultations: structured input on the draft plan and what became of it."""

    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations.access import (
            can_read_consultation,
            can_view_paragraph,
            can_view_response,
        )
        from consultations.actions import ConsultationVerb
        from consultations.models import CommentResponse, ConsultationPage, DraftParagraph
        from consultations.sections import my_drafts, open_consultations
        from portal.audit import register_verbs
        from portal.dashboard import register_dashboard_slot
        from portal.permissions import register_visibility_rule
        from portal.sections import register_home_section

        register_home_section("consultations", open_consultations)
        register_visibility_rule(ConsultationPage, can_read_consultation)
        # Paragraphs and responses are referenced from other apps (an indicator's page
        # lists them): each is shown only to a reader this module admits.
        register_visibility_rule(
            DraftParagraph,
            can_view_paragraph,
            queryset=lambda: DraftParagraph.objects.select_related("round__consultation"),
        )
        register_visibility_rule(
            CommentResponse,
            can_view_response,
            queryset=lambda: CommentResponse.objects.select_related(
                "comment__submission__consultation"
            ),
        )
        register_dashboard_slot("consultations", my_drafts)
        register_verbs(ConsultationVerb)

        from consultations.waiting import unanswered_input
        from portal.staff_work import register_staff_queue

        register_staff_queue(
            "consultation_input", _("Consultation input to answer"), unanswered_input, order=30
        )
