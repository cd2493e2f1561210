"""Results views: the public dashboard and downloads, and the country reporting pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.models import Country
from portal.params import has_control_characters, parse_database_id
from portal.permissions import viewer_for_request
from portal.refusals import refuse
from results import actions
from results.access import (
    can_edit_report,
    can_report_for,
    can_review,
    can_start_correction,
    can_view_report,
    filter_viewable_reports,
)
from results.exports import figures_csv, figures_json_response, figures_sdmx
from results.figures import approved_figures
from results.models import (
    CooperationAgreement,
    CountryReport,
    EvidenceFile,
    Indicator,
    PolicyImprovement,
    ReportingPeriod,
    ReportStatus,
)
from results.presentation import country_chart, dashboard_areas, indicator_chart, linked_items

EXPORT_FORMATS = ("csv", "json", "sdmx.csv")


def _commit_country(code: str) -> Country:
    if has_control_characters(code) or len(code) != 2:
        raise Http404
    return get_object_or_404(Country, code=code.upper(), is_commit_member=True)


def _indicator(code: str) -> Indicator:
    if has_control_characters(code) or len(code) > 20:
        raise Http404
    return get_object_or_404(
        Indicator.objects.select_related("output__area").prefetch_related("disaggregations"),
        code=code,
    )


# Public -------------------------------------------------------------------------------


@require_GET
def dashboard(request):
    return render(
        request,
        "results/dashboard.html",
        {
            "areas": dashboard_areas(),
            "countries": Country.objects.filter(is_commit_member=True),
        },
    )


@require_GET
def indicator_detail(request, code: str):
    indicator = _indicator(code)
    figures = approved_figures(indicators=[indicator])
    viewer = viewer_for_request(request)
    labels = indicator.breakdown_labels()
    return render(
        request,
        "results/indicator.html",
        {
            "indicator": indicator,
            "chart": indicator_chart(indicator, figures),
            # Each figure with its breakdown under the reader's-language labels, not the
            # stored keys ("sex:F"), which only the downloads keep.
            "rows": [
                (
                    figure,
                    [(labels.get(key, key), value) for key, value in figure.disaggregated.items()],
                )
                for figure in figures
            ],
            "policies": PolicyImprovement.objects.filter(indicators=indicator).select_related(
                "country"
            ),
            "agreements": CooperationAgreement.objects.filter(
                indicators=indicator
            ).prefetch_related("parties"),
            "linked": linked_items(viewer, indicator),
        },
    )


@require_GET
def country_detail(request, code: str):
    country = _commit_country(code)
    figures = approved_figures(country=country)
    return render(
        request,
        "results/country.html",
        {
            "country": country,
            "chart": country_chart(country, figures),
            "figures": figures,
            "policies": PolicyImprovement.objects.filter(country=country),
            "agreements": CooperationAgreement.objects.filter(parties=country).prefetch_related(
                "parties"
            ),
        },
    )


@require_GET
def download(request, fmt: str):
    """All approved figures, or one indicator's (?indicator=) or one country's (?country=)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    indicators, country, name = None, None, "spa-iv-results"
    if code := request.GET.get("indicator"):
        indicators = [_indicator(code)]
        name += f"-{indicators[0].code}"
    if code := request.GET.get("country"):
        country = _commit_country(code)
        name += f"-{country.code}"
    figures = approved_figures(indicators=indicators, country=country)
    if fmt == "csv":
        return figures_csv(figures, f"{name}.csv")
    if fmt == "json":
        return figures_json_response(figures, f"{name}.json")
    return figures_sdmx(figures, f"{name}.sdmx.csv")


# Reporting ----------------------------------------------------------------------------


def _signed_in_reporter_or_refusal(request):
    viewer = viewer_for_request(request)
    if not viewer.is_authenticated or viewer.needs_mfa:
        return viewer, refuse(request, viewer)
    return viewer, None


@require_http_methods(["GET", "POST"])
def reports(request):
    """A delegate's reports and the periods open to them; the secretariat's review queue."""
    viewer, refusal = _signed_in_reporter_or_refusal(request)
    if refusal:
        return refusal
    if not (viewer.is_secretariat or viewer.government_countries):
        return _forbidden(
            request,
            _("Progress reports are written by government delegates."),
            from_reports=True,
        )
    countries = Country.objects.filter(code__in=sorted(viewer.government_countries))
    periods = ReportingPeriod.objects.filter(is_open=True)
    start_error, chosen = "", {}
    if request.method == "POST":
        chosen = {
            "period": request.POST.get("period", ""),
            "country": request.POST.get("country", ""),
        }
        period = ReportingPeriod.objects.filter(pk=parse_database_id(chosen["period"])).first()
        code = chosen["country"].upper()
        country = None
        if len(code) == 2 and not has_control_characters(code):
            country = Country.objects.filter(code=code).first()
        if period is None or country is None:
            start_error = _("Choose a reporting period and a country.")
        else:
            try:
                actions.check_can_start(viewer, period, country)
            except actions.ActionRefused as refusal_message:
                start_error = str(refusal_message)
            else:
                return redirect("results:report_edit", period.pk, country.code)
    listed = filter_viewable_reports(
        viewer, CountryReport.objects.select_related("country", "period")
    )
    return render(
        request,
        "results/reports.html",
        {
            "reports": listed,
            "to_review": listed.filter(status=ReportStatus.SUBMITTED) if can_review(viewer) else [],
            "periods": periods,
            "countries": countries,
            "start_error": start_error,
            "chosen": chosen,
        },
        status=409 if start_error else 200,
    )


