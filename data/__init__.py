"""The plans' source texts and curated data, shipped with the package so `plankg build` works anywhere."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent

__all__ = ["DATA_DIR"]
