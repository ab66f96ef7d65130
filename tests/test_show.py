"""`plankg show`: a node's page, each statement with the plan's words or a curator's reading;
the expected words are the plan's own (data/sources/*.txt)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plankg.cli import app


def page(out_dir: Path, node: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["show", node, "--build", str(out_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown: dict[str, Any] = json.loads(result.output)
    return shown


@pytest.fixture(scope="module")
def tech_city(out_dir: Path) -> dict[str, Any]:
    return page(out_dir, "科技城片区")


def test_names_in_every_language_and_the_class(tech_city: dict[str, Any]) -> None:
    labels = {entry["lang"]: entry["text"] for entry in tech_city["names"]["rdfs:label"]}
    assert labels["zh"] == "呼和浩特金山高新技术产业开发区科技城片区"  # c02-s03-p01
    assert labels["en"] and labels["zh-latn-pinyin"].startswith("Hūhéhàotè")
    assert "科技城片区" in {entry["text"] for entry in tech_city["names"]["skos:altLabel"]}  # glossary-p08
    assert tech_city["cls"] == "Area" and "Place" in tech_city["classes"]


def test_evidence_with_paragraph_and_quote(tech_city: dict[str, Any]) -> None:
    evidence = {(item["paragraph"], item["quote"]) for item in tech_city["evidence"]}
    assert ("c02-s03-p01", "以呼和浩特金山高新技术产业开发区科技城片区建设为依托") in evidence


def test_links_carry_the_plans_words_or_a_curators_reading(tech_city: dict[str, Any]) -> None:
    members = [link for link in tech_city["links"] if link["relation"] == "plankg:hasMember"]
    assert members and members[0]["direction"] == "in" and members[0]["other"]["label"] == "五大产业支撑区"
    (support,) = {(s["kind"], s["paragraph"], s["quote"]) for s in members[0]["support"]}
    # glossary-p08: 打造发展五大产业支撑区,即大青山前坡片区、科技城片区、东客站片区、北二环片区和建成区片区
    assert support[:2] == ("quote", "glossary-p08") and "科技城片区、东客站片区" in support[2]
    read = [link for link in tech_city["links"] if link["support"] and link["support"][0]["kind"] == "justification"]
    assert read and all(link["support"][0]["justification"] for link in read)
    assert all(link["support"] for link in tech_city["links"]), "every link shows what it rests on"


def test_places_up_the_within_chain(tech_city: dict[str, Any]) -> None:
    chain = [place["label"] for place in tech_city["places"]]
    assert chain.index("呼和浩特金山高新技术产业开发区") < chain.index("新城区") < chain.index("呼和浩特市")
    assert chain[-1] == "内蒙古自治区"


def test_goals_served_up_to_the_vision(out_dir: Path) -> None:
    # c08-s01-p04 推进城区老旧小区改造工程,对全区310 个小区进行升级改造
    renovation = page(out_dir, "城区老旧小区改造工程")
    goals = {(goal["type"], goal["label"]) for goal in renovation["goals"]}
    assert ("pillar", "品质优") in goals and ("vision", "与全国一道基本实现社会主义现代化") in goals
    located = [link for link in renovation["links"] if link["relation"] == "plankg:locatedIn"]
    assert located[0]["other"]["label"] == "新城区"
    assert "推进城区老旧小区改造工程" in located[0]["support"][0]["quote"]


def test_an_indicator_shows_its_targets_and_observations(out_dir: Path) -> None:
    values = {(v["class"], v["value"], v["unit"], v["year"], v["quote"]) for v in page(out_dir, "森林覆盖率")["values"]}
    assert ("Target", "44", "%", "2025", "全区森林覆盖率保持在44%以上") in values  # c02-s04-p03
    assert ("Achievement", "44.3", "%", "2020", "全区森林覆盖率提高到44.3%") in values  # c01-s01-p06


def test_the_terminal_page(out_dir: Path) -> None:
    result = CliRunner().invoke(app, ["show", "place-tech-city-area", "--build", str(out_dir)])
    assert result.exit_code == 0, result.output
    for words in ("呼和浩特金山高新技术产业开发区科技城片区", "evidence", "links", "五大产业支撑区", "内蒙古自治区"):
        assert words in result.output
    missing = CliRunner().invoke(app, ["show", "金山开发区", "--build", str(out_dir)])
    assert missing.exit_code == 1 and "did you mean '呼和浩特金山高新技术产业开发区'" in missing.output
    assert len(missing.output.strip().splitlines()) == 1
