"""The property-graph view: what Gephi, Cytoscape, Neo4j and the views are given."""

from __future__ import annotations

import pyoxigraph as ox

from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.projection import chapters_of, project


def test_every_curated_entity_is_one_node_with_labels_and_a_quote(store: ox.Store) -> None:
    graph = project(OxigraphEngine(store))
    assert graph.number_of_nodes() > 100
    for _key, data in graph.nodes(data=True):
        assert data["label_zh"], data
        assert data["cls"] and not data["cls"].startswith("http")
        assert data["quote"] or data["graph"] == "curated"


def test_links_carry_relation_graph_and_quote(store: ox.Store) -> None:
    graph = project(OxigraphEngine(store))
    pillars = [key for key, data in graph.nodes(data=True) if data["cls"] == "Pillar"]
    assert len(pillars) == 5
    ecology = next(key for key in pillars if graph.nodes[key]["label_zh"] == "生态美")
    (vision,) = [key for key, data in graph.nodes(data=True) if data["cls"] == "Vision"]
    (edge,) = graph.get_edge_data(ecology, vision).values()
    assert edge["relation"] == "refines"
    assert edge["graph"] == "stated"
    assert "五个新城" in edge["quote"]


def test_inferred_links_only_when_asked(store: ox.Store) -> None:
    stated = project(OxigraphEngine(store))
    everything = project(OxigraphEngine(store), ("stated", "curated", "inferred"))
    assert everything.number_of_edges() > stated.number_of_edges()
    assert {data["graph"] for *_, data in everything.edges(data=True)} == {"stated", "curated", "inferred"}
    assert "refinedBy" in {data["relation"] for *_, data in everything.edges(data=True)}


def test_chapters_in_order_of_citation() -> None:
    assert chapters_of(["c02-s04-p01", "c08-s01", "c02-p01", "glossary-p03"]) == ["c02", "c08", "glossary"]
