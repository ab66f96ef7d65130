"""Exports, checked by round trips: what a tool reads back from each file is what the graph holds.

RDF files are parsed back with both rdflib and pyoxigraph and compared with the build (up to
blank-node names); property-graph files are read with networkx or the csv module and compared
with the projection; Chinese text must come back byte for byte. Expected plan facts (the five
pillars, the issuer, the years) are copied from the plan and its metadata, not from the program.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic as rdflib_isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDFS, VOID, XSD
from typer.testing import CliRunner

from plankg.cli import app
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.exporters import ALL_GRAPHS, exporter_names, get_exporter, run_export
from plankg.graph.exporters.jsonld import published_context
from plankg.graph.namespaces import PLANKG
from plankg.graph.projection import project

ROOT = Path(__file__).resolve().parents[1]
PILLARS = {"经济强", "生态美", "文化兴", "品质优", "人民富"}  # 五个新城, as the plan names them
UNION_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
UNION_FORMATS |= {"jsonld": ox.RdfFormat.JSON_LD}
QUAD_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld", "owl": "xml"}
RDFLIB_FORMATS |= {"nquads": "nquads", "trig": "trig"}
PROPERTY_GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "csv", "neo4j")


@pytest.fixture(scope="module")
def exported(out_dir: Path) -> Dataset:
    """The shared build's TriG file as rdflib reads it (as exporters do), parsed once for all tests."""
    dataset = Dataset()
    dataset.parse(out_dir / "plankg.trig", format="trig")
    return dataset


@pytest.fixture(scope="module")
def build_copy(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the build to export into, so the shared build stays as it was."""
    copy = tmp_path_factory.mktemp("export") / "out"
    shutil.copytree(out_dir, copy)
    return copy


def isomorphic(first: Graph, second: Graph) -> bool:
    """rdflib's isomorphism, on the few triples with blank nodes only (the ontology's axioms):
    the plan's data has none, and comparing its ground triples as sets is exact and fast."""

    def split(graph: Graph) -> tuple[set, Graph]:
        ground, blank = set(), Graph()
        for triple in graph:
            (blank.add if any(isinstance(term, BNode) for term in triple) else ground.add)(triple)
        return ground, blank

    (ground_a, blank_a), (ground_b, blank_b) = split(first), split(second)
    return ground_a == ground_b and rdflib_isomorphic(blank_a, blank_b)


def _kind(graph_name: str) -> str:
    return graph_name.rsplit("/", 1)[-1]


def _canonical(quads: list[ox.Quad]) -> set[ox.Quad]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def _expected_quads(out_dir: Path, kinds: tuple[str, ...], keep_graphs: bool) -> set[ox.Quad]:
    """The statements of the build's TriG file in the chosen graphs (merged into one graph unless `keep_graphs`)."""
    written = ox.parse(path=str(out_dir / "plankg.trig"), format=ox.RdfFormat.TRIG)
    quads = [quad for quad in written if _kind(quad.graph_name.value) in kinds]
    if not keep_graphs:
        quads = list({ox.Quad(quad.subject, quad.predicate, quad.object) for quad in quads})
    return _canonical(quads)


def _rdflib_union(dataset: Dataset, kinds: tuple[str, ...]) -> Graph:
    union = Graph()
    for graph in dataset.graphs():
        if _kind(str(graph.identifier)) in kinds:
            union += graph
    return union


# --- RDF round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*UNION_FORMATS, *QUAD_FORMATS, "owl"])
def test_rdf_export_parses_back_in_pyoxigraph_to_the_same_dataset(
    name: str, out_dir: Path, exported: Dataset, tmp_path: Path
) -> None:
    (path, *_) = run_export(name, out_dir, out=tmp_path / f"export.{name}", dataset=exported)
    parser = (UNION_FORMATS | QUAD_FORMATS).get(name, ox.RdfFormat.RDF_XML)
    back = _canonical(list(ox.parse(path=str(path), format=parser)))
    kinds = ("ontology",) if name == "owl" else ALL_GRAPHS
    expected = _expected_quads(out_dir, kinds, keep_graphs=name in QUAD_FORMATS)
    assert len(back) == len(expected) > 0
    assert back == expected


