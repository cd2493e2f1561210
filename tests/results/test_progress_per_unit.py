"""Progress towards target and the regional figure, for each unit an indicator can have."""

from decimal import Decimal

import pytest

from results.figures import combine, progress, regional_progress
from results.models import Indicator


def indicator(unit, baseline, target, stages=""):
    return Indicator(
        code="x", unit=unit, baseline=Decimal(baseline), target=Decimal(target),
        milestone_stages=stages, target_year=2027,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (100, 300, 100, "0"),
        (100, 300, 200, "50"),
        (100, 300, 250, "75"),
        (100, 300, 400, "100"),  # beyond the target counts as reached
        (100, 300, 50, "0"),  # behind the baseline is no progress, never negative
        (200, 50, 125, "50"),  # a falling target (fewer cases) counts the fall
        (0, 3, 1, "33.3"),
    ],
)
def test_count_moves_from_baseline_to_target(baseline, target, value, expected):
    assert progress(indicator("count", baseline, target), Decimal(value)) == Decimal(expected)


def test_percentage_is_measured_in_points_from_baseline():
    share = indicator("percentage", 50, 80)
    assert progress(share, Decimal("65")) == Decimal("50")
    assert progress(share, Decimal("80")) == Decimal("100")


def test_yes_is_the_whole_way_and_no_is_none_of_it():
    plan = indicator("yes_no", 0, 1)
    assert progress(plan, Decimal(1)) == Decimal(100)
    assert progress(plan, Decimal(0)) == Decimal(0)


def test_milestone_counts_stages_from_the_baseline_stage():
    law = indicator("milestone", 1, 3, "Not started\nDrafted\nAdopted\nIn force")
    assert progress(law, Decimal(1)) == Decimal(0)
    assert progress(law, Decimal(2)) == Decimal(50)
    assert progress(law, Decimal(3)) == Decimal(100)


def test_no_value_has_no_progress():
    assert progress(indicator("count", 0, 10), None) is None


def test_regional_figures_combine_by_unit():
    values = [Decimal(1), Decimal(0), Decimal(1)]
    assert combine(indicator("count", 0, 10), [Decimal(5), Decimal(7)]) == Decimal(12)
    assert combine(indicator("percentage", 0, 100), [Decimal(50), Decimal(61)]) == Decimal("55.5")
    assert combine(indicator("yes_no", 0, 1), values) == Decimal(2)  # countries saying yes
    assert combine(indicator("milestone", 0, 3, "a\nb\nc\nd"), [Decimal(3), Decimal(1)]) == 1
    assert combine(indicator("count", 0, 10), []) is None


@pytest.mark.parametrize(
    ("unit", "value", "refused"),
    [
        ("count", "12", False),
        ("count", "12.5", True),
        ("percentage", "100", False),
        ("percentage", "100.5", True),
        ("yes_no", "1", False),
        ("yes_no", "2", True),
        ("milestone", "3", False),
        ("milestone", "4", True),
    ],
)
def test_values_outside_the_unit_are_refused(unit, value, refused):
    checked = indicator(unit, 0, 1, "a\nb\nc\nd")
    assert (checked.value_problem(Decimal(value)) is not None) is refused


def test_a_regional_sum_is_measured_against_the_countries_targets_added_up():
    referrals = indicator("count", 100, 300)
    # Two countries: baselines 200, targets 600 together; 400 is half way.
    assert regional_progress(referrals, Decimal(400), 2) == Decimal(50)
    assert regional_progress(indicator("percentage", 50, 80), Decimal(65), 3) == Decimal(50)
    assert regional_progress(indicator("yes_no", 0, 1), Decimal(2), 3) is None
