"""Export a year's BAB III tables to one XLSX workbook, ready to paste into the Word report.

One sheet per table, Indonesian headings, numbers stored as numbers with display
formats (thousands dots and decimal comma come from the reader's Excel locale).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lkjip import anggaran as ang
from lkjip import capaian as cap
from lkjip.audit import SEVERITY_LABEL

RP = "#,##0"
PCT = "#,##0.00"
NUM = "#,##0.####"
TEXT = None

# sheet name -> (frame builder, {column: (heading, number format)})
Sheet = tuple[pd.DataFrame, dict[str, tuple[str, str | None]]]


def sheets(lap) -> dict[str, Sheet]:  # noqa: ANN001 - a lkjip.report.Laporan
    """Return the workbook's sheets: name -> (frame, {column: (heading, number format)})."""
    nilai = lap.nilai.assign(
        uraian=lap.nilai["sasaran"].where(lap.nilai["tingkat"] == "sasaran", lap.nilai["tujuan"])
    )
    iku_cols = {
        "uraian": ("Tujuan/ Sasaran Strategis", TEXT),
        "indikator": ("Indikator Kinerja", TEXT),
        "satuan": ("Satuan", TEXT),
        "target": ("Target", NUM),
        "realisasi": ("Realisasi", NUM),
        "capaian_pct": ("Capaian (%)", PCT),
        "predikat": ("Predikat", TEXT),
    }
    per = pd.concat(
        [cap.capaian_per(lap.nilai, t, lap.settings) for t in ("tujuan", "sasaran")], ignore_index=True
    )
    out: dict[str, Sheet] = {
        "Tabel 3.1": (nilai, iku_cols),
        "Tabel 3.2": (nilai[nilai["tingkat"] == "tujuan"], iku_cols),
        "Tabel 3.3": (nilai[nilai["tingkat"] == "sasaran"], iku_cols),
        "Capaian per tujuan-sasaran": (
            per,
            {
                "tingkat": ("Tingkat", TEXT),
                "nama": ("Tujuan / Sasaran", TEXT),
                "jumlah_indikator": ("Indikator", RP),
                "jumlah_tercapai": ("Mencapai target", RP),
                "capaian_pct": ("Rata-rata capaian (%)", PCT),
                "predikat": ("Predikat", TEXT),
            },
        ),
        "Realisasi Anggaran": (
            ang.hierarki(lap.tabel["anggaran"]),
            {
                "kode": ("Kode", TEXT),
                "uraian": ("Program/Kegiatan/Sub Kegiatan", TEXT),
                "pagu_rp": ("Pagu (Rp)", RP),
                "realisasi_rp": ("Realisasi (Rp)", RP),
                "serapan_pct": ("Serapan (%)", PCT),
            },
        ),
        "Anggaran per kelompok": (
            ang.per_kelompok(lap.tabel["anggaran"]),
            {
                "kelompok": ("Kelompok", TEXT),
                "jumlah_program": ("Program", RP),
                "jumlah_kegiatan": ("Kegiatan", RP),
                "jumlah_sub_kegiatan": ("Sub Kegiatan", RP),
                "pagu_rp": ("Pagu (Rp)", RP),
                "realisasi_rp": ("Realisasi (Rp)", RP),
                "serapan_pct": ("Serapan (%)", PCT),
            },
        ),
        "Tabel 3.5": (
            ang.rekap_ksp(lap.tabel["kesehatan_ksp"], lap.ksp_sebelumnya),
            {
                "predikat": ("Predikat Penilaian KSP/USP", TEXT),
                "jumlah": (f"Tahun {lap.tahun}", RP),
                "persen": ("Persentase (%)", PCT),
                "jumlah_sebelumnya": (f"Tahun {lap.tahun - 1}", RP),
                "perubahan": ("Perubahan", RP),
            },
        ),
        "Audit": (
            lap.temuan.assign(tingkat=lap.temuan["tingkat"].map(SEVERITY_LABEL)),
            {
                "tingkat": ("Tingkat", TEXT),
                "pemeriksaan": ("Pemeriksaan", TEXT),
                "letak": ("Letak", TEXT),
                "nilai_tertulis": ("Nilai tertulis", NUM),
                "nilai_pembanding": ("Nilai pembanding", NUM),
                "selisih": ("Selisih", NUM),
                "keterangan": ("Keterangan", TEXT),
            },
        ),
    }
    return out


def _cell(value: object) -> object:
    """Return a value openpyxl stores natively: numbers as numbers, missing as empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def write_workbook(lap, path: Path) -> Path:  # noqa: ANN001 - a lkjip.report.Laporan
    """Write the year's BAB III tables to ``path`` (atomically); return ``path``.

    One sheet per table, one row per table row under a bold heading row.
    """
    book = Workbook()
    book.remove(book.active)
    header_fill = PatternFill("solid", fgColor="1F3B57")
    for name, (frame, columns) in sheets(lap).items():
        sheet = book.create_sheet(name[:31])
        sheet.append([heading for heading, _ in columns.values()])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
        for row in frame.itertuples(index=False):
            values = row._asdict()
            sheet.append([_cell(values.get(col)) for col in columns])
        for i, (col, (heading, fmt)) in enumerate(columns.items(), start=1):
            letter = get_column_letter(i)
            if fmt:
                for cell in sheet[letter][1:]:
                    cell.number_format = fmt
            longest = (
                max([len(str(heading))] + [len(str(v)) for v in frame[col].head(200)]) if col in frame else 10
            )
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
    from lkjip.report import muat

    path = config.paths(root).reports_year(tahun) / f"lkjip-bab3-{tahun}.xlsx"
    return write_workbook(muat(tahun, root), path)