def _forbidden(
    request, message: str, status: int = 403, *, from_reports: bool = False
) -> HttpResponse:
    """The refusal, with ways on that lead somewhere the reader may go (not back to it)."""
    return render(
        request,
        "results/refused.html",
        {"message": message, "from_reports": from_reports},
        status=status,
    )


def _typed_from_post(post, indicators) -> tuple[dict, list[tuple[str, str]]]:
    typed = {}
    for indicator in indicators:
        entry = actions.TypedIndicator(
            value=post.get(f"value-{indicator.pk}", ""), note=post.get(f"note-{indicator.pk}", "")
        )
        for disaggregation in indicator.disaggregations.all():
            for category, _label in disaggregation.category_list():
                key = f"{disaggregation.code}:{category}"
                entry.disaggregated[key] = post.get(f"dis-{indicator.pk}-{key}", "")
        typed[indicator.pk] = entry
    links = [
        (post.get(f"link-url-{index}", ""), post.get(f"link-title-{index}", ""))
        for index in range(actions.MAX_LINKS)
    ]
    return typed, links


def _values_from_report(report, indicators) -> dict[str, str]:
    values = {}
    if report is None:
        return values
    for value in report.values.all():
        pk = value.indicator_id
        values[f"value-{pk}"] = "" if value.value is None else f"{value.value.normalize():f}"
        values[f"note-{pk}"] = value.note
        for key, number in value.disaggregated.items():
            values[f"dis-{pk}-{key}"] = number
    for index, link in enumerate(report.links.all()):
        values[f"link-url-{index}"] = link.url
        values[f"link-title-{index}"] = link.title
    values["narrative"] = report.narrative
    return values


def _form_areas(indicators, values: dict, errors: dict):
    """Areas → indicators with what was typed (or saved) and the message beside each field."""
    areas: dict[int, tuple] = {}
    for indicator in indicators:
        area = indicator.output.area
        rows = areas.setdefault(area.pk, (area, []))[1]
        breakdown = [
            (
                disaggregation.localized_title,
                [
                    (
                        f"dis-{indicator.pk}-{disaggregation.code}:{category}",
                        label,
                        values.get(f"dis-{indicator.pk}-{disaggregation.code}:{category}", ""),
                        errors.get(f"dis-{indicator.pk}-{disaggregation.code}:{category}", ""),
                    )
                    for category, label in disaggregation.localized_categories()
                ],
            )
            for disaggregation in indicator.disaggregations.all()
        ]
        rows.append(
            {
                "indicator": indicator,
                "value": values.get(f"value-{indicator.pk}", ""),
                "note": values.get(f"note-{indicator.pk}", ""),
                "error": errors.get(f"value-{indicator.pk}", ""),
                "stages": list(enumerate(indicator.stages())),
                "breakdown": breakdown,
            }
        )
    return list(areas.values())


