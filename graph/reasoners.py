"""The reasoners a build can run, and the choice `auto` makes (no reasoning library imported here)."""

from __future__ import annotations

from plankg.errors import PlankgError

REASONERS = ("auto", "hermit", "rules", "none")
HERMIT_PLAN_LIMIT = 5  # beyond this many plans `auto` uses the rules: HermiT costs ~12 s a plan


def choose_reasoner(requested: str, plan_count: int) -> str:
    """The reasoner a build runs: `auto` is HermiT for a few plans and the rules beyond."""
    if requested not in REASONERS:
        raise PlankgError(f"unknown reasoner {requested!r}: choose one of {', '.join(REASONERS)}")
    if requested == "auto":
        return "hermit" if plan_count <= HERMIT_PLAN_LIMIT else "rules"
    return requested


__all__ = ["HERMIT_PLAN_LIMIT", "REASONERS", "choose_reasoner"]
