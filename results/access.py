"""
Who may see or do what with the results framework, composed from `portal.permissions`.

- The framework, the registers and *approved* values are public.
- A country's reports (drafts, submitted, returned, every version, evidence files) are
  for the secretariat and that country's government delegates whose second factor is
  used in this session (`has_role` counts the government role only then).
- A report is written only by such a delegate, for their own country, while its period
  is open and the report is a draft or returned; the secretariat reviews.

Every path (pages, exports, SVG charts, notifications, evidence downloads) asks here.
"""

from __future__ import annotations

from django.db.models import QuerySet

from portal.models import Role
from portal.permissions import Viewer, has_role


def can_report_for(viewer: Viewer, country_code: str) -> bool:
    """A government delegate of this country, second factor used."""
    return has_role(viewer, Role.GOVERNMENT, country_code)


def reporting_countries(viewer: Viewer) -> frozenset[str]:
    return viewer.government_countries


def can_report_for_period(viewer: Viewer, period) -> bool:
    """May see a period's reminder: someone who reports, or the secretariat."""
    return viewer.is_secretariat or bool(reporting_countries(viewer))


def can_review(viewer: Viewer) -> bool:
    return viewer.is_secretariat


def can_view_report(viewer: Viewer, report) -> bool:
    return viewer.is_secretariat or can_report_for(viewer, report.country.code)


def filter_viewable_reports(viewer: Viewer, reports: QuerySet) -> QuerySet:
    """`can_view_report` as a query."""
    if viewer.is_secretariat:
        return reports
    return reports.filter(country__code__in=sorted(reporting_countries(viewer)))


def can_edit_report(viewer: Viewer, report) -> bool:
    # A correction of an approved report may come after its period closed.
    return (
        can_report_for(viewer, report.country.code)
        and report.is_editable_state
        and (report.period.is_open or report.approved_at is not None)
    )


def can_start_correction(viewer: Viewer, report) -> bool:
    """An approved report is corrected by its country (a new version, with a reason)."""
    return can_report_for(viewer, report.country.code) and report.status == "approved"
