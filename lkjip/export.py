"""Export a year's BAB III tables to one XLSX workbook, ready to paste into the Word report.

One sheet per table, with the headings of the HTML pages (the column maps of
:mod:`lkjip.columns`), numbers stored as numbers with display formats; Excel shows
thousands dots and decimal commas from the reader's own locale. Every cell from the
data is a number or text: a name starting with ``=`` is stored as text, never as a formula.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lkjip import anggaran as ang
from lkjip import cache, config, present, report
from lkjip import capaian as cap
from lkjip import columns as col
from lkjip.audit import SEVERITY_LABEL
from lkjip.laporan import Laporan, muat
from lkjip.text import TABEL_TINGKAT

# Display format of each HTML formatter; any other formatter is text.
NUMBER_FORMATS = {
    present.rupiah: "#,##0",
    present.bulat: "#,##0",
    present.persen: "#,##0.00",
    present.dua_desimal: "#,##0.00",
    present.angka: "#,##0.####",
    col.nilai_audit: "#,##0.####",
}


def sheets(lap: Laporan) -> dict[str, tuple[pd.DataFrame, dict]]:
    """Return the workbook's sheets: name -> (frame, column map), one frame row per sheet row."""
    nilai = report.iku_uraian(lap)
    per = pd.concat(
        [cap.capaian_per(lap.nilai, t, lap.settings) for t in ("tujuan", "sasaran")], ignore_index=True
    )
    ksp = report.rekap_ksp(lap)
    levels = {
        f"Tabel {TABEL_TINGKAT[t]}": (nilai[nilai["tingkat"] == t], col.kolom_tingkat(t, lap.tahun))
        for t in ("tujuan", "sasaran")
    }
    return {
        "Tabel 3.1": (nilai, col.KOLOM_IKU),
        **levels,
        "Capaian per tujuan-sasaran": (per, col.KOLOM_CAPAIAN_PER),
        "Ringkasan belanja": (report.belanja_ringkas(lap), col.KOLOM_BELANJA),
        "Realisasi Anggaran": (ang.hierarki(lap.tabel["anggaran"]), col.KOLOM_HIERARKI),
        "Anggaran per kelompok": (ang.per_kelompok(lap.tabel["anggaran"]), col.KOLOM_KELOMPOK),
        "Tabel 3.5": (ksp, col.kolom_ksp(lap.tahun, ksp)),
        "Audit": (lap.temuan.assign(label=lap.temuan["tingkat"].map(SEVERITY_LABEL)), col.KOLOM_AUDIT),
    }


def _cell(value: object, number_format: str | None, formatter: present.Formatter) -> object:
    """Return a value openpyxl stores natively: numbers as numbers, text as the page shows it, missing as empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if number_format is None:
        return formatter(value)
    return value


def workbook_bytes(lap: Laporan) -> bytes:
    """Return the year's BAB III workbook as XLSX bytes: one sheet per table, one row per table row."""
    book = Workbook()
    book.remove(book.active)
    fill = PatternFill("solid", fgColor="1F3B57")
    for name, (frame, columns) in sheets(lap).items():
        sheet = book.create_sheet(name[:31])
        formats = [NUMBER_FORMATS.get(fmt) for _, fmt in columns.values()]
        formatters = [fmt for _, fmt in columns.values()]
        sheet.append([heading for heading, _ in columns.values()])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = fill
        for row in frame[list(columns)].itertuples(index=False):
            sheet.append([_cell(v, f, g) for v, f, g in zip(row, formats, formatters, strict=True)])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text from the data is never a live formula
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for i, (column, (heading, _)) in enumerate(columns.items(), start=1):
            letter = get_column_letter(i)
            if formats[i - 1]:
                for cell in sheet[letter][1:]:
                    cell.number_format = formats[i - 1]
            longest = max([len(heading)] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(lap: Laporan, path: Path) -> Path:
    """Write the year's BAB III workbook (:func:`workbook_bytes`) to ``path`` atomically; return ``path``."""
    cache.write_atomic(path, workbook_bytes(lap))
    return path


def export(tahun: int, root: Path | str | None = None) -> Path:
    """Write ``reports/<tahun>/lkjip-bab3-<tahun>.xlsx``; return its path."""
    path = config.paths(root).reports_year(tahun) / f"lkjip-bab3-{tahun}.xlsx"
    return write_workbook(muat(tahun, root), path)
