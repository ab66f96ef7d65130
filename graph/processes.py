"""What the child processes the toolkit starts (the SPARQL server, HermiT's JVM) share."""

from __future__ import annotations

import ctypes
import signal

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """Linux, as a child's `preexec_fn`: the child gets SIGTERM when its parent dies without
    stopping it (killed, crashed), so no server or JVM is left running behind a dead command or test."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


__all__ = ["die_with_parent"]
