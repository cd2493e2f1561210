from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """SPA IV consultations: structured input on the draft plan and what became of it."""

    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations.access import can_read_consultation
        from consultations.models import ConsultationPage
        from consultations.sections import my_drafts, open_consultations
        from home.sections import register_home_section
        from portal.dashboard import register_dashboard_slot
        from portal.permissions import register_visibility_rule

        register_home_section("consultations", open_consultations)
        register_visibility_rule(ConsultationPage, can_read_consultation)
        register_dashboard_slot("consultations", my_drafts)

        from consultations.waiting import unanswered_input
        from portal.staff_work import register_staff_queue

        register_staff_queue(
            "consultation_input", _("Consultation input to answer"), unanswered_input, order=30
        )
