"""Finding nodes by the words people type: a search index of every node's names and quotes.

Chinese has no spaces, so a word matches wherever it occurs inside a text (substring matching);
both sides are compared in one normal form (`normalized`): NFKC (full- and half-width alike),
accents dropped (pinyin `Xīnchéngqū` matches `xinchengqu`), case folded, without spaces, quote marks or
the marks between a list's members (、). Several words must all occur in one text of a node.

Scanning the store for this takes about 250 ms a plan, so the build writes the texts, already
normalised, into a SQLite file beside the store (`search.sqlite`, written by `write_store`); a
search reads only the rows that match. A build made before the index existed, or an endpoint,
gets the same index made in memory from the same queries.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, select
from plankg.graph.iris import ID_BASE, PLANKG

if TYPE_CHECKING:
    from plankg.graph.opened import GraphView

SEARCH_FILE = "search.sqlite"
_VERSION = 1  # PRAGMA user_version of an index this code reads; any other is made anew in memory

# Quote marks, and the marks that separate a list's members (二基、三线、四点 is typed 二基三线四点).
IGNORED_MARKS = frozenset("\"'`“”‘’„‟«»‹›《》〈〉「」『』〝〞〟＂＇、·・")

# Kinds of text, in the order a match ranks: a name first, then the plan's words, then a curator's.
FIELDS = ("label", "alias", "quote", "comment")

_TEXTS = """
SELECT ?node ?field ?text ?paragraph ?start WHERE {
  ?node plankg:plan ?plan .
  { ?node rdfs:label ?text BIND("label" AS ?field) }
  UNION { ?node skos:altLabel ?text BIND("alias" AS ?field) }
  UNION { ?node rdfs:comment ?text BIND("comment" AS ?field) }
  UNION { ?node plankg:evidence ?ev . ?ev oa:hasSelector ?qs , ?ps ; plankg:paragraph/plankg:localId ?paragraph .
          ?qs oa:exact ?text . ?ps oa:start ?start . BIND("quote" AS ?field) }
}"""

_NODES = """
SELECT ?node ?id ?class ?zh ?en WHERE {
  ?node plankg:plan ?plan ; plankg:localId ?id ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(plankg:)))
  OPTIONAL { ?node rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?node rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""

_SCHEMA = """
CREATE TABLE nodes (node TEXT PRIMARY KEY, id TEXT, class TEXT, classes TEXT, label_zh TEXT, label_en TEXT);
CREATE TABLE texts (node TEXT, field TEXT, text TEXT, norm TEXT, paragraph TEXT, start INTEGER);
CREATE INDEX texts_node ON texts (node, field, start);
"""


_TextRow = tuple[str, str, str, str, str | None, int | None]  # node, field, text, normal form, paragraph, start


def normalized(text: str) -> str:
    """A text in the form names are compared in: NFKC, no accents, case folded, without spaces, quote
    marks or list separators."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = unicodedata.normalize("NFKC", bare).casefold()
    return "".join(char for char in folded if not char.isspace() and char not in IGNORED_MARKS)


def label_in(lang: str, zh: str, en: str) -> str:
    """The label to show a reader of `lang` (zh or en), falling back to the other language's."""
    return (en or zh) if lang == "en" else (zh or en)


def _local(iri: str) -> str:
    return iri.removeprefix(str(PLANKG))


def fill_index(index: sqlite3.Connection, engine: Engine) -> None:
    """Write the search index of every node an engine's graph holds into an empty database."""
    from plankg.graph.vocabulary import read_vocabulary

    vocabulary = read_vocabulary(engine)
    nodes: dict[str, tuple[str, set[str], str, str]] = {}
    for row in select(engine, _NODES).records():
        node, id_, cls = (row[name] for name in ("node", "id", "class"))
        if node is None or id_ is None or cls is None:
            continue
        zh, en = row["zh"], row["en"]
        entry = nodes.setdefault(node.value, (id_.value, set(), zh.value if zh else "", en.value if en else ""))
        entry[1].add(_local(cls.value))
    texts: set[_TextRow] = set()
    for row in select(engine, _TEXTS).records():
        node, field, text = row["node"], row["field"], row["text"]
        if node is None or field is None or text is None or node.value not in nodes:
            continue
        paragraph, start = row["paragraph"], row["start"]
        texts.add(
            (
                node.value,
                field.value,
                text.value,
                normalized(text.value),
                paragraph.value if paragraph else None,
                int(start.value) if start else None,
            )
        )
    plans = {node.removeprefix(ID_BASE).partition("/")[0] for node in nodes}
    if len(plans) > 1:  # an id is unique within its plan only: name each node by plan-id/node-id
        nodes = {node: (node.removeprefix(ID_BASE), cls, zh, en) for node, (_, cls, zh, en) in nodes.items()}
    index.executescript(_SCHEMA)
    index.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?)",
        (
            (node, id_, vocabulary.most_specific(classes), _classes_cell(vocabulary.with_superclasses(classes)), zh, en)
            for node, (id_, classes, zh, en) in nodes.items()
        ),
    )
    in_order = sorted(texts, key=_text_order)
    index.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?)", in_order)
    index.execute(f"PRAGMA user_version = {_VERSION}")
    index.commit()


