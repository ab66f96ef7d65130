"""A node's page, like an item page of Wikidata: everything the graph says about one node, each
statement with its support.

The page holds the node's names in every language, its class, its values, the evidence it rests
on (evidence.rq), its links in and out grouped by relation, the places it is in up the `within`
chain, the targets and observations of its indicators, and the goals it serves up to the vision
(goals-served.rq). A link's support is the plan's words (a quote, in the `stated` graph) or a
curator's reading (a justification, in the `curated` graph), and says which. The reasoner's
links (inverses, transitive closures) are left out: each stands in the other end's page, or in
the place chain.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from plankg.graph.engines import Engine, Term, bind, select
from plankg.graph.iris import PLANKG, shorten
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query

if TYPE_CHECKING:
    from plankg.graph.opened import GraphView

_OUT = """
SELECT ?p ?o ?g ?id ?zh ?en WHERE {
  VALUES ?node { }
  GRAPH ?g { ?node ?p ?o }
  OPTIONAL { ?o plankg:plan ?plan }
  OPTIONAL { ?o plankg:localId ?id }
  OPTIONAL { ?o rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?o rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""

_IN = """
SELECT ?s ?p ?g ?id ?zh ?en WHERE {
  VALUES ?node { }
  GRAPH ?g { ?s ?p ?node }
  ?s plankg:plan ?plan ; plankg:localId ?id .
  OPTIONAL { ?s rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?s rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""

# One query per side of the link, each anchored on the node: a UNION, or an OPTIONAL of more
# than one pattern, the store evaluates over the whole graph before it joins (300 ms at 10 plans).
_STATEMENTS = """
SELECT ?st ?s ?p ?o ?why WHERE {
  VALUES ?node { }
  ?st rdf:SIDE ?node ; a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st plankg:justification ?why }
}"""

# The quotes of several statements or nodes at once, in the order of the text: no OPTIONAL
# around the evidence path, which the store would evaluate over every quote of the graph.
_QUOTES = """
SELECT ?of ?paragraph ?quote WHERE {
  VALUES ?of { }
  ?of plankg:evidence ?ev .
  ?ev plankg:paragraph/plankg:localId ?paragraph ; oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start .
} ORDER BY ?start"""

_PLACES = """
SELECT ?place ?id ?zh ?en ?parent WHERE {
  VALUES ?node { }
  ?node (plankg:locatedIn|plankg:within)/plankg:within* ?place .
  ?place plankg:localId ?id .
  OPTIONAL { ?place plankg:within ?parent }
  OPTIONAL { ?place rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?place rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""

_MEASURED_BY = "SELECT ?ind WHERE { VALUES ?node { } ?ind plankg:measures ?node }"

_VALUES = """
SELECT ?v ?id ?class ?value ?unit ?year ?cmp ?indicator WHERE {
  VALUES ?ind { }
  ?v plankg:indicator ?ind ; a ?class ; plankg:localId ?id .
  FILTER(STRSTARTS(STR(?class), STR(plankg:)))
  OPTIONAL { ?ind rdfs:label ?indicator FILTER(LANG(?indicator) = "zh") }
  OPTIONAL { ?v plankg:value ?value }
  OPTIONAL { ?v plankg:unit ?unit FILTER(LANG(?unit) = "zh") }
  OPTIONAL { ?v plankg:year ?year }
  OPTIONAL { ?v plankg:comparator ?cmp }
} ORDER BY ?indicator ?year ?id"""

# Literal properties a page shows under the node's names and values, in this order.
_NAMES = ("rdfs:label", "skos:prefLabel", "skos:altLabel")
_FACTS = (
    "rdfs:comment",
    "skos:definition",
    "plankg:justification",
    "plankg:value",
    "plankg:unit",
    "plankg:comparator",
    "plankg:year",
    "plankg:fromYear",
    "plankg:dueYear",
    "plankg:statusAsStated",
    "plankg:heading",
    "dcterms:title",
    "plankg:text",
)
# What the page says in its own sections (evidence, the plan a node belongs to), not as links.
_NOT_LINKS = ("plankg:plan", "plankg:evidence", "prov:wasDerivedFrom", "rdf:type")


@dataclass(frozen=True)
class End:
    """The other end of a link, or a place, or a goal: what a reader needs to find it."""

    id: str
    label: str
    label_en: str
    iri: str


@dataclass(frozen=True)
class Support:
    """The plan's words behind a link (quote) or a curator's reading of them (justification)."""

    kind: str  # "quote" (stated graph) or "justification" (curated graph)
    paragraph: str = ""
    quote: str = ""
    justification: str = ""


@dataclass(frozen=True)
class Link:
    relation: str  # prefixed, e.g. plankg:locatedIn
    direction: str  # "out" (this node → other) or "in" (other → this node)
    other: End
    support: list[Support]


@dataclass(frozen=True)
class Page:
    """Everything `plankg show` prints about one node."""

    iri: str
    id: str
    cls: str
    classes: list[str]
    names: dict[str, list[dict[str, str]]]  # property → [{lang, text}]
    facts: dict[str, list[dict[str, str]]]
    evidence: list[dict[str, str]]
    links: list[Link]
    places: list[dict[str, Any]]
    values: list[dict[str, str]]
    goals: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _text(term: Term | None) -> str:
    return "" if term is None else term.value


def _kind(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


def _end(row: dict[str, Term | None], key: str) -> End:
    return End(_text(row["id"]), _text(row["zh"]), _text(row["en"]), _text(row[key]))


def node_page(view: GraphView, node: Term, lang: str = "zh") -> Page:
    """The page of a node (its IRI as resolved by queries/names.py), read through the view's
    engine; the goals it serves are labelled in `lang`."""
    engine, vocabulary = view.engine(), view.vocabulary
    out = select(engine, bind(_OUT, {"node": node})).records()
    classes = {
        _text(r["o"]).removeprefix(str(PLANKG))
        for r in out
        if shorten(_text(r["p"])) == "rdf:type" and _text(r["o"]).startswith(str(PLANKG))
    }
    literal: dict[str, list[dict[str, str]]] = {}
    for row in out:
        term, prop = row["o"], shorten(_text(row["p"]))
        if term is not None and (term.kind == "literal" or prop == "plankg:comparator"):
            value = term.value.removeprefix(str(PLANKG))
            entry = {"lang": term.lang or "", "text": value, "graph": _kind(_text(row["g"]))}
            if entry not in literal.setdefault(prop, []):
                literal[prop].append(entry)
    ids = literal.get("plankg:localId", [{"text": node.value}])
    is_entity = any(shorten(_text(r["p"])) == "plankg:plan" for r in out)
    return Page(
        iri=node.value,
        id=ids[0]["text"],
        cls=vocabulary.most_specific(classes),
        classes=sorted(vocabulary.with_superclasses(classes)),
        names={prop: literal[prop] for prop in _NAMES if prop in literal},
        facts={prop: literal[prop] for prop in _FACTS if prop in literal},
        evidence=_evidence(engine, node),
        links=_links(engine, node, out),
        places=_places(engine, node),
        values=_values(engine, node),
        goals=_goals(engine, node, lang) if is_entity else [],
    )


def _evidence(engine: Engine, node: Term) -> list[dict[str, str]]:
    """The node's quotes with their paragraph, section and chapter (the catalogue's evidence query)."""
    return run_catalogue_query(engine, load_catalogue()["evidence"], {"node": node.value}).dicts()


def _goals(engine: Engine, node: Term, lang: str) -> list[dict[str, str]]:
    """The goals the node serves up to the vision (the catalogue's goals-served query)."""
    return run_catalogue_query(engine, load_catalogue()["goals-served"], {"node": node.value}, lang).dicts()


def _links(engine: Engine, node: Term, out: list[dict[str, Term | None]]) -> list[Link]:
    """Stated and curated links with the other curated nodes, each with its quotes or justification."""
    statements = [
        row
        for side in ("subject", "object")
        for row in select(engine, bind(_STATEMENTS.replace("SIDE", side), {"node": node})).records()
    ]
    quotes = _quotes(engine, [row["st"] for row in statements if row["st"] is not None])
    supports: dict[tuple[str, str, str], list[Support]] = {}
    for row in statements:
        triple = (_text(row["s"]), _text(row["p"]), _text(row["o"]))
        why = _text(row["why"])
        cited = quotes.get(_text(row["st"]), [("", "")])
        for paragraph, quote in cited if not why else cited[:1]:
            support = Support("justification" if why else "quote", paragraph, quote, why)
            if support not in supports.setdefault(triple, []):
                supports[triple].append(support)
    links = []
    for row in out:
        prop, other = shorten(_text(row["p"])), row["o"]
        if other is None or other.kind != "uri" or row["id"] is None or prop in _NOT_LINKS:
            continue
        if _kind(_text(row["g"])) in ("stated", "curated"):
            triple = (node.value, _text(row["p"]), other.value)
            links.append(Link(prop, "out", _end(row, "o"), supports.get(triple, [])))
    for row in select(engine, bind(_IN, {"node": node})).records():
        prop = shorten(_text(row["p"]))
        if prop not in _NOT_LINKS and _kind(_text(row["g"])) in ("stated", "curated"):
            triple = (_text(row["s"]), _text(row["p"]), node.value)
            links.append(Link(prop, "in", _end(row, "s"), supports.get(triple, [])))
    return sorted(links, key=lambda link: (link.direction != "out", link.relation, link.other.id))


def _quotes(engine: Engine, subjects: list[Term]) -> dict[str, list[tuple[str, str]]]:
    """Each statement's or node's (paragraph, quote) pairs, in the order of the text."""
    found: dict[str, list[tuple[str, str]]] = {}
    if subjects:
        for row in select(engine, bind(_QUOTES, {"of": tuple(subjects)})).dicts():
            found.setdefault(row["of"], []).append((row["paragraph"], row["quote"]))
    return found


def _places(engine: Engine, node: Term) -> list[dict[str, Any]]:
    """The places the node is in or within, most specific first, each with the places it is within."""
    parents: dict[str, set[str]] = {}
    ends: dict[str, End] = {}
    for row in select(engine, bind(_PLACES, {"node": node})).records():
        place = _text(row["place"])
        ends[place] = _end(row, "place")
        parents.setdefault(place, set())
        if row["parent"] is not None:
            parents[place].add(row["parent"].value)

    def above(place: str, seen: frozenset[str] = frozenset()) -> set[str]:
        found = set()
        for parent in parents.get(place, set()) - seen:
            found |= {parent, *above(parent, seen | {place})}
        return found

    chain = sorted(ends, key=lambda place: (-len(above(place)), ends[place].id))
    return [asdict(ends[place]) | {"depth": len(above(place) & set(ends))} for place in chain]


def _values(engine: Engine, node: Term) -> list[dict[str, str]]:
    """The targets and observations of the node (an indicator) or of the indicators measuring it (a goal)."""
    rows: dict[str, dict[str, str]] = {}
    measuring = [row[0] for row in select(engine, bind(_MEASURED_BY, {"node": node})).rows if row[0] is not None]
    for row in select(engine, bind(_VALUES, {"ind": (node, *measuring)})).dicts():
        cls = row.pop("class").removeprefix(str(PLANKG))
        if "cmp" in row:
            row["cmp"] = row["cmp"].removeprefix(str(PLANKG))
        rows.setdefault(row["v"], row | {"class": cls})
    quotes = _quotes(engine, [Term("uri", value) for value in rows])
    for value, row in rows.items():
        row["paragraph"], row["quote"] = quotes.get(value, [("", "")])[0]
    return list(rows.values())


__all__ = ["End", "Link", "Page", "Support", "node_page"]
