"""Results framework models: the framework, country reports, registers, the menu page."""

from results.models.framework import (
    Area,
    Disaggregation,
    Frequency,
    Indicator,
    MilestoneStage,
    Output,
    ReportingPeriod,
    Scope,
    Unit,
)
from results.models.pages import ResultsIndexPage
from results.models.registers import CooperationAgreement, IndicatorLink, PolicyImprovement
from results.models.reports import (
    ApprovedValue,
    CountryReport,
    EvidenceFile,
    EvidenceLink,
    ReportStatus,
    ReportValue,
    ReportVersion,
)

__all__ = [
    "ApprovedValue",
    "Area",
    "CooperationAgreement",
    "CountryReport",
    "Disaggregation",
    "EvidenceFile",
    "EvidenceLink",
    "Frequency",
    "Indicator",
    "IndicatorLink",
    "MilestoneStage",
    "Output",
    "PolicyImprovement",
    "ReportStatus",
    "ReportValue",
    "ReportVersion",
    "ReportingPeriod",
    "ResultsIndexPage",
    "Scope",
    "Unit",
]
