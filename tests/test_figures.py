"""The figure extractor over real sentences from corpus/ (and their awkward cousins)."""

import pytest

from search.figures import extract_figures


def one(text: str) -> list[tuple[float, str, str | None, str]]:
    return [(f.value, f.unit, f.period, f.kind) for f in extract_figures(text)]


def test_a_from_to_sentence_keeps_each_figure_with_its_period_and_kind() -> None:
    text = (
        "reducing the longest wait from 242 weeks (January 2022) to an estimated 118 weeks "
        "(December 2022), against a milestone target of 167 weeks."
    )
    assert one(text) == [
        (242.0, "weeks", "2022-01", "actual"),
        (118.0, "weeks", "2022-12", "forecast"),
        (167.0, "weeks", None, "target"),
    ]


def test_a_trajectory_row_dates_each_figure_by_its_label() -> None:
    figures = extract_figures("Sept 2022: 177 weeks  June 2023: 125 weeks  March 2024: 13 weeks")
    assert [(f.value, f.period, f.labelled) for f in figures] == [
        (177.0, "2022-09", True),
        (125.0, "2023-06", True),
        (13.0, "2024-03", True),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("funded by £12m one-off investment", 12_000_000.0),
        ("£3.993m from the Department for Education", 3_993_000.0),
        ("£2.56m recurring", 2_560_000.0),
        ("a residential home costs £3200 per week", 3_200.0),
        ("in the region of £55,500 to £128,000", 55_500.0),
        ("an underspend of -£1.2m", -1_200_000.0),
        ("a budget of £1.1bn", 1_100_000_000.0),
        ("£350k", 350_000.0),
    ],
)
def test_money_is_read_as_pounds_with_its_multiplier(text: str, value: float) -> None:
    assert one(text)[0][:2] == (value, "GBP")


def test_per_cents_written_out_and_signs_are_percentages() -> None:
    assert one("remains below England (4.7%) and 12.5 per cent of pupils") == [
        (4.7, "%", None, "actual"),
        (12.5, "%", None, "actual"),
    ]


def test_fiscal_years_date_the_figures_that_precede_them() -> None:
    assert one("Special Guardianship Orders (SGOs) from 31 in 2019/20 to 46 in 2021/22") == [
        (31.0, "SGOs", "2019/20", "actual"),
        (46.0, "SGOs", "2021/22", "actual"),
    ]
    assert one("DSG year-end position was an overspend of £7.2m in 2019/20")[0][2] == "2019/20"


def test_counts_take_their_noun_and_years_are_not_counts() -> None:
    assert one(
        "During 2022, Early Help worked with 5375 children compared to 3,539 children "
        "during the 2020 calendar year."
    ) == [
        (5375.0, "children", "2022", "actual"),
        (3539.0, "children", "2020", "actual"),
    ]
    assert one("54 children in 46 families")[:2] == [
        (54.0, "children", None, "actual"),
        (46.0, "families", None, "actual"),
    ]
    assert one("The Children Act 2004 applies") == []


def test_durations_and_ranges_are_read() -> None:
    assert one("often taking four to five years, or 6 months") == [(6.0, "months", None, "actual")]
    assert one("no one is waiting for a service longer than 4 weeks")[0][:2] == (4.0, "weeks")


def test_targets_are_told_by_the_words_before_or_after_them() -> None:
    assert one("reduced from 242 weeks to 13 weeks or lower")[1][3] == "target"
    assert one("the ambition is 95% of plans within 20 weeks")[0][3] == "target"
    assert one("it is projected to reach £4.1m by March 2024")[0][2:] == ("2024-03", "forecast")
