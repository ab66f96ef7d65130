"""OWL reasoning with HermiT (through owlready2): a consistency check and materialised links.

HermiT sees the ontology and the OWL part of the data (class assertions and links between
nodes); provenance (evidence, reified statements, labels, quotes) is not OWL and stays out. What
it infers beyond what was asserted (inverse links, transitive closures of `refines` and
`within`, more specific types) goes to the plan's `inferred` graph.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from plankg.errors import PlankgError
from plankg.graph.namespaces import ID_BASE
from plankg.graph.processes import die_with_parent
from plankg.graph.scratch import scratch_prefix

_INFERENCES = "http://inferrences/"  # where owlready2 puts what the reasoner adds (sic)


class InconsistentGraph(PlankgError):
    """HermiT's verdict, with the nodes a curator should look at and why."""

    def __init__(self, culprits: list[tuple[Node, str]]):
        self.culprits = culprits
        reasons = "; ".join(f"<{node}>: {why}" for node, why in culprits) or "no simple cause found"
        super().__init__(f"HermiT finds the ontology plus data inconsistent: {reasons}")


def superclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """The class and every class above it through rdfs:subClassOf."""
    found, frontier = {cls}, [cls]
    while frontier:
        for parent in ontology.objects(frontier.pop(), RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent not in found:
                found.add(parent)
                frontier.append(parent)
    return found


def _disjoint_pairs(ontology: Graph) -> set[tuple[Node, Node]]:
    """Every ordered pair of classes the ontology declares disjoint."""
    pairs = set(ontology.subject_objects(OWL.disjointWith))
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        head = ontology.value(axiom, OWL.members)
        members = list(Collection(ontology, head)) if head is not None else []
        pairs |= set(itertools.permutations(members, 2))
    return pairs | {(b, a) for a, b in pairs}


def explain_inconsistency(ontology: Graph, data: Graph) -> list[tuple[Node, str]]:
    """The usual causes, found directly: a node in two disjoint classes, or a functional
    property with two values. HermiT says only that the whole is inconsistent."""
    disjoint = _disjoint_pairs(ontology)
    culprits = []
    for node in set(data.subjects(RDF.type, None)):
        if not str(node).startswith(ID_BASE):
            continue
        types = sorted(t for t in data.objects(node, RDF.type) if isinstance(t, URIRef))
        for first, second in itertools.combinations(types, 2):
            above_first, above_second = superclasses(ontology, first), superclasses(ontology, second)
            if any((a, b) in disjoint for a in above_first for b in above_second):
                culprits.append((node, f"typed both {first.n3()} and {second.n3()}, which are disjoint"))
    for prop in ontology.subjects(RDF.type, OWL.FunctionalProperty):
        for node in set(data.subjects(prop, None)):
            values = set(data.objects(node, prop))
            if len(values) > 1:
                culprits.append((node, f"{len(values)} values of the functional property {prop.n3()}"))
    return sorted(culprits)


def owl_view(ontology: Graph, data: Graph) -> Graph:
    """The ontology plus the data's class assertions and object-property links."""
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    view = Graph()
    for triple in ontology:
        view.add(triple)
    for subject, predicate, obj in data:
        if not isinstance(subject, URIRef) or not str(subject).startswith(ID_BASE):
            continue
        if (predicate == RDF.type and obj in classes) or (predicate in object_properties and isinstance(obj, URIRef)):
            view.add((subject, predicate, obj))
    return view


@contextlib.contextmanager
def _confined(folder: str) -> Iterator[None]:
    """While HermiT runs: its JVM dies with this process (on Linux), and the file owlready2 hands
    it (made in the default temporary folder, and left there when HermiT fails) goes into `folder`."""
    kargs = owlready2.reasoning._subprocess_kargs  # what owlready2 passes to subprocess
    saved_kargs, saved_tempdir = dict(kargs), tempfile.tempdir
    if sys.platform == "linux":
        kargs["preexec_fn"] = die_with_parent
    tempfile.tempdir = folder
    try:
        yield
    finally:
        kargs.clear()
        kargs.update(saved_kargs)
        tempfile.tempdir = saved_tempdir


def reason(ontology: Graph, data: Graph) -> Graph:
    """What HermiT infers about the data beyond what it asserts; raises if inconsistent.

    Its files go into a folder named with this process's id, so that a later run can tell the
    folder of a killed build from that of a running one."""
    view = owl_view(ontology, data)
    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("reason")) as folder:
        path = Path(folder) / "view.nt"
        view.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load()
        try:
            with _confined(folder):
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise InconsistentGraph(explain_inconsistency(ontology, view)) from exc
        except (owlready2.OwlReadyJavaError, FileNotFoundError) as exc:
            raise PlankgError(f"HermiT could not run (it needs Java 8 or newer on the PATH): {exc}") from exc
    inferred = _inferred_triples(world, view)
    return _with_inverses(ontology, view, inferred)


def _with_inverses(ontology: Graph, asserted: Graph, inferred: Graph) -> Graph:
    """Add the inverse of every link, asserted or inferred, per the ontology's owl:inverseOf.

    owlready2 answers inverse properties at query time and so never stores them as inferences;
    a triple store needs them written out.
    """
    inverse_of: dict[Node, Node] = {}
    for first, second in ontology.subject_objects(OWL.inverseOf):
        inverse_of[first], inverse_of[second] = second, first
    links = [(s, p, o) for graph in (asserted, inferred) for s, p, o in graph if p in inverse_of]
    for subject, predicate, obj in links:
        if str(subject).startswith(ID_BASE) and (obj, inverse_of[predicate], subject) not in asserted:
            inferred.add((obj, inverse_of[predicate], subject))
    return inferred


def _inferred_triples(world: owlready2.World, asserted: Graph) -> Graph:
    inferences = world.get_ontology(_INFERENCES)
    inferred = Graph()
    for s, p, o in inferences.get_triples(None, None, None):
        subject, predicate = URIRef(world._unabbreviate(s)), URIRef(world._unabbreviate(p))
        if not str(subject).startswith(ID_BASE) or not isinstance(o, int) or o < 0:
            continue
        obj = URIRef(world._unabbreviate(o))
        if (subject, predicate, obj) not in asserted and not isinstance(obj, Literal) and obj != OWL.Thing:
            inferred.add((subject, predicate, obj))
    return inferred
