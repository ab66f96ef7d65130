"""SHACL validation compiled to SPARQL and run on pyoxigraph: pySHACL's report in a fraction of its time.

Every constraint of the shapes becomes one SELECT of the focus nodes (and values) that break
it, run over an Oxigraph store holding the data and the ontology (the ontology supplies the
rdfs:subClassOf triples that make a plankg:Vision a SHACL instance of plankg:PlanEntity, as
pySHACL's `ont_graph` does). A shape nested in sh:or, sh:not, sh:node or sh:qualifiedValueShape
becomes a boolean expression. A SHACL term the compiler does not know is an error naming the
shape, never skipped: a check that silently vanished would be a check weakened. pySHACL
(`plankg.graph.shacl.pyshacl_violations`) is the reference the tests compare this with.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD

from plankg.errors import PlankgError
from plankg.graph.namespaces import SH
from plankg.graph.serialisation import oxigraph_term
from plankg.graph.shacl_results import Violation, first_message
from plankg.ontology import SHAPES_FILE

# Lexical forms of the datatypes sh:datatype may name: pySHACL reports an ill-typed literal
# ("abc"^^xsd:integer) as a datatype violation, and Oxigraph stores it without complaint.
LEXICAL_FORMS: dict[Node, str | None] = {
    XSD.string: None,
    RDF.langString: None,
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.nonNegativeInteger: r"^(\\+?[0-9]+|-0+)$",
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
}
NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
NTRIPLES_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
TARGETS = (SH.targetClass, SH.targetSubjectsOf)
# What a shape may say besides its constraints: descriptions, and how its results read.
DESCRIPTIVE = {SH.message, SH.severity, SH.name, SH.description, SH.path, SH.property, *TARGETS}
# Read together with sh:qualifiedValueShape, never on their own.
QUALIFIED = {SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}
VALUE_COMPONENTS = {SH["class"], SH.datatype, SH["in"], SH.nodeKind, SH.minLength, SH.minInclusive, SH.languageIn}
LOGICAL_COMPONENTS = {SH["not"], SH["or"], SH.node}
COUNT_COMPONENTS = {SH.minCount, SH.maxCount, SH.qualifiedValueShape}
PAIR_COMPONENTS = {SH.uniqueLang, SH.lessThan}
SUPPORTED = DESCRIPTIVE | QUALIFIED | VALUE_COMPONENTS | LOGICAL_COMPONENTS | COUNT_COMPONENTS | PAIR_COMPONENTS
SUBCLASS_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT of ?focus (and ?value) for every result it reports."""

    query: str
    path: URIRef | None
    message: str
    severity: str


