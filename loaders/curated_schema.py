"""The typed schema of curated YAML records (documented for curators in docs/curation.md)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from plankg.loaders.source import Bilingual

Id = str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceIn(_Strict):
    """A paragraph id and the exact words of the plan in it."""

    paragraph: str = Field(min_length=1)
    quote: str = Field(min_length=1)


def _as_list(value: object) -> object:
    """Let a curator write one evidence mapping where a list is expected."""
    return [value] if isinstance(value, dict) else value


class LinkIn(_Strict):
    """A link with its own quote, or a curator's inference with its justification."""

    to: Id
    evidence: list[EvidenceIn] = Field(default_factory=list)
    inferred: str | None = Field(default=None, min_length=1)

    _one_list = field_validator("evidence", mode="before")(_as_list)

    @model_validator(mode="after")
    def _evidence_or_inference(self) -> LinkIn:
        if self.evidence and self.inferred:
            raise ValueError("a link is either stated (evidence) or inferred, not both")
        return self


Link = Id | LinkIn


class PartialBilingual(_Strict):
    zh: str | None = None
    en: str | None = None


class Record(_Strict):
    """Fields every curated node has."""

    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Bilingual
    evidence: list[EvidenceIn] = Field(default_factory=list)
    inferred: str | None = Field(default=None, min_length=1)
    comment: PartialBilingual | None = None
    aliases: list[str] = Field(default_factory=list)  # other names the plan uses (两山, 呼市)
    # ids the node was published under before a correction, kept resolvable (owl:sameAs)
    former_ids: list[Id] = Field(default_factory=list)
    concepts: list[Link] = Field(default_factory=list)

    _one_list = field_validator("evidence", mode="before")(_as_list)

    @model_validator(mode="after")
    def _evidence_or_inference(self) -> Record:
        if bool(self.evidence) == bool(self.inferred):
            raise ValueError("give either evidence (the plan says it) or inferred (a curator's justification)")
        return self


class GoalIn(Record):
    type: Literal["vision", "pillar", "positioning", "objective", "goal"]
    refines: list[Link] = Field(default_factory=list)
    located_in: list[Link] = Field(default_factory=list)
    year: int | None = None  # the year it is due, when its quote writes one ("到2025 年")


class PrincipleIn(Record):
    pass


class FindingIn(Record):
    """An assessment or a driver: what the plan finds, and the goals it bears on."""

    bears_on: list[Link] = Field(default_factory=list)


class IndicatorIn(Record):
    unit: Bilingual | None = None  # None: the plan names the indicator with no unit (and no value)
    measures: list[Link] = Field(default_factory=list)


Comparator = Literal["reach", "at-least", "at-most", "about", "exactly", "more-than", "nearly"]


class ObservationIn(Record):
    type: Literal["baseline", "achievement", "observation"]
    indicator: Link
    value: Decimal
    year: int | None = None
    from_year: int | None = None  # a total over a period (十三五期间累计): its first year; `year` its last
    comparator: Comparator | None = None  # the plan's qualifier: 90%以上, 40多项, 将近600
    unit: Bilingual | None = None


class TargetIn(Record):
    indicator: Link
    value: Decimal
    comparator: Comparator
    year: int | None = None
    unit: Bilingual | None = None


class _Actionable(Record):
    """Measures and projects: who is responsible, who takes part, where, and the roles the plan
    words itself: who leads (牵头) or supports (配合), what it draws on (依托) or is carried by
    (以…为载体), whom it pairs with (合作, 对口, 结对), whom it is to attract (招引, 引进)."""

    responsible: list[Link] = Field(default_factory=list)
    participants: list[Link] = Field(default_factory=list)
    located_in: list[Link] = Field(default_factory=list)
    leads: list[Link] = Field(default_factory=list)
    supports: list[Link] = Field(default_factory=list)
    supported_by: list[Link] = Field(default_factory=list)
    carried_by: list[Link] = Field(default_factory=list)
    partners: list[Link] = Field(default_factory=list)
    attracts: list[Link] = Field(default_factory=list)


