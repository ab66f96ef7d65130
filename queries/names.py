"""Names resolved the way people type them: the one resolver of every command that takes a node.

A node is named by its IRI, its id (`place-tech-city-area`, or `xincheng-14th/place-tech-city-area`
when several plans are loaded; an id it had before a correction names it too), or any of its names:
Chinese, English and pinyin labels, aliases and short names (skos:altLabel), a concept's preferred
label, a plan's title. The steps:

1. exact RDF terms (an id, or a name in one of the languages the build writes), which the store
   answers from its index however many plans it holds;
2. the names compared in their normal form (graph/search.py `normalized`: spaces, quote marks
   “”《》"' and full-/half-width differences do not count, nor case or pinyin tone marks);
3. a name that is part of exactly one node's name (of the class asked for) resolves to that
   node: `科技城片区` is 呼和浩特金山高新技术产业开发区科技城片区 if nothing else is called so.

Several nodes at step 1 or 2: an error listing them (class, id, label) to choose from; several
at step 3: an error suggesting them (class, id, label); none at all: an error suggesting the
nearest names (the names inside the one typed, then the most alike).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term, bind, select
from plankg.graph.iris import ID_BASE, PLANKG
from plankg.graph.search import normalized
from plankg.graph.sparql_text import shown
from plankg.queries.catalogue import Param

_NAME_PATTERN = """{ ?node plankg:localId ?name } UNION { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  UNION { ?node skos:prefLabel ?name } UNION { ?node dcterms:title ?name ; a plankg:Plan }"""

_FIND_NODE = f"""
SELECT DISTINCT ?node WHERE {{
  VALUES ?name {{ }}
  {_NAME_PATTERN}
}} ORDER BY ?node"""
_NAME_LANGS = (None, "zh", "en", "zh-latn-pinyin")

# Every name (that holds some words, if given), with the node's own classes: what steps 2 and 3
# compare, only for a name step 1 misses.
_NAMES = f"""
SELECT ?node ?name ?class WHERE {{
  {_NAME_PATTERN}
  HOLDING
  OPTIONAL {{ ?node a ?class FILTER(STRSTARTS(STR(?class), STR(plankg:))) }}
}}"""
# Chinese characters are the same in every normal form, so the longest run of them in a typed
# name must be in the names it can match: the store is asked only for those (all the names of
# ten plans are 115,000 rows and 3.6 s; those holding a run, a few). Other names read them all.
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")

_DESCRIBE = """
SELECT ?node ?id ?class ?label WHERE {
  VALUES ?node { }
  OPTIONAL { ?node plankg:localId ?id }
  OPTIONAL { ?node a ?class FILTER(STRSTARTS(STR(?class), STR(plankg:))) }
  OPTIONAL { ?node rdfs:label ?label FILTER(LANG(?label) = "zh") }
}"""

_IS_A = "ASK { VALUES ?node { } VALUES ?class { } ?node a/rdfs:subClassOf* ?class }"
_EXISTS = "ASK { VALUES ?node { } { ?node ?p ?o } UNION { ?s ?p ?node } }"
# An id a node was published under before a correction names the node now (owl:sameAs, curated).
# Its IRI ends in `/id` (or `/plan-id/id`): the few sameAs links are read whole.
_RENAMED = "SELECT ?node WHERE { VALUES ?end { } ?node owl:sameAs ?former FILTER(STRENDS(STR(?former), ?end)) }"
# A plan is named by its id, the last segment of its IRI (`xincheng-14th`); so is a node by
# `plan-id/node-id`, which stays unambiguous when the store holds many plans.
_ID_PATH = re.compile(r"^[^\s/<>\"{}|\\^`]+(/[^\s/<>\"{}|\\^`]+)?$")
_LISTED = 6  # candidates an error lists


def ask(engine: Engine, sparql: str) -> bool:
    """An ASK answer; some endpoints (Virtuoso) send it as a one-row table instead of a boolean."""
    answer = engine.query(sparql)
    if isinstance(answer, Table):
        return bool(answer.rows) and answer.rows[0][0] is not None and answer.rows[0][0].value in ("1", "true")
    return bool(answer)


def _select(engine: Engine, sparql: str, values: Mapping[str, Term | tuple[Term, ...]]) -> Table:
    return select(engine, bind(sparql, values))


def resolve_node(engine: Engine, value: str, param: Param) -> Term:
    """The IRI of the node a user means by an id, IRI or name; a clear error if none or several."""
    if value.startswith(("http://", "https://")):
        node = Term("uri", value)
        try:
            node.n3()
        except ValueError as exc:
            raise PlankgError(f"{param.name}: {shown(value)} is not a valid IRI ({exc})") from exc
        if not ask(engine, bind(_EXISTS, {"node": node})):
            raise PlankgError(f"{param.name}: no node {shown(value)} in the graph")
    else:
        node = _one(engine, value, param)
    if param.cls is not None and not _is_a(engine, node, param.cls):
        raise PlankgError(f"{param.name}: {shown(value)} is not a {param.cls}")
    return node


def _is_a(engine: Engine, node: Term, cls: str) -> bool:
    return ask(engine, bind(_IS_A, {"node": node, "class": Term("uri", str(PLANKG[cls]))}))


def _one(engine: Engine, value: str, param: Param) -> Term:
    """The one node a name names, through the three steps of the module's docstring."""
    exact = _find_nodes(engine, value)
    if param.cls is not None and len(exact) > 1:
        exact = [node for node in exact if _is_a(engine, node, param.cls)] or exact
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _several(engine, param, value, exact, "names")
    key = normalized(value)
    if not key:
        raise PlankgError(f"{param.name}: {shown(value)} names nothing: give an id or a name")
    runs = sorted(_HAN_RUN.findall(key), key=len)
    names = NameTable.read(engine, runs[-1] if runs else None)
    same = names.equal(key, param.cls)
    if len(same) == 1:
        return same[0]
    if same:
        raise _several(engine, param, value, same, "names")
    holding = names.containing(key, param.cls)
    if len(holding) == 1:
        return holding[0]
    if holding:
        listed = _listed(engine, holding)
        raise PlankgError(
            f"{param.name}: nothing in the graph is called {shown(value)}; did you mean one of the "
            f"{len(holding)} whose names hold it ({listed})? give its id"
        )
    nearest = (NameTable.read(engine) if runs else names).suggest(key)
    raise PlankgError(f"{param.name}: nothing in the graph is called {shown(value)}{nearest}")


def _find_nodes(engine: Engine, value: str) -> list[Term]:
    """The nodes a name (id, label, plan title, or a plan's id) names as an exact term, in IRI order."""
    names = tuple(Term("literal", value, lang=lang) for lang in _NAME_LANGS)
    found = {row[0] for row in _select(engine, _FIND_NODE, {"name": names}).rows if row[0] is not None}
    if _ID_PATH.match(value):
        iri = Term("uri", ID_BASE + value)
        try:
            iri.n3()
        except ValueError:
            pass
        else:
            end = Term("literal", "/" + value)
            renamed = [row[0] for row in _select(engine, _RENAMED, {"end": end}).rows if row[0] is not None]
            if renamed:
                found.update(renamed)
            elif ask(engine, bind(_EXISTS, {"node": iri})):
                found.add(iri)
    return sorted(found)


def _several(engine: Engine, param: Param, value: str, nodes: list[Term], verb: str) -> PlankgError:
    """One line: the name is ambiguous, and these are the nodes to choose from."""
    return PlankgError(
        f"{param.name}: {shown(value)} {verb} {len(nodes)} nodes ({_listed(engine, nodes)}); give one of their ids"
    )


def _listed(engine: Engine, nodes: list[Term]) -> str:
    """The first candidates as `class id label; …`, and how many more there are."""
    described = describe(engine, nodes[:_LISTED])
    ids = [id_ for _, id_, _ in described]
    if len(set(ids)) < len(ids):  # the same id in several plans: name each by plan-id/node-id
        ids = [node.value.removeprefix(ID_BASE) for node in nodes[:_LISTED]]
    listed = "; ".join(f"{cls} {id_} {label}" for (cls, _, label), id_ in zip(described, ids, strict=True))
    return listed + (f"; and {len(nodes) - _LISTED} more" if len(nodes) > _LISTED else "")


def describe(engine: Engine, nodes: Iterable[Term]) -> list[tuple[str, str, str]]:
    """(class, id, Chinese label) of each node, in the order given: how a candidate is listed."""
    from plankg.graph.vocabulary import read_vocabulary

    listed = tuple(nodes)
    vocabulary = read_vocabulary(engine)
    found: dict[Term, tuple[set[str], str, str]] = {node: (set(), "", "") for node in listed}
    for row in _select(engine, _DESCRIBE, {"node": listed}).records():
        node = row["node"]
        if node is None or node not in found:
            continue
        classes, id_, label = found[node]
        if row["class"] is not None:
            classes.add(row["class"].value.removeprefix(str(PLANKG)))
        found[node] = (classes, row["id"].value if row["id"] else id_, row["label"].value if row["label"] else label)
    result = []
    for node in listed:
        classes, id_, label = found[node]
        result.append((vocabulary.most_specific(classes) or "node", id_ or node.value, label))
    return result


@dataclass(frozen=True)
class NameTable:
    """Every name of every node in its normal form, with each node's classes."""

    names: list[tuple[Term, str, str]]  # node, name as written, normal form
    classes: dict[Term, frozenset[str]]  # every class of a node, superclasses included

    @classmethod
    def read(cls, engine: Engine, holding: str | None = None) -> NameTable:
        """Every name of the graph, or those that hold `holding` as written."""
        from plankg.graph.vocabulary import read_vocabulary

        words = "" if holding is None else f"FILTER(CONTAINS(STR(?name), {Term('literal', holding).n3()}))"

        vocabulary = read_vocabulary(engine)
        names: dict[tuple[Term, str], str] = {}
        classes: dict[Term, set[str]] = {}
        for row in select(engine, _NAMES.replace("HOLDING", words)).records():
            node, name, class_ = row["node"], row["name"], row["class"]
            if node is None or name is None:
                continue
            names[node, name.value] = normalized(name.value)
            if class_ is not None:
                classes.setdefault(node, set()).update(
                    vocabulary.with_superclasses([class_.value.removeprefix(str(PLANKG))])
                )
        return cls(
            [(node, name, norm) for (node, name), norm in names.items()],
            {node: frozenset(found) for node, found in classes.items()},
        )

    def _of(self, cls: str | None, found: Iterable[tuple[Term, str]]) -> list[Term]:
        """The nodes of the class (if given) among (node, name) pairs, the shortest name first."""
        shortest: dict[Term, int] = {}
        for node, norm in found:
            if cls is None or cls in self.classes.get(node, frozenset()):
                shortest[node] = min(len(norm), shortest.get(node, len(norm)))
        return sorted(shortest, key=lambda node: (shortest[node], node))

    def equal(self, key: str, cls: str | None) -> list[Term]:
        """The nodes with a name whose normal form is `key`."""
        return self._of(cls, ((node, norm) for node, _, norm in self.names if norm == key))

    def containing(self, key: str, cls: str | None) -> list[Term]:
        """The nodes with a name whose normal form holds `key`, the nearest (shortest name) first."""
        return self._of(cls, ((node, norm) for node, _, norm in self.names if key in norm))

    def suggest(self, key: str) -> str:
        """`; did you mean …?` with the names nearest to `key`: those inside it (longest first),
        then those most alike; or nothing."""
        written = {norm: name for _, name, norm in self.names}
        inside = sorted((norm for norm in written if len(norm) > 1 and norm in key), key=len, reverse=True)
        alike = difflib.get_close_matches(key, list(written), n=3, cutoff=0.5)
        nearest = list(dict.fromkeys([*inside, *alike]))[:3]
        return f"; did you mean {', '.join(repr(written[norm]) for norm in nearest)}?" if nearest else ""


__all__ = ["NameTable", "ask", "describe", "resolve_node"]
