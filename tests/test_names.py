"""Names resolve the way people type them (queries/names.py): every command that takes a node
finds it by its id, IRI, any of its names, a name typed with spaces, quote marks or full-width
letters, or a part of its name that no other node's name holds. The names are the plan's words."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.engines import Engine
from plankg.graph.opened import Build
from plankg.queries.catalogue import Param
from plankg.queries.names import describe, resolve_node

TECH_CITY = "呼和浩特金山高新技术产业开发区科技城片区"  # c02-s03-p01


@pytest.fixture(scope="module")
def engine(built: Build) -> Engine:
    return built.engine()


def label_of(engine: Engine, value: str, cls: str | None = None) -> str:
    """The Chinese label of the node a user's value resolves to."""
    node = resolve_node(engine, value, Param("node", "node", cls, "a node", value))
    return describe(engine, [node])[0][2]


@pytest.mark.parametrize(
    "value",
    [
        TECH_CITY,
        "科技城片区",  # the glossary's short name (glossary-p08)
        "place-tech-city-area",
        "xincheng-14th/place-tech-city-area",
        "https://w3id.org/plankg/id/xincheng-14th/place-tech-city-area",
        f"  {TECH_CITY[:8]} {TECH_CITY[8:]} ",  # spaces do not count
        f"“{TECH_CITY}”",  # nor quote marks
        "Science and Technology City Area of the Hohhot Jinshan High-tech Industrial Development Zone",
        "science and technology city area of the hohhot jinshan high-tech industrial development zone",
    ],
)
def test_a_node_is_found_by_every_name_it_has(engine: Engine, value: str) -> None:
    assert label_of(engine, value) == TECH_CITY


def test_full_width_letters_quote_marks_and_spaces_do_not_count(engine: Engine) -> None:
    # c05-s04-p02: 联通二期IDC机房; 《中国儿童发展纲要》 (c09)
    assert label_of(engine, "联通二期 ＩＤＣ 机房") == "联通二期IDC机房"
    assert label_of(engine, "《中国儿童发展纲要》") == "中国儿童发展纲要"


def test_an_id_published_before_a_correction_names_the_node_now(engine: Engine) -> None:
    # 保合少镇 (c06-s05-p07) was once spelt place-baohshao-town
    assert label_of(engine, "place-baohshao-town", "Place") == "保合少镇"


def test_pinyin_is_matched_without_tone_marks(engine: Engine) -> None:
    assert label_of(engine, "xinchengqu") == "新城区"


def test_part_of_one_name_of_the_class_asked_for_resolves(engine: Engine) -> None:
    # the examples: a place and a goal typed as a part of their names
    assert label_of(engine, "金山高新技术产业开发区科技城片区", "Place") == TECH_CITY
    assert label_of(engine, "大数据产业体系", "Goal") == "培育发展具有新城区特色的大数据产业体系"


def test_a_part_of_several_names_lists_them_to_choose_from(engine: Engine) -> None:
    with pytest.raises(PlankgError) as raised:
        label_of(engine, "金山高新技术产业开发区科技城片区")
    message = str(raised.value)
    assert "\n" not in message and "did you mean one of the" in message
    assert f"Area place-tech-city-area {TECH_CITY}" in message
    assert "Measure" in message  # 以呼和浩特金山高新技术产业开发区科技城片区为科技发展的承载平台 (c04-p01)


def test_a_name_of_several_nodes_lists_them(engine: Engine) -> None:
    # c10-s04-p02 引进建设……上海交大内蒙古研究院: the institute as a body, and its building as a project
    with pytest.raises(PlankgError) as raised:
        label_of(engine, "上海交大内蒙古研究院")
    message = str(raised.value)
    assert message.startswith("node: '上海交大内蒙古研究院' names 2 nodes (") and "\n" not in message
    assert "Institution org-sjtu-inner-mongolia-institute" in message
    assert "Project proj-sjtu-inner-mongolia-institute 上海交大内蒙古研究院" in message
    assert message.endswith("give one of their ids")
    assert label_of(engine, "上海交大内蒙古研究院", "Project") == "上海交大内蒙古研究院"


def test_nothing_by_that_name_suggests_the_nearest(engine: Engine) -> None:
    with pytest.raises(
        PlankgError, match="nothing in the graph is called '金山开发区'; did you mean '呼和浩特金山高新技术产业开发区'"
    ):
        label_of(engine, "金山开发区")


def test_the_class_asked_for_still_holds(engine: Engine) -> None:
    with pytest.raises(PlankgError, match="'新城区' is not a Goal"):
        label_of(engine, "新城区", "Goal")


def test_every_command_resolves_the_same_way(out_dir: object) -> None:
    runner = CliRunner()
    profile = runner.invoke(
        app, ["query", "place-profile", "-p", "place=科技城片区", "--build", str(out_dir), "--format", "csv"]
    )
    assert profile.exit_code == 0, profile.output
    assert TECH_CITY in profile.output
    goal = runner.invoke(
        app, ["query", "serves-goal", "-p", "goal=大数据产业体系", "--build", str(out_dir), "--format", "csv"]
    )
    assert goal.exit_code == 0, goal.output
    assert "联通二期IDC机房" in goal.output or "大数据" in goal.output
    view = runner.invoke(
        app, ["viz", "place", "--focus", "“科技城 片区”", "--build", str(out_dir), "--out", str(out_dir / "x.html")]
    )
    assert view.exit_code == 0, view.output
