"""Load a plan's curated YAML into checked nodes and links, every one resting on a located quote.

This is where the provenance rule is enforced: a quote that is not verbatim in the paragraph it
names, a target number that is not in its quote, an unknown or duplicate id, or a link to a
record of the wrong kind is an error naming the YAML file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from plankg.errors import PlankgError, PlankgErrors
from plankg.graph.model import COMPARATORS, CONCEPT_LINKS, KINDS, REGISTRY_KINDS, LinkSpec
from plankg.loaders.curated_schema import (
    Bilingual,
    ConceptIn,
    CuratedFile,
    EvidenceIn,
    GoalIn,
    IndicatorIn,
    Link,
    LinkIn,
    LinkRecordIn,
    ObservationIn,
    ProjectIn,
    Record,
    SchemeIn,
    TargetIn,
)
from plankg.loaders.quotes import Quote, locate, nearest_text, numbers_in, years_in
from plankg.loaders.source import Period
from plankg.loaders.text import PlanText
from plankg.loaders.yaml_lines import line_of, load_yaml, validate_model


@dataclass(frozen=True)
class Origin:
    """Where in the curated data something was written."""

    path: Path
    line: int | None


@dataclass
class Values:
    """A node's literal facts besides its labels: a number with its unit, qualifier and years; a
    goal's due year; a project's status as stated; a concept's definition and scheme."""

    value: Decimal | None = None
    unit: Bilingual | None = None
    comparator: str | None = None  # the local name of a plankg:Comparator (atLeast …)
    year: int | None = None
    year_from_plan_period: bool = False  # the year is the plan period's, not the quote's
    from_year: int | None = None  # the first year of a period total
    from_year_stated: bool = False  # the quote writes that year
    due_year: int | None = None
    status: Bilingual | None = None
    definition: Quote | None = None  # the glossary's words
    definition_inferred: str | None = None  # why the entry is this concept's, when its head word is lost
    scheme: str | None = None


@dataclass
class Node:
    """A curated node, checked: its class, labels, located evidence or a curator's justification."""

    id: str
    kind: str
    cls: str
    label: Bilingual
    evidence: list[Quote]
    justification: str | None
    origin: Origin
    comment: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    former_ids: list[str] = field(default_factory=list)  # ids it was published under before
    values: Values = field(default_factory=Values)


