"""One query interface, several engines: the embedded store, rdflib, a remote endpoint.

Every engine answers a SPARQL query with the same plain result types, so that the catalogue, the
projection, the views, the exporters and the CLI compare and print rows without caring where they
came from. All named graphs form the default graph, and the usual prefixes are declared for every
engine: given to the local engines beside the text (so that an error's line and column are the
user's), prepended to the text an endpoint is sent where it does not declare them itself. Every
engine refuses an update before it is run: plankg only reads the graph.

Engines are registered by name: each is one module of this package (its name is the engine's
name) with one engine class and a function `over(build)` that opens it on a build (the `remote`
module opens an endpoint URL instead). A module is imported only when its engine is used,
so listing the engines, or running a query on one, loads none of the others' libraries.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from plankg.errors import PlankgError
from plankg.graph.iris import PREFIXES
from plankg.graph.sparql_text import calls_service, update_keyword

if TYPE_CHECKING:
    from plankg.graph.opened import Build

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term as any engine returns it: `uri`, `literal` or `bnode`, with lang or datatype."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    def n3(self) -> str:
        """The term in SPARQL/Turtle syntax, escaped: safe to write into a query in place."""
        import pyoxigraph as ox

        if self.kind == "uri":
            return str(ox.NamedNode(self.value))
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.lang:
            return str(ox.Literal(self.value, language=self.lang))
        datatype = ox.NamedNode(self.datatype) if self.datatype else None
        return str(ox.Literal(self.value, datatype=datatype))


@dataclass(frozen=True)
class Table:
    """The answer to a SELECT query: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]]

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: value} with unbound variables left out: handy for tests and JSON."""
        return [
            {name: term.value for name, term in zip(self.variables, row, strict=True) if term is not None}
            for row in self.rows
        ]

    def records(self) -> list[dict[str, Term | None]]:
        """Rows as {variable: term}, unbound variables as None."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


Answer = Table | bool | str  # SELECT rows, ASK truth, CONSTRUCT/DESCRIBE as N-Triples


DEFAULT_QUERY_TIMEOUT = 60.0  # seconds: what the CLI allows a query unless told otherwise


@dataclass(frozen=True)
class Limits:
    """What a query may do on an engine: how long it may run (None: as long as it takes) and
    whether it may call other endpoints. Federation is off unless asked for: a query that
    names a URL in `SERVICE` would make this machine fetch it."""

    timeout: float | None = None
    federation: bool = False

    def admit(self, sparql: str) -> None:
        """Refuse, before it runs, what these limits do not allow: an update always, SERVICE
        unless federation is on."""
        refuse_updates(sparql)
        if not self.federation and calls_service(sparql):
            raise PlankgError(
                "the query calls another endpoint (SERVICE), and federation is off: give --federation to allow it"
            )


NO_LIMITS = Limits()

Result = TypeVar("Result")


def within(seconds: float | None, work: Callable[[], Result]) -> Result:
    """`work()`, in a thread of its own, so that the caller stops waiting at the deadline and at
    Ctrl-C at once (the stores evaluate without holding the interpreter). Neither store can be
    told to stop, so the abandoned work runs on, unseen, until it ends or the process does: the
    CLI ends at once; a long-lived program that sets deadlines should expect the cores it uses."""
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the caller's thread, which raises it
            failure.append(_without_frames(error))

    worker = threading.Thread(target=run, name="plankg-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise PlankgError(f"the query ran longer than {seconds:g} s and was stopped: give a larger --timeout")
    if failure:
        raise failure[0]
    return outcome[0]


def _without_frames(error: BaseException) -> BaseException:
    """The error with its tracebacks dropped, so that what the failed work held (a store's
    result iterator may only be freed by its own thread) is freed with the thread."""
    link: BaseException | None = error
    while link is not None:
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return error


class Engine(Protocol):
    """Anything that can answer SPARQL 1.1 queries over the plan graph."""

    name: str

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """Answer over every graph, or over the named `graphs` only where the engine can
        restrict itself (a speed-up: the catalogue's plan queries are anchored on the plan, so
        the rows are the same either way)."""
        ...


def select(engine: Engine, sparql: str, graphs: Sequence[str] = ()) -> Table:
    """A SELECT query's table; any other kind of answer is one clear error."""
    answer = engine.query(sparql, graphs)
    if not isinstance(answer, Table):
        raise PlankgError(f"{engine.name}: expected rows for a SELECT query, got {type(answer).__name__}")
    return answer


def bind(sparql: str, values: Mapping[str, Term | tuple[Term, ...]]) -> str:
    """The query with each `VALUES ?name { … }` block holding the given term (or terms).

    One pass over the original text, so a bound value can never be taken for another block.
    """
    if not values:
        return sparql
    names = "|".join(re.escape(name) for name in values)
    pattern = re.compile(rf"VALUES\s+\?({names})\s*\{{[^}}]*\}}")

    def terms(name: str) -> str:
        value = values[name]
        return " ".join(term.n3() for term in (value if isinstance(value, tuple) else (value,)))

    return pattern.sub(lambda match: f"VALUES ?{match.group(1)} {{ {terms(match.group(1))} }}", sparql)


def refuse_updates(sparql: str) -> None:
    """One refusal for every engine, before the text reaches it: a local store would call an
    update a syntax error, and an endpoint might carry it out."""
    keyword = update_keyword(sparql)
    if keyword is not None:
        raise PlankgError(
            f"updates ({keyword}) are not accepted: plankg runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)"
        )


_PREFIX_DECLARED = re.compile(r"^\s*PREFIX\s+([\w-]*):", re.IGNORECASE | re.MULTILINE)


def with_prefixes(sparql: str) -> str:
    """The query with the usual prefixes declared in front, where it does not declare them."""
    declared = set(_PREFIX_DECLARED.findall(sparql))
    missing = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix not in declared]
    return "\n".join([*missing, sparql])


REMOTE = "remote"  # opened from an endpoint URL, not from a build


def engine_names() -> list[str]:
    """The engines that can run over a build, by name (the remote one is chosen with an endpoint)."""
    return sorted(
        module.name
        for module in pkgutil.iter_modules(__path__)
        if not module.name.startswith("_") and module.name != REMOTE
    )


def local_engine(name: str, build: Build, limits: Limits = NO_LIMITS) -> Engine:
    """The engine registered as `name`, over `build`, answering within `limits`."""
    if name not in engine_names():
        raise PlankgError(f"unknown engine {name!r}: use one of {', '.join(engine_names())}")
    opened: Engine = importlib.import_module(f"{__name__}.{name}").over(build, limits)
    return opened


__all__ = [
    "DEFAULT_QUERY_TIMEOUT",
    "NO_LIMITS",
    "Answer",
    "Engine",
    "Limits",
    "Table",
    "Term",
    "bind",
    "engine_names",
    "local_engine",
    "refuse_updates",
    "select",
    "with_prefixes",
    "within",
]
