"""Export a year's BAB III tables to one XLSX workbook, ready to paste into the Word report.

One sheet per table of the report (the same :class:`~lkjip.present.Tabel` objects the
pages show): a title row, the headings, a "No." column where the page has one, numbers
stored as numbers rounded as printed with display formats (Excel and LibreOffice show
thousands separators and decimal commas in the reader's locale), budget levels in bold
or italic, the source row, and A4 print setup fitted to the page width. Every cell from the
data is a number or text: a name starting with ``=`` is stored as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lkjip import cache, config, present, report
from lkjip import columns as col
from lkjip.laporan import Laporan, muat
from lkjip.numbers import round_half_up

# Number format and printed decimals of each numeric formatter; any other formatter writes text.
NUMBER_FORMATS = {
    present.rupiah: ("#,##0", 0),
    present.bulat: ("#,##0", 0),
    present.persen: ("#,##0.00", 2),
    present.dua_desimal: ("#,##0.00", 2),
    present.angka: ("#,##0.####", 4),
    col.nilai_audit: ("#,##0.####", 4),
}
BOLD_ROWS = {"kelompok", "program", "jumlah_kelompok", "jumlah", "error"}
ITALIC_ROWS = {"kegiatan"}
HEADER_FILL = PatternFill("solid", fgColor="1F3B57")

# The report's blocks whose tables become sheets, in the order of the report; a block with
# two tables gives two sheets ("Audit", "Audit (2)"), a block without data gives none.
SHEETS: tuple[tuple[str, Callable[[Laporan], present.Blok]], ...] = (
    ("Capaian tujuan-sasaran", report.ikhtisar),
    ("Tabel 3.1", report.tabel_3_1),
    ("Tabel 3.2", lambda lap: report.tabel_per_tingkat(lap, "tujuan")),
    ("Tabel 3.3", lambda lap: report.tabel_per_tingkat(lap, "sasaran")),
    ("2 Antartahun", report.analisis_2_tahun_lalu),
    ("3 Renstra", report.analisis_3_renstra),
    ("4 Standar nasional", report.analisis_4_standar),
    ("6 Efisiensi", report.analisis_6_efisiensi),
    ("7 Program pendukung", report.analisis_7_program),
    ("Ringkasan belanja", report.ringkasan_belanja),
    ("Anggaran per kelompok", report.tabel_kelompok),
    ("Realisasi Anggaran", report.tabel_anggaran),
    ("Serapan terendah", report.tabel_serapan_terendah),
    ("Tabel 3.5", report.tabel_3_5),
    ("Audit", report.tabel_audit),
)


def sheets(lap: Laporan) -> dict[str, present.Tabel]:
    """Return the workbook's sheets: name -> the report's table, one table row per sheet row."""
    out: dict[str, present.Tabel] = {}
    for name, block in SHEETS:
        for i, table in enumerate(present.Blok.of(block(lap)).tabel, start=1):
            out[name if i == 1 else f"{name} ({i})"] = table
    return out


def _cell(value: object, formatter: present.Formatter) -> object:
    """Return a value as the sheet stores it: a number rounded as printed, text as the page shows it, or empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if formatter in NUMBER_FORMATS and isinstance(value, int | float) and not isinstance(value, bool):
        return float(round_half_up(value, NUMBER_FORMATS[formatter][1]))
    return formatter(value)


def _sheet(book: Workbook, name: str, table: present.Tabel) -> None:
    """Add one sheet: title row, heading row, one row per table row (budget levels bold or italic), source row."""
    sheet = book.create_sheet(name[:31])
    columns = list(table.kolom.items())
    width = len(columns) + (1 if table.nomor else 0)
    sheet.append([table.judul or name])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(table.kepala())
    for cell in sheet[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    formats = ([("0", 0)] if table.nomor else []) + [NUMBER_FORMATS.get(fmt) for _, (_, fmt) in columns]
    for number, ((_, row), cls) in enumerate(zip(table.df.iterrows(), table.kelas(), strict=True), start=1):
        values = ([number] if table.nomor else []) + [_cell(row[c], fmt) for c, (_, fmt) in columns]
        sheet.append(values)
        for cell, fmt in zip(sheet[sheet.max_row], formats, strict=True):
            if cell.data_type == "f":  # text from the data is never a live formula
                cell.data_type = "s"
                cell.quotePrefix = True
            if fmt and isinstance(cell.value, int | float):
                cell.number_format = fmt[0]
                cell.alignment = Alignment(horizontal="right")
            if cls in BOLD_ROWS or cls in ITALIC_ROWS:
                cell.font = Font(bold=cls in BOLD_ROWS, italic=cls in ITALIC_ROWS)
    if table.sumber:
        sheet.append([f"Sumber: {table.sumber}"])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, size=9)
    for i in range(1, width + 1):
        letter = get_column_letter(i)
        longest = max((len(str(c.value)) for c in sheet[letter][1:200] if c.value is not None), default=8)
        sheet.column_dimensions[letter].width = min(max(6, longest + 2), 60)
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if width > 7 else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(lap: Laporan, when: datetime | None = None) -> bytes:
    """Return the year's BAB III workbook as XLSX bytes: one sheet per table of the report.

    ``when`` (default: now) dates the file and its parts, so the same tables give the same bytes.
    """
    when = when or datetime.now().replace(microsecond=0)
    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = when
    for name, table in sheets(lap).items():
        _sheet(book, name, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return cache.stable_zip(buffer.getvalue(), when)


def write_workbook(lap: Laporan, path: Path, when: datetime | None = None) -> Path:
    """Write the year's BAB III workbook (:func:`workbook_bytes`) to ``path`` atomically; return ``path``."""
    cache.write_atomic(path, workbook_bytes(lap, when))
    return path


def export(tahun: int, root: Path | str | None = None) -> Path:
    """Write ``reports/<tahun>/lkjip-bab3-<tahun>.xlsx``; return its path."""
    path = config.paths(root).reports_year(tahun) / f"lkjip-bab3-{tahun}.xlsx"
    return write_workbook(muat(tahun, root), path, cache.data_date(tahun, root))