class MeasureIn(_Actionable):
    contributes_to: list[Link] = Field(default_factory=list)


class ProjectIn(_Actionable):
    # a kind readers ask by; None: another project (a facility, park, base, centre, programme)
    type: Literal["fund", "event", "platform", "campaign", "regulation"] | None = None
    implements: list[Link] = Field(default_factory=list)
    part_of: list[Link] = Field(default_factory=list)  # the complex, base or programme it belongs to
    status: Bilingual | None = None


class OrganizationIn(Record):
    type: Literal["government", "party", "enterprise", "institution", "organization"]
    sub_organization_of: list[Link] = Field(default_factory=list)


class PlaceIn(Record):
    type: Literal[
        "district",
        "town",
        "subdistrict",
        "village",
        "community",
        "area",
        "road",
        "watercourse",
        "commercial-district",
        "park",
        "heritage-site",
        "place",
    ]
    within: list[Link] = Field(default_factory=list)


class DefinitionIn(EvidenceIn):
    """The glossary's words for a concept; `inferred` when the web copy lost the head word and a
    curator matched the entry to its concept from the sentence that uses it."""

    inferred: str | None = Field(default=None, min_length=1)


class ConceptIn(Record):
    scheme: Id | None = None
    definition: DefinitionIn | None = None
    broader: list[Link] = Field(default_factory=list)
    members: list[Link] = Field(default_factory=list)  # for a numbered list (五大…): the things it lists


class SchemeIn(_Strict):
    """A curator's grouping of concepts; it states nothing about the plan, so needs no quote."""

    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Bilingual
    comment: PartialBilingual | None = None


class NotFactIn(_Strict):
    """A number in the text that states no fact (an ordinal, a hotline, the 14 of 十四五 in a name)."""

    paragraph: str = Field(min_length=1)
    text: str = Field(min_length=1)  # the number with enough context to find it: "12345热线"
    reason: str = Field(min_length=1)


class LinkRecordIn(_Strict):
    """A link written apart from its subject's record: for a link a chapter states about a node
    that another file defines (a project of the shared registry serving this chapter's measure)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    subject: Id = Field(alias="from")
    field: str = Field(min_length=1)  # a link field of the subject's kind: implements, located_in …
    to: Id
    evidence: list[EvidenceIn] = Field(default_factory=list)
    inferred: str | None = Field(default=None, min_length=1)

    _one_list = field_validator("evidence", mode="before")(_as_list)

    @model_validator(mode="after")
    def _evidence_or_inference(self) -> LinkRecordIn:
        if bool(self.evidence) == bool(self.inferred):
            raise ValueError("give either evidence (the plan says it) or inferred (a curator's justification)")
        return self


class CuratedFile(_Strict):
    """One YAML file of curated data: lists of records by kind."""

    goals: list[GoalIn] = Field(default_factory=list)
    principles: list[PrincipleIn] = Field(default_factory=list)
    assessments: list[FindingIn] = Field(default_factory=list)
    drivers: list[FindingIn] = Field(default_factory=list)
    indicators: list[IndicatorIn] = Field(default_factory=list)
    observations: list[ObservationIn] = Field(default_factory=list)
    targets: list[TargetIn] = Field(default_factory=list)
    measures: list[MeasureIn] = Field(default_factory=list)
    projects: list[ProjectIn] = Field(default_factory=list)
    organizations: list[OrganizationIn] = Field(default_factory=list)
    places: list[PlaceIn] = Field(default_factory=list)
    concepts: list[ConceptIn] = Field(default_factory=list)
    schemes: list[SchemeIn] = Field(default_factory=list)
    not_facts: list[NotFactIn] = Field(default_factory=list)
    links: list[LinkRecordIn] = Field(default_factory=list)
