"""Locating verbatim quotes in paragraphs, and the numbers they contain."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from plankg.loaders.text import Paragraph

_SLACK = 6  # characters shown beyond the quote's length in a "nearest text" hint
_CONTEXT = 32  # characters of prefix and suffix kept, as a TextQuoteSelector recommends
# An Arabic number as Chinese plans write it: 38.5, 310, 1,200 (a thousands comma only before
# exactly three digits, since the plan's ASCII commas also separate clauses: "5,全区").
NUMBER_PATTERN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Quote:
    """A located quote: the Web Annotation TextQuoteSelector and TextPositionSelector in one."""

    paragraph: str
    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


def locate(quote: str, paragraph: Paragraph) -> Quote | None:
    """The quote's place in the source file, or None if it is not verbatim in the paragraph."""
    index = paragraph.text.find(quote)
    if index < 0:
        return None
    text = paragraph.text
    return Quote(
        paragraph=paragraph.id,
        exact=quote,
        start=paragraph.start + index,
        end=paragraph.start + index + len(quote),
        prefix=text[max(0, index - _CONTEXT) : index],
        suffix=text[index + len(quote) : index + len(quote) + _CONTEXT],
    )


def nearest_text(quote: str, text: str) -> str:
    """The stretch of `text` most like `quote`, to show a curator what the plan really says.

    It is aligned on the longest run the two share, and a little longer than the quote, so
    that a changed number or character shows beside what surrounds it.
    """
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, match.a - match.b)
    return text[start : start + len(quote) + _SLACK]


def numbers_in(text: str) -> set[Decimal]:
    """Every Arabic number written in the text ("38.5", "310", "1,200"), as exact decimals."""
    found = set()
    for token in NUMBER_PATTERN.findall(text):
        try:
            found.add(Decimal(token.replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
    return found


# The five-year plans a quote may date a value by: its number → its first year (十二五: 2011–2015).
FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021}
_PLAN_END = re.compile(r"(十[一二三四]五)”?\s*(?:期末|末)")


def years_in(text: str) -> set[Decimal]:
    """The years a text writes: as digits, or as the end of a five-year plan ("“十二五”期末" → 2015)."""
    ends = {Decimal(FIVE_YEAR_PLANS[name] + 4) for name in _PLAN_END.findall(text)}
    return numbers_in(text) | ends