class ShapesCompiler:
    """Turns the shapes graph into `Check`s; variables are numbered so nested EXISTS never clash."""

    def __init__(self, shapes: Graph, origin: Path = SHAPES_FILE):
        self.shapes = shapes
        self.origin = origin
        self.numbers = itertools.count()

    def fresh(self) -> str:
        return f"?x{next(self.numbers)}"

    def fail(self, shape: Node, why: str) -> PlankgError:
        return PlankgError(f"shape {self.name(shape)}: {why}", self.origin)

    def curie(self, term: Node) -> str:
        return self.shapes.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)

    def name(self, shape: Node) -> str:
        """A named shape by its CURIE; a blank one by its label or path, inside its parent's name."""
        if isinstance(shape, URIRef):
            return self.curie(shape)
        inner = self.shapes.value(shape, RDFS.label) or self.shapes.value(shape, SH.path)
        parent = next(self.shapes.subjects(None, shape), None)
        prefix = f"{self.name(parent)} " if parent is not None else ""
        return f"{prefix}[{self.curie(inner) if inner is not None else 'nested shape'}]"

    # --- reading the shapes --------------------------------------------------------------

    def values(self, shape: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.shapes.objects(shape, predicate), key=str)

    def members(self, shape: Node, predicate: URIRef) -> Iterator[list[Node]]:
        for head in self.values(shape, predicate):
            yield list(Collection(self.shapes, head))

    def one_integer(self, shape: Node, predicate: URIRef) -> int | None:
        found = self.values(shape, predicate)
        if not found:
            return None
        if len(found) > 1 or not isinstance(found[0], Literal) or not isinstance(found[0].toPython(), int):
            raise self.fail(shape, f"{self.curie(predicate)} must be one integer")
        return int(found[0].toPython())

    def path(self, shape: Node) -> URIRef | None:
        paths = self.values(shape, SH.path)
        if not paths:
            return None
        if len(paths) > 1 or not isinstance(paths[0], URIRef):
            raise self.fail(shape, "only a single predicate is supported as sh:path")
        return paths[0]

    def check_supported(self) -> None:
        """Every SHACL term the shapes use is one the compiler turns into SPARQL."""
        for subject, predicate in sorted(set(self.shapes.subject_predicates()), key=str):
            if str(predicate).startswith(str(SH)) and predicate not in SUPPORTED:
                raise self.fail(subject, f"{self.curie(predicate)} is not supported by the SPARQL validator")
            if predicate == SH.qualifiedValueShapesDisjoint and (subject, predicate, Literal(True)) in self.shapes:
                raise self.fail(subject, "sh:qualifiedValueShapesDisjoint true is not supported")

    # --- SPARQL for one shape ------------------------------------------------------------

    def value_tests(self, shape: Node, value: str) -> list[str]:
        """Boolean expressions that each value node of `shape` must satisfy."""
        tests = [f"EXISTS {{ {value} {SUBCLASS_PATH} {cls.n3()} }}" for cls in self.values(shape, SH["class"])]
        for datatype in self.values(shape, SH.datatype):
            tests.append(self.datatype_test(shape, datatype, value))
        for options in self.members(shape, SH["in"]):
            tests.append("(" + " || ".join(f"sameTerm({value}, {self.term(shape, o)})" for o in options) + ")")
        for kind in self.values(shape, SH.nodeKind):
            if kind not in NODE_KINDS:
                raise self.fail(shape, f"unknown sh:nodeKind {kind}")
            tests.append(NODE_KINDS[kind].format(v=value))
        if (length := self.one_integer(shape, SH.minLength)) is not None:
            tests.append(f"(!isBlank({value}) && STRLEN(STR({value})) >= {length})")
        for bound in self.values(shape, SH.minInclusive):
            tests.append(f"COALESCE({value} >= {self.term(shape, bound)}, false)")
        for ranges in self.members(shape, SH.languageIn):
            matches = " || ".join(f"langMatches(lang({value}), {self.term(shape, r)})" for r in ranges)
            tests.append(f"(isLiteral({value}) && ({matches}))")
        tests += [f"!{self.conforms(inner, value)}" for inner in self.values(shape, SH["not"])]
        tests += [f"{self.conforms(inner, value)}" for inner in self.values(shape, SH.node)]
        for alternatives in self.members(shape, SH["or"]):
            tests.append("(" + " || ".join(self.conforms(inner, value) for inner in alternatives) + ")")
        return tests

    def datatype_test(self, shape: Node, datatype: Node, value: str) -> str:
        if datatype not in LEXICAL_FORMS:
            raise self.fail(shape, f"sh:datatype {self.curie(datatype)} is not supported by the SPARQL validator")
        test = f"(isLiteral({value}) && sameTerm(datatype({value}), {datatype.n3()})"
        lexical = LEXICAL_FORMS[datatype]
        return test + (f' && REGEX(STR({value}), "{lexical}"))' if lexical else ")")

    def term(self, shape: Node, node: Node) -> str:
        if isinstance(node, BNode):
            raise self.fail(shape, "a blank node cannot be compared as a constant")
        return node.n3()

    def distinct_values(self, focus: str, path: URIRef, count: int, qualifier: Node | None) -> str:
        """A pattern that holds when `focus` has `count` distinct values (conforming to `qualifier`)."""
        names = [self.fresh() for _ in range(count)]
        parts = [f"{focus} {path.n3()} {name} ." for name in names]
        parts += [f"FILTER(!sameTerm({a}, {b}))" for a, b in itertools.combinations(names, 2)]
        if qualifier is not None:
            parts += [f"FILTER({self.conforms(qualifier, name)})" for name in names]
        return " ".join(parts)

    def count_tests(self, shape: Node, path: URIRef, focus: str) -> list[str]:
        """Boolean expressions on the focus node: how many values it has (of a qualified shape)."""
        tests = []
        if (least := self.one_integer(shape, SH.minCount)) is not None and least > 0:
            tests.append(f"EXISTS {{ {self.distinct_values(focus, path, least, None)} }}")
        if (most := self.one_integer(shape, SH.maxCount)) is not None:
            tests.append(f"NOT EXISTS {{ {self.distinct_values(focus, path, most + 1, None)} }}")
        for qualifier in self.values(shape, SH.qualifiedValueShape):
            if (least := self.one_integer(shape, SH.qualifiedMinCount)) is not None and least > 0:
                tests.append(f"EXISTS {{ {self.distinct_values(focus, path, least, qualifier)} }}")
            if (most := self.one_integer(shape, SH.qualifiedMaxCount)) is not None:
                tests.append(f"NOT EXISTS {{ {self.distinct_values(focus, path, most + 1, qualifier)} }}")
        return tests

    def pair_patterns(self, shape: Node, path: URIRef, focus: str) -> list[tuple[str, str]]:
        """Patterns whose solutions are results comparing two values: (pattern, projection).

        sh:uniqueLang gives one result per focus node and repeated language tag (compared
        case-insensitively), without a value; sh:lessThan one per failing pair, with the value."""
        patterns = []
        if any(flag.toPython() is True for flag in self.values(shape, SH.uniqueLang) if isinstance(flag, Literal)):
            one, other = self.fresh(), self.fresh()
            same_lang = f'lang({one}) != "" && !sameTerm({one}, {other}) && LCASE(lang({one})) = LCASE(lang({other}))'
            pattern = f"{focus} {path.n3()} {one} . {focus} {path.n3()} {other} . FILTER({same_lang})"
            patterns.append((pattern, f"DISTINCT ?focus ?value (LCASE(lang({one})) AS ?language)"))
        for bound in self.values(shape, SH.lessThan):
            value, other = self.fresh(), self.fresh()
            pattern = f"{focus} {path.n3()} {value} . {focus} {bound.n3()} {other} ."
            patterns.append((pattern + f" FILTER(!COALESCE({value} < {other}, false))", f"?focus ({value} AS ?value)"))
        return patterns

    def conforms(self, shape: Node, node: str) -> str:
        """A boolean expression: `node` conforms to `shape` (used for nested shapes)."""
        path = self.path(shape)
        tests = []
        if path is None:
            tests += self.value_tests(shape, node)
        else:
            tests += self.count_tests(shape, path, node)
            value = self.fresh()
            if value_tests := self.value_tests(shape, value):
                tests.append(f"NOT EXISTS {{ {node} {path.n3()} {value} FILTER(!({' && '.join(value_tests)})) }}")
            tests += [f"NOT EXISTS {{ {pattern} }}" for pattern, _ in self.pair_patterns(shape, path, node)]
        tests += [self.conforms(child, node) for child in self.values(shape, SH.property)]
        return "(" + (" && ".join(tests) or "true") + ")"

    # --- top-level checks ----------------------------------------------------------------

    def targets(self, shape: Node) -> str:
        patterns = [f"{{ ?focus {SUBCLASS_PATH} {cls.n3()} }}" for cls in self.values(shape, SH.targetClass)]
        patterns += [f"{{ ?focus {p.n3()} [] }}" for p in self.values(shape, SH.targetSubjectsOf)]
        return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(patterns) + " } }"

    def reported(self, shape: Node) -> tuple[str, str]:
        """The message and severity of the results `shape` reports."""
        message = first_message(self.values(shape, SH.message))
        if message is None:
            raise self.fail(shape, "has no sh:message")
        severity = self.shapes.value(shape, SH.severity)
        return message, severity.fragment if isinstance(severity, URIRef) else "Violation"

    def shape_checks(self, shape: Node, target: str) -> Iterator[Check]:
        """The checks of one shape applied to the focus nodes of `target`, one per constraint."""
        path = self.path(shape)
        message, severity = self.reported(shape)
        if path is None:
            for test in self.value_tests(shape, "?focus"):
                query = f"SELECT ?focus (?focus AS ?value) WHERE {{ {target} FILTER(!{test}) }}"
                yield Check(query, None, message, severity)
            return
        for test in self.count_tests(shape, path, "?focus"):
            yield Check(f"SELECT ?focus ?value WHERE {{ {target} FILTER(!{test}) }}", path, message, severity)
        for test in self.value_tests(shape, "?value"):
            query = f"SELECT ?focus ?value WHERE {{ {target} ?focus {path.n3()} ?value FILTER(!{test}) }}"
            yield Check(query, path, message, severity)
        for pattern, projection in self.pair_patterns(shape, path, "?focus"):
            yield Check(f"SELECT {projection} WHERE {{ {target} {pattern} }}", path, message, severity)

    def compile(self) -> list[Check]:
        self.check_supported()
        shapes_with_targets = sorted({s for t in TARGETS for s in self.shapes.subjects(t, None)}, key=str)
        checks: list[Check] = []
        for shape in shapes_with_targets:
            target = self.targets(shape)
            checks += self.shape_checks(shape, target)
            for child in self.values(shape, SH.property):
                if self.path(child) is None:
                    raise self.fail(child, "a value of sh:property must have an sh:path")
                if self.values(child, SH.property):
                    raise self.fail(child, "sh:property of a property shape is not supported")
                checks += self.shape_checks(child, target)
        return checks


