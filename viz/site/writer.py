"""Write the whole site into a folder, in one step: a staged folder beside it is filled, checked
(nothing fetched from the network, no link to a file that is not there) and swapped in, so a
failed or interrupted run leaves the previous site as it was."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.graph.output_folder import build_lock, staging_folder, swap_in
from plankg.viz.page import check_lang, remote_references
from plankg.viz.site import shell, urls
from plankg.viz.site.pages import Asset, Site
from plankg.viz.site.sections import SECTIONS, menu

if TYPE_CHECKING:
    from plankg.graph.opened import GraphView

MANIFEST = "site.json"
# The local files a page links to or loads: href and src values that are not a URL with a scheme.
_LOCAL_LINK = re.compile(r"""\b(?:href|src|action)="(?![a-z][a-z0-9+.-]*:|#)([^"#?]+)""", re.IGNORECASE)


@dataclass
class SiteReport:
    """What was written: pages per section, and the site's size."""

    folder: Path
    pages: Counter[str] = field(default_factory=Counter)
    section_seconds: dict[str, float] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0


def _check_replaceable(folder: Path) -> None:
    """A site replaces its whole folder: refuse a file, or a folder of other things."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise PlankgError("this is a file, not a site folder: choose a new or empty folder for --out", folder)
    if any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        raise PlankgError(
            f"this folder holds files but no site ({MANIFEST}), and a site replaces the whole folder: "
            "choose a new or empty folder for --out",
            folder,
        )


def _plans(view: GraphView) -> tuple[str, ...]:
    return tuple(sorted({urls.plan_of(node) for node in view.projection}))


def _broken_links(path: str, html: str, written: set[str]) -> list[str]:
    base = posixpath.dirname(path)
    return [link for link in _LOCAL_LINK.findall(html) if posixpath.normpath(posixpath.join(base, link)) not in written]


def _write_asset(staging: Path, asset: Asset) -> None:
    target = staging / urls.asset(asset.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(asset.content)


def write_site(view: GraphView, folder: Path, lang: str = "zh", progress: Callable[[str], None] = print) -> SiteReport:
    """Write the site of the opened graph into `folder` (replaced whole), in `lang`."""
    check_lang(lang)
    start = time.perf_counter()
    folder = folder.absolute()
    folder.parent.mkdir(parents=True, exist_ok=True)
    site = Site(view, lang, _plans(view), menu(), any(section.name == "search" for section in SECTIONS))
    report = SiteReport(folder)
    with build_lock(folder):
        _check_replaceable(folder)
        staging = staging_folder(folder)
        try:
            documents: dict[str, str] = {}
            for section in SECTIONS:
                progress(f"site: {section.name}")
                section_start = time.perf_counter()
                for asset in section.assets:
                    _write_asset(staging, asset)
                for page in section.pages(site):
                    if isinstance(page, Asset):  # made from the graph, like the search index
                        _write_asset(staging, page)
                        continue
                    if page.path in documents:
                        raise PlankgError(f"two pages of the site would be written to {page.path}")
                    html = shell.render(site, page)
                    remote = remote_references(html)
                    if remote:
                        raise PlankgError(f"{page.path} would fetch {', '.join(remote)} from the network")
                    documents[page.path] = html
                    report.pages[section.name] += 1
                    if report.pages[section.name] % 100 == 0:
                        progress(f"site: {section.name}, {report.pages[section.name]} pages")
                report.section_seconds[section.name] = round(time.perf_counter() - section_start, 3)
            written = {str(path.relative_to(staging)) for path in staging.rglob("*") if path.is_file()}
            written |= set(documents)
            for path, html in documents.items():
                broken = _broken_links(path, html, written)
                if broken:
                    named = ", ".join(sorted(set(broken))[:5])
                    raise PlankgError(f"{path} links to {named}, which the site does not hold")
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
            report.seconds = round(time.perf_counter() - start, 3)
            files = [path for path in staging.rglob("*") if path.is_file()]
            report.files, report.bytes = len(files) + 1, sum(path.stat().st_size for path in files)
            manifest = {"lang": lang, "plans": list(site.plans), "pages": dict(report.pages),
                        "files": report.files, "bytes": report.bytes, "seconds": report.seconds,
                        "section_seconds": report.section_seconds}  # fmt: skip
            (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            swap_in(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return report
