"""Bad input: one clear message naming file and line, non-zero exit, previous out/ untouched."""

from __future__ import annotations

import pickle
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from typer.testing import CliRunner

from plankg.cli import app
from plankg.errors import PlankgError, PlankgErrors
from plankg.graph.build import read_plans
from plankg.graph.namespaces import ID_BASE, PLANKG
from plankg.graph.outputs import build_outputs
from plankg.graph.reason import InconsistentGraph, reason
from plankg.graph.rules import materialise
from plankg.graph.shacl import load_turtle
from plankg.ontology import ONTOLOGY_FILE
from tests.conftest import PLAN, snapshot

# Real quotes from the plan, so that only the deliberate fault is wrong.
GOOD = """\
goals:
  - id: zz-objective
    type: goal
    label: {zh: 中心城区绿地, en: Green space of the central city}
    evidence: {paragraph: c08-s01-p01, quote: "不断推进绿化建设,增加城区绿地总量,打造生态园林城区"}
indicators:
  - id: zz-green-ratio
    label: {zh: 中心城区绿地率, en: Green-space ratio of the central city}
    unit: {zh: "%", en: "%"}
    evidence: {paragraph: c08-s01-p01, quote: "中心城区绿地率达到38.5%"}
    measures: [zz-objective]
targets:
  - id: zz-green-ratio-2025
    label: {zh: 2025年中心城区绿地率, en: Green-space ratio of the central city in 2025}
    indicator: zz-green-ratio
    value: 38.5
    year: 2025
    comparator: reach
    evidence: {paragraph: c08-s01-p01, quote: "到2025年,中心城区绿地率达到38.5%"}
"""


def write_curated(data: Path, text: str, name: str = "zz-test.yaml") -> Path:
    path = data / "curated" / PLAN / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problem(data: Path) -> str:
    with pytest.raises(PlankgError) as caught:
        read_plans(data)
    return str(caught.value)


def test_good_sample_loads(sources_only: Path) -> None:
    write_curated(sources_only, GOOD)
    (plan,) = read_plans(sources_only)
    target = plan.curated.nodes["zz-green-ratio-2025"]
    assert str(target.values.value) == "38.5"
    assert plan.text.text[target.evidence[0].start : target.evidence[0].end] == "到2025年,中心城区绿地率达到38.5%"


def test_malformed_yaml(sources_only: Path) -> None:
    write_curated(sources_only, "goals:\n  - id: a\n    label: {zh: 甲, en: [\n")
    message = problem(sources_only)
    assert "zz-test.yaml:4: malformed YAML" in message or "zz-test.yaml:3: malformed YAML" in message


def test_wrong_type(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("value: 38.5", "value: lots"))
    assert "zz-test.yaml:16: targets.0.value:" in problem(sources_only)


def test_unknown_field(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("    comparator: reach", "    comparator: reach\n    colour: green"))
    assert "zz-test.yaml:19: targets.0.colour: Extra inputs are not permitted" in problem(sources_only)


def test_unknown_id(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("measures: [zz-objective]", "measures: [zz-nowhere]"))
    assert "zz-test.yaml:11: measures: unknown id 'zz-nowhere'" in problem(sources_only)


def test_link_to_wrong_kind(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("indicator: zz-green-ratio", "indicator: zz-objective"))
    assert "zz-test.yaml:15: indicator: 'zz-objective' is one of the goals, expected indicators" in problem(
        sources_only
    )


def test_duplicate_id(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("id: zz-green-ratio-2025", "id: zz-objective"))
    message = problem(sources_only)
    assert "zz-test.yaml:13: duplicate id 'zz-objective', first defined at" in message
    assert "zz-test.yaml:2" in message


def test_quote_not_in_paragraph(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace('quote: "中心城区绿地率达到38.5%', 'quote: "中心城区绿地率达到40%'))
    (message,) = problem(sources_only).splitlines()
    assert "zz-test.yaml:10: quote not found in paragraph c08-s01-p01: '中心城区绿地率达到40%'" in message
    nearest = message.split("nearest text there: ")[1]
    assert "中心城区绿地率达到3" in nearest, "the reader is shown what the plan really says"