def compile_shapes(shapes: Graph, origin: Path = SHAPES_FILE) -> list[Check]:
    """One SPARQL check per constraint of `shapes`; an unsupported term is an error naming the shape."""
    return ShapesCompiler(shapes, origin).compile()


# --- running the checks --------------------------------------------------------------------


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term, as rdflib itself writes it (a plain string has no datatype)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))


def predicates_read(shapes: Graph) -> set[Node]:
    """The predicates the checks of `shapes` look at: the only triples a store for them needs."""
    read: set[Node] = {RDF.type, RDFS.subClassOf}
    for link in (SH.path, SH.lessThan, SH.targetSubjectsOf):
        read |= set(shapes.objects(None, link))
    return read


def ntriples_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if not isinstance(term, Literal):
        raise TypeError(f"not an IRI or a literal: {term!r}")
    text = '"' + str(term).translate(NTRIPLES_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text


def store_of(graphs: Iterable[Graph], predicates: set[Node]) -> ox.Store:
    """An in-memory store of the triples of `graphs` with the given predicates.

    Written as N-Triples text for Oxigraph's parser, measured faster than building a pyoxigraph
    term per rdflib term (benchmarks/shacl.py). The parser would rename blank nodes, so a triple
    holding one is added term by term instead."""
    lines, with_blanks = [], []
    for graph in graphs:
        for predicate in predicates:
            for s, p, o in graph.triples((None, predicate, None)):
                if isinstance(s, BNode) or isinstance(o, BNode):
                    with_blanks.append(ox.Quad(*(oxigraph_term(t) for t in (s, p, o))))  # type: ignore[arg-type]
                else:
                    lines.append(f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} .\n")
    store = ox.Store()
    try:
        store.load("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as error:
        raise PlankgError(f"the graph holds a term that cannot be validated: {error}") from None
    store.extend(with_blanks)
    return store


def run_checks(store: ox.Store, checks: list[Check]) -> list[Violation]:
    """Every result of every check on `store`, as pySHACL's report would list them."""
    violations = []
    for check in checks:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            value = row["value"]
            violations.append(
                Violation(
                    focus=from_oxigraph(row["focus"]),
                    path=check.path,
                    value=from_oxigraph(value) if value is not None else None,
                    message=check.message,
                    severity=check.severity,
                )
            )
    return sorted(violations, key=lambda v: (str(v.focus), str(v.path), v.message, str(v.value)))


def sparql_violations(data: Graph, shapes: Graph, ontology: Graph | None) -> list[Violation]:
    """Every SHACL result for `data` with the ontology's subclass links, from compiled SPARQL."""
    store = store_of([data] if ontology is None else [data, ontology], predicates_read(shapes))
    return run_checks(store, compile_shapes(shapes))
