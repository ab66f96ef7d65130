"""The few SVG elements the pictures draw, each escaping what it is given, so that a label or a
quote from the data is text in the picture and never markup."""

from __future__ import annotations

import unicodedata
from html import escape

SIZE = 13  # the pictures' font size in px (pictures.css)


def number(value: float) -> str:
    """A coordinate as SVG reads it: at most one decimal, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_width(words: str, size: float = SIZE) -> float:
    """About how wide a text is drawn, to leave it room: a Chinese character is one em, a Latin
    letter a little over half of one."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else 0.6 * size for char in words)


def picture(width: float, height: float, content: str, label: str) -> str:
    """An inline SVG that shrinks to the page's width, named by its title; not role="img", which
    would hide its links from a screen reader."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture" viewBox="0 0 {number(width)} {number(height)}"'
        f' width="{number(width)}"><title>{escape(label)}</title>{content}</svg>'
    )


def link(href: str, content: str, title: str) -> str:
    """A mark that opens `href`, with its own words as the tooltip."""
    return f'<a href="{escape(href)}"><title>{escape(title)}</title>{content}</a>'


def rect(x: float, y: float, width: float, height: float, fill: str, css: str = "") -> str:
    kind = f' class="{escape(css)}"' if css else ""
    return (
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(max(width, 0))}" height="{number(height)}"'
        f' fill="{escape(fill)}"{kind}/>'
    )


def circle(x: float, y: float, radius: float, fill: str) -> str:
    return f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(radius)}" fill="{escape(fill)}"/>'


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#999") -> str:
    return f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" y2="{number(y2)}" stroke="{escape(stroke)}"/>'


def text(x: float, y: float, words: str, anchor: str = "start", css: str = "") -> str:
    kind = f' class="{escape(css)}"' if css else ""
    return f'<text x="{number(x)}" y="{number(y)}" text-anchor="{escape(anchor)}"{kind}>{escape(words)}</text>'
