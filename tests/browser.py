"""Open a written page in headless Chromium with the network cut off, and report what it drew.

This is how the tests, the benchmark and the screenshots in docs/ see a page as a reader would:
Debian's Chromium (`/usr/bin/chromium`) driven by Playwright, from a file:// URL, with a fresh
profile. Every request that is not file: or data: is recorded and refused, so a page that still
needs a CDN shows up as a recorded request and a broken page. Playwright comes with the `test`
extra; the package itself never needs it, so this module lives with the tests.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.errors import PlankgError

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
# No background traffic of the browser's own: updates, sync, first-run pages.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("file:", "data:", "blob:", "about:")
# What a page exposes once drawn: vis.js DataSet sizes, the nodes placed on the canvas, and
# whether physics is still running (it must be frozen once the page is ready).
_DRAWN = """() => ({
  nodes: nodes.length,
  edges: edges.length,
  drawn: Object.keys(network.getPositions()).length,
  physics: network.physics.physicsEnabled,
})"""


@dataclass
class Visit:
    """What happened while a page loaded."""

    seconds: float = 0.0  # from navigation until the page said it was drawn (and physics frozen)
    nodes: int = 0
    edges: int = 0
    drawn: int = 0
    physics: bool = False
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    outside: list[str] = field(default_factory=list)  # requests that would have left the machine
    requests: list[str] = field(default_factory=list)  # every request the page made
    dialogs: list[str] = field(default_factory=list)  # alert(), confirm(), prompt(): script that ran


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile, closed (and the profile removed) afterwards."""
    if not CHROMIUM.exists():
        raise PlankgError(f"no {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="plankg-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": width, "height": height},
        )
        try:
            yield context
        finally:
            context.close()


def visit(context: BrowserContext, path: Path, timeout_s: float = 300.0, network: bool = True) -> tuple[Page, Visit]:
    """Open a page and wait until it is drawn (a network page) or loaded (the index); the open
    page (close it) and what happened."""
    page = context.new_page()
    seen = Visit()

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            seen.outside.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
    if not network:
        seen.seconds = time.perf_counter() - start
        return page, seen
    page.wait_for_function("window.plankgReady === true", timeout=timeout_s * 1000)
    seen.seconds = time.perf_counter() - start
    drawn = page.evaluate(_DRAWN)
    seen.nodes, seen.edges, seen.drawn, seen.physics = drawn["nodes"], drawn["edges"], drawn["drawn"], drawn["physics"]
    return page, seen
