"""HTML tables in the report's style: Indonesian numbers, headings, escaped text.

Every text cell goes through :func:`html.escape`, so a name such as
``<script>`` shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

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


def tabel(
    frame: pd.DataFrame,
    columns: dict[str, tuple[str, Formatter]],
    *,
    judul: str | None = None,
    nomor: bool = True,
    row_class: pd.Series | None = None,
    sumber: str | None = None,
) -> str:
    """Return an HTML table of ``frame``: one ``<tr>`` per row, in order.

    ``columns`` maps a frame column to its heading and formatter. ``nomor`` adds
    a "No." column; ``row_class`` gives a CSS class per row (subtotals);
    ``judul`` is the caption ("Tabel 3.1 ...").
    """
    head = (["<th>No.</th>"] if nomor else []) + [f"<th>{html.escape(h)}</th>" for h, _ in columns.values()]
    body = []
    for i, (idx, row) in enumerate(frame.iterrows(), start=1):
        cls = f' class="{html.escape(str(row_class[idx]))}"' if row_class is not None else ""
        cells = [f'<td class="num">{i}</td>'] if nomor else []
        for column, (_, fmt) in columns.items():
            align = ' class="num"' if fmt in NUMERIC else ""
            cells.append(f"<td{align}>{html.escape(fmt(row[column]))}</td>")
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    caption = f"<caption>{html.escape(judul)}</caption>" if judul else ""
    foot = f'<p class="sumber">Sumber: {html.escape(sumber)}</p>' if sumber else ""
    return (
        f'<table class="lkjip">{caption}<thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{foot}"
    )


def paragraf(*sentences: str) -> str:
    """Return the sentences as an escaped HTML paragraph."""
    return "<p>" + html.escape(" ".join(s for s in sentences if s)) + "</p>"


def daftar(items: list[str]) -> str:
    """Return an escaped HTML bullet list."""
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