def test_quote_in_another_paragraph_is_pointed_out(sources_only: Path) -> None:
    write_curated(
        sources_only,
        GOOD.replace('{paragraph: c08-s01-p01, quote: "不断推进', '{paragraph: c08-s01-p02, quote: "不断推进'),
    )
    message = problem(sources_only)
    assert "zz-test.yaml:5: quote not found in paragraph c08-s01-p02" in message
    assert "it does occur in c08-s01-p01" in message


def test_unknown_paragraph(sources_only: Path) -> None:
    write_curated(
        sources_only, GOOD.replace('paragraph: c08-s01-p01, quote: "不断', 'paragraph: c08-s09-p01, quote: "不断')
    )
    assert "zz-test.yaml:5: unknown paragraph or heading 'c08-s09-p01'" in problem(sources_only)


def test_number_not_in_quote(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("value: 38.5", "value: 38"))
    assert "zz-test.yaml:16: value 38 of 'zz-green-ratio-2025' does not occur in its quote" in problem(sources_only)


def test_goal_due_year_must_be_in_its_quote(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("    type: goal\n", "    type: goal\n    year: 2025\n"))
    assert "zz-test.yaml:4: year 2025 of 'zz-objective' does not occur in its quote" in problem(sources_only)


def test_year_not_in_quote(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("year: 2025", "year: 2035"))
    assert "zz-test.yaml:17: year 2035 of 'zz-green-ratio-2025' does not occur in its quote" in problem(sources_only)


def test_missing_source_text(sources_only: Path) -> None:
    (sources_only / "sources" / "xincheng-14th.txt").unlink()
    assert "xincheng-14th.yaml: source text 'xincheng-14th.txt' named by this file does not exist" in problem(
        sources_only
    )


def test_changed_source_text(sources_only: Path) -> None:
    source = sources_only / "sources" / "xincheng-14th.txt"
    source.write_bytes(source.read_bytes().replace(b"38.5%", b"39.5%"))
    assert "xincheng-14th.txt: sha256 of the source text is" in problem(sources_only)


def test_all_problems_reported_at_once(sources_only: Path) -> None:
    write_curated(sources_only, GOOD.replace("value: 38.5", "value: 38").replace("[zz-objective]", "[zz-nowhere]"))
    message = problem(sources_only)
    assert "unknown id 'zz-nowhere'" in message
    assert "value 38 of" in message


