"""Writing query answers: a readable table, or the SPARQL 1.1 results formats (JSON, CSV, TSV)."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.graph.engines import Answer, Table, Term
from plankg.graph.iris import shorten

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "csv", "tsv", "json")


def readable(term: Term | None) -> str:
    """A term as a person reads it: prefixed names for IRIs, plain text for literals."""
    if term is None:
        return ""
    return shorten(term.value) if term.kind == "uri" else term.value


def to_json(table: Table) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = []
    for row in table.rows:
        binding = {}
        for name, term in zip(table.variables, row, strict=True):
            if term is None:
                continue
            value: dict[str, str] = {"type": term.kind, "value": term.value}
            if term.lang:
                value["xml:lang"] = term.lang
            elif term.datatype:
                value["datatype"] = term.datatype
            binding[name] = value
        bindings.append(binding)
    document = {"head": {"vars": table.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(table: Table) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, RFC 4180 quoting, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.variables)
    for row in table.rows:
        writer.writerow(
            ["" if term is None else (f"_:{term.value}" if term.kind == "bnode" else term.value) for term in row]
        )
    return buffer.getvalue()


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def to_tsv(table: Table) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in SPARQL syntax, tab-separated."""
    lines = ["\t".join(f"?{name}" for name in table.variables)]
    lines += ["\t".join("" if term is None else term.n3() for term in row) for row in table.rows]
    return "\n".join(lines) + "\n"


def render(answer: Answer, fmt: str = "table", console: Console | None = None) -> None:
    """Print an answer to standard output in the chosen format."""
    if fmt not in FORMATS:
        raise PlankgError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(answer, bool):
        sys.stdout.write("true\n" if answer else "false\n")
    elif isinstance(answer, str):
        sys.stdout.write(answer)
    elif fmt == "table":  # only a table needs rich, whose import costs a query more than its answer
        from rich.console import Console
        from rich.table import Table as RichTable

        table = RichTable(*answer.variables, caption=f"{len(answer.rows)} row(s)")
        for row in answer.rows:
            table.add_row(*(readable(term) for term in row))
        (console or Console()).print(table)
    else:
        sys.stdout.write({"json": to_json, "csv": to_csv, "tsv": to_tsv}[fmt](answer))
