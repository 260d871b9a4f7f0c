"""`scrutineer trend`: series of figures across meetings, cited."""

import json
from pathlib import Path

import pytest

from tests.conftest import FAST
from tests.conftest import run_cli as run


def test_trend_json_has_series_points_and_mentions(hashed_index: Path) -> None:
    result = run(
        "trend", "special guardianship orders", "--index", str(hashed_index), "--json", *FAST
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["query"] == "special guardianship orders"
    assert out["series"], "the corpus quotes SGO numbers"
    for series in out["series"]:
        assert set(series) == {"metric", "unit", "definition_varies", "points"}
        for point in series["points"]:
            assert set(point) == {
                "value",
                "period",
                "period_from",
                "kind",
                "printed",
                "sentence",
                "citation",
            }
            assert isinstance(point["value"], float)
            assert point["kind"] in {"actual", "target", "forecast"}
            assert point["citation"]["meeting_date"]
    sgos = [s for s in out["series"] if s["unit"] == "SGOs"]
    assert [(p["value"], p["period"]) for p in sgos[0]["points"]] == [
        (31.0, "2019/20"),
        (46.0, "2021/22"),
    ]
    days = [m["meeting_date"] for m in out["mentions"]]
    assert days == sorted(days) and all(m["count"] > 0 for m in out["mentions"])


def test_trend_respects_filters(hashed_index: Path) -> None:
    out = json.loads(
        run(
            "trend",
            "budget",
            "--council",
            "worcestershire",
            "--index",
            str(hashed_index),
            "--json",
            *FAST,
        ).stdout
    )
    councils = {p["citation"]["council"] for s in out["series"] for p in s["points"]}
    assert councils == {"Worcestershire County Council"}


def test_trend_text_output_and_errors(hashed_index: Path, tmp_path: Path) -> None:
    result = run("trend", "special guardianship orders", "--index", str(hashed_index), *FAST)
    assert result.exit_code == 0 and "Mentions by meeting:" in result.stdout
    assert run("trend", "x", "--index", str(tmp_path / "none"), *FAST).exit_code == 1
    assert run("trend").exit_code == 2


@pytest.mark.slow
def test_autism_waiting_times_trace_the_longest_wait_with_targets_apart(
    minilm_index: Path,
) -> None:
    out = json.loads(
        run("trend", "autism waiting times trend", "--index", str(minilm_index), "--json").stdout
    )
    weeks = next(s for s in out["series"] if s["unit"] == "weeks")
    points = {(p["value"], p["kind"]): p for p in weeks["points"]}
    actual = [p for p in weeks["points"] if p["value"] in (242.0, 195.0, 118.0)]
    assert [(p["value"], p["period"]) for p in actual] == [
        (242.0, "2022-01"),
        (195.0, "2022-11"),
        (118.0, "2022-12"),
    ]
    assert points[(242.0, "actual")]["citation"]["source"].endswith("003_8163ac5a86755a9e.txt")
    assert points[(195.0, "actual")]["citation"]["doc_type"] == "minutes"
    assert points[(195.0, "actual")]["citation"]["meeting_date"] == "2022-11-08"
    assert points[(118.0, "forecast")]["sentence"].count("estimated") == 1
    for value in (177.0, 125.0, 13.0):
        assert (value, "target") in points and (value, "actual") not in points
