"""The report's display objects: tables, paragraphs, lists and headings in the report's style.

Each report block is a :class:`Blok` of parts (:class:`Tabel`, :class:`Paragraf`,
:class:`Daftar`, :class:`Judul`, :class:`Tautan`). A block shows itself through
Jupyter's rich display protocol: as HTML (the same in JupyterLab and in the built
page) and as structured JSON (:data:`MIME`), which the Word document and the
year's document are made from. A table carries its DataFrame (``.df``) for an
analyst to sort and filter. Every text goes through :func:`html.escape`, so a
name such as ``<script>`` shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from lkjip.numbers import format_angka, format_persen, format_rupiah

Formatter = Callable[[object], str]


def teks(value: object) -> str:
    """Return a text cell ("-" when missing)."""
    return "-" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def angka(value: object) -> str:
    """Return a plain indicator value with up to 4 decimals ("0,043")."""
    return format_angka(value, 4, trim=True)  # type: ignore[arg-type]


def dua_desimal(value: object) -> str:
    """Return a number with 2 decimals ("2,93")."""
    return format_angka(value, 2)  # type: ignore[arg-type]


def bulat(value: object) -> str:
    """Return a whole number with thousands dots."""
    return format_angka(value, 0)  # type: ignore[arg-type]


def rupiah(value: object) -> str:
    """Return an amount without prefix: ``4.962.111.000``."""
    return format_rupiah(value, prefix=False)  # type: ignore[arg-type]


def persen(value: object) -> str:
    """Return a percentage with 2 decimals, without the sign: ``123,47``."""
    return format_persen(value).removesuffix(" %")  # type: ignore[arg-type]


def ya_tidak(value: object) -> str:
    """Return "Ya"/"Tidak" for a boolean, "-" when missing."""
    return "-" if value is None or pd.isna(value) else ("Ya" if value else "Tidak")


NUMERIC = {angka, bulat, dua_desimal, rupiah, persen}


MIME = "application/vnd.lkjip.blok+json"


class Bagian:
    """A part of a report block; parts and blocks join with ``+``."""

    def to_html(self) -> str:
        """Return the part as HTML (text escaped)."""
        raise NotImplementedError

    def to_json(self) -> dict:
        """Return the part as JSON-ready data: ``{"jenis": ..., ...}``."""
        raise NotImplementedError

    @property
    def html(self) -> str:
        """Return the part as HTML (as :attr:`Blok.html`)."""
        return self.to_html()

    def __repr__(self) -> str:
        data = self.to_json()
        label = data.get("judul") or data.get("teks") or ""
        return f"<{type(self).__name__} {str(label)[:60]!r}>"

    def __add__(self, other: Bagian | Blok | str) -> Blok:
        return Blok([self]) + other

    def __radd__(self, other: Bagian | Blok | str) -> Blok:
        return Blok.of(other) + self

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:  # noqa: ANN001 - Jupyter's protocol
        return Blok([self])._repr_mimebundle_(include, exclude)


@dataclass(repr=False)
class Tabel(Bagian):
    """A table: the DataFrame shown (``df``), its column map, caption and source line."""

    df: pd.DataFrame
    kolom: dict[str, tuple[str, Formatter]]
    judul: str | None = None
    sumber: str | None = None
    nomor: bool = True
    row_class: pd.Series | None = None

    def kepala(self) -> list[str]:
        """Return the column headings, "No." first when numbered."""
        return (["No."] if self.nomor else []) + [h for h, _ in self.kolom.values()]

    def angka(self) -> list[bool]:
        """Return, per column, whether it holds numbers (right-aligned)."""
        return ([True] if self.nomor else []) + [fmt in NUMERIC for _, fmt in self.kolom.values()]

    def baris(self) -> list[list[str]]:
        """Return the formatted cells, one list per row, as the page prints them."""
        rows = []
        for i, (_, row) in enumerate(self.df.iterrows(), start=1):
            cells = [str(i)] if self.nomor else []
            rows.append(cells + [fmt(row[column]) for column, (_, fmt) in self.kolom.items()])
        return rows

    def kelas(self) -> list[str]:
        """Return the CSS class of each row ("" for none): the level of a budget row."""
        if self.row_class is None:
            return [""] * len(self.df)
        return [str(self.row_class[idx]) for idx in self.df.index]

    def to_html(self) -> str:
        """Return the table as HTML inside a wrapper that scrolls sideways on a narrow screen."""
        return html_tabel(self.to_json())

    def to_json(self) -> dict:
        """Return the table as data: caption, source, headings, formatted rows, numeric columns, row classes."""
        return {
            "jenis": "tabel",
            "judul": self.judul,
            "sumber": self.sumber,
            "kepala": self.kepala(),
            "baris": self.baris(),
            "angka": self.angka(),
            "kelas": self.kelas(),
        }


def html_tabel(data: dict) -> str:
    """Return the HTML of a table given as :meth:`Tabel.to_json` data (the page and the document use it)."""
    numeric = data["angka"]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in data["kepala"])
    body = []
    for cls, cells in zip(data["kelas"], data["baris"], strict=True):
        attr = f' class="{html.escape(cls)}"' if cls else ""
        tds = "".join(
            ('<td class="num">' if n else "<td>") + f"{html.escape(c)}</td>"
            for c, n in zip(cells, numeric, strict=True)
        )
        body.append(f"<tr{attr}>{tds}</tr>")
    caption = f"<caption>{html.escape(data['judul'])}</caption>" if data["judul"] else ""
    foot = f'<p class="sumber">Sumber: {html.escape(data["sumber"])}</p>' if data["sumber"] else ""
    return (
        f'<div class="tabel"><table class="lkjip">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{foot}"
    )


def html_bagian(data: dict, anchor: str | None = None) -> str:
    """Return the HTML of one part given as data (:meth:`Bagian.to_json`); navigation gives ""."""
    kind = data["jenis"]
    if kind == "tabel":
        return html_tabel(data)
    if kind == "paragraf":
        return Paragraf(data["teks"]).to_html()
    if kind == "daftar":
        return Daftar(data["butir"]).to_html()
    if kind == "judul":
        level = data["tingkat"]
        ident = f' id="{html.escape(anchor)}"' if anchor else ""
        return f"<h{level}{ident}>{html.escape(data['teks'])}</h{level}>"
    return ""


@dataclass(repr=False)
class Paragraf(Bagian):
    """A paragraph of sentences, optionally followed by a link."""

    teks: str
    tautan: tuple[str, str] | None = None  # (label, href)
    kelas: str = ""

    def to_html(self) -> str:
        """Return the paragraph as HTML."""
        link = (
            f' <a href="{html.escape(self.tautan[1])}">{html.escape(self.tautan[0])}</a>.'
            if self.tautan
            else ""
        )
        attr = f' class="{html.escape(self.kelas)}"' if self.kelas else ""
        return f"<p{attr}>{html.escape(self.teks)}{link}</p>"

    def to_json(self) -> dict:
        """Return ``{"jenis": "paragraf", "teks": ...}``."""
        return {"jenis": "paragraf", "teks": self.teks}


@dataclass(repr=False)
class Daftar(Bagian):
    """A bulleted list; an item may link to a page (``tautan``: item -> href)."""

    butir: list[str]
    tautan: dict[str, str] = field(default_factory=dict)

    def to_html(self) -> str:
        """Return the list as HTML."""
        items = []
        for b in self.butir:
            text = html.escape(b)
            items.append(
                f'<li><a href="{html.escape(self.tautan[b])}">{text}</a></li>'
                if b in self.tautan
                else f"<li>{text}</li>"
            )
        return "<ul>" + "".join(items) + "</ul>"

    def to_json(self) -> dict:
        """Return ``{"jenis": "daftar", "butir": [...]}``."""
        return {"jenis": "daftar", "butir": list(self.butir)}


@dataclass(repr=False)
class Judul(Bagian):
    """A heading of level 1 to 4; ``atas`` is a small line above it (the instansi and year)."""

    teks: str
    tingkat: int = 2
    atas: str | None = None

    def to_html(self) -> str:
        """Return the heading as HTML."""
        kicker = f'<p class="instansi">{html.escape(self.atas)}</p>' if self.atas else ""
        return f"{kicker}<h{self.tingkat}>{html.escape(self.teks)}</h{self.tingkat}>"

    def to_json(self) -> dict:
        """Return ``{"jenis": "judul", "teks": ..., "tingkat": ...}``."""
        return {"jenis": "judul", "teks": self.teks, "tingkat": self.tingkat}


@dataclass(repr=False)
class Tautan(Bagian):
    """Links to other pages (label -> href), on screen only: never printed, never in the document or Word.

    Without ``judul`` a navigation bar; with it, a heading and a list of links.
    """

    tautan: dict[str, str]
    judul: str | None = None

    def to_html(self) -> str:
        """Return the links as a navigation bar, or as a titled list."""
        pairs = [(html.escape(t), html.escape(h)) for t, h in self.tautan.items()]
        if self.judul is None:
            links = " | ".join(f'<a href="{h}">{t}</a>' for t, h in pairs)
            return f'<nav class="lkjip">{links}</nav>'
        items = "".join(f'<li><a href="{h}">{t}</a></li>' for t, h in pairs)
        return f'<nav class="lkjip-daftar"><h2>{html.escape(self.judul)}</h2><ul>{items}</ul></nav>'

    def to_json(self) -> dict:
        """Return ``{"jenis": "navigasi"}`` (the document and the Word file leave it out)."""
        return {"jenis": "navigasi"}


@dataclass(repr=False)
class Blok:
    """A report block: parts in order. Shows as HTML and as :data:`MIME` JSON; ``df`` is its first table's frame."""

    bagian: list[Bagian] = field(default_factory=list)

    @classmethod
    def of(cls, value: Bagian | Blok | str | Iterable[Bagian | Blok]) -> Blok:
        """Return ``value`` as a block ("" is an empty block)."""
        if isinstance(value, Blok):
            return value
        if isinstance(value, Bagian):
            return cls([value])
        if isinstance(value, str):
            if value:
                raise TypeError("a report block is made of parts, not HTML text")
            return cls([])
        return cls([p for v in value for p in cls.of(v).bagian])

    def __add__(self, other: Bagian | Blok | str) -> Blok:
        return Blok(self.bagian + Blok.of(other).bagian)

    def __radd__(self, other: Bagian | Blok | str) -> Blok:
        return Blok.of(other) + self

    @property
    def tabel(self) -> list[Tabel]:
        """Return the block's tables."""
        return [p for p in self.bagian if isinstance(p, Tabel)]

    @property
    def df(self) -> pd.DataFrame | None:
        """Return the DataFrame of the block's first table (``None`` without a table)."""
        return self.tabel[0].df if self.tabel else None

    @property
    def html(self) -> str:
        """Return the block as HTML."""
        return "".join(p.to_html() for p in self.bagian)

    def to_json(self) -> dict:
        """Return ``{"bagian": [...]}``: every part as data."""
        return {"bagian": [p.to_json() for p in self.bagian]}

    def __repr__(self) -> str:
        return "<Blok " + ", ".join(repr(p) for p in self.bagian) + ">"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:  # noqa: ANN001 - Jupyter's protocol
        return {"text/plain": repr(self), "text/html": self.html, MIME: self.to_json()}


def blok(*parts: Bagian | Blok | Iterable[Bagian | Blok]) -> Blok:
    """Return the parts (or iterables of parts) as one block, in order."""
    return Blok.of(parts)


def tabel(
    frame: pd.DataFrame,
    columns: dict[str, tuple[str, Formatter]],
    *,
    judul: str | None = None,
    nomor: bool = True,
    row_class: pd.Series | None = None,
    sumber: str | None = None,
) -> Tabel:
    """Return the :class:`Tabel` of ``frame`` (one row per frame row) with ``columns`` (heading, formatter)."""
    return Tabel(frame, columns, judul=judul, sumber=sumber, nomor=nomor, row_class=row_class)


def paragraf(*sentences: str) -> Paragraf:
    """Return the sentences as one :class:`Paragraf`."""
    return Paragraf(" ".join(s for s in sentences if s))


def daftar(items: list[str]) -> Daftar:
    """Return a bulleted :class:`Daftar`."""
    return Daftar(list(items))
