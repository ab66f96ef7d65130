"""The SPARQL query catalogue (`*.rq` files beside this module) and result printing."""

from __future__ import annotations

from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent

__all__ = ["QUERY_DIR"]
