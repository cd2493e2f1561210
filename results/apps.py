from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """SPA IV results framework: indicators, country progress reports, review, dashboard."""

    name = "results"
    verbose_name = _("Results")

    def ready(self):
        from portal.audit import register_verbs
        from portal.dashboard import register_dashboard_slot
        from portal.permissions import register_visibility_rule
        from results.access import can_report_for_period, can_view_report
        from results.actions import ResultsVerb
        from results.models import CountryReport, ReportingPeriod
        from results.sections import my_reports

        # Notifications about a report (returned, approved) or a period (reminders) are
        # shown only while their reader may see the report or report for the period.
        register_visibility_rule(
            CountryReport,
            can_view_report,
            queryset=lambda: CountryReport.objects.select_related("country", "period"),
        )
        register_visibility_rule(ReportingPeriod, can_report_for_period)
        register_dashboard_slot("reports", my_reports)
        register_verbs(ResultsVerb)
