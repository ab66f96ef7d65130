"""The reasoners a build can run (no reasoning library imported here until a build asks whether
HermiT can run).

The rules (graph/rules.py) are the default: they infer exactly HermiT's triples on the plan (a
test compares them) in a tenth of the time, with no Java. HermiT stays for `--reasoner hermit`
and as the test suite's consistency check.
"""

from __future__ import annotations

import shutil

from plankg.errors import PlankgError

REASONERS = ("rules", "hermit", "none")
DEFAULT_REASONER = "rules"
INSTALL_JAVA = "install Java 8 or newer (e.g. `apt-get install default-jre-headless`)"


def java_found() -> bool:
    """Whether the Java that HermiT runs is there: owlready2's JAVA_EXE (`java`), looked up on the PATH."""
    import owlready2  # the build imports it anyway; the CLI's start does not

    return shutil.which(owlready2.JAVA_EXE) is not None


def choose_reasoner(requested: str) -> str:
    """The reasoner a build runs, checked before any plan is read: `hermit` without Java fails here."""
    if requested not in REASONERS:
        raise PlankgError(f"unknown reasoner {requested!r}: choose one of {', '.join(REASONERS)}")
    if requested == "hermit" and not java_found():
        raise PlankgError(
            f"HermiT needs Java, which is not on the PATH: {INSTALL_JAVA}, "
            "or use `--reasoner rules`, which infers the same"
        )
    return requested


__all__ = ["DEFAULT_REASONER", "REASONERS", "choose_reasoner", "java_found"]
