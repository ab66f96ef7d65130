"""The output folder is one whole build at every instant, however builds fail or overlap.

A build holds a lock beside `out/` (`.out.lock`, an advisory `flock` that the kernel releases
when the process dies, so a killed build never leaves it held), stages everything in a folder
of its own (`.out.building-<pid>-<random>`), and swaps it in with one atomic step: Linux's
`renameat2(RENAME_EXCHANGE)` exchanges the two folders, so `out/` is the old build until the
instant it is the new one. Where the file system cannot exchange, the old build is moved aside
(`.out.previous-<pid>-<random>`) and the new one renamed in; a build killed between those two
renames leaves no `out/`, which the next build restores and every reader explains.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from plankg.errors import PlankgError
from plankg.graph.opened import MANIFEST_FILE

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # from <linux/fs.h>


def _sibling(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}"


def _leftovers(out: Path, kind: str) -> list[Path]:
    """What earlier builds of `out` left of `kind` (building, previous), newest first."""
    found = [path for path in out.parent.glob(_sibling(out, kind) + "*") if path.is_dir()]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold `out`'s build lock, or stop at once naming the build that holds it."""
    path = out.parent / _sibling(out, "lock")
    while True:
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise PlankgError(
                f"another build (process {holder}) is writing this folder: wait for it to end, "
                "or build into another --out",
                out,
            ) from None
        # The lock file may have been removed by the build that held it between our open and our
        # lock: then the lock we hold is on a file nobody else sees, so take the new one instead.
        try:
            same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        path.unlink(missing_ok=True)
        handle.close()


def _own_name(out: Path, kind: str) -> Path:
    """A name beside `out` that only this process uses."""
    return out.parent / _sibling(out, f"{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def check_replaceable(out: Path) -> None:
    """Refuse to put a build where something else is: a file, or a folder that holds no build
    (an `--out` given by mistake must never cost the folder it names)."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise PlankgError("this is a file, not a build folder: choose a new or empty folder for --out", out)
    if any(out.iterdir()) and not (out / MANIFEST_FILE).is_file():
        raise PlankgError(
            "this folder holds files but no build (no build.json), and a build replaces the whole folder: "
            "choose a new or empty folder for --out",
            out,
        )


def staging_folder(out: Path) -> Path:
    """A folder of this build's own beside `out`, on the same file system so the swap is a rename
    (made with the user's usual permissions, as `out/` will have them)."""
    folder = _own_name(out, "building")
    folder.mkdir()
    return folder


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, out: Path) -> None:
    """Make `staging` the build in `out` in one step, and remove the build it replaces."""
    if not out.exists():
        staging.rename(out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the old build
        return
    aside = _own_name(out, "previous")
    out.rename(aside)
    staging.rename(out)
    shutil.rmtree(aside, ignore_errors=True)


Written = TypeVar("Written")


def written_aside(target: Path, write: Callable[[Path], Written]) -> Written:
    """`write(partial)` makes a file or folder at a name of this process's own beside `target`,
    which then replaces `target` in one step: a full disk or an interrupted write leaves the
    previous `target` as it was and no half-written one."""
    partial = target.parent / f".{target.stem}.partial-{os.getpid()}-{secrets.token_hex(4)}{target.suffix}"
    try:
        written = write(partial)
        if partial.is_dir() and target.is_dir():
            _move_into(partial, target)
        else:
            os.replace(partial, target)
        return written
    finally:
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)


def _move_into(source: Path, target: Path) -> None:
    """Every file of `source` renamed onto its place in `target`; what else `target` holds stays
    (a folder export goes into a folder the user may keep other files in)."""
    for entry in source.iterdir():
        if entry.is_dir() and (target / entry.name).is_dir():
            _move_into(entry, target / entry.name)
        else:
            os.replace(entry, target / entry.name)


def repair(out: Path, progress: Callable[[str], None]) -> None:
    """Under the build lock: remove what killed builds left, and put back a build that one
    moved aside but never replaced."""
    for stale in _leftovers(out, "building"):
        shutil.rmtree(stale, ignore_errors=True)
    previous = _leftovers(out, "previous")
    if previous and not out.exists():
        previous.pop(0).rename(out)
        progress(f"restored {out}: a build was stopped while it replaced it")
    for stale in previous:
        shutil.rmtree(stale, ignore_errors=True)


def interrupted(out: Path) -> PlankgError | None:
    """What a reader should be told when a stopped build left `out` aside and not replaced."""
    previous = _leftovers(out, "previous")
    if out.exists() or not previous:
        return None
    return PlankgError(
        f"a build was stopped while it replaced this folder; the previous build is in {previous[0].name}: "
        "run `plankg build` (which puts it back first) or rename it to "
        f"{out.name}",
        out,
    )
