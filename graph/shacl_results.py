"""A SHACL result as plankg reports it, whichever validator found it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, Node


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node that breaks a shape, where, and what the shape says."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str


def first_message(messages: Iterable[Node]) -> str | None:
    """The English message if there is one, else the first by text: one, and always the same one,
    when a shape carries several (a report lists them all, in no fixed order)."""
    texts = sorted(messages, key=lambda m: (not (isinstance(m, Literal) and m.language == "en"), str(m)))
    return str(texts[0]) if texts else None
