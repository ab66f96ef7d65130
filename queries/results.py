"""Printing SPARQL results: a readable table, or the standard SPARQL 1.1 results formats."""

from __future__ import annotations

import sys

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from plankg.errors import PlankgError
from plankg.graph.namespaces import shorten
from plankg.graph.store import QueryResult

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def compact(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A term as a person reads it: prefixed names, plain literal text, `@en` kept for labels."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def print_results(results: QueryResult, fmt: str = "table", console: Console | None = None) -> None:
    """Print query results to standard output in the chosen format."""
    console = console or Console()
    if isinstance(results, ox.QueryBoolean):
        console.print("true" if bool(results) else "false")
        return
    if isinstance(results, ox.QueryTriples):
        sys.stdout.write(ox.serialize(results, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
        return
    if fmt == "table":
        variables = [variable.value for variable in results.variables]
        table = Table(*variables, show_lines=False)
        for solution in results:
            table.add_row(*(compact(solution[name]) for name in variables))
        console.print(table)
        return
    if fmt not in RESULT_FORMATS:
        raise PlankgError(f"unknown format {fmt!r}: use table, {', '.join(RESULT_FORMATS)}")
    sys.stdout.write(results.serialize(format=RESULT_FORMATS[fmt]).decode("utf-8"))
