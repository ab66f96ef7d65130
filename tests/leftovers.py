"""What a test run may leave behind on this machine besides files: processes, listening ports
and scratch folders. Read from /proc, so that the check needs no library of its own."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_PROC = Path("/proc")
_LISTEN = "0A"  # the TCP state of a listening socket in /proc/net/tcp


def _stat(pid: str) -> tuple[str, int, str] | None:
    """A process's command name, parent and state, or None if it is gone."""
    try:
        text = (_PROC / pid / "stat").read_text()
    except OSError:
        return None
    name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
    return name, int(rest[1]), rest[0]


# multiprocessing's resource tracker lives as long as the process that started a pool, by design.
_ENDS_WITH_ITS_PARENT = "multiprocessing.resource_tracker"


def _command(pid: int) -> str:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def descendants(root: int) -> list[str]:
    """The live (not zombie) processes below `root`, as `pid name`, but for multiprocessing's
    resource tracker, which ends with its parent."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(entry.name)) is not None and stat[2] != "Z":
            children.setdefault(stat[1], []).append((int(entry.name), stat[0]))
    found, frontier = [], [root]
    while frontier:
        for pid, name in children.get(frontier.pop(), []):
            frontier.append(pid)
            if _ENDS_WITH_ITS_PARENT not in _command(pid):
                found.append(f"{pid} {name}")
    return sorted(found)


def listening_ports(pid: int) -> list[int]:
    """The TCP ports this process listens on (its own sockets, not its children's)."""
    inodes = set()
    for fd in (_PROC / str(pid) / "fd").iterdir():
        with_target = re.fullmatch(r"socket:\[(\d+)\]", os.readlink(fd)) if fd.is_symlink() else None
        if with_target:
            inodes.add(with_target.group(1))
    ports = []
    for table in ("tcp", "tcp6"):
        for line in (_PROC / "net" / table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == _LISTEN and fields[9] in inodes:
                ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(ports)


def scratch_folders() -> set[str]:
    """The project's scratch folders in the temporary folder (servers' stores, reasoners' files)."""
    return {path.name for path in Path(tempfile.gettempdir()).glob("plankg-*")}