def _text_order(row: _TextRow) -> tuple[str, str, int, str]:
    return row[0], row[1], row[5] if row[5] is not None else -1, row[2]


def _classes_cell(classes: set[str]) -> str:
    """Every class of a node, its superclasses included, as ` A B C ` for a containment test."""
    return " " + " ".join(sorted(classes)) + " "


def write_index(engine: Engine, path: Path) -> None:
    """The build's search index file, from the store the build just wrote; SQLite's refusal (a
    full disk) is an OSError, as every other write of the build reports one."""
    path.unlink(missing_ok=True)
    index = sqlite3.connect(path)
    try:
        fill_index(index, engine)
    except sqlite3.Error as exc:
        raise OSError(errno.ENOSPC if "full" in str(exc) else errno.EIO, f"search index: {exc}", str(path)) from exc
    finally:
        index.close()


def open_index(view: GraphView) -> sqlite3.Connection:
    """The search index of an opened graph: the build's file, or one made in memory."""
    from plankg.graph.opened import Build

    if isinstance(view, Build):
        path = view.folder / SEARCH_FILE
        if path.is_file():
            index = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            if index.execute("PRAGMA user_version").fetchone()[0] == _VERSION:
                return index
            index.close()
    index = sqlite3.connect(":memory:")
    fill_index(index, view.engine())
    return index


@dataclass(frozen=True)
class Hit:
    """One node found: how its best text matched, and the paragraph and quote it is cited by."""

    match: str  # exact name, label, alias, quote or comment
    cls: str
    id: str
    label: str
    paragraph: str
    quote: str
    node: str


_RANKS = {"exact name": 0, "label": 1, "alias": 2, "quote": 3, "comment": 4}
_SCOPE = re.compile(r"^[\w-]+$")


def in_scope(paragraph: str | None, scope: str | None) -> bool:
    """Whether a paragraph or heading id lies in a part (`c07`, `c07-s03`): that part or below it."""
    if scope is None:
        return True
    return paragraph is not None and (paragraph == scope or paragraph.startswith(scope + "-"))


