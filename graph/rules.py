"""Rule-based materialisation of the few OWL constructs the ontology uses, for when HermiT is
too slow (it takes seconds per plan, so minutes to hours for many plans).

The rules are the OWL 2 RL ones for exactly what `ontology/plankg.ttl` states: rdfs:subClassOf
between named classes, rdfs:domain and rdfs:range, owl:allValuesFrom restrictions, owl:inverseOf
and owl:TransitiveProperty. They run to a fixpoint in memory in a fraction of a second per plan;
the test suite checks that they infer exactly what HermiT infers on the real plan, and the
consistency check covers what the ontology can get wrong (disjoint classes, functional
properties), with the same explanation the HermiT path gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from plankg.graph.namespaces import ID_BASE
from plankg.graph.reason import InconsistentGraph, explain_inconsistency, owl_view, superclasses

Triple = tuple[Node, Node, Node]


@dataclass
class Axioms:
    """What the rules need from the ontology, read once."""

    superclasses: dict[Node, set[Node]] = field(default_factory=dict)  # reflexive-transitive
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    all_values: dict[Node, set[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(set))
    inverse: dict[Node, Node] = field(default_factory=dict)
    transitive: set[Node] = field(default_factory=set)

    @classmethod
    def of(cls, ontology: Graph) -> Axioms:
        axioms = cls()
        named = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        axioms.superclasses = {cls_: set(superclasses(ontology, cls_)) for cls_ in named}
        for prop, cls_ in ontology.subject_objects(RDFS.domain):
            if cls_ in named:
                axioms.domains[prop].add(cls_)
        for prop, cls_ in ontology.subject_objects(RDFS.range):
            if cls_ in named:
                axioms.ranges[prop].add(cls_)
        for cls_, restriction in ontology.subject_objects(RDFS.subClassOf):
            on, filler = ontology.value(restriction, OWL.onProperty), ontology.value(restriction, OWL.allValuesFrom)
            if cls_ in named and on is not None and filler is not None and filler in named:
                axioms.all_values[cls_].add((on, filler))
        for first, second in ontology.subject_objects(OWL.inverseOf):
            axioms.inverse[first], axioms.inverse[second] = second, first
        axioms.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        return axioms

    def above(self, cls_: Node) -> set[Node]:
        return self.superclasses.get(cls_, {cls_})


def _close_links(links: set[Triple], axioms: Axioms) -> set[Triple]:
    """Links under owl:inverseOf and owl:TransitiveProperty, to a fixpoint."""
    closed = set(links)
    while True:
        added = {(o, axioms.inverse[p], s) for s, p, o in closed if p in axioms.inverse} - closed
        by_start: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        for s, p, o in closed | added:
            if p in axioms.transitive:
                by_start[(s, p)].add(o)
        for (s, p), ends in list(by_start.items()):
            reach, frontier = set(ends), list(ends)
            while frontier:
                for further in by_start.get((frontier.pop(), p), ()):
                    if further not in reach:
                        reach.add(further)
                        frontier.append(further)
            added |= {(s, p, o) for o in reach if o != s or (s, p, o) in closed} - closed
        if not added:
            return closed
        closed |= added


def _close_types(types: set[tuple[Node, Node]], links: set[Triple], axioms: Axioms) -> set[tuple[Node, Node]]:
    """Class memberships under subclass, domain, range and allValuesFrom, to a fixpoint."""
    closed: set[tuple[Node, Node]] = set()
    pending = set(types)
    for s, p, o in links:
        pending |= {(s, c) for c in axioms.domains.get(p, ())}
        pending |= {(o, c) for c in axioms.ranges.get(p, ())}
    outgoing: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in links:
        outgoing[s].append((p, o))
    while pending:
        node, cls_ = pending.pop()
        for above in axioms.above(cls_):
            if (node, above) in closed:
                continue
            closed.add((node, above))
            for prop, filler in axioms.all_values.get(above, ()):
                pending |= {(o, filler) for p, o in outgoing.get(node, ()) if p == prop}
    return closed


def _new_specific_types(
    closed: set[tuple[Node, Node]], asserted: set[tuple[Node, Node]], axioms: Axioms
) -> set[tuple[Node, Node]]:
    """The entailed classes a reasoner reports: per node, the most specific ones that its
    asserted classes do not already imply (as HermiT's reclassification through owlready2)."""
    implied: dict[Node, set[Node]] = defaultdict(set)
    for node, cls_ in asserted:
        implied[node] |= axioms.above(cls_)
    entailed: dict[Node, set[Node]] = defaultdict(set)
    for node, cls_ in closed:
        entailed[node].add(cls_)
    found = set()
    for node, classes in entailed.items():
        fresh = classes - implied[node] - {OWL.Thing}
        for cls_ in fresh:
            if not any(other != cls_ and cls_ in axioms.above(other) for other in fresh):
                found.add((node, cls_))
    return found


def materialise(ontology: Graph, data: Graph) -> Graph:
    """What the rules infer about the data beyond what it asserts; raises if inconsistent."""
    view = owl_view(ontology, data)
    axioms = Axioms.of(ontology)
    individuals = {s for s in view.subjects() if str(s).startswith(ID_BASE)}
    links: set[Triple] = {(s, p, o) for s, p, o in view if s in individuals and p != RDF.type and isinstance(o, URIRef)}
    types = {(s, o) for s, o in view.subject_objects(RDF.type) if s in individuals}
    closed_links = _close_links(links, axioms)
    inferred = Graph()
    for triple in closed_links - links:
        if str(triple[0]).startswith(ID_BASE):
            inferred.add(triple)
    for node, cls_ in _new_specific_types(_close_types(types, closed_links, axioms), types, axioms):
        if str(node).startswith(ID_BASE):
            inferred.add((node, RDF.type, cls_))
    culprits = explain_inconsistency(ontology, view + inferred)
    if culprits:
        raise InconsistentGraph(culprits)
    return inferred
