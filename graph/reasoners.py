"""The reasoners a build can run, and the choice `auto` makes (no reasoning library imported here
until a build asks whether HermiT can run)."""

from __future__ import annotations

import shutil

from plankg.errors import PlankgError

REASONERS = ("auto", "hermit", "rules", "none")
HERMIT_PLAN_LIMIT = 5  # beyond this many plans `auto` uses the rules: HermiT costs ~12 s a plan
INSTALL_JAVA = "install Java 8 or newer (e.g. `apt-get install default-jre-headless`)"


def java_found() -> bool:
    """Whether the Java that HermiT runs is there: owlready2's JAVA_EXE (`java`), looked up on the PATH."""
    import owlready2  # the build imports it anyway; the CLI's start does not

    return shutil.which(owlready2.JAVA_EXE) is not None


def fallback_note(requested: str, plan_count: int) -> str | None:
    """What a build says when `auto` runs the rules only because HermiT cannot run (no Java)."""
    if requested == "auto" and plan_count <= HERMIT_PLAN_LIMIT and not java_found():
        return f"no Java found, so the rules ran instead of HermiT (they infer the same); for HermiT, {INSTALL_JAVA}"
    return None


def choose_reasoner(requested: str, plan_count: int) -> str:
    """The reasoner a build runs: `auto` is HermiT for a few plans and the rules beyond, or when
    there is no Java; `hermit` without Java fails here, before any plan is read."""
    if requested not in REASONERS:
        raise PlankgError(f"unknown reasoner {requested!r}: choose one of {', '.join(REASONERS)}")
    if requested == "hermit" and not java_found():
        raise PlankgError(
            f"HermiT needs Java, which is not on the PATH: {INSTALL_JAVA}, "
            "or use `--reasoner rules`, which infers the same"
        )
    if requested == "auto":
        return "rules" if plan_count > HERMIT_PLAN_LIMIT or fallback_note(requested, plan_count) else "hermit"
    return requested


__all__ = ["HERMIT_PLAN_LIMIT", "REASONERS", "choose_reasoner", "fallback_note", "java_found"]
