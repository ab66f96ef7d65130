"""The plankg OWL ontology and SHACL shapes, shipped as Turtle files beside this module."""

from __future__ import annotations

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "plankg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

__all__ = ["ONTOLOGY_DIR", "ONTOLOGY_FILE", "SHAPES_FILE"]
