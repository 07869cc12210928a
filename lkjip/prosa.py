"""Reading an LKjIP's prose: the figures it states and what it says about targets.

The phrasings are data (``prosa.toml`` beside this module), so a new phrasing is
one line to review. Prose figures are read in the Indonesian convention
(``37,04``, ``4.698.740.544,00``), which LKjIP text uses whatever its tables use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from lkjip import config
from lkjip.numbers import parse_number

RULES_FILE = config.PACKAGE_DIR / "prosa.toml"


@dataclass(frozen=True)
class Pernyataan:
    """One figure stated in a text: what it is (``besaran``), its value, the figure as written and where it starts."""

    besaran: str
    nilai: float | None
    angka: str
    posisi: int


def _compile(pattern: str, angka: str) -> re.Pattern:
    return re.compile(pattern.replace("{angka}", angka).replace(" ", r"\s+"), re.IGNORECASE)


@cache
def _data() -> dict:
    with RULES_FILE.open("rb") as fh:
        return tomllib.load(fh)


def angka_pattern() -> str:
    """Return the pattern of a figure as Indonesian prose writes it (group ``angka``)."""
    return _data()["angka"]


@cache
def rules() -> dict[str, dict[str, list[re.Pattern]]]:
    """Return the compiled phrasings of ``prosa.toml``: {section: {kind: [patterns]}}."""
    data = _data()
    angka = data["angka"]
    return {
        section: {kind: [_compile(p, angka) for p in patterns] for kind, patterns in data[section].items()}
        for section in ("pernyataan", "klaim")
    }


def pernyataan(text: str) -> list[Pernyataan]:
    """Return every figure ``text`` states (serapan, realisasi, capaian, target), in order, each once.

    A figure two phrasings match is of the kind ``prosa.toml`` lists first.
    """
    found: dict[int, Pernyataan] = {}
    for besaran, patterns in rules()["pernyataan"].items():
        for pattern in patterns:
            for m in pattern.finditer(text or ""):
                start = m.start("angka")
                if start not in found:
                    found[start] = Pernyataan(
                        besaran, parse_number(m.group("angka"), "id"), m.group("angka"), start
                    )
    return [found[k] for k in sorted(found)]


def klaim(text: str) -> list[tuple[str, str]]:
    """Return what ``text`` says about the target: (kind, words) per phrase, kinds as in ``prosa.toml``."""
    out = []
    for kind, patterns in rules()["klaim"].items():
        for pattern in patterns:
            out += [(kind, m.group(0)) for m in pattern.finditer(text or "")]
    return out
