"""Exports of the built graph for the tools people already use, each registered by format name.

Each `Exporter` subclass registers itself by its `name`; a format's module is imported only when
that format is used, so listing the formats costs no exporter's libraries.
"""

from __future__ import annotations

from plankg.graph.exporters.base import (
    ALL_GRAPHS,
    Distribution,
    Exporter,
    ExportRequest,
    exporter_names,
    get_exporter,
    run_export,
)

__all__ = [
    "ALL_GRAPHS",
    "Distribution",
    "ExportRequest",
    "Exporter",
    "exporter_names",
    "get_exporter",
    "run_export",
]