@dataclass(frozen=True)
class Edge:
    """A link between two nodes, stated (with quotes) or inferred by a curator (with a justification)."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Quote, ...]
    justification: str | None
    origin: Origin


@dataclass(frozen=True)
class Scheme:
    id: str
    label: Bilingual
    origin: Origin


@dataclass(frozen=True)
class NotFact:
    """A number in the text that a curator marked as stating no fact, with the reason."""

    span: Quote
    reason: str
    origin: Origin


@dataclass
class CuratedPlan:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    schemes: dict[str, Scheme] = field(default_factory=dict)
    not_facts: list[NotFact] = field(default_factory=list)

    def quotes(self) -> list[Quote]:
        """Every located quote the curated data rests on: nodes, links and definitions."""
        found = [quote for node in self.nodes.values() for quote in node.evidence]
        found += [node.values.definition for node in self.nodes.values() if node.values.definition is not None]
        found += [quote for edge in self.edges for quote in edge.evidence]
        return found


@dataclass
class _Pending:
    """A link read from YAML whose target is checked once every file is read."""

    record: Node
    field_name: str
    spec: LinkSpec
    link: Link
    evidence: tuple[Quote, ...]
    origin: Origin


class _Reader:
    """Reads every curated file of one plan, collecting all problems before it reports them."""

    def __init__(self, text: PlanText):
        self.paragraphs = text.passages()
        self.plan = CuratedPlan()
        self.pending: list[_Pending] = []
        self.scheme_refs: list[tuple[Node, str, Origin]] = []
        self.link_records: list[tuple[LinkRecordIn, tuple[Quote, ...], Origin]] = []
        self.problems: list[PlankgError] = []
        # A file that fails to load is reported once: links to what it declares are not faults too.
        self.unloaded_ids: set[str] = set()  # declared by files that parsed but failed their schema
        self.unreadable: list[Path] = []  # failed files whose ids cannot be told (not YAML, not UTF-8 …)
        self.unchecked = 0  # links to ids not found, which an unreadable file may declare

    def read_file(self, path: Path) -> None:
        try:
            raw = load_yaml(path)
        except PlankgError:
            self.unreadable.append(path)
            raise
        if raw is None:
            return
        try:
            curated = validate_model(CuratedFile, raw, path)
        except PlankgErrors:
            ids = _declared_ids(raw)
            if ids is None:
                self.unreadable.append(path)
            else:
                self.unloaded_ids |= ids
            raise
        for kind in KINDS:
            for index, record in enumerate(getattr(curated, kind)):
                self._read_record(kind, record, raw[kind][index], path)
        for index, scheme in enumerate(curated.schemes):
            self._read_scheme(scheme, Origin(path, line_of(raw, ["schemes", index])))
        for index, item in enumerate(curated.links):
            origin = Origin(path, line_of(raw, ["links", index]))
            evidence = tuple(self._locate_all(item.evidence, raw, ["links", index, "evidence"], path))
            self.link_records.append((item, evidence, origin))
        for index, note in enumerate(curated.not_facts):
            origin = Origin(path, line_of(raw, ["not_facts", index]))
            span = self._locate(EvidenceIn(paragraph=note.paragraph, quote=note.text), origin)
            if span is not None:
                self.plan.not_facts.append(NotFact(span, note.reason, origin))

    def _read_scheme(self, scheme: SchemeIn, origin: Origin) -> None:
        if scheme.id in self.plan.schemes or scheme.id in self.plan.nodes:
            self._problem(f"duplicate id {scheme.id!r}", origin)
            return
        self.plan.schemes[scheme.id] = Scheme(scheme.id, scheme.label, origin)

    def _problem(self, message: str, origin: Origin) -> None:
        self.problems.append(PlankgError(message, origin.path, origin.line))

    def _unknown(self, message: str, target: str, origin: Origin) -> None:
        """An id no loaded file declares is a fault only if no file that failed to load may declare it."""
        if target in self.unloaded_ids:
            return
        if self.unreadable:
            self.unchecked += 1
            return
        self._problem(message, origin)

    def _locate_all(self, evidence: list[EvidenceIn], raw: Any, loc: list[Any], path: Path) -> list[Quote]:
        quotes = []
        for index, item in enumerate(evidence):
            origin = Origin(path, line_of(raw, [*loc, index, "quote"]))
            quote = self._locate(item, origin)
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _locate(self, item: EvidenceIn, origin: Origin) -> Quote | None:
        paragraph = self.paragraphs.get(item.paragraph)
        if paragraph is None:
            self._problem(f"unknown paragraph or heading {item.paragraph!r} (see `plankg paragraphs`)", origin)
            return None
        quote = locate(item.quote, paragraph)
        if quote is None:
            elsewhere = [pid for pid, other in self.paragraphs.items() if item.quote in other.text]
            hint = f"; it does occur in {', '.join(elsewhere)}" if elsewhere else ""
            self._problem(
                f"quote not found in paragraph {item.paragraph}: {item.quote!r}; "
                f"nearest text there: {nearest_text(item.quote, paragraph.text)!r}{hint}",
                origin,
            )
        return quote

    def _read_record(self, kind: str, record: Record, raw: Any, path: Path) -> None:
        spec = KINDS[kind]
        origin = Origin(path, getattr(raw, "line", None))
        if record.id in self.plan.nodes or record.id in self.plan.schemes:
            first = self.plan.nodes.get(record.id) or self.plan.schemes[record.id]
            self._problem(
                f"duplicate id {record.id!r}, first defined at {first.origin.path}:{first.origin.line}", origin
            )
            return
        evidence = self._locate_all(record.evidence, raw, ["evidence"], path)
        node = Node(
            id=record.id,
            kind=kind,
            cls=spec.classes[getattr(record, "type", None)],
            label=record.label,
            evidence=evidence,
            justification=record.inferred,
            origin=origin,
            comment=record.comment.model_dump(exclude_none=True) if record.comment else {},
            aliases=list(record.aliases),
            former_ids=list(record.former_ids),
        )
        self.plan.nodes[record.id] = node
        self._read_values(node, record, raw, path)
        for field_name, link_spec in {**CONCEPT_LINKS, **spec.links}.items():
            value = getattr(record, field_name)
            links = value if isinstance(value, list) else [value]
            for index, link in enumerate(links):
                loc = [field_name, index] if isinstance(value, list) else [field_name]
                self._read_link(node, field_name, link_spec, link, raw, loc, path)

    def _read_link(
        self, node: Node, field_name: str, spec: LinkSpec, link: Link, raw: Any, loc: list[Any], path: Path
    ) -> None:
        origin = Origin(path, line_of(raw, loc))
        evidence: tuple[Quote, ...] = ()
        if isinstance(link, LinkIn) and link.evidence:
            evidence = tuple(self._locate_all(link.evidence, raw, [*loc, "evidence"], path))
        elif not (isinstance(link, LinkIn) and link.inferred):
            evidence = tuple(node.evidence)
        self.pending.append(_Pending(node, field_name, spec, link, evidence, origin))

    def _read_values(self, node: Node, record: Record, raw: Any, path: Path) -> None:
        values = node.values
        if isinstance(record, (TargetIn, ObservationIn)):
            values.value, values.unit = record.value, record.unit
            if record.comparator is not None:
                values.comparator = COMPARATORS[record.comparator]
            if isinstance(record, ObservationIn) and record.from_year is not None:
                values.from_year = record.from_year
                values.from_year_stated = any(
                    Decimal(record.from_year) in years_in(quote.exact) for quote in node.evidence
                )
            self._check_number("value", record.value, node, raw)
            if record.year is not None:
                values.year = record.year
                self._check_number("year", Decimal(record.year), node, raw)
        if isinstance(record, GoalIn) and record.year is not None:
            values.due_year = record.year
            self._check_number("year", Decimal(record.year), node, raw)
        if isinstance(record, ProjectIn):
            values.status = record.status
        if isinstance(record, IndicatorIn):
            values.unit = record.unit
        if isinstance(record, ConceptIn) and record.definition is not None:
            quote = self._locate(record.definition, Origin(path, line_of(raw, ["definition", "quote"])))
            if quote is not None:
                values.definition, values.definition_inferred = quote, record.definition.inferred
        if isinstance(record, ConceptIn) and record.scheme is not None:
            self.scheme_refs.append((node, record.scheme, Origin(path, line_of(raw, ["scheme"]))))

    def _check_number(self, name: str, number: Decimal, node: Node, raw: Any) -> None:
        if not node.evidence:
            return  # the quote itself was wrong (reported), or the record is inferred
        found_in = years_in if name == "year" else numbers_in
        if not any(number in found_in(quote.exact) for quote in node.evidence):
            quotes = " / ".join(repr(quote.exact) for quote in node.evidence)
            self._problem(
                f"{name} {number} of {node.id!r} does not occur in its quote {quotes}",
                Origin(node.origin.path, line_of(raw, [name])),
            )

    def _pend_link_records(self) -> None:
        """Links written apart (`links:`) join the others once their subjects are known."""
        for item, evidence, origin in self.link_records:
            subject = self.plan.nodes.get(item.subject)
            if subject is None:
                self._unknown(f"links: unknown id {item.subject!r}", item.subject, origin)
                continue
            specs = {**CONCEPT_LINKS, **KINDS[subject.kind].links}
            if item.field not in specs:
                fields = ", ".join(sorted(specs))
                self._problem(
                    f"links: {item.subject!r} is one of the {subject.kind}, whose links are: {fields}", origin
                )
                continue
            link = LinkIn(to=item.to, evidence=item.evidence, inferred=item.inferred)
            self.pending.append(_Pending(subject, item.field, specs[item.field], link, evidence, origin))

    def resolve(self, period: Period) -> CuratedPlan:
        """Check every link target, fill defaults that depend on other records, and report."""
        nodes = self.plan.nodes
        self._pend_link_records()
        for pending in self.pending:
            target_id = pending.link.to if isinstance(pending.link, LinkIn) else pending.link
            target = nodes.get(target_id)
            if target is None:
                self._unknown(f"{pending.field_name}: unknown id {target_id!r}", target_id, pending.origin)
                continue
            if target.kind not in pending.spec.targets:
                wanted = " or ".join(sorted(pending.spec.targets))
                self._problem(
                    f"{pending.field_name}: {target_id!r} is one of the {target.kind}, expected {wanted}",
                    pending.origin,
                )
                continue
            subject, obj = (target.id, pending.record.id) if pending.spec.reverse else (pending.record.id, target.id)
            justification = pending.link.inferred if isinstance(pending.link, LinkIn) else None
            self.plan.edges.append(
                Edge(subject, pending.spec.predicate, obj, pending.evidence, justification, pending.origin)
            )
        for node, scheme, origin in self.scheme_refs:
            if scheme not in self.plan.schemes:
                self._unknown(f"scheme: unknown scheme {scheme!r} (declare it under `schemes:`)", scheme, origin)
            node.values.scheme = scheme
        self._fill_value_defaults(period)
        self._check_registry_labels()
        self._check_former_ids()
        if self.unchecked:
            files = ", ".join(str(path) for path in self.unreadable)
            self.problems.append(
                PlankgError(
                    f"not checked until {files} can be read: {self.unchecked} link(s) to ids no other file declares"
                )
            )
        if self.problems:
            raise PlankgErrors(self.problems)
        return self.plan

    def _check_former_ids(self) -> None:
        """A former id names the node it was renamed into, never another node."""
        for node in self.plan.nodes.values():
            for former in node.former_ids:
                if former in self.plan.nodes:
                    self._problem(f"former id {former!r} of {node.id!r} is the id of another node", node.origin)

    def _check_registry_labels(self) -> None:
        """One node per named thing: two places (organizations …) with one Chinese name are a slip."""
        seen: dict[tuple[str, str], Node] = {}
        for node in self.plan.nodes.values():
            if node.kind not in REGISTRY_KINDS:
                continue
            key = (node.kind, node.label.zh)
            if key in seen:
                first = seen[key]
                self._problem(
                    f"{node.id!r} has the same Chinese label {node.label.zh!r} as {first.id!r} "
                    f"({first.origin.path}:{first.origin.line}): reuse that id",
                    node.origin,
                )
            else:
                seen[key] = node

    def _fill_value_defaults(self, period: Period) -> None:
        """A value's unit defaults to its indicator's. A year the quote does not state defaults to
        the plan period: a target to its last year, an observation to the year before its first
        (the end of the previous plan); either is marked `yearFromPlanPeriod`."""
        indicator_of = {edge.subject: edge.object for edge in self.plan.edges if edge.predicate == "plankg:indicator"}
        for node in self.plan.nodes.values():
            if node.kind not in ("targets", "observations"):
                continue
            if node.values.unit is None and node.id in indicator_of:
                node.values.unit = self.plan.nodes[indicator_of[node.id]].values.unit
            if node.values.year is None:
                node.values.year = period.end if node.kind == "targets" else period.start - 1
                node.values.year_from_plan_period = True


def _declared_ids(raw: Any) -> set[str] | None:
    """The ids a file that failed its schema declares (records and schemes), or None when its
    shape hides them: not a mapping of lists of records, each with a string id."""
    if not isinstance(raw, dict):
        return None
    ids = set()
    for key, items in raw.items():
        if key in ("links", "not_facts") or items is None:
            continue  # neither declares ids
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), str) for item in items
        ):
            return None
        ids |= {item["id"] for item in items}
    return ids


def curated_files(folder: Path) -> list[Path]:
    """The YAML files of one plan's curated folder, in name order."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def load_curated(folder: Path, text: PlanText, period: Period) -> CuratedPlan:
    """Read and check every curated file of a plan; all problems are reported together."""
    reader = _Reader(text)
    for path in curated_files(folder):
        try:
            reader.read_file(path)
        except PlankgErrors as errors:
            reader.problems.extend(errors.errors)
        except PlankgError as error:
            reader.problems.append(error)
    return reader.resolve(period)


__all__ = ["KINDS", "CuratedPlan", "Edge", "Node", "NotFact", "Origin", "Scheme", "load_curated"]
