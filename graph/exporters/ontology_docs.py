"""An HTML page documenting the ontology, made by pyLODE: for people who read the vocabulary in a browser.

It reads the ontology file itself (`ontology/plankg.ttl`), so it needs no build. The page is
self-contained (styles and icons inlined) and opens offline. To refresh the copy in the
repository: `plankg export ontology-docs --out docs/ontology/index.html`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plankg.graph.exporters.base import Exporter, ExportRequest
from plankg.ontology import ONTOLOGY_FILE


@contextmanager
def _root_logger_kept() -> Iterator[None]:
    """Undo what pyLODE does to the root logger (DEBUG level and a stderr handler, on import and on use)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


class OntologyDocs(Exporter):
    name = "ontology-docs"
    summary = "an HTML page of the ontology (pyLODE): for reading the vocabulary in a browser"
    target = "ontology/index.html"

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _root_logger_kept():
            from pylode import OntPub  # imported here: pyLODE is slow to import and only this format needs it
        with _root_logger_kept():
            OntPub(ontology=ONTOLOGY_FILE).make_html(destination=target)
        return [target]