@pytest.mark.parametrize("name", [*UNION_FORMATS, "owl"])
def test_triple_export_parses_back_in_rdflib_to_an_isomorphic_graph(
    name: str, out_dir: Path, exported: Dataset, tmp_path: Path
) -> None:
    (path, *_) = run_export(name, out_dir, out=tmp_path / f"export.{name}", dataset=exported)
    back = Graph().parse(path, format=RDFLIB_FORMATS[name])
    expected = _rdflib_union(exported, ("ontology",) if name == "owl" else ALL_GRAPHS)
    assert len(back) == len(expected)
    assert isomorphic(back, expected)


@pytest.mark.parametrize("name", list(QUAD_FORMATS))
def test_quad_export_parses_back_in_rdflib_with_the_same_named_graphs(
    name: str, out_dir: Path, exported: Dataset, tmp_path: Path
) -> None:
    (path,) = run_export(name, out_dir, out=tmp_path / f"export.{name}", dataset=exported)
    back = Dataset()
    back.parse(path, format=RDFLIB_FORMATS[name])
    graphs = {str(graph.identifier): graph for graph in back.graphs() if len(graph)}
    expected = {str(graph.identifier): graph for graph in exported.graphs() if len(graph)}
    assert set(graphs) == set(expected)
    assert {_kind(iri) for iri in graphs} == set(ALL_GRAPHS)
    for identifier, graph in expected.items():
        assert isomorphic(graphs[identifier], graph), identifier


def test_a_dataset_in_memory_exports_the_same_statements(exported: Dataset, tmp_path: Path) -> None:
    (path,) = run_export("nquads", tmp_path, out=tmp_path / "x.nq", dataset=exported)
    back = Dataset()
    back.parse(path, format="nquads")
    for graph in exported.graphs():
        if len(graph):
            assert isomorphic(back.graph(graph.identifier), graph), graph.identifier


def test_graphs_option_selects_the_named_graphs(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    (quads,) = run_export("nquads", out_dir, out=tmp_path / "x.nq", graphs="stated,curated", dataset=exported)
    names = {quad.graph_name.value for quad in ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS)}
    assert names == {
        "https://w3id.org/plankg/graph/xincheng-14th/stated",
        "https://w3id.org/plankg/graph/xincheng-14th/curated",
    }
    (turtle,) = run_export("turtle", out_dir, out=tmp_path / "x.ttl", graphs="stated", dataset=exported)
    back = _canonical(list(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)))
    assert back == _expected_quads(out_dir, ("stated",), keep_graphs=False)


