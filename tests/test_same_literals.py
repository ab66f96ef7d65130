"""Every file of a build, its store, every RDF export and what `push` sends hold the same literals.

A literal is compared as RDF compares it: its lexical form, its datatype and its language tag in
lower case (BCP 47 tags are case-insensitive). The store's literals are the reference: queries,
the site and the views read them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal

from plankg.graph import push as push_module
from plankg.graph.exporters import run_export
from plankg.graph.opened import Build
from plankg.graph.push import push

LiteralKey = tuple[str, str, str]

BUILD_FILES = {
    "plankg.trig": ox.RdfFormat.TRIG,
    "plankg.ttl": ox.RdfFormat.TURTLE,
    "plankg.jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB_BUILD_FILES = {"plankg.trig": "trig", "plankg.ttl": "turtle", "plankg.jsonld": "json-ld"}
EXPORTS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _ox_literals(quads: object) -> set[LiteralKey]:
    return {
        (term.value, term.datatype.value, (term.language or "").lower())
        for quad in quads  # type: ignore[attr-defined]
        for term in (quad.object,)
        if isinstance(term, ox.Literal)
    }


def _rdflib_literals(read: Graph | Dataset) -> set[LiteralKey]:
    found = set()
    graphs = read.graphs() if isinstance(read, Dataset) else [read]
    for obj in (obj for graph in graphs for obj in graph.objects()):
        if isinstance(obj, Literal):
            datatype = str(obj.datatype) if obj.datatype else ""
            if obj.language:
                datatype = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
            elif not datatype:
                datatype = "http://www.w3.org/2001/XMLSchema#string"
            found.add((str(obj), datatype, (obj.language or "").lower()))
    return found


@pytest.fixture(scope="module")
def stored(built: Build) -> set[LiteralKey]:
    literals = _ox_literals(built.store.quads_for_pattern(None, None, None, None))
    assert ("新城区", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "zh") in literals
    assert any(lang == "zh-latn-pinyin" for *_, lang in literals)
    return literals


@pytest.mark.parametrize("name", list(BUILD_FILES))
def test_each_build_file_holds_the_stores_literals(name: str, out_dir: Path, stored: set[LiteralKey]) -> None:
    assert _ox_literals(ox.parse(path=str(out_dir / name), format=BUILD_FILES[name])) == stored


@pytest.mark.parametrize("name", list(RDFLIB_BUILD_FILES))
def test_rdflib_reads_the_same_literals_from_each_build_file(name: str, out_dir: Path, stored: set[LiteralKey]) -> None:
    read: Graph | Dataset = Dataset() if name != "plankg.ttl" else Graph()
    read.parse(out_dir / name, format=RDFLIB_BUILD_FILES[name])
    assert _rdflib_literals(read) == stored


@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_rdf_export_holds_the_stores_literals(
    name: str, out_dir: Path, stored: set[LiteralKey], tmp_path: Path
) -> None:
    (path, *_) = run_export(name, out_dir, out=tmp_path / f"export.{name}")
    assert _ox_literals(ox.parse(path=str(path), format=EXPORTS[name])) == stored


def test_push_sends_the_stores_literals(built: Build, stored: set[LiteralKey], monkeypatch: pytest.MonkeyPatch) -> None:
    sent: dict[str, bytes] = {}
    monkeypatch.setattr(push_module.GraphStore, "put", lambda _client, graph, body: sent.__setitem__(graph, body))
    monkeypatch.setattr(push_module, "remote_counts", lambda _engine, graphs: dict.fromkeys(graphs, 0) | counts)
    counts, _ = push_module.plan_graphs(built.dataset)
    push(built, "http://127.0.0.1:9/sparql")
    assert set(sent) == set(counts)
    pushed = set().union(*(_ox_literals(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)) for body in sent.values()))
    assert pushed == stored
