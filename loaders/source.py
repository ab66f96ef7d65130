"""Plan source metadata: which text file a plan is read from, and what the plan is."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from plankg.errors import PlankgError
from plankg.loaders.yaml_lines import load_yaml, validate_model


class Bilingual(BaseModel):
    """A text in Chinese as written and its English translation."""

    model_config = ConfigDict(extra="forbid")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int
    end: int


class SourceMetadata(BaseModel):
    """The metadata file `data/sources/<plan>.yaml` that sits beside the text."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: str = "zh"
    title: Bilingual
    short_title: Bilingual
    issuer: Bilingual
    place: Bilingual
    period: Period
    vision_year: int
    published: dt.date
    end_marker: str | None = None
    glossary_heading: str | None = None


class PlanSource(BaseModel):
    """Metadata plus the checked text of one plan."""

    model_config = ConfigDict(frozen=True)
    meta: SourceMetadata
    metadata_path: Path
    text_path: Path
    text: str


def read_source(metadata_path: Path) -> PlanSource:
    """Read a plan's metadata and its text, refusing a text whose sha256 differs."""
    meta = validate_model(SourceMetadata, load_yaml(metadata_path), metadata_path)
    text_path = metadata_path.parent / meta.file
    if not text_path.is_file():
        raise PlankgError(f"source text {meta.file!r} named by this file does not exist", metadata_path)
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta.sha256:
        raise PlankgError(
            f"sha256 of the source text is {digest}, the metadata says {meta.sha256}: "
            "the text changed; check it and update the metadata on purpose",
            text_path,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlankgError("source text is not valid UTF-8", text_path, line) from exc
    return PlanSource(meta=meta, metadata_path=metadata_path, text_path=text_path, text=text)


def discover_sources(data_dir: Path) -> list[Path]:
    """Every plan metadata file under `data_dir/sources`, in a stable order."""
    sources = data_dir / "sources"
    if not sources.is_dir():
        raise PlankgError("no sources folder: expected plan metadata files here", sources)
    found = sorted(sources.glob("*.yaml"))
    if not found:
        raise PlankgError("no plan metadata (*.yaml) in the sources folder", sources)
    return found


def find_source(data_dir: Path, plan_id: str | None) -> Path:
    """The metadata file of one plan; with no id, the only plan there is."""
    found = discover_sources(data_dir)
    if plan_id is None:
        if len(found) > 1:
            names = ", ".join(path.stem for path in found)
            raise PlankgError(f"several plans here ({names}): say which with --plan", data_dir / "sources")
        return found[0]
    for path in found:
        if path.stem == plan_id:
            return path
    raise PlankgError(f"no plan {plan_id!r}: known are {', '.join(p.stem for p in found)}", data_dir / "sources")