def _render_report_form(
    request, period, country, report, *, values, errors=None, message="", status=200
):
    viewer = viewer_for_request(request)
    errors = errors or {}
    indicators = list(actions.reportable_indicators())
    link_count = max(3, sum(1 for key in values if key.startswith("link-url-") and values[key]) + 1)
    links = [
        (
            index,
            values.get(f"link-url-{index}", ""),
            values.get(f"link-title-{index}", ""),
            errors.get(f"link-{index}", ""),
        )
        for index in range(min(link_count, actions.MAX_LINKS))
    ]
    editable = report is None or can_edit_report(viewer, report)
    return render(
        request,
        "results/report_edit.html",
        {
            "period": period,
            "country": country,
            "report": report,
            "areas": _form_areas(indicators, values, errors),
            "narrative": values.get("narrative", ""),
            "links": links,
            "errors": errors,
            "error_list": list(errors.values()),
            "message": message,
            "editable": editable and (report is not None or period.is_open),
            "can_start_correction": report is not None and can_start_correction(viewer, report),
            "files": list(report.files.all()) if report else [],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report_edit(request, period_pk: int, country_code: str):
    viewer, refusal = _signed_in_reporter_or_refusal(request)
    if refusal:
        return refusal
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    country = _commit_country(country_code)
    report = (
        CountryReport.objects.select_related("country", "period")
        .prefetch_related("values", "links", "files")
        .filter(period=period, country=country)
        .first()
    )
    if report is not None and can_view_report(viewer, report) and request.method == "GET":
        return _render_report_form(
            request, period, country, report, values=_values_from_report(report, None)
        )
    if not can_report_for(viewer, country.code):
        # The countries and periods are public; a draft's content is not, and is not shown.
        return _forbidden(
            request,
            _("You may report only for your own country. You cannot report for %(country)s.")
            % {"country": country.name},
        )
    if request.method == "GET":
        if not period.is_open:
            return _forbidden(
                request,
                _("The reporting period %(period)s is closed; reports are no longer accepted.")
                % {"period": period.label},
                status=409,
            )
        return _render_report_form(request, period, country, None, values={})
    return _save_report(request, viewer, period, country, report)


def _save_report(request, viewer, period, country, report):
    indicators = list(actions.reportable_indicators())
    typed, links = _typed_from_post(request.POST, indicators)
    values = {
        key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"
    }
    step = request.POST.get("step", "save")
    try:
        report = actions.do_save_report(
            viewer,
            period=period,
            country=country,
            typed=typed,
            narrative=request.POST.get("narrative", ""),
            links=links,
        )
        if step == "attach":
            upload = request.FILES.get("evidence")
            if upload is None:
                raise actions.ReportInvalid({"evidence": _("Choose a PDF file to attach.")})
            actions.do_attach_evidence(viewer, report, upload)
            messages.success(request, _("The text is saved and the file attached."))
        elif step == "submit":
            actions.do_submit_report(viewer, report)
            messages.success(
                request,
                _(
                    "The report is submitted. The secretariat reviews it before any figure "
                    "is public."
                ),
            )
        else:
            messages.success(request, _("The draft is saved."))
    except actions.ReportInvalid as invalid:
        report = CountryReport.objects.filter(period=period, country=country).first()
        return _render_report_form(
            request, period, country, report, values=values, errors=invalid.errors, status=400
        )
    except actions.ActionRefused as refused:
        report = CountryReport.objects.filter(period=period, country=country).first()
        return _render_report_form(
            request, period, country, report, values=values, message=str(refused), status=409
        )
    return redirect("results:report_edit", period.pk, country.code)


def _viewable_report(request, pk: int):
    viewer = viewer_for_request(request)
    report = get_object_or_404(CountryReport.objects.select_related("country", "period"), pk=pk)
    if not can_view_report(viewer, report):
        return viewer, None, refuse(request, viewer)
    return viewer, report, None


@require_POST
def report_correct(request, pk: int):
    viewer, report, refusal = _viewable_report(request, pk)
    if refusal:
        return refusal
    try:
        actions.do_start_correction(viewer, report, reason=request.POST.get("reason", ""))
    except (actions.ActionRefused, actions.ReportInvalid) as error:
        messages.error(request, str(error))
        return _render_report_form(
            request,
            report.period,
            report.country,
            report,
            values=_values_from_report(report, None),
            message=str(error),
            status=400,
        )
    messages.success(
        request,
        _(
            "The report is a draft again. The approved figures stay public until the "
            "correction is approved."
        ),
    )
    return redirect("results:report_edit", report.period_id, report.country.code)


@require_http_methods(["GET", "POST"])
def report_review(request, pk: int):
    viewer, report, refusal = _viewable_report(request, pk)
    if refusal:
        return refusal
    if not can_review(viewer):
        raise Http404
    error, status = "", 200
    comments = ""
    if request.method == "POST":
        comments = request.POST.get("comments", "")
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                actions.do_approve_report(viewer, report, comments=comments)
                messages.success(request, _("The report is approved; its figures are public."))
            elif decision == "return":
                actions.do_return_report(viewer, report, comments=comments)
                messages.success(
                    request, _("The report is returned to its country with your comments.")
                )
            else:
                raise actions.ReportInvalid({"decision": _("Choose approve or return.")})
            return redirect("results:report_review", report.pk)
        except (actions.ActionRefused, actions.ReportInvalid) as refused:
            error, status = str(refused), 400
    return render(
        request,
        "results/report_review.html",
        {
            "report": report,
            "values": report.values.select_related("indicator").order_by("indicator__code"),
            "versions": report.versions.select_related("by"),
            "error": error,
            "comments": comments,
            "can_decide": report.status == ReportStatus.SUBMITTED,
        },
        status=status,
    )


@require_GET
def report_history(request, pk: int):
    _viewer, report, refusal = _viewable_report(request, pk)
    if refusal:
        return refusal
    return render(
        request,
        "results/report_history.html",
        {"report": report, "versions": report.versions.select_related("by")},
    )


@require_GET
def evidence_file(request, pk: int, file_pk: int):
    _viewer, report, refusal = _viewable_report(request, pk)
    if refusal:
        return refusal
    evidence = get_object_or_404(EvidenceFile, pk=file_pk, report=report)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type="application/pdf",
    )


@require_POST
def evidence_remove(request, pk: int, file_pk: int):
    viewer, report, refusal = _viewable_report(request, pk)
    if refusal:
        return refusal
    evidence = get_object_or_404(EvidenceFile, pk=file_pk, report=report)
    try:
        actions.do_remove_evidence(viewer, evidence)
    except actions.ActionRefused as refused:
        return _forbidden(request, str(refused), status=409)
    return redirect(reverse("results:report_edit", args=[report.period_id, report.country.code]))
