"""The plan model in one place: the kinds of curated record, the class each `type` code names,
the links each kind may carry, and the families the views and the analysis group classes into.

The loader reads records by this table, the graph writes their triples by it, the analysis and
the views group classes by it, and `tests/test_ontology.py` checks it against the ontology (every
class and property named here is declared there, each class under its family). Plain data, no
RDF library: the query side reads it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkSpec:
    """How a YAML link field becomes an RDF triple."""

    predicate: str  # a CURIE the graph layer expands
    targets: frozenset[str]  # the record kinds it may point at
    reverse: bool = False  # True: the triple runs from the target to this record


@dataclass(frozen=True)
class KindSpec:
    """A YAML key (`goals`, `places` …): the class of its records and the links they may carry."""

    classes: dict[str | None, str]  # the record's `type` (None: no type field) → class local name
    links: dict[str, LinkSpec]


# Every kind may name the concepts it uses.
CONCEPT_LINKS = {"concepts": LinkSpec("plankg:relatedConcept", frozenset({"concepts"}))}
_GOALS = frozenset({"goals"})
_ACTORS = {
    "responsible": LinkSpec("plankg:responsibleFor", frozenset({"organizations"}), reverse=True),
    "participants": LinkSpec("plankg:participatesIn", frozenset({"organizations"}), reverse=True),
    "located_in": LinkSpec("plankg:locatedIn", frozenset({"places"})),
}
_ORGANIZATIONS = frozenset({"organizations"})
# The roles the plan states in its own words: 牵头, 配合, 依托, 以…为载体, 合作/对口/结对, 招引/引进.
_ROLES = {
    "leads": LinkSpec("plankg:leads", _ORGANIZATIONS, reverse=True),
    "supports": LinkSpec("plankg:supports", _ORGANIZATIONS, reverse=True),
    "supported_by": LinkSpec("plankg:supportedBy", frozenset({"projects", "organizations", "places", "concepts"})),
    "carried_by": LinkSpec("plankg:carriedBy", frozenset({"projects", "places", "concepts"})),
    "partners": LinkSpec("plankg:hasPairingPartner", frozenset({"organizations", "places"})),
    "attracts": LinkSpec("plankg:attracts", _ORGANIZATIONS),
}
# What a numbered list of the plan may group: its goals, tasks, indicators and registry things.
_MEMBERS = frozenset({"goals", "measures", "indicators", "projects", "organizations", "places", "concepts"})
_INDICATOR = {"indicator": LinkSpec("plankg:indicator", frozenset({"indicators"}))}

KINDS: dict[str, KindSpec] = {
    "goals": KindSpec(
        {
            "vision": "Vision",
            "pillar": "Pillar",
            "positioning": "Positioning",
            "objective": "Objective",
            "goal": "Goal",
        },
        {"refines": LinkSpec("plankg:refines", _GOALS), "located_in": _ACTORS["located_in"]},
    ),
    "principles": KindSpec({None: "Principle"}, {}),
    "assessments": KindSpec({None: "Assessment"}, {"bears_on": LinkSpec("plankg:bearsOn", _GOALS)}),
    "drivers": KindSpec({None: "Driver"}, {"bears_on": LinkSpec("plankg:bearsOn", _GOALS)}),
    "indicators": KindSpec({None: "Indicator"}, {"measures": LinkSpec("plankg:measures", _GOALS)}),
    "observations": KindSpec(
        {"baseline": "Baseline", "achievement": "Achievement", "observation": "Observation"}, _INDICATOR
    ),
    "targets": KindSpec({None: "Target"}, _INDICATOR),
    "measures": KindSpec(
        {None: "Measure"}, {"contributes_to": LinkSpec("plankg:contributesTo", _GOALS), **_ACTORS, **_ROLES}
    ),
    "projects": KindSpec(
        {
            None: "Project",
            "fund": "Fund",
            "event": "Event",
            "platform": "Platform",
            "campaign": "Campaign",
            "regulation": "Regulation",
        },
        {
            "implements": LinkSpec("plankg:implements", frozenset({"measures"})),
            "part_of": LinkSpec("plankg:partOf", frozenset({"projects"})),
            **_ACTORS,
            **_ROLES,
        },
    ),
    "organizations": KindSpec(
        {
            "government": "GovernmentBody",
            "party": "PartyBody",
            "enterprise": "Enterprise",
            "institution": "Institution",
            "organization": "Organization",
        },
        {"sub_organization_of": LinkSpec("org:subOrganizationOf", frozenset({"organizations"}))},
    ),
    "places": KindSpec(
        {
            "district": "District",
            "town": "Town",
            "subdistrict": "Subdistrict",
            "village": "Village",
            "community": "Community",
            "area": "Area",
            "road": "Road",
            "watercourse": "Watercourse",
            "commercial-district": "CommercialDistrict",
            "park": "Park",
            "heritage-site": "HeritageSite",
            "place": "Place",
        },
        {"within": LinkSpec("plankg:within", frozenset({"places"}))},
    ),
    "concepts": KindSpec(
        {None: "Concept"},
        {
            "broader": LinkSpec("skos:broader", frozenset({"concepts"})),
            "members": LinkSpec("plankg:hasMember", _MEMBERS),
        },
    ),
}

# Kinds shared across chapters, where one name must be one node.
REGISTRY_KINDS = frozenset({"places", "organizations", "projects", "concepts"})

COMPARATORS = {
    "reach": "reach",
    "at-least": "atLeast",
    "at-most": "atMost",
    "about": "about",
    "exactly": "exactly",
    "more-than": "moreThan",
    "nearly": "nearly",
}

# The families the views and the analysis draw and count by: a kind's generic class and its
# subclasses (Vision, Pillar … are Goals).
FAMILY_OF_KIND = {
    "goals": "Goal",
    "places": "Place",
    "organizations": "Organization",
    "observations": "Observation",
    "projects": "Project",
}
FAMILIES: dict[str, frozenset[str]] = {
    family: frozenset(KINDS[kind].classes.values()) for kind, family in FAMILY_OF_KIND.items()
}
GOALS, PLACES, ORGANIZATIONS = FAMILIES["Goal"], FAMILIES["Place"], FAMILIES["Organization"]


def family_of(cls: str) -> str:
    """The family a class belongs to (Pillar → Goal, Town → Place, Baseline → Observation), or the class itself."""
    return next((family for family, members in FAMILIES.items() if cls in members), cls)


def _local(curie: str) -> str:
    return curie.partition(":")[2]


# The links along which support flows upward, from a project to the goals it serves.
SUPPORT = frozenset(
    _local(spec.predicate)
    for spec in (
        KINDS["projects"].links["implements"],
        KINDS["measures"].links["contributes_to"],
        KINDS["goals"].links["refines"],
    )
)
