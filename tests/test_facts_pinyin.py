"""Pinyin of the plan's places, as the places are called, and their English names spelt to match.

The readings expected below are those of the names in the plan's text: 保合少镇 (c06-s03-p02 and
the village lists of chapter 9), 长三角 (c04), 敕勒川 (c02 onwards), 三卜树村 (c10), 满世·尚都 (c05).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from plankg.graph.pinyin import PLACE_READINGS, pinyin, syllables
from tests.conftest import PLAN, select
from tests.test_bad_input import problem, write_curated


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("保合少镇", "Bǎohéshàozhèn"),
        ("长三角", "Chángsānjiǎo"),
        ("敕勒川草原", "Chìlèchuāncǎoyuán"),
        ("三卜树村", "Sānbǔshùcūn"),
        ("满世·尚都", "Mǎnshì·shàngdū"),
        ("新城区", "Xīnchéngqū"),  # pypinyin alone, for the names the table leaves to it
        ("西安", "Xī'ān"),  # the apostrophe where syllables would run together
        ("兴安北路", "Xīng'ānběilù"),
    ],
)
def test_place_names_are_read_as_they_are_called(name: str, reading: str) -> None:
    assert pinyin(name) == reading


def test_each_table_reading_has_one_syllable_per_character() -> None:
    for word, reading in PLACE_READINGS.items():
        assert len(reading) == len(word), word
        assert syllables(word) == list(reading)


@pytest.mark.parametrize(("misspelt", "reading"), [("baohshao", "Bǎohéshàozhèn"), ("chileichuan", "Chìlèchuān")])
def test_a_word_one_letter_off_the_pinyin_is_caught(misspelt: str, reading: str) -> None:
    assert 0 < _nearest(misspelt, _letters(reading)) <= 2


def test_the_graph_labels_places_with_their_reading(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?pinyin WHERE { ?p a/rdfs:subClassOf* plankg:Place ; rdfs:label "保合少镇"@zh , ?pinyin .
                                  FILTER(LCASE(LANG(?pinyin)) = "zh-latn-pinyin") }""",
    )
    assert [row["pinyin"] for row in rows] == ["Bǎohéshàozhèn"]


# English words of place names that are English by convention, not the pinyin they resemble.
ENGLISH_BY_CONVENTION = {
    "genghis": "Genghis Khan is the English name of 成吉思汗 (Chéngjísīhán), not a spelling of its pinyin",
    "jiangsu": "江浙沪 abbreviates 江苏 (Jiangsu), 浙江 and 上海; the English names the provinces in full",
}


def _letters(text: str) -> str:
    """Lower-case ASCII letters only: tone marks, apostrophes, spaces and hyphens dropped."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain.lower() if "a" <= c <= "z")


def _nearest(word: str, text: str) -> int:
    """The fewest edits that turn `word` into some stretch of `text` (approximate substring match)."""
    previous = [0] * (len(text) + 1)
    for i, char in enumerate(word, 1):
        current = [i] + [0] * len(text)
        for j, other in enumerate(text, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
        previous = current
    return min(previous)


def test_english_names_of_places_spell_their_pinyin(store: ox.Store) -> None:
    """A transliterated word of an English name ("Baoheshao Town") is the pinyin of the Chinese name;
    a word one or two letters off it ("Baohshao", "Chileichuan") is a misspelling of one or the other.
    English words (Town, Road, Hohhot) are far from any stretch of the pinyin and are not checked."""
    rows = select(
        store,
        """SELECT ?id ?en ?pinyin WHERE {
             ?p a/rdfs:subClassOf* plankg:Place ; plankg:localId ?id ; rdfs:label ?en , ?pinyin .
             FILTER(LANG(?en) = "en" && LCASE(LANG(?pinyin)) = "zh-latn-pinyin") }""",
    )
    assert len(rows) > 100
    misspelt = []
    for row in rows:
        reading = _letters(row["pinyin"])
        for word in map(_letters, row["en"].replace("-", " ").split()):
            allowed = 1 if len(word) < 7 else 2
            if word in ENGLISH_BY_CONVENTION or len(word) < 5 or word in reading:
                continue
            if _nearest(word, reading) <= allowed:
                misspelt.append((row["id"], word, row["pinyin"]))
    assert misspelt == []


def test_the_misspelt_id_of_baoheshao_still_names_the_town(store: ox.Store) -> None:
    """保合少镇 was published as place-baohshao-town; the corrected node is the same individual."""
    rows = select(
        store,
        f"""SELECT ?old WHERE {{ GRAPH <{graph_iri(PLAN, "curated")}> {{ ?town owl:sameAs ?old }}
                                  ?town rdfs:label "保合少镇"@zh }}""",
    )
    assert [row["old"].rsplit("/", 1)[1] for row in rows] == ["place-baohshao-town"]


def test_a_former_id_that_is_another_node_is_refused(data_copy: Path) -> None:
    path = write_curated(
        data_copy,
        """\
places:
  - id: place-test-town
    type: town
    label: {zh: "测试镇", en: "Test Town"}
    former_ids: [place-hohhot]
    inferred: "a test"
""",
    )
    message = problem(data_copy)
    assert str(path) in message and "former id 'place-hohhot'" in message
