"""
Demo results framework: four SPA IV areas with realistic indicators, three reporting
periods and reports from the six countries. The figures are invented (and labelled so);
2023 and 2024 are approved and closed, 2025 is open: some approved, one submitted, one
returned, one draft, and none yet from Thailand, so the Thai demo delegate can report.
Idempotent: a framework already there is kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import Locale, Site

from portal.models import Country, Role, StakeholderGroup, User
from portal.permissions import Viewer
from results import actions
from results.models import (
    Area,
    CooperationAgreement,
    CountryReport,
    Disaggregation,
    Indicator,
    Output,
    PolicyImprovement,
    ReportingPeriod,
    ResultsIndexPage,
)

DEMO_NOTE = "Demo data: the figures are invented for illustration."

DISAGGREGATIONS = [
    ("sex", "Sex", "F: Female\nM: Male"),
    ("age", "Age group", "child: Under 18\nadult: 18 and over"),
]

STAGES = "Not started\nDrafted\nUnder review\nAdopted\nIn force"

# area code, title, [(output code, title, [(indicator code, title, unit, baseline, target,
#   scope, disaggregations, definition)])]
FRAMEWORK = [
    ("policy", "Policy and cooperation", [
        ("1.1", "Anti-trafficking laws and policies meet international standards", [
            ("1.1.a", "Comprehensive anti-trafficking law in force", "milestone", 1, 4,
             "both", [], "Stage reached by a national law that criminalises all forms of "
             "trafficking of women, men and children, in line with the UN Trafficking Protocol."),
            ("1.1.b", "National plan of action adopted and funded", "yes_no", 0, 1, "both", [],
             "A national plan of action against trafficking is adopted and has a budget line."),
        ]),
        ("1.2", "Cross-border cooperation is formalised", [
            ("1.2.a", "Bilateral agreements and MoUs on trafficking in force (cumulative)",
             "count", 2, 6, "both", [],
             "Agreements with other countries, inside or outside COMMIT, covering "
             "identification, return or prosecution."),
        ]),
    ]),
    ("protection", "Victim protection", [
        ("2.1", "Victims are identified, referred and supported", [
            ("2.1.a", "Victims referred through national and transnational referral mechanisms",
             "count", 400, 900, "both", ["sex", "age"],
             "Number of people referred in the period (aggregate; no case data)."),
            ("2.1.b", "Share of referred victims receiving shelter or community-based support",
             "percentage", 55, 80, "both", [], "Percentage of referred victims supported."),
        ]),
    ]),
    ("justice", "Criminal justice", [
        ("3.1", "Traffickers are investigated and prosecuted", [
            ("3.1.a", "Trafficking cases prosecuted", "count", 60, 120, "both", [],
             "Cases brought to court in the period."),
            ("3.1.b", "Joint cross-border investigations", "count", 2, 8, "both", [],
             "Investigations carried out with another country's authorities."),
        ]),
    ]),
    ("prevention", "Prevention", [
        ("4.1", "Migrants and young people know how to migrate safely", [
            ("4.1.a", "People reached by safe-migration information", "count", 20000, 50000,
             "both", ["sex"], "People reached in person or by hotline in the period."),
            ("4.1.b", "Youth-led prevention campaigns run", "count", 1, 6, "both", [],
             "Campaigns designed and led with the COMMIT Youth Forum."),
        ]),
    ]),
]  # fmt: skip

COUNTRY_CODES = ["KH", "CN", "LA", "MM", "TH", "VN"]
# 2025: what state each country's report is left in (None: not started).
STATE_2025 = {
    "KH": "approved",
    "CN": "submitted",
    "LA": "approved",
    "MM": "draft",
    "TH": None,
    "VN": "returned",
}


def seed(command) -> None:
    grant_secretariat_editing(StakeholderGroup.objects.filter(role=Role.SECRETARIAT).first())
    _menu_page()
    if Area.objects.exists():
        command.stdout.write("  results framework kept")
        return
    disaggregations = {
        code: Disaggregation.objects.create(code=code, title=title, categories=categories)
        for code, title, categories in DISAGGREGATIONS
    }
    indicators = []
    for area_order, (area_code, area_title, outputs) in enumerate(FRAMEWORK):
        area = Area.objects.create(
            code=area_code, title=area_title, description=DEMO_NOTE, sort_order=area_order
        )
        for output_order, (output_code, output_title, specs) in enumerate(outputs):
            output = Output.objects.create(
                area=area, code=output_code, title=output_title, sort_order=output_order
            )
            for order, (code, title, unit, baseline, target, scope, dis, definition) in enumerate(
                specs
            ):
                indicator = Indicator.objects.create(
                    output=output,
                    code=code,
                    title=title,
                    definition=definition,
                    unit=unit,
                    milestone_stages=STAGES if unit == "milestone" else "",
                    baseline=baseline,
                    baseline_year=2022,
                    target=target,
                    target_year=2027,
                    scope=scope,
                    sort_order=order,
                )
                indicator.disaggregations.set([disaggregations[name] for name in dis])
                indicators.append(indicator)
    _registers(indicators)
    _reports(indicators)
    command.stdout.write(
        f"  results framework: {len(FRAMEWORK)} areas, {len(indicators)} indicators, "
        f"{CountryReport.objects.count()} demo reports"
    )


def grant_secretariat_editing(group: StakeholderGroup | None) -> None:
    if group is None:
        return
    for permission in Permission.objects.filter(content_type__app_label="results"):
        group.auth_group.permissions.add(permission)


def _menu_page() -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = site.root_page
    page = ResultsIndexPage.objects.filter(locale=home.locale).first()
    if page is None:
        page = home.add_child(
            instance=ResultsIndexPage(title="Results", slug="results", show_in_menus=True)
        )
        page.save_revision().publish()
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if not page.has_translation(locale) and home.has_translation(locale):
            page.copy_for_translation(locale, alias=True)


def _value(indicator: Indicator, country_index: int, year_index: int) -> Decimal:
    """An invented figure that moves towards the target over the years, per country."""
    baseline, target = indicator.baseline, indicator.target
    if indicator.unit == "yes_no":
        return Decimal(1 if (country_index + year_index) % 3 != 0 else 0)
    if indicator.unit == "milestone":
        return Decimal(min(4, 1 + (country_index + year_index) % 3 + year_index // 2))
    share = Decimal(15 + 20 * year_index + 7 * country_index) / 100
    value = baseline + (target - baseline) * share
    if indicator.unit == "percentage":
        return value.quantize(Decimal("0.1"))
    return value.quantize(Decimal(1))


def _typed(indicators, country_index, year_index):
    typed = {}
    for indicator in indicators:
        value = _value(indicator, country_index, year_index)
        entry = actions.TypedIndicator(value=f"{value.normalize():f}", note=DEMO_NOTE)
        for disaggregation in indicator.disaggregations.all():
            categories = disaggregation.category_list()
            first_share = Decimal("0.6") if disaggregation.code == "sex" else Decimal("0.3")
            first = (value * first_share).quantize(Decimal(1))
            entry.disaggregated[f"{disaggregation.code}:{categories[0][0]}"] = f"{first:f}"
            entry.disaggregated[f"{disaggregation.code}:{categories[1][0]}"] = f"{value - first:f}"
        typed[indicator.pk] = entry
    return typed


def _reports(indicators) -> None:
    today = timezone.localdate()
    periods = []
    for year in (2023, 2024, 2025):
        periods.append(
            ReportingPeriod.objects.create(
                label=str(year),
                starts_on=date(year, 1, 1),
                ends_on=date(year, 12, 31),
                deadline=today + timedelta(days=21) if year == 2025 else date(year + 1, 3, 31),
                is_open=True,
            )
        )
    secretariat = Viewer(
        user=User.objects.filter(email="secretariat@example.org").first(),
        roles=frozenset({Role.SECRETARIAT}),
    )
    thai_delegate = User.objects.filter(email="gov.th@example.org").first()
    for year_index, period in enumerate(periods):
        for country_index, code in enumerate(COUNTRY_CODES):
            state = "approved" if year_index < 2 else STATE_2025[code]
            if state is None:
                continue
            country = Country.objects.get(code=code)
            delegate = Viewer(
                user=thai_delegate if code == "TH" else None,
                roles=frozenset({Role.GOVERNMENT}),
                government_countries=frozenset({code}),
            )
            report = actions.do_save_report(
                delegate,
                period=period,
                country=country,
                typed=_typed(indicators, country_index, year_index),
                narrative=f"{DEMO_NOTE} {country.name} reports its {period.label} progress.",
                links=[("https://example.org/demo-evidence", "Demo evidence")],
            )
            if state == "draft":
                continue
            actions.do_submit_report(delegate, report)
            if state == "approved":
                actions.do_approve_report(secretariat, report)
            elif state == "returned":
                actions.do_return_report(
                    secretariat,
                    report,
                    comments="Please give the breakdown by sex for indicator 2.1.a and a "
                    "source for 3.1.a.",
                )
    for period in periods[:2]:
        period.is_open = False
        period.save()


def _registers(indicators) -> None:
    by_code = {indicator.code: indicator for indicator in indicators}
    countries = {country.code: country for country in Country.objects.all()}
    for code, instrument, stage, when, indicator_codes in [
        ("LA", "Law on Anti-Trafficking in Persons", "in_force", date(2016, 3, 1), ["1.1.a"]),
        ("VN", "Penal Code amendment covering the trafficking of men", "in_force",
         date(2018, 1, 1), ["1.1.a"]),
        ("TH", "Anti-Trafficking in Persons Act amendment (forced labour)", "adopted",
         date(2024, 6, 1), ["1.1.a", "3.1.a"]),
        ("KH", "National Plan of Action 2024–2028", "adopted", date(2024, 2, 1), ["1.1.b"]),
    ]:  # fmt: skip
        if code not in countries:
            continue
        item = PolicyImprovement.objects.create(
            country=countries[code],
            instrument=instrument,
            stage=stage,
            date=when,
            description=DEMO_NOTE,
        )
        item.indicators.set([by_code[c] for c in indicator_codes])
    for title, parties, kind, status, when in [
        ("Viet Nam–Malaysia MoU on preventing and combating trafficking in persons",
         ["VN", "MY"], "mou", "in_force", date(2015, 11, 1)),
        ("Cambodia–Thailand MoU on cooperation against trafficking", ["KH", "TH"], "mou",
         "in_force", date(2014, 12, 1)),
        ("Lao PDR–Thailand standard operating procedures for the return of victims",
         ["LA", "TH"], "sop", "signed", date(2024, 9, 1)),
    ]:  # fmt: skip
        if not all(code in countries for code in parties):
            continue
        agreement = CooperationAgreement.objects.create(
            title=title, type=kind, status=status, date=when
        )
        agreement.parties.set([countries[code] for code in parties])
        agreement.indicators.set([by_code["1.2.a"], by_code["3.1.b"]])
