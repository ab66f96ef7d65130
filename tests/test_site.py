"""The site as a reader meets it: every page there, every link leading somewhere, every kind of
page opening offline in Chromium with no error, and a failed write costing nothing."""

from __future__ import annotations

import json
import os
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.opened import Build
from plankg.viz.site import sections, urls, writer
from plankg.viz.site.sections import Section
from tests.conftest import PLAN, select, snapshot

# The bound: today's 42 view pages together weigh about 40 MB.
VIEW_PAGES_BYTES = 40_000_000
# Set PLANKG_SCREENSHOTS=docs/img to refresh the pictures of the site in docs/site.md.
SCREENSHOTS = os.environ.get("PLANKG_SCREENSHOTS")
# The pages docs/site.md shows: the annotated plan, a project, a place, the targets, the overview.
SHOWN = {
    "site-text": f"{PLAN}/c08.html",
    "site-project": f"{PLAN}/proj-old-residential-renovation.html",
    "site-place": f"{PLAN}/place-tech-city-area.html",
    "site-targets": f"{PLAN}/_/picture-targets.html",
    "site-overview": f"{PLAN}/_/overview.html",
}


class _Links(HTMLParser):
    """The ids a page defines and the local links (href, src, form action) it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action") and value and not urlsplit(value).scheme:
                self.links.append(value)


def _read(site: Path) -> dict[str, _Links]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def _target(source: str, path: str) -> str:
    """The site path a link's path leads to from the page at `source`."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path))) if path else source


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[str, _Links]:
    return _read(site_dir)


def test_no_link_is_broken(site_dir: Path, pages: dict[str, _Links]) -> None:
    broken = []
    for source, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
                if parts.path
                else source
            )
            if not (site_dir / target).is_file():
                broken.append(f"{source} → {link}")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{source} → {link} (no such anchor)")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_every_curated_node_and_every_paragraph_has_its_page(built: Build, site_dir: Path) -> None:
    rows = select(
        built.store,
        """SELECT ?n WHERE { { ?n plankg:plan ?plan ; plankg:localId ?id ; rdfs:label ?l }
           UNION { ?n a plankg:Paragraph } UNION { ?n a plankg:Chapter } }""",
    )
    wanted = {urls.node_path(row["n"]) for row in rows}
    missing = sorted(path for path in wanted if not (site_dir / path).is_file())
    assert len(wanted) > 3000 and not missing, missing[:10]
    # the paragraphs the plan's text is made of, each at the address of its id
    assert (site_dir / PLAN / "c02-s04-p02.html").is_file()


def test_every_page_is_linked_from_another(pages: dict[str, _Links]) -> None:
    reached = {urls.HOME}
    for source, parsed in pages.items():
        for link in parsed.links:
            reached.add(_target(source, urlsplit(link).path))
    orphans = sorted(set(pages) - reached)
    assert not orphans, orphans[:10]


def test_the_site_is_smaller_than_the_view_pages_it_replaces(site_dir: Path) -> None:
    manifest = json.loads((site_dir / writer.MANIFEST).read_text(encoding="utf-8"))
    size = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file())
    assert size < VIEW_PAGES_BYTES
    assert manifest["plans"] == [PLAN] and sum(manifest["pages"].values()) == len(list(site_dir.rglob("*.html")))


def _one_of_each(site_dir: Path, pages: dict[str, _Links]) -> list[str]:
    """A page of every kind: the front, every index, picture and overview page, and one node page
    of every class (as its class index lists them first)."""
    chosen = [urls.HOME, urls.SEARCH, urls.plan_home(PLAN), f"{PLAN}/c02-s04-p02.html", *SHOWN.values()]
    chosen += sorted(path for path in pages if path.startswith(f"{PLAN}/_/"))
    for path in sorted(path for path in pages if path.startswith(f"{PLAN}/_/class-")):
        first = next((link for link in pages[path].links if not link.startswith(("_", "..", "#"))), None)
        if first is not None:
            chosen.append(_target(path, first))
    return [path for path in dict.fromkeys(chosen) if path in pages]


def test_a_page_of_every_kind_opens_offline_without_error(site_dir: Path, pages: dict[str, _Links]) -> None:
    from tests.browser import chromium, visit

    chosen = _one_of_each(site_dir, pages)
    assert len(chosen) > 20 and set(SHOWN.values()) <= set(chosen)
    problems = []
    with chromium() as context:
        for path in chosen:
            page, seen = visit(context, site_dir / path, timeout_s=60, network=False)
            page.wait_for_load_state("load")
            shot = next((name for name, shown in SHOWN.items() if shown == path), None)
            if SCREENSHOTS and shot:
                page.wait_for_timeout(3000)  # a drawing's layout settles
                page.screenshot(path=str(Path(SCREENSHOTS) / f"{shot}.png"))
            page.close()
            if seen.errors or seen.outside or seen.dialogs:
                problems.append((path, seen.errors, seen.outside, seen.dialogs))
    assert not problems, problems


def test_a_failed_site_leaves_the_previous_one(built: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site"
    writer.write_site(built, folder, "en", lambda step: None)
    before = snapshot(folder)

    def broken(site: object) -> list[object]:
        raise PlankgError("a section failed")

    monkeypatch.setattr(sections, "SECTIONS", (*sections.SECTIONS, Section("broken", broken)))
    monkeypatch.setattr(writer, "SECTIONS", sections.SECTIONS)
    with pytest.raises(PlankgError, match="a section failed"):
        writer.write_site(built, folder, "en", lambda step: None)
    assert snapshot(folder) == before
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no staging folder left behind


def test_a_folder_of_other_files_is_refused_in_one_line(built: Build, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(app, ["site", "--build", str(built.folder), "--out", str(folder)])
    assert result.exit_code == 1
    assert "holds files but no site" in result.output and "Traceback" not in result.output
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_no_build_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", "--build", str(tmp_path / "nothing"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "site").exists()
