"""`plankg search`: the nodes whose names, quotes or comments hold the words, best first, with the
paragraph and quote behind each; the expected words are the plan's own (data/sources/*.txt)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.opened import Build, open_endpoint
from plankg.graph.search import SEARCH_FILE, Hit, fill_index, normalized, open_index, search
from plankg.graph.server import start_server
from tests.test_serve import LOOPBACK, free_port


@pytest.fixture(scope="module")
def index(built: Build) -> sqlite3.Connection:
    return open_index(built)


def test_the_build_writes_the_index(out_dir: Path) -> None:
    assert (out_dir / SEARCH_FILE).is_file()


def test_an_exact_name_comes_first(index: sqlite3.Connection) -> None:
    # glossary-p08 calls 呼和浩特金山高新技术产业开发区科技城片区 科技城片区 for short
    hits = search(index, "科技城片区")
    assert (hits[0].match, hits[0].label) == ("exact name", "呼和浩特金山高新技术产业开发区科技城片区")
    assert (hits[0].cls, hits[0].paragraph) == ("Area", "c02-s03-p01")
    assert hits[0].quote == "以呼和浩特金山高新技术产业开发区科技城片区建设为依托"


def test_ranks_go_name_label_alias_quote_comment(index: sqlite3.Connection) -> None:
    order = ["exact name", "label", "alias", "quote", "comment"]
    ranks = [order.index(hit.match) for hit in search(index, "森林覆盖率", limit=None)]
    assert ranks == sorted(ranks)


def test_a_quote_is_found_with_its_paragraph(index: sqlite3.Connection) -> None:
    hits = {(hit.cls, hit.paragraph, hit.quote) for hit in search(index, "森林覆盖率", limit=None)}
    assert ("Target", "c02-s04-p03", "全区森林覆盖率保持在44%以上") in hits  # c02-s04-p03
    assert ("Achievement", "c01-s01-p06", "全区森林覆盖率提高到44.3%") in hits  # c01-s01-p06


def test_chapter_and_section_keep_to_nodes_cited_there(index: sqlite3.Connection) -> None:
    in_c01 = search(index, "森林覆盖率", scope="c01", limit=None)
    assert in_c01 and all(hit.paragraph.startswith("c01-") for hit in in_c01)
    assert "全区森林覆盖率提高到44.3%" in {hit.quote for hit in in_c01}
    in_section = search(index, "森林覆盖率", scope="c02-s04", limit=None)
    assert "全区森林覆盖率保持在44%以上" in {hit.quote for hit in in_section}
    assert all(hit.paragraph.startswith("c02-s04-") for hit in in_section)


def test_every_word_must_occur(index: sqlite3.Connection) -> None:
    # c05-s04-p02: 推进浪潮集团呼和浩特大数据产业园、……
    hits = search(index, "浪潮 产业园", limit=None)
    assert "浪潮集团呼和浩特大数据产业园" in {hit.label for hit in hits}
    for hit in hits:
        assert _holds(index, hit, ["浪潮", "产业园"])


def _holds(index: sqlite3.Connection, hit: Hit, words: list[str]) -> bool:
    texts = [norm for (norm,) in index.execute("SELECT norm FROM texts WHERE node = ?", (hit.node,))]
    return any(all(normalized(word) in text for word in words) for text in texts)


def test_the_class_keeps_to_nodes_of_it_or_below(index: sqlite3.Connection, built: Build) -> None:
    places = search(index, "片区", cls="Place", limit=None)
    assert places and all(hit.cls == "Place" or "Place" in built.vocabulary.above(hit.cls) for hit in places)
    assert "东客站片区" in {hit.label for hit in places}  # glossary-p08
    with pytest.raises(PlankgError, match="no class 'Nothing'"):
        search(index, "片区", cls="Nothing")


def test_typed_forms_do_not_count(index: sqlite3.Connection) -> None:
    assert "联通二期IDC机房" in {hit.label for hit in search(index, "ＩＤＣ")}  # full-width letters
    assert "新城区" in {hit.label for hit in search(index, "Xincheng qu")}  # pinyin, no tone marks, a space
    assert search(index, "“科技城片区”")[0].label == "呼和浩特金山高新技术产业开发区科技城片区"


def test_english_labels(index: sqlite3.Connection) -> None:
    hits = search(index, "forest coverage", lang="en", limit=None)
    assert "全区森林覆盖率保持在44%以上" in {hit.quote for hit in hits}


def test_an_index_made_in_memory_is_the_one_the_build_wrote(built: Build, index: sqlite3.Connection) -> None:
    memory = sqlite3.connect(":memory:")
    fill_index(memory, built.engine())
    for words in ("科技城", "森林覆盖率", "养老"):
        assert search(memory, words, limit=None) == search(index, words, limit=None)


@pytest.fixture(scope="module")
def endpoint(out_dir: Path) -> Iterator[str]:
    with start_server(out_dir / "plankg.trig", LOOPBACK, free_port()) as server:
        yield server.query_url


def test_an_endpoint_answers_as_the_build(endpoint: str, index: sqlite3.Connection) -> None:
    remote = open_index(open_endpoint(endpoint))
    assert search(remote, "科技城片区", limit=None) == search(index, "科技城片区", limit=None)


def test_the_command(out_dir: Path, endpoint: str) -> None:
    runner = CliRunner()
    found = runner.invoke(
        app, ["search", "森林覆盖率", "--section", "c02-s04", "--build", str(out_dir), "--format", "csv"]
    )
    assert found.exit_code == 0, found.output
    assert found.output.splitlines()[0] == "match,class,id,label,paragraph,quote"
    assert "全区森林覆盖率保持在44%以上" in found.output
    as_json = runner.invoke(app, ["search", "科技城片区", "--endpoint", endpoint, "--format", "json", "--limit", "1"])
    assert as_json.exit_code == 0, as_json.output
    (row,) = json.loads(as_json.output)["results"]["bindings"]
    assert row["label"]["value"] == "呼和浩特金山高新技术产业开发区科技城片区"
    for arguments, message in [
        (["search", "片区", "--class", "Nothing"], "no class 'Nothing'"),
        (["search", "片区", "--chapter", "2", "--section", "c07-s03"], "--section c07-s03 is not in chapter 2"),
        (["search", "“ ”"], "give some words"),
    ]:
        failed = runner.invoke(app, [*arguments, "--build", str(out_dir)])
        assert failed.exit_code == 1 and message in failed.output, failed.output
        assert len(failed.output.strip().splitlines()) == 1


def test_a_page_reads_an_endpoint_as_the_build(endpoint: str, out_dir: Path) -> None:
    runner = CliRunner()
    pages = [
        runner.invoke(app, ["show", "科技城片区", "--format", "json", *where])
        for where in (["--build", str(out_dir)], ["--endpoint", endpoint])
    ]
    assert all(page.exit_code == 0 for page in pages), [page.output for page in pages]
    local, remote = (json.loads(page.output) for page in pages)
    for part in ("cls", "names", "evidence", "places", "goals"):
        assert local[part] == remote[part], part
    assert sorted(map(json.dumps, local["links"])) == sorted(map(json.dumps, remote["links"]))


def test_a_list_name_is_found_typed_without_its_separators(index: sqlite3.Connection) -> None:
    # c10-s01-p04: 建设“二基、三线、四点”休闲观光旅游区; readers type the name of the list without the 、
    hits = search(index, "二基三线四点", limit=None)
    assert any("二基、三线、四点" in hit.label for hit in hits)
