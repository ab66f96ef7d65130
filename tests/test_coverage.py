"""The coverage report: what a curator reads to know a chapter is done."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from plankg.cli import app
from plankg.data import DATA_DIR
from plankg.graph.build import read_plans
from plankg.graph.coverage import plan_coverage
from tests.test_bad_input import write_curated


def test_chapter_two_is_fully_cited_with_no_unquoted_number() -> None:
    (plan,) = read_plans(DATA_DIR)
    report = plan_coverage(plan, {"c02"})
    (part,) = report.parts
    assert (part.part, part.paragraphs, part.cited) == ("c02", 21, 21)
    assert report.uncovered == []


def test_a_number_no_quote_covers_is_listed_until_explained(sources_only: Path) -> None:
    (plan,) = read_plans(sources_only)
    listed = [n for n in plan_coverage(plan, {"c08"}).uncovered if n.paragraph == "c08-s03-p04"]
    assert [n.number for n in listed] == ["12345"]
    assert "12345“接诉即办”平台" in listed[0].context
    write_curated(
        sources_only,
        """\
not_facts:
  - paragraph: c08-s03-p04
    text: 12345“接诉即办”平台
    reason: the number of the citizens' hotline, a name, not a fact
""",
    )
    (plan,) = read_plans(sources_only)
    assert not [n for n in plan_coverage(plan, {"c08"}).uncovered if n.paragraph == "c08-s03-p04"]


def test_every_name_the_plan_marks_out_is_a_node_or_explained() -> None:
    """A name in “…” or 《…》 is a node's label or alias, or `not_facts` says why it names no node."""
    (plan,) = read_plans(DATA_DIR)
    assert [(n.paragraph, n.name) for part in plan_coverage(plan).parts for n in part.unnamed] == []


def _unnamed_in(data: Path, chapter: str, records: str) -> set[tuple[str, str]]:
    """The marked names and numbered lists of the chapter no node bears, with these records alone."""
    write_curated(data, records)
    (plan,) = read_plans(data)
    (part,) = plan_coverage(plan, {chapter}).parts
    return {(n.paragraph, n.name) for n in part.unnamed}


def test_a_marked_name_no_node_bears_is_listed_until_it_is_one(sources_only: Path) -> None:
    """c08-s05-p01: 全面推进政务服务“三集中三到位”: a name that sits only in a measure's label."""
    record = """\
{kind}:
  - id: three-in-place
    label: {{zh: "{label}", en: "Three concentrations and three in place"}}
    evidence: {{paragraph: c08-s05-p01, quote: "全面推进政务服务“三集中三到位”"}}
"""
    name = ("c08-s05-p01", "“三集中三到位”")
    in_a_measure = record.format(kind="measures", label="全面推进政务服务“三集中三到位”")
    assert name in _unnamed_in(sources_only, "c08", in_a_measure)
    assert name not in _unnamed_in(sources_only, "c08", record.format(kind="concepts", label="三集中三到位"))


def test_a_numbered_list_is_listed_until_a_node_is_named_by_it(sources_only: Path) -> None:
    """c10-s01-p01: 改造提升中山路电子产品商圈 … 等七大特色商圈; and 十九大 (c02-s01-p01) is no list."""
    assert ("c10-s01-p01", "七大特色商圈…") in _unnamed_in(sources_only, "c10", "concepts: []\n")
    assert not [name for _, name in _unnamed_in(sources_only, "c02", "concepts: []\n") if name.startswith("九大")]
    record = """\
concepts:
  - id: seven-districts
    label: {zh: "七大特色商圈", en: "Seven featured commercial districts"}
    evidence: {paragraph: c10-s01-p01, quote: "七大特色商圈"}
"""
    assert ("c10-s01-p01", "七大特色商圈…") not in _unnamed_in(sources_only, "c10", record)


def test_coverage_from_the_command_line(data_copy: Path) -> None:
    result = CliRunner().invoke(
        app, ["stats", "--coverage", "--part", "c02", "--format", "json", "--data", str(data_copy)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["xincheng-14th"]
    assert report["parts"][0]["share"] == 1.0
    assert report["parts"][0]["unnamed"] == []
