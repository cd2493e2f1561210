"""
The "My reports" slot of My portal: reports due, returned, submitted and approved. The
slot lists titles only, so each title carries the report's state.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.dashboard import SectionItem
from portal.models import Country
from portal.permissions import viewer_for_request
from results.access import can_review, filter_viewable_reports
from results.models import CountryReport, ReportingPeriod, ReportStatus


def my_reports(request) -> list[SectionItem]:
    viewer = viewer_for_request(request)
    if viewer.user is None or not (viewer.government_countries or can_review(viewer)):
        return []
    items = []
    reports = filter_viewable_reports(
        viewer, CountryReport.objects.select_related("country", "period")
    )
    if can_review(viewer):
        for report in reports.filter(status=ReportStatus.SUBMITTED):
            items.append(
                SectionItem(
                    title=f"{report} · {_('submitted, waiting for your review')}",
                    url=reverse("results:report_review", args=[report.pk]),
                    summary=_("submitted, waiting for your review"),
                )
            )
        return items
    existing = {(report.period_id, report.country_id): report for report in reports}
    for period in ReportingPeriod.objects.filter(is_open=True):
        for country in Country.objects.filter(code__in=sorted(viewer.government_countries)):
            if (period.pk, country.pk) not in existing:
                items.append(
                    SectionItem(
                        title=f"{country.name} — {period.label} · "
                        + _("due by %(deadline)s, not started") % {"deadline": period.deadline},
                        url=reverse("results:report_edit", args=[period.pk, country.code]),
                        summary=_("due by %(deadline)s, not started")
                        % {"deadline": period.deadline},
                    )
                )
    # The latest ten: older approved reports are on the reports page.
    for report in reports[:10]:
        summary = report.get_status_display()
        if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and report.period.is_open:
            summary = _("%(status)s · due by %(deadline)s") % {
                "status": summary,
                "deadline": report.period.deadline,
            }
        items.append(
            SectionItem(
                title=f"{report} · {summary}",
                url=reverse("results:report_edit", args=[report.period_id, report.country.code]),
                summary=summary,
            )
        )
    return items
