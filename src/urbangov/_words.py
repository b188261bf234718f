"""The words urbangov prints for people, in each language of a plan.

Every face that writes for people (the command line's tables, notification digests)
keeps its words in a :class:`Catalogue`: one entry per phrase, in Vietnamese and in
English, with the same ``{placeholders}``. A run picks one language (the plan's
``lang``, or ``--lang``) and every phrase follows it; ``tests/test_words.py`` checks
that each entry has both languages and that a Vietnamese run prints no English phrase.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from typing import Final, final

import attrs

from urbangov.plan import Language

__all__ = ["CATALOGUES", "Catalogue", "day", "number", "percent"]

#: Every catalogue made, for the tests that check them.
CATALOGUES: Final[list[Catalogue]] = []


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@final
@attrs.frozen
class Catalogue:
    """Phrases by key, each as ``(vietnamese, english)``.

    >>> words = Catalogue("demo", {"late": ("{n} ngày trễ", "{n} day(s) late")})
    >>> words("late", "vi", n=3), words("late", "en", n=3)
    ('3 ngày trễ', '3 day(s) late')
    """

    name: str
    entries: Mapping[str, tuple[str, str]]

    def __attrs_post_init__(self) -> None:
        for key, (vi, en) in self.entries.items():
            if _placeholders(vi) != _placeholders(en):
                raise ValueError(f"{self.name}: {key!r} has different placeholders in vi and en")
        CATALOGUES.append(self)

    def __call__(self, key: str, lang: Language | str, /, **values: object) -> str:
        vi, en = self.entries[key]
        text = vi if Language(lang) is Language.VI else en
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.entries


def day(value: dt.date | None, lang: Language | str) -> str:
    """A date as readers write it: 14/06/2021 in Vietnamese, 2021-06-14 in English.

    >>> day(dt.date(2021, 6, 14), "vi"), day(dt.date(2021, 6, 14), "en")
    ('14/06/2021', '2021-06-14')
    """
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if Language(lang) is Language.VI else value.isoformat()


def percent(value: float | None, lang: Language | str) -> str:
    """A share as a percentage with one decimal (a decimal comma in Vietnamese).

    >>> percent(0.5, "vi"), percent(0.5, "en")
    ('50,0%', '50.0%')
    """
    if value is None:
        return ""
    text = f"{100 * value:.1f}%"
    return text.replace(".", ",") if Language(lang) is Language.VI else text


def number(value: int, lang: Language | str) -> str:
    """A whole number with thousands grouped (1.234 in Vietnamese, 1,234 in English)."""
    text = f"{value:,}"
    return text.replace(",", ".") if Language(lang) is Language.VI else text
