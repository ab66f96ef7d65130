"""Hanyu pinyin for the plan's place names, as the places are called.

pypinyin reads a name by its phrase dictionary, which knows common words but not the local
names of Hohhot: it reads 长三角 as zhǎng- (长 "to grow") and 敕勒 as chìlēi. The few polyphones
the plan's place names need are read from `PLACE_READINGS` before pypinyin reads the rest.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

# Place-name words whose reading differs from pypinyin's, each with its syllables and why.
PLACE_READINGS: dict[str, tuple[str, ...]] = {
    "保合少": ("bǎo", "hé", "shào"),  # the town's name, Baoheshao: 少 as in 少年
    "三卜树": ("sān", "bǔ", "shù"),  # the village Sanbushu: 卜 bǔ, not the bo of 萝卜
    "敕勒": ("chì", "lè"),  # the Chile people of 敕勒歌: 勒 lè
    "长三角": ("cháng", "sān", "jiǎo"),  # the Yangtze (长江) River Delta: 长 cháng "long"
    "尚都": ("shàng", "dū"),  # a complex's name, Shangdu: 都 dū "capital", not dōu "all"
}
_READING = re.compile("|".join(sorted(map(re.escape, PLACE_READINGS), key=len, reverse=True)))
_VOWELS = frozenset("aeoāáǎàēéěèōóǒò")


def syllables(name: str) -> list[str]:
    """The name's syllables with tone marks: the plan's place readings first, pypinyin for the rest."""
    read: list[str] = []
    start = 0
    for match in _READING.finditer(name):
        read += _pypinyin(name[start : match.start()])
        read += PLACE_READINGS[match.group()]
        start = match.end()
    return read + _pypinyin(name[start:])


def pinyin(name: str) -> str:
    """One capitalised word per name, with the apostrophe before a syllable that starts with a,
    o or e, where syllables would otherwise run together ("新城区" → "Xīnchéngqū", "西安" → "Xī'ān")."""
    word = ""
    for syllable in syllables(name):
        if word and word[-1].isalpha() and syllable[:1] in _VOWELS:
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def _pypinyin(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.TONE, errors="default") if text else []
