"""Plans whose inputs have not changed are not built again: their part of the build is reused.

A plan's part of the output (its chunks of the TriG, Turtle and JSON-LD files, and its counts) is
kept in the build folder under `cache/<key>/`, where the key digests everything the part is made
from: the plan's metadata and source text, every file of its curated folder, the ontology, the
shapes, the reasoner, plankg's version and the code of the packages that build it. The cache is
part of the build: a new build links the entries it reuses and writes the ones it makes into its
staging folder, which is swapped in whole (see `output_folder`), so a failed build leaves the
previous cache as it was and a stale entry (a plan changed or gone) goes with the build it served.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from plankg import __version__
from plankg.errors import PlankgError
from plankg.loaders.source import read_source
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

if TYPE_CHECKING:
    from plankg.graph.outputs import Chunks, PlanCounts

CACHE_DIR = "cache"
_PARTS = ("plankg.trig", "plankg.ttl", "plankg.jsonld.json")
_COUNTS = "counts.json"  # written last: an entry without it is not one


def _digest_files(digest: hashlib._Hash, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.cache
def code_digest() -> str:
    """The code that makes a plan's part: the packages `plankg.graph` and `plankg.loaders`, and the
    ontology and shapes, so an edited rule or shape rebuilds every plan."""
    import plankg.loaders

    digest = hashlib.sha256(f"plankg {__version__}".encode())
    for folder in (Path(__file__).parent, Path(inspect.getfile(plankg.loaders)).parent):
        _digest_files(digest, folder, folder.rglob("*.py"))
    _digest_files(digest, ONTOLOGY_FILE.parent, [ONTOLOGY_FILE, SHAPES_FILE])
    return digest.hexdigest()


def plan_key(data_dir: Path, metadata: Path, reasoner: str) -> str | None:
    """The digest of everything one plan's part of the build is made from; None when its metadata
    cannot be read (the build then reports why, and there is nothing to reuse)."""
    try:
        meta = read_source(metadata).meta  # also checks the text against its sha256
    except PlankgError:
        return None
    digest = hashlib.sha256(f"{code_digest()}\0{reasoner}\0".encode())
    _digest_files(digest, metadata.parent, {metadata, metadata.parent / meta.file})
    curated = data_dir / "curated" / meta.id
    if curated.is_dir():
        _digest_files(digest, curated, (path for path in curated.rglob("*") if path.is_file()))
    return digest.hexdigest()


class PlanCache:
    """The entries of the build in `out/` (read) and of the build being staged (written)."""

    def __init__(self, previous: Path, staged: Path):
        self.previous = previous
        self.staged = staged

    def has(self, key: str | None) -> bool:
        return key is not None and (self.previous / key / _COUNTS).is_file()

    def reuse(self, key: str) -> tuple[PlanCounts, Chunks]:
        """A previous entry, carried into the new build (hard links where the disk allows), and read."""
        from plankg.graph.outputs import Chunks, PlanCounts

        entry, kept = self.previous / key, self.staged / key
        kept.mkdir(parents=True)
        for name in (*_PARTS, _COUNTS):
            try:
                os.link(entry / name, kept / name)
            except OSError:
                shutil.copyfile(entry / name, kept / name)
        trig, turtle, jsonld = ((kept / name).read_text(encoding="utf-8") for name in _PARTS)
        counts = json.loads((kept / _COUNTS).read_text(encoding="utf-8"))
        return PlanCounts(**counts | {"seconds": {}}), Chunks(trig, turtle, json.loads(jsonld))

    def put(self, key: str | None, counts: PlanCounts, chunks: Chunks) -> None:
        """A rebuilt plan's entry, written into the staged build."""
        if key is None:
            return
        entry = self.staged / key
        entry.mkdir(parents=True)
        parts = (chunks.trig, chunks.turtle, json.dumps(chunks.jsonld, ensure_ascii=False))
        for name, text in zip(_PARTS, parts, strict=True):
            (entry / name).write_text(text, encoding="utf-8")
        (entry / _COUNTS).write_text(json.dumps(dataclasses.asdict(counts), ensure_ascii=False), encoding="utf-8")
