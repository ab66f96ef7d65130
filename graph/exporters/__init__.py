"""Exports of the built graph for the tools people already use, each registered by format name.

Importing this package imports every module in it, so each `Exporter` subclass registers itself:
adding a format is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil

from plankg.graph.exporters.base import (
    ALL_GRAPHS,
    LANGUAGES,
    Distribution,
    Exporter,
    ExportRequest,
    exporter_names,
    get_exporter,
    run_export,
)

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "ALL_GRAPHS",
    "LANGUAGES",
    "Distribution",
    "ExportRequest",
    "Exporter",
    "exporter_names",
    "get_exporter",
    "run_export",
]
