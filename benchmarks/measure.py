"""Timing and memory helpers shared by the benchmark steps.

Times are medians of repeated runs; memory is read from the operating system in a fresh
process, because Rust (pyoxigraph) and Java (HermiT) allocations are invisible to tracemalloc.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def rss_mib() -> float:
    """This process's resident set now, in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mib() -> float:
    """The largest resident set of this process or of any child it waited for (Linux: KiB)."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def _child(work: Callable[..., Any], args: tuple[Any, ...], queue: multiprocessing.Queue) -> None:
    try:
        before = rss_mib()
        start = time.perf_counter()
        value = work(*args)
        queue.put(("ok", value, time.perf_counter() - start, _peak_mib(), rss_mib() - before))
    except BaseException as exc:  # reported to the parent, which raises it
        queue.put(("error", repr(exc), 0.0, 0.0, 0.0))


def in_fresh_process(work: Callable[..., Any], *args: Any) -> tuple[Any, float, float, float]:
    """Run `work(*args)` in a new Python process: (its value, seconds, peak resident MiB of the
    process, resident growth MiB while the value is held). `work` must be a module-level function."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(work, args, queue))
    process.start()
    status, value, seconds, peak, growth = queue.get()
    process.join()
    if status != "ok":
        raise RuntimeError(f"{work.__name__} failed in its process: {value}")
    return value, seconds, peak, growth


def growth_exponent(sizes: list[float], values: list[float]) -> float | None:
    """The slope b of log(value) = a + b·log(size), by least squares: 1 is linear growth."""
    points = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if s > 0 and v > 0]
    if len(points) < 2:
        return None
    mean_x = statistics.mean(x for x, _ in points)
    mean_y = statistics.mean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def write_between(docs: Path, begin: str, end: str, body: str) -> None:
    """Replace what lies between two markers of a docs page with `body` (the prose around them is kept)."""
    text = docs.read_text(encoding="utf-8")
    start, stop = text.index(begin) + len(begin), text.index(end)
    docs.write_text(text[:start] + "\n\n" + body + "\n\n" + text[stop:], encoding="utf-8")
