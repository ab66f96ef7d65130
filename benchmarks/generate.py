"""Synthetic corpora of K plans with the real plan's shape, for measuring how costs grow with K.

Each synthetic plan is the real plan (its text, its metadata and every curated YAML file) passed
through one random permutation of the plan's own Chinese characters, drawn from the seed and
the plan's number. Why this and not sampling from fitted distributions: a permutation keeps every
shape statistic exactly (class counts, degree distributions, label and quote lengths, share of
targets, character frequencies), keeps every quote verbatim in its paragraph and every number in
its quote (digits are not permuted), so the real loader checks each synthetic plan in full; and
it gives every plan its own names, so no two plans share a place or an organization by accident.
Characters the loaders read (第…章, 第…节, the Chinese numerals, 期末) stay as they are.

Run: `python benchmarks/generate.py --plans 10 --out /tmp/corpus` prints the real plan's shape
beside the synthetic ones.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

from plankg.data import DATA_DIR
from plankg.graph.build import PlanInput, read_plan
from plankg.loaders.source import discover_sources

REAL_PLAN = "xincheng-14th"
# What the loaders read: loaders/text.py the structure (第…章), loaders/quotes.py a year written as
# the end of a five-year plan (“十二五”期末).
PROTECTED = set("第章节零〇一二两三四五六七八九十百期末")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class RealPlan:
    """The files a synthetic plan is made from, read once."""

    metadata: str
    text: str
    curated: dict[str, str]  # file name → YAML text

    @classmethod
    def read(cls, data_dir: Path = DATA_DIR, plan_id: str = REAL_PLAN) -> RealPlan:
        sources = data_dir / "sources"
        metadata = (sources / f"{plan_id}.yaml").read_text(encoding="utf-8")
        text_file = yaml.safe_load(metadata)["file"]
        curated = {
            path.name: path.read_text(encoding="utf-8")
            for path in sorted((data_dir / "curated" / plan_id).glob("*.yaml"))
        }
        return cls(metadata, (sources / text_file).read_text(encoding="utf-8"), curated)

    def alphabet(self) -> list[str]:
        """The ideographs a permutation may move: every one in the plan's files but the parser's."""
        found: set[str] = set()
        for text in (self.metadata, self.text, *self.curated.values()):
            found.update(_IDEOGRAPH.findall(text))
        return sorted(found - PROTECTED)


def plan_id(number: int) -> str:
    return f"synthetic-{number:04d}"


def permutation(alphabet: list[str], seed: int, number: int) -> dict[int, str]:
    """A bijection of the alphabet onto itself, the same for the same seed and plan number."""
    shuffled = alphabet[:]
    random.Random(f"{seed}/{number}").shuffle(shuffled)
    return {ord(a): b for a, b in zip(alphabet, shuffled, strict=True)}


def write_plan(real: RealPlan, alphabet: list[str], out_dir: Path, seed: int, number: int) -> str:
    """Write synthetic plan `number` under out_dir/sources and out_dir/curated; return its id."""
    table = permutation(alphabet, seed, number)
    identifier = plan_id(number)
    text = real.text.translate(table)
    (out_dir / "sources" / f"{identifier}.txt").write_text(text, encoding="utf-8")
    metadata = yaml.safe_load(real.metadata.translate(table))
    metadata.update(
        id=identifier,
        file=f"{identifier}.txt",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    metadata["title"]["en"] = f"{metadata['title']['en']} (synthetic {number})"
    metadata["short_title"]["en"] = f"{metadata['short_title']['en']} (synthetic {number})"
    (out_dir / "sources" / f"{identifier}.yaml").write_text(
        yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    folder = out_dir / "curated" / identifier
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in real.curated.items():
        (folder / name).write_text(content.translate(table), encoding="utf-8")
    return identifier


def generate(out_dir: Path, plans: int, seed: int = 0, real: RealPlan | None = None) -> list[str]:
    """A data folder of `plans` synthetic plans (sources/ and curated/), as the build reads it."""
    real = real or RealPlan.read()
    alphabet = real.alphabet()
    (out_dir / "sources").mkdir(parents=True, exist_ok=True)
    return [write_plan(real, alphabet, out_dir, seed, number) for number in range(1, plans + 1)]


def _spread(values: Iterable[int]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "-"
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{statistics.mean(ordered):.1f} / {statistics.median(ordered):g} / {p90} / {ordered[-1]}"


def shape(plan: PlanInput) -> dict[str, str]:
    """What the synthetic plans must copy, as printable figures (mean / median / p90 / max)."""
    curated = plan.curated
    nodes = curated.nodes.values()
    out_degree = Counter(edge.subject for edge in curated.edges)
    in_degree = Counter(edge.object for edge in curated.edges)
    figures = {
        "paragraphs": str(sum(1 for _ in plan.text.paragraphs())),
        "nodes": str(len(curated.nodes)),
        "links": str(len(curated.edges)),
        "share of targets": f"{sum(node.kind == 'targets' for node in nodes) / len(curated.nodes):.2%}",
    }
    for kind, count in sorted(Counter(node.kind for node in nodes).items()):
        figures[f"  {kind}"] = str(count)
    figures["out-degree (mean/med/p90/max)"] = _spread(out_degree.get(node_id, 0) for node_id in curated.nodes)
    figures["in-degree (mean/med/p90/max)"] = _spread(in_degree.get(node_id, 0) for node_id in curated.nodes)
    figures["label length, zh"] = _spread(len(node.label.zh) for node in nodes)
    figures["quote length"] = _spread(len(quote.exact) for quote in curated.quotes())
    return figures


def print_shapes(real: PlanInput, synthetic: list[PlanInput]) -> None:
    table = Table("measure", f"real ({real.id})", *(plan.id for plan in synthetic), title="plan shapes")
    real_shape, synthetic_shapes = shape(real), [shape(plan) for plan in synthetic]
    for key, value in real_shape.items():
        table.add_row(key, value, *(figures.get(key, "-") for figures in synthetic_shapes))
    Console(file=sys.stderr).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1, help="number of synthetic plans (K)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the permutations")
    parser.add_argument("--out", type=Path, required=True, help="data folder to write (sources/, curated/)")
    parser.add_argument("--compare", type=int, default=2, help="synthetic plans to read back and compare")
    args = parser.parse_args()
    ids = generate(args.out, args.plans, args.seed)
    print(f"{len(ids)} plans written to {args.out}", file=sys.stderr)
    real = read_plan(DATA_DIR, DATA_DIR / "sources" / f"{REAL_PLAN}.yaml")
    metadata = discover_sources(args.out)[: args.compare]
    print_shapes(real, [read_plan(args.out, path) for path in metadata])


if __name__ == "__main__":
    main()