def test_jsonld_has_short_keys_from_the_published_context(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    (path, context_file) = run_export("jsonld", out_dir, out=tmp_path / "plankg.jsonld", dataset=exported)
    assert context_file == tmp_path / "context.jsonld"
    context = json.loads(context_file.read_text(encoding="utf-8"))["@context"]
    assert context["refines"] == {"@id": "plankg:refines", "@type": "@id"}
    assert context["label"] == "rdfs:label" and context["Measure"] == "plankg:Measure"
    assert context["Place"] == "plankg:Place"  # plankg's own term wins over schema:Place
    document = json.loads(path.read_text(encoding="utf-8"))
    nodes = document["@graph"]
    pillars = [node for node in nodes if node.get("type") == "Pillar"]
    assert {label["@value"] for node in pillars for label in node["label"] if label["@language"] == "zh"} == PILLARS
    assert all("refines" in node for node in pillars)


def test_published_context_in_docs_is_current() -> None:
    published = json.loads((ROOT / "docs" / "context.jsonld").read_text(encoding="utf-8"))
    assert published == published_context(), "regenerate: plankg export jsonld-context --out docs/context.jsonld"


# --- Chinese text ---------------------------------------------------------------------------


def _chinese_texts(store: ox.Store) -> list[str]:
    """Labels and quotes with Chinese characters and nothing any format must escape.

    Exports below read the TriG file the shared store was loaded from, so where a link is quoted
    more than once they keep the same quote as this projection (see `_projection`).
    """
    graph = project(OxigraphEngine(store), ("stated", "curated", "inferred"))
    texts = {data["label_zh"] for _, data in graph.nodes(data=True)}
    texts |= {data["quote"] for *_, data in graph.edges(data=True)}
    return sorted(text for text in texts if re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[&<>\"'\\]", text))


@pytest.mark.parametrize("name", [*UNION_FORMATS, *QUAD_FORMATS, *PROPERTY_GRAPH_FORMATS])
def test_chinese_text_survives_byte_for_byte(name: str, store: ox.Store, out_dir: Path, tmp_path: Path) -> None:
    texts = _chinese_texts(store)
    assert "生态美" in texts and len(texts) > 100
    written = run_export(name, out_dir, out=tmp_path / name, graphs="stated,curated,inferred")
    content = b"".join(path.read_bytes() for path in written if path.suffix != ".cypher")
    decoded = content.decode("utf-8")
    assert not re.search(r"\\u[0-9a-fA-F]{4}|&#x?[0-9a-fA-F]+;", decoded), "characters were escaped"
    missing = [text for text in texts if text.encode("utf-8") not in content]
    assert not missing, missing[:5]


# --- property graphs ------------------------------------------------------------------------


def _projection(store: ox.Store, graphs: tuple[str, ...] = ("stated", "curated")) -> nx.MultiDiGraph:
    """The projection of the shared store, which is loaded from the TriG file the exporter reads.

    (Where a link is quoted more than once the projection keeps one quote, in the store's order,
    so expected and exported files must come from stores loaded the same way.)
    """
    return project(OxigraphEngine(store), graphs)


def _expected_nodes(projected: nx.MultiDiGraph, lang: str = "zh") -> dict[str, dict[str, str]]:
    """The projection's nodes under the names the export files use."""
    return {
        key: {
            "local_id": data["id"],
            "class": data["cls"],
            "label": data[f"label_{lang}"] or data["label_zh"],
            "label_zh": data["label_zh"],
            "label_en": data["label_en"],
            "chapters": data["chapters"],
            "graph": data["graph"],
            "paragraph": data["paragraph"],
            "quote": data["quote"],
        }
        for key, data in projected.nodes(data=True)
    }


def _edge_signature(source: str, target: str, data: dict[str, str]) -> tuple[str, ...]:
    columns = ("relation", "graph", "paragraph", "quote", "justification")
    return (source, target, *(data.get(column, "") or "" for column in columns))


def _expected_edges(projected: nx.MultiDiGraph) -> Counter[tuple[str, ...]]:
    return Counter(_edge_signature(s, t, data) for s, t, data in projected.edges(data=True))


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_graph_file_loads_in_networkx_like_the_projection(
    name: str, store: ox.Store, out_dir: Path, tmp_path: Path
) -> None:
    (path,) = run_export(name, out_dir, out=tmp_path / f"plankg.{name}")
    graph = nx.read_graphml(path, force_multigraph=True) if name == "graphml" else nx.read_gexf(path)
    projected = _projection(store)
    assert graph.number_of_nodes() == projected.number_of_nodes() > 100
    assert graph.number_of_edges() == projected.number_of_edges() > 100
    expected = _expected_nodes(projected)
    for key, data in graph.nodes(data=True):
        assert {column: data.get(column, "") or "" for column in expected[key]} == expected[key], key
    assert Counter(_edge_signature(s, t, data) for s, t, data in graph.edges(data=True)) == _expected_edges(projected)


def test_csv_tables_load_with_the_csv_module_like_the_projection(
    store: ox.Store, out_dir: Path, tmp_path: Path
) -> None:
    nodes_file, edges_file = run_export("csv", out_dir, out=tmp_path / "csv")
    with nodes_file.open(encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with edges_file.open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    projected = _projection(store)
    expected = _expected_nodes(projected)
    assert len(nodes) == len(expected) and len(edges) == projected.number_of_edges()
    for row in nodes:
        assert {column: row[column] for column in expected[row["iri"]]} == expected[row["iri"]]
    assert Counter(_edge_signature(row["source"], row["target"], row) for row in edges) == _expected_edges(projected)
    assert {row["label_zh"] for row in nodes if row["class"] == "Pillar"} == PILLARS
    assert len({row["id"] for row in edges}) == len(edges)


def test_cytoscape_json_has_the_cytoscape_element_structure(store: ox.Store, out_dir: Path, tmp_path: Path) -> None:
    (path,) = run_export("cytoscape", out_dir, out=tmp_path / "plankg.cyjs", lang="en")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(document) == {"data", "elements"} and set(document["elements"]) == {"nodes", "edges"}
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    for element in nodes + edges:
        assert set(element) == {"data"} and isinstance(element["data"]["id"], str) and element["data"]["id"]
        assert all(isinstance(value, str) for value in element["data"].values())
    ids = [element["data"]["id"] for element in nodes + edges]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    node_ids = {element["data"]["id"] for element in nodes}
    assert all(edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids for edge in edges)
    projected = _projection(store)
    expected = _expected_nodes(projected, lang="en")
    assert node_ids == set(expected) and len(edges) == projected.number_of_edges()
    for element in nodes:
        data = element["data"]
        assert data["name"] == data["label"] == expected[data["id"]]["label"]


def test_lang_picks_the_display_label_and_keeps_both(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    (zh,) = run_export("graphml", out_dir, out=tmp_path / "zh.graphml", dataset=exported)
    (en,) = run_export("graphml", out_dir, out=tmp_path / "en.graphml", lang="en", dataset=exported)
    by_lang = {lang: nx.read_graphml(path) for lang, path in (("zh", zh), ("en", en))}
    pillars = [key for key, data in by_lang["zh"].nodes(data=True) if data["class"] == "Pillar"]
    assert {by_lang["zh"].nodes[key]["label"] for key in pillars} == PILLARS
    for key in pillars:
        english = by_lang["en"].nodes[key]
        assert english["label"] == english["label_en"] and english["label_zh"] in PILLARS


def test_inferred_links_only_when_asked(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    (default,) = run_export("cytoscape", out_dir, out=tmp_path / "a.cyjs", dataset=exported)
    (everything,) = run_export(
        "cytoscape", out_dir, out=tmp_path / "b.cyjs", graphs="stated,inferred", dataset=exported
    )
    graphs = {
        name: {edge["data"]["graph"] for edge in json.loads(path.read_text(encoding="utf-8"))["elements"]["edges"]}
        for name, path in (("default", default), ("asked", everything))
    }
    assert graphs == {"default": {"stated", "curated"}, "asked": {"stated", "inferred"}}


# --- Neo4j ----------------------------------------------------------------------------------

# neo4j-admin database import header entries: `name:type`, `:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`.
_HEADER_FIELD = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?:(?P<type>ID|LABEL|START_ID|END_ID|TYPE|IGNORE|"
    r"(?:string|int|long|float|double|boolean|byte|short|char|date|datetime|localdatetime|time|localtime|"
    r"duration|point)(?:\[\])?)$"
)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _parse_header(header: list[str]) -> dict[str, str]:
    """Each header field's type by its name (the special fields by their type), as neo4j-admin reads it."""
    parsed = {}
    for field in header:
        match = _HEADER_FIELD.match(field)
        assert match, f"{field!r} is not a neo4j-admin header field"
        parsed[match["name"] or match["type"]] = match["type"]
    return parsed


def test_neo4j_files_follow_the_import_header_format(store: ox.Store, out_dir: Path, tmp_path: Path) -> None:
    nodes_file, edges_file, script = run_export("neo4j", out_dir, out=tmp_path / "neo4j")
    with nodes_file.open(encoding="utf-8", newline="") as stream:
        nodes_header, *node_rows = list(csv.reader(stream))
    with edges_file.open(encoding="utf-8", newline="") as stream:
        edges_header, *edge_rows = list(csv.reader(stream))
    node_types, edge_types = _parse_header(nodes_header), _parse_header(edges_header)
    assert list(node_types.values()).count("ID") == 1 and list(node_types.values()).count("LABEL") == 1
    assert {"START_ID", "END_ID", "TYPE"} <= set(edge_types)
    assert node_types["chapters"] == "string[]"
    for rows, header in ((node_rows, nodes_header), (edge_rows, edges_header)):
        assert all(len(row) == len(header) for row in rows)
        assert not any("\n" in value or "\r" in value for row in rows for value in row), "needs --multiline-fields"

    id_column, label_column = nodes_header.index("iri:ID"), nodes_header.index(":LABEL")
    ids = [row[id_column] for row in node_rows]
    assert len(ids) == len(set(ids)) == _projection(store).number_of_nodes()
    labels = {row[id_column]: row[label_column].split(";") for row in node_rows}
    class_column = nodes_header.index("class:string")
    for row in node_rows:
        row_labels = labels[row[id_column]]
        assert row_labels[0] == row[class_column] and "PlanEntity" in row_labels
        assert all(_IDENTIFIER.match(label) for label in row_labels)
    pillars = [row_labels for row_labels in labels.values() if row_labels[0] == "Pillar"]
    assert len(pillars) == 5 and all(set(row_labels) == {"Pillar", "Goal", "PlanEntity"} for row_labels in pillars)

    start, end, kind = (edges_header.index(field) for field in (":START_ID", ":END_ID", ":TYPE"))
    assert all(row[start] in labels and row[end] in labels for row in edge_rows)
    types = {row[kind] for row in edge_rows}
    assert {"refines", "contributesTo"} <= types and all(_IDENTIFIER.match(name) for name in types)

    cypher = script.read_text(encoding="utf-8")
    statements = [statement.strip() for statement in re.sub(r"//.*", "", cypher).split(";\n") if statement.strip()]
    every_label = {label for row_labels in labels.values() for label in row_labels}
    assert len(statements) == 2 + len(every_label) + len(types)
    assert all(f"SET n:`{label}`" in cypher for label in every_label)
    assert all(f"MERGE (s)-[r:`{name}`]->(t)" in cypher for name in types)
    for field in nodes_header + edges_header:
        if field not in (":LABEL", ":TYPE", ":START_ID", ":END_ID"):
            assert f"row.`{field}`" in cypher, field


# --- VoID and DCAT --------------------------------------------------------------------------


def test_void_describes_the_build_with_checkable_facts(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    build_copy = tmp_path / "out"
    shutil.copytree(out_dir, build_copy)
    for name in ("turtle", "graphml", "csv"):
        run_export(name, build_copy, dataset=exported)
    (path,) = run_export("void", build_copy, dataset=exported)
    triples = json.loads((build_copy / "build.json").read_text(encoding="utf-8"))["triples"]  # the build's own count
    assert path == build_copy / "void.ttl"
    void = Graph().parse(path, format="turtle")
    dataset = URIRef(path.as_uri() + "#dataset")
    plan = URIRef("https://w3id.org/plankg/id/xincheng-14th")
    subset = URIRef(path.as_uri() + "#xincheng-14th")
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")

    assert int(void.value(dataset, VOID.triples)) == sum(triples.values()) > 8000
    assert (dataset, DCTERMS.license, cc_by) in void
    assert (dataset, VOID.subset, subset) in void and (subset, DCTERMS.source, plan) in void
    issuer = void.value(plan, DCTERMS.publisher)
    assert Literal("呼和浩特市新城区人民政府", lang="zh") in set(void.objects(issuer, RDFS.label))
    assert void.value(plan, DCTERMS.issued) == Literal("2022-08-03", datatype=XSD.date)
    period = void.value(subset, DCTERMS.temporal)
    # From the plan period (2021) or an earlier year the data names (a baseline), to the 2035 vision.
    assert str(void.value(period, DCAT.startDate)) <= "2021" and str(void.value(period, DCAT.endDate)) == "2035"
    place = void.value(subset, DCTERMS.spatial)
    assert Literal("内蒙古自治区呼和浩特市新城区", lang="zh") in set(void.objects(place, RDFS.label))

    for named, counted in triples.items():
        assert int(void.value(URIRef(named), VOID.triples)) == counted
    vocabularies = {str(term) for term in void.objects(dataset, VOID.vocabulary)}
    assert {"http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#", str(PLANKG)} <= vocabularies

    files = {}
    for distribution in void.objects(dataset, DCAT.distribution):
        local = Path(str(void.value(distribution, DCAT.downloadURL)).removeprefix("file://"))
        assert int(void.value(distribution, DCAT.byteSize)) == local.stat().st_size
        files[local.relative_to(build_copy).as_posix()] = void.value(distribution, DCAT.mediaType)
    assert files["plankg.trig"] == URIRef("https://www.iana.org/assignments/media-types/application/trig")
    assert files["export/plankg.ttl"] == URIRef("https://www.iana.org/assignments/media-types/text/turtle")
    assert files["export/csv/nodes.csv"] == URIRef("https://www.iana.org/assignments/media-types/text/csv")
    assert "export/plankg.graphml" in files and "export/plankg.nt" not in files  # only files that exist
    assert void.value(dataset, VOID.sparqlEndpoint) is None  # none is served unless the user names one


def test_void_names_the_endpoint_it_is_given(out_dir: Path, exported: Dataset, tmp_path: Path) -> None:
    endpoint = "http://127.0.0.1:7878/query"
    (path,) = run_export("void", out_dir, out=tmp_path / "void.ttl", endpoint=endpoint, dataset=exported)
    void = Graph().parse(path, format="turtle")
    assert (URIRef(path.as_uri() + "#dataset"), VOID.sparqlEndpoint, URIRef(endpoint)) in void
    assert (None, DCAT.endpointURL, URIRef(endpoint)) in void


# --- ontology documentation -----------------------------------------------------------------


def test_ontology_docs_are_generated_with_pylode(out_dir: Path, tmp_path: Path) -> None:
    (page,) = run_export("ontology-docs", out_dir, out=tmp_path / "ontology" / "index.html")
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>") and "pyLODE" in html
    assert "contributesTo" in html and "任务举措" in html  # plankg:Measure's Chinese label, unescaped
    assert (ROOT / "docs" / "ontology" / "index.html").is_file()


# --- the command ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", exporter_names())
def test_cli_writes_each_format(name: str, build_copy: Path, tmp_path: Path) -> None:
    exporter = get_exporter(name)
    target = tmp_path / exporter.target
    result = CliRunner().invoke(app, ["export", name, "--build", str(build_copy), "--out", str(target)])
    assert result.exit_code == 0, result.output
    written = [Path(line.split(" ", 1)[1].rsplit(" (", 1)[0]) for line in result.output.splitlines()]
    assert written and all(path.is_file() and path.stat().st_size > 0 for path in written)
    assert written[0] == target or written[0].parent == target


def test_cli_default_path_is_in_the_build_folder(build_copy: Path) -> None:
    result = CliRunner().invoke(app, ["export", "ntriples", "--build", str(build_copy)])
    assert result.exit_code == 0, result.output
    assert (build_copy / "export" / "plankg.nt").stat().st_size > 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nope"], "unknown export format 'nope'; known: csv, cytoscape,"),
        (["graphml", "--graphs", "structure"], "graphml takes a comma-separated list of stated, curated, inferred"),
        (["owl", "--graphs", "stated"], "--graphs does not apply to owl"),
        (["void", "--endpoint", "localhost:7878"], "give the http(s) URL of the SPARQL endpoint"),
    ],
)
def test_bad_arguments_are_one_clear_error(arguments: list[str], message: str, build_copy: Path) -> None:
    result = CliRunner().invoke(app, ["export", *arguments, "--build", str(build_copy)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_language_outside_the_choices_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "cytoscape", "--lang", "fr", "--build", str(tmp_path)])
    assert result.exit_code == 2  # a usage error, found before the build is even looked for
    assert "'fr' is not one of: zh, en" in result.output and "Traceback" not in result.output


def test_export_without_a_build_says_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "turtle", "--build", str(tmp_path)])
    assert result.exit_code == 1
    assert "run `plankg build` first" in result.output


def test_every_format_is_documented() -> None:
    guide = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for name in exporter_names():
        assert f"plankg export {name}" in guide, name