def test_failed_build_leaves_previous_out_untouched(sources_only: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", "--data", str(sources_only), "--out", str(out), "--reasoner", "none"])
    assert first.exit_code == 0, first.output
    before = snapshot(out)
    write_curated(sources_only, GOOD.replace("value: 38.5", "value: 38"))
    second = runner.invoke(app, ["build", "--data", str(sources_only), "--out", str(out), "--reasoner", "none"])
    assert second.exit_code == 1
    assert "does not occur in its quote" in second.output
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"


def test_shape_violation_names_the_yaml_line(sources_only: Path) -> None:
    write_curated(
        sources_only,
        GOOD
        + """\
measures:
  - id: zz-greening
    label: {zh: 推进绿化建设, en: Advance greening}
    evidence: {paragraph: c08-s01-p01, quote: 不断推进绿化建设}
""",
    )
    with pytest.raises(PlankgError) as caught:
        build_outputs(sources_only, sources_only.parent / "out", reasoner="none", write=False)
    message = str(caught.value)
    assert "zz-test.yaml:21: SHACL Violation: xincheng-14th:zz-greening plankg:contributesTo:" in message


def test_registry_names_one_thing_once(sources_only: Path) -> None:
    places = """\
places:
  - id: zz-road-a
    type: road
    label: {zh: 110国道, en: National Highway 110}
    evidence: {paragraph: c08-s01-p01, quote: "推进110 国道以及哈拉更沟两侧绿地建设"}
  - id: zz-road-b
    type: road
    label: {zh: 110国道, en: G110}
    evidence: {paragraph: c08-s01-p01, quote: "110 国道"}
"""
    write_curated(sources_only, places)
    assert "zz-test.yaml:6: 'zz-road-b' has the same Chinese label '110国道' as" in problem(sources_only)


def test_a_link_written_apart_joins_its_subject(sources_only: Path) -> None:
    links = """\
links:
  - from: zz-green-ratio
    field: measures
    to: zz-objective
    evidence: {paragraph: c08-s01-p01, quote: "中心城区绿地率达到38.5%"}
  - from: zz-green-ratio
    field: within
    to: zz-objective
    inferred: "a field indicators do not have"
"""
    write_curated(sources_only, GOOD)
    write_curated(sources_only, links, name="zz-links.yaml")
    message = problem(sources_only)
    assert "zz-links.yaml:6: links: 'zz-green-ratio' is one of the indicators, whose links are: concepts, measures" in (
        message
    )
    write_curated(sources_only, links.split("  - from: zz-green-ratio\n    field: within")[0], name="zz-links.yaml")
    (plan,) = read_plans(sources_only)
    assert (
        sum(
            1 for edge in plan.curated.edges if edge.subject == "zz-green-ratio" and edge.predicate == "plankg:measures"
        )
        == 2
    )


@pytest.mark.parametrize("reasoner", [reason, materialise], ids=["hermit", "rules"])
def test_inconsistency_names_the_node_and_the_cause(reasoner: Callable[[Graph, Graph], Graph]) -> None:
    """HermiT only says "inconsistent"; the build says which node and why, and so do the rules."""
    ontology = load_turtle(ONTOLOGY_FILE)
    node, target = URIRef(ID_BASE + "t/zz-node"), URIRef(ID_BASE + "t/zz-target")
    data = Graph()
    data.add((node, RDF.type, PLANKG.Measure))
    data.add((node, RDF.type, PLANKG.Place))
    data.add((target, RDF.type, PLANKG.Target))
    data.add((target, PLANKG.comparator, PLANKG.atLeast))
    data.add((target, PLANKG.comparator, PLANKG.atMost))
    with pytest.raises(InconsistentGraph) as caught:
        reasoner(ontology, data)
    causes = dict(caught.value.culprits)
    assert causes[node] == f"typed both <{PLANKG.Measure}> and <{PLANKG.Place}>, which are disjoint"
    assert causes[target] == "2 values of the functional property <https://w3id.org/plankg/ontology#comparator>"


def test_rules_catch_a_contradiction_only_an_inferred_type_shows() -> None:
    """A place that contributes to a goal is, by the property's domain, also a measure."""
    ontology = load_turtle(ONTOLOGY_FILE)
    node, goal = URIRef(ID_BASE + "t/zz-place"), URIRef(ID_BASE + "t/zz-goal")
    data = Graph()
    data.add((node, RDF.type, PLANKG.Place))
    data.add((goal, RDF.type, PLANKG.Objective))
    data.add((node, PLANKG.contributesTo, goal))
    with pytest.raises(InconsistentGraph) as caught:
        materialise(ontology, data)
    why = dict(caught.value.culprits)[node]
    assert why == f"typed both <{PLANKG.Measure}> and <{PLANKG.Place}>, which are disjoint"


def test_every_schema_error_of_a_file_is_reported_each_on_its_line(sources_only: Path) -> None:
    write_curated(
        sources_only,
        GOOD.replace("    comparator: reach\n", "    comparator: roughly\n").replace(
            "    type: goal\n", "    type: wish\n"
        ),
    )
    lines = problem(sources_only).splitlines()
    assert len(lines) == 2, lines
    assert "zz-test.yaml:3: goals.0.type:" in lines[0]
    assert "zz-test.yaml:18: targets.0.comparator:" in lines[1]


def test_a_byte_that_is_not_utf8_names_its_line(sources_only: Path) -> None:
    path = write_curated(sources_only, GOOD)
    path.write_bytes(path.read_bytes().replace("中心城区绿地率达到".encode(), b"\xff", 1))
    assert "zz-test.yaml:10: not valid UTF-8: byte 0xff" in problem(sources_only)


def test_errors_keep_their_parts_across_processes() -> None:
    """A worker process's errors arrive whole: message, file and line apart, not glued into a path."""
    errors = PlankgErrors([PlankgError("a quote not in its paragraph", Path("data/ch05.yaml"), 12)])
    back = pickle.loads(pickle.dumps(errors))
    (error,) = back.errors
    assert (error.message, error.path, error.line) == ("a quote not in its paragraph", Path("data/ch05.yaml"), 12)
    assert str(back) == "data/ch05.yaml:12: a quote not in its paragraph"
