"""Export a year's BAB III tables to one XLSX workbook, ready to paste into the Word report.

One sheet per table, with the headings of the HTML pages (the column maps of
:mod:`lkjip.report`), numbers stored as numbers with display formats; Excel shows
thousands dots and decimal commas from the reader's own locale.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lkjip import anggaran as ang
from lkjip import capaian as cap
from lkjip import present, report
from lkjip.audit import SEVERITY_LABEL

# Display format of each HTML formatter; any other formatter is text.
NUMBER_FORMATS = {
    present.rupiah: "#,##0",
    present.bulat: "#,##0",
    present.persen: "#,##0.00",
    present.dua_desimal: "#,##0.00",
    present.angka: "#,##0.####",
}
AUDIT_COLUMNS = {
    "tingkat": ("Tingkat", present.teks),
    "pemeriksaan": ("Pemeriksaan", present.teks),
    "letak": ("Letak", present.teks),
    "nilai_tertulis": ("Nilai tertulis", present.angka),
    "nilai_pembanding": ("Nilai pembanding", present.angka),
    "selisih": ("Selisih", present.angka),
    "keterangan": ("Keterangan", present.teks),
}


def sheets(lap: report.Laporan) -> dict[str, tuple[pd.DataFrame, dict]]:
    """Return the workbook's sheets: name -> (frame, column map), one frame row per sheet row."""
    nilai = report.iku_uraian(lap)
    per = pd.concat(
        [cap.capaian_per(lap.nilai, t, lap.settings) for t in ("tujuan", "sasaran")], ignore_index=True
    )
    ksp = report.rekap_ksp(lap)
    return {
        "Tabel 3.1": (nilai, report.KOLOM_IKU),
        "Tabel 3.2": (nilai[nilai["tingkat"] == "tujuan"], report.KOLOM_IKU),
        "Tabel 3.3": (nilai[nilai["tingkat"] == "sasaran"], report.KOLOM_IKU),
        "Capaian per tujuan-sasaran": (per, report.KOLOM_CAPAIAN_PER),
        "Realisasi Anggaran": (ang.hierarki(lap.tabel["anggaran"]), report.KOLOM_HIERARKI),
        "Anggaran per kelompok": (ang.per_kelompok(lap.tabel["anggaran"]), report.KOLOM_KELOMPOK),
        "Tabel 3.5": (ksp, report.kolom_ksp(lap, ksp)),
        "Audit": (lap.temuan.assign(tingkat=lap.temuan["tingkat"].map(SEVERITY_LABEL)), AUDIT_COLUMNS),
    }


def _cell(value: object, number_format: str | None) -> object:
    """Return a value openpyxl stores natively: numbers as numbers, missing as empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if number_format is None and not isinstance(value, str):
        return str(value)
    return value


def write_workbook(lap: report.Laporan, path: Path) -> Path:
    """Write the year's BAB III tables to ``path`` (atomically); return ``path``.

    One sheet per table, one row per table row under a bold heading row.
    """
    book = Workbook()
    book.remove(book.active)
    fill = PatternFill("solid", fgColor="1F3B57")
    for name, (frame, columns) in sheets(lap).items():
        sheet = book.create_sheet(name[:31])
        formats = [NUMBER_FORMATS.get(fmt) for _, fmt in columns.values()]
        sheet.append([heading for heading, _ in columns.values()])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = fill
        for row in frame[list(columns)].itertuples(index=False):
            sheet.append([_cell(v, f) for v, f in zip(row, formats, strict=True)])
        for i, (column, (heading, _)) in enumerate(columns.items(), start=1):
            letter = get_column_letter(i)
            if formats[i - 1]:
                for cell in sheet[letter][1:]:
                    cell.number_format = formats[i - 1]
            longest = max([len(heading)] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    book.save(tmp)
    tmp.replace(path)
    return path


def export(tahun: int, root: Path | str | None = None) -> Path:
    """Write ``reports/<tahun>/lkjip-bab3-<tahun>.xlsx``; return its path."""
    from lkjip import config

    path = config.paths(root).reports_year(tahun) / f"lkjip-bab3-{tahun}.xlsx"
    return write_workbook(report.muat(tahun, root), path)
