"""Hostile and malformed input: nothing from a cell runs, every refusal is one line with exit 2."""

from __future__ import annotations

from fixture_agency import IND, make_agency
from openpyxl import load_workbook

from lkjip import laporan, store
from lkjip.export import write_workbook

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"


def rename(root, old, new):
    """Replace a name in every raw file of 2025 (CSV text and the XLSX cells)."""
    folder = root / "data" / "raw" / "2025"
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        quoted = (
            '"' + new.replace('"', '""') + '"'
            if ("," in new or '"' in new) and path.name.startswith("real")
            else new
        )
        path.write_text(text.replace(old, quoted), encoding="utf-8")
    book = load_workbook(folder / "tabel_3_1_realisasi_iku.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == old:
                cell.value = new
                cell.data_type = "s"
    book.save(folder / "tabel_3_1_realisasi_iku.xlsx")


def test_text_a_spreadsheet_would_run_stays_text_in_the_processed_csv_and_the_xlsx(tmp_path):
    root = make_agency(tmp_path)
    rename(root, IND[0], HYPERLINK)
    rename(root, "PROGRAM PENGAWASAN DAN PEMERIKSAAN KOPERASI", DDE)
    store.clean(2024, root)
    store.clean(2025, root)
    processed = root / "data" / "processed" / "2025"
    iku_csv = (processed / "iku.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in iku_csv and ",=HYPERLINK" not in iku_csv and ',"=HYPERLINK' not in iku_csv
    assert "'=cmd|" in (processed / "anggaran.csv").read_text(encoding="utf-8")
    tables = store.read_processed(2025, root)  # the reader gives the value back exactly
    assert tables["iku"]["indikator"].iloc[0] == HYPERLINK
    assert DDE in tables["anggaran"]["program_nama"].tolist()

    lap = laporan.muat(2025, root)
    path = write_workbook(lap, tmp_path / "out.xlsx")
    book = load_workbook(path)  # reopened with formulas, not cached values
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert HYPERLINK in values and DDE in values
