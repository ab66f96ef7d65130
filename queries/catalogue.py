"""The query catalogue: one `.rq` file per question, described by its header comment.

A header looks like this::

    # title: Everything that serves a goal
    # question: Which goals, measures, projects … serve this goal, directly or through sub-goals?
    # 问题: 哪些目标、举措、项目……直接或间接服务于该目标?
    # param goal (node Goal): the goal, as an id or a Chinese or English label. Example: pillar-ecology
    # param lang (lang): language of the labels. Example: zh

(a parameter that may be left out says `Default: VALUE.` before its example; a query that rdflib's
evaluator takes minutes over says why in a `# slow on rdflib:` line), and each
parameter has one `VALUES ?name { … }` block in the body holding its example value,
so that every file runs as it is in any SPARQL tool. The runner binds a parameter in place: it
drops that block and writes the escaped RDF term wherever the variable stands, because Virtuoso 7
does not see a `VALUES` variable inside an `OPTIONAL`'s `FILTER` and does not start a `*` path
from one (it answers with wrong rows, not an error).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from plankg.errors import PlankgError
from plankg.graph.engines import Term
from plankg.queries import QUERY_DIR

PARAM_KINDS = ("node", "string", "integer", "lang")
_HEADER = re.compile(r"^#\s*(title|question|问题|slow on rdflib):\s*(.+)$")
_DEFAULT = re.compile(r"^(.*?)\s*Default:\s*(.+?)\.?$")
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*\((\w+)(?:\s+(\w+))?\):\s*(.+?)\s*Example:\s*(.+?)\s*$")


def values_block(name: str) -> re.Pattern[str]:
    """The `VALUES ?name { … }` block that holds a parameter's value in a query body."""
    return re.compile(rf"VALUES\s+\?{name}\s*\{{[^}}]*\}}")


_COMMENT_LINE = re.compile(r"^\s*#.*$", re.MULTILINE)


def variable(name: str) -> re.Pattern[str]:
    """Every place the variable `?name` (or `$name`) stands, and not `?names`."""
    return re.compile(rf"[?$]{re.escape(name)}(?!\w)")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # node, string, integer or lang
    cls: str | None  # for nodes: the plankg class the node must belong to
    description: str
    example: str
    default: str | None = None  # the value taken when the parameter is not given


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path
    title: str
    question_en: str
    question_zh: str
    params: tuple[Param, ...]
    text: str
    slow_on_rdflib: str | None = None  # why rdflib takes minutes over it: the tests and benchmarks leave it out there

    def bound(self, values: Mapping[str, Term]) -> str:
        """The query with each parameter's `VALUES` block dropped and its variable replaced by the
        term in SPARQL syntax, escaped (IRIs checked, literals quoted): user text is never pasted.
        Comment lines go first, so that a variable's name in a comment is not taken for it."""
        text = _COMMENT_LINE.sub("", self.text)
        for name, term in values.items():
            written = term.n3().replace("\\", "\\\\")  # a replacement string: its backslashes kept as they are
            text = variable(name).sub(written, values_block(name).sub("", text))
        return text


def parse_query_file(path: Path) -> QueryFile:
    """Read a catalogue file and check its header against its body."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            fields[header.group(1)] = header.group(2).strip()
        elif line.lstrip("# ").startswith("param"):
            param = _PARAM.match(line)
            if param is None or param.group(2) not in PARAM_KINDS:
                raise PlankgError(
                    "malformed parameter line: write `# param NAME (node CLASS|string|integer|lang): "
                    "description. Example: VALUE`",
                    path,
                    number,
                )
            name, kind, cls, description, example = param.groups()
            default = _DEFAULT.match(description)
            if default:
                description, value = default.groups()
                params.append(Param(name, kind, cls, description, example, value))
            else:
                params.append(Param(name, kind, cls, description, example))
            if len(values_block(name).findall(text)) != 1:
                raise PlankgError(f"parameter {name!r} needs exactly one `VALUES ?{name} {{ … }}` block", path, number)
    for key in ("title", "question", "问题"):
        if key not in fields:
            raise PlankgError(f"the header has no `# {key}:` line", path, 1)
    question = (fields["title"], fields["question"], fields["问题"])
    return QueryFile(path.stem, path, *question, tuple(params), text, fields.get("slow on rdflib"))


def load_catalogue(folder: Path = QUERY_DIR) -> dict[str, QueryFile]:
    """Every `.rq` file of the catalogue, by name."""
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}
