"""What a SPARQL text says before any engine sees it: is it an update, does it call another
endpoint (`SERVICE`)?

Strings, IRIs and comments are blanked out first, so that a label mentioning "service" or
"insert" is not taken for a keyword; SPARQL's `\\u` escapes are decoded before that, as the
grammar lets them stand for any character of the text.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Leftmost match wins, so a `#` inside an IRI or a string is part of it, not a comment.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
# The keyword, not a name that spells it: `?service`, `$service`, `ex:service`, `ex:my-service`,
# `_:service`, `"…"@service` or a prefix `service:`. When in doubt (`ex:a.service`) it counts.
_SERVICE = re.compile(r"(?<![\w?$:@-])SERVICE(?![\w:.-])", re.IGNORECASE)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_SHOWN = 80  # characters of a user's text an error message repeats


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)), text)


def keywords_only(text: str) -> str:
    """The text with its strings, IRIs and comments blanked: what is left is the grammar."""
    return _OPAQUE.sub(" ", _decoded(text))


def calls_service(text: str) -> bool:
    """Whether the query asks its engine to fetch from another endpoint (SPARQL 1.1 Federation)."""
    return _SERVICE.search(keywords_only(text)) is not None


def update_keyword(text: str) -> str | None:
    """The operation an update begins with (INSERT, LOAD, DROP…), or None for a query."""
    match = _UPDATE.match(keywords_only(text))
    return match.group(1).upper() if match else None


def shown(value: str) -> str:
    """A user's value as an error message repeats it: quoted, and cut short if it is long."""
    return repr(value) if len(value) <= _SHOWN else f"{value[:_SHOWN]!r}… ({len(value)} characters)"