def search(
    index: sqlite3.Connection,
    text: str,
    cls: str | None = None,
    scope: str | None = None,
    lang: str = "zh",
    limit: int | None = 20,
) -> list[Hit]:
    """The nodes one of whose texts holds every word of `text`, best match first.

    A node's best text ranks it: an exact label or alias, a label that contains the words, an
    alias, a quote, a comment; then the shorter text. With `cls` only nodes of that class (or
    below it); with `scope` (a chapter or section id) only nodes cited there, each shown with its
    first quote there."""
    words = [word for word in (normalized(part) for part in text.split()) if word]
    if not words:
        raise PlankgError("search: give some words to look for")
    if scope is not None and not _SCOPE.match(scope):
        raise PlankgError(f"search: {scope!r} is not a chapter or section id such as c07 or c07-s03")
    if cls is not None:
        _check_class(index, cls)
    found = _matching(index, words, cls)
    whole = "".join(words)
    best: dict[str, tuple[tuple[int, int, str], str, str | None, str | None]] = {}
    for node, field, shown, norm, paragraph in found:
        if field == "quote" and not in_scope(paragraph, scope):
            continue
        match = "exact name" if field in ("label", "alias") and norm == whole else field
        key = (_RANKS[match], len(norm), shown)
        if node not in best or key < best[node][0]:
            best[node] = (key, match, paragraph, shown if field == "quote" else None)
    cited = _first_quotes(index, best, scope)
    details = _details(index, best)
    hits = []
    for node, (_, match, matched_in, matched) in sorted(best.items(), key=lambda item: (item[1][0], item[0])):
        if matched is None and node not in cited and scope is not None:
            continue  # found by a name, but not cited in the part asked for
        paragraph, quote = (matched_in or "", matched) if matched is not None else cited.get(node, ("", ""))
        id_, node_cls, zh, en = details[node]
        hits.append(Hit(match, node_cls, id_, label_in(lang, zh, en), paragraph, quote, node))
    return hits[:limit] if limit else hits


def _check_class(index: sqlite3.Connection, cls: str) -> None:
    known = {name for (cell,) in index.execute("SELECT DISTINCT classes FROM nodes") for name in cell.split()}
    if cls not in known:
        raise PlankgError(f"search: no class {cls!r}; the graph's classes are {', '.join(sorted(known))}")


def _matching(index: sqlite3.Connection, words: list[str], cls: str | None) -> list[tuple[str, str, str, str, str]]:
    """The (node, field, text, normal form, paragraph) rows whose normal form holds every word."""
    where = " AND ".join("instr(t.norm, ?) > 0" for _ in words)
    params: list[str] = list(words)
    if cls is not None:
        where += " AND instr(n.classes, ?) > 0"
        params.append(f" {cls} ")
    return index.execute(
        "SELECT t.node, t.field, t.text, t.norm, t.paragraph FROM texts t JOIN nodes n ON n.node = t.node "
        f"WHERE {where}",
        params,
    ).fetchall()


def _chunks(nodes: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    listed = list(nodes)
    for begin in range(0, len(listed), size):
        yield listed[begin : begin + size]


def _first_quotes(index: sqlite3.Connection, nodes: Iterable[str], scope: str | None) -> dict[str, tuple[str, str]]:
    """Each node's first quote in the text (in `scope`, if given), with its paragraph."""
    first: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(nodes):
        marks = ", ".join("?" for _ in chunk)
        rows = index.execute(
            f"SELECT node, paragraph, text FROM texts WHERE field = 'quote' AND node IN ({marks}) ORDER BY start",
            chunk,
        )
        for node, paragraph, quote in rows:
            if node not in first and in_scope(paragraph, scope):
                first[node] = (paragraph, quote)
    return first


def _details(index: sqlite3.Connection, nodes: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
    """Each node's id, class and Chinese and English labels."""
    details = {}
    for chunk in _chunks(nodes):
        marks = ", ".join("?" for _ in chunk)
        for node, id_, cls, zh, en in index.execute(
            f"SELECT node, id, class, label_zh, label_en FROM nodes WHERE node IN ({marks})", chunk
        ):
            details[node] = (id_, cls, zh, en)
    return details


__all__ = [
    "SEARCH_FILE",
    "Hit",
    "fill_index",
    "in_scope",
    "label_in",
    "normalized",
    "open_index",
    "search",
    "write_index",
]
