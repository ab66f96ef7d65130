"""plankg: a development plan as a knowledge graph in which every fact cites its sentence."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from plankg.errors import PlankgError

try:
    __version__ = version("plankg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["PlankgError", "__version__"]
