"""Finding a node and reading its page: `plankg search` and `plankg show`, on a build or an endpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plankg.cli_common import BuildOption, FormatOption, LangOption, console, handled, one_of, print_rows
from plankg.cli_queries import EndpointOption
from plankg.errors import PlankgError
from plankg.graph.opened import open_graph
from plankg.queries.catalogue import Param
from plankg.queries.names import resolve_node

if TYPE_CHECKING:
    from plankg.queries.show import Page


@handled
def search(
    words: Annotated[
        list[str], typer.Argument(help="The words to find; a node matches when one of its texts holds them all.")
    ],
    cls: Annotated[
        str | None,
        typer.Option("--class", help="Only nodes of this class or below it: Project, Place, Goal, Measure …"),
    ] = None,
    chapter: Annotated[
        int | None, typer.Option("--chapter", min=1, help="Only nodes cited in this chapter (its number).")
    ] = None,
    section: Annotated[
        str | None, typer.Option("--section", help="Only nodes cited in this section (its id, e.g. c07-s03).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many nodes (0: all).")] = 20,
    lang: LangOption = "zh",
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """Find nodes by the words of their labels (Chinese, English, pinyin), aliases, quotes or comments.

    Chinese needs no spaces: a word matches inside a text. Spaces, quote marks and full- or
    half-width forms do not count. Best first: an exact name, a label, an alias, a quote, a comment.

    Examples: plankg search 科技城 --class Place ; plankg search 养老 --chapter 9 ;
    plankg search "big data" --lang en --format json
    """
    from plankg.graph.search import open_index
    from plankg.graph.search import search as find

    scope = _scope(chapter, section)
    hits = find(open_index(open_graph(build, endpoint)), " ".join(words), cls, scope, lang, limit or None)
    print_rows(
        f"{len(hits)} node(s) for {' '.join(words)!r}",
        ["match", "class", "id", "label", "paragraph", "quote"],
        [[hit.match, hit.cls, hit.id, hit.label, hit.paragraph, hit.quote] for hit in hits],
        fmt,
    )


def _scope(chapter: int | None, section: str | None) -> str | None:
    """The part a search keeps to: a section id, or a chapter's id (`c07`) from its number."""
    if section is None:
        return None if chapter is None else f"c{chapter:02d}"
    if chapter is not None and not section.startswith(f"c{chapter:02d}-"):
        raise PlankgError(f"--section {section} is not in chapter {chapter}")
    return section


@handled
def show(
    node: Annotated[
        str,
        typer.Argument(help="The node: its id, IRI, or a name as written (Chinese, English, an alias, part of one)."),
    ],
    fmt: Annotated[str, typer.Option("--format", parser=one_of(("text", "json")), help="text or json.")] = "text",
    lang: LangOption = "zh",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """A node's page: its names, class, evidence, links in and out with their quotes or justifications,
    values, places up the `within` chain and the goals it serves up to the vision.

    Examples: plankg show 科技城片区 ; plankg show proj-old-residential-renovation --format json
    """
    from plankg.queries.show import node_page

    opened = open_graph(build, endpoint)
    page = node_page(opened, resolve_node(opened.engine(), node, Param("node", "node", None, "a node", node)), lang)
    if fmt == "json":
        typer.echo(json.dumps(page.as_json(), ensure_ascii=False, indent=2))
    else:
        print_page(page, lang)


def print_page(page: Page, lang: str) -> None:
    """The page in the terminal: a heading, then one block per section, every statement cited."""
    from rich.markup import escape
    from rich.table import Table

    from plankg.graph.search import label_in
    from plankg.queries.show import Support

    labels = page.names.get("rdfs:label", [])
    title = next((entry["text"] for entry in labels if entry["lang"] == lang), page.id)
    console.rule(f"[bold]{escape(title)}[/]  {escape(page.cls)} · {escape(page.id)}")
    console.print(escape(page.iri), style="dim", highlight=False)
    names = Table("name", "lang", "text", box=None, show_header=False)
    for prop, entries in (*page.names.items(), *page.facts.items()):
        for entry in entries:
            names.add_row(prop, entry["lang"], escape(entry["text"]))
    console.print(names)
    if page.evidence:
        evidence = Table("paragraph", "quote", title="evidence (the plan's words)", title_justify="left")
        for item in page.evidence:
            evidence.add_row(item.get("paragraph", ""), escape(item.get("quote", "")))
        console.print(evidence)
    if page.links:
        links = Table("relation", "", "other end", "support", "paragraph", "quote or justification", title="links")
        for link in page.links:
            arrow = "→" if link.direction == "out" else "←"
            other = f"{label_in(lang, link.other.label, link.other.label_en)} ({link.other.id})"
            for support in link.support or [Support("")]:
                words = support.justification or support.quote
                links.add_row(link.relation, arrow, escape(other), support.kind, support.paragraph, escape(words))
        console.print(links)
    if page.values:
        values = Table(
            "class", "indicator", "value", "unit", "year", "comparator", "paragraph", "quote", title="values"
        )
        for value in page.values:
            values.add_row(
                *(escape(value.get(key, "")) for key in ("class", "indicator", "value", "unit", "year", "cmp")),
                value.get("paragraph", ""),
                escape(value.get("quote", "")),
            )
        console.print(values)
    if page.places:
        chain = " ⊂ ".join(f"{label_in(lang, p['label'], p['label_en'])} ({p['id']})" for p in page.places)
        console.print(f"[bold]in:[/] {escape(chain)}", highlight=False)
    if page.goals:
        goals = Table("type", "goal", title="goals served, up to the vision", title_justify="left")
        for goal in page.goals:
            goals.add_row(goal.get("type", ""), escape(goal.get("label", "")))
        console.print(goals)
