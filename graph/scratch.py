"""Temporary folders named after the process that made them, so that the next run can remove
those a killed run left behind (a SIGKILL or a power cut runs no clean-up).

A folder is `plankg-<kind>-<pid>-<suffix>` in the system's temporary folder; `sweep_stale()`
removes the ones whose process is gone. Commands that make such folders call it when they start.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

_NAME = re.compile(r"plankg-([a-z]+)-(\d{1,7})-\w+")  # a pid has at most 7 digits (Linux pid_max ≤ 2^22)


def scratch_prefix(kind: str) -> str:
    """The start of a scratch folder's name of this kind (`oxigraph`, `reason`…) for this process."""
    if not kind.isalpha() or not kind.islower():
        raise ValueError(f"a scratch folder's kind is lower-case letters: {kind!r}")
    return f"plankg-{kind}-{os.getpid()}-"


def scratch_folder(kind: str) -> Path:
    """A new temporary folder of this kind, named with this process's id."""
    return Path(tempfile.mkdtemp(prefix=scratch_prefix(kind)))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process
    return True


def sweep_stale() -> list[Path]:
    """Remove this user's scratch folders whose process is no longer running; the ones removed."""
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there, not ask about it
        return []
    removed = []
    for folder in Path(tempfile.gettempdir()).glob("plankg-*-*-*"):
        match = _NAME.fullmatch(folder.name)
        if match is None or _running(int(match.group(2))):
            continue
        try:
            info = folder.lstat()
        except FileNotFoundError:  # another run swept it first
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
