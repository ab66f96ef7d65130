"""plankg: a development plan as a knowledge graph in which every fact cites its sentence.

The public API: `build` a data folder into a build folder, `open` a build folder (or
`open_endpoint` a SPARQL endpoint) and ask it through its engine, projection and names.
"""

from __future__ import annotations

from pathlib import Path

from plankg.errors import PlankgError
from plankg.graph.opened import Build, Endpoint, open_endpoint
from plankg.graph.opened import open_build as open

__all__ = ["Build", "Endpoint", "PlankgError", "__version__", "build", "open", "open_endpoint"]


def build(
    data: Path | str | None = None, out: Path | str = "out", reasoner: str = "rules", jobs: int | None = 1
) -> Build:
    """Build the plans under `data` (the packaged data by default) into `out`, as `plankg build`
    does, and open the result. With `jobs` > 1 the caller needs the usual `__main__` guard."""
    from plankg.data import DATA_DIR
    from plankg.graph.outputs import build_outputs

    build_outputs(Path(DATA_DIR if data is None else data), Path(out), reasoner=reasoner, jobs=jobs)
    return open(out)


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata only when asked (importing
    importlib.metadata costs more than the rest of `plankg --help`)."""
    if name != "__version__":
        raise AttributeError(f"module 'plankg' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plankg")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"
