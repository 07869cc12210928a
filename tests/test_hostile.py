"""Hostile and malformed input: nothing from a cell runs, every refusal is one line with exit 2."""

from __future__ import annotations

import pytest
from fixture_agency import IND, make_agency
from openpyxl import load_workbook

from lkjip import laporan, store
from lkjip.cli import main
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


def write(root, name, text):
    (root / "data" / "raw" / "2025" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def agency(tmp_path, monkeypatch):
    root = make_agency(tmp_path / "proj")
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    return root


def refused(capsys, *where):
    """Run ``lkjip clean --year 2025``; return its one stderr line after checking exit 2 and ``where``."""

    assert main(["clean", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("lkjip: error: ") and "Traceback" not in err
    for part in where:
        assert part in err
    return err


def test_an_unterminated_quote_names_the_row_as_a_spreadsheet_counts_it(agency, capsys):
    write(agency, "tabel_3_5_kesehatan_ksp.csv", 'Predikat;Jumlah\n"SEHAT;33\nCUKUP SEHAT;41\n')
    refused(capsys, "tabel_3_5_kesehatan_ksp.csv, row 2", "quoted cell")


def test_a_number_too_large_for_any_budget_is_refused(agency, capsys):
    path = agency / "data" / "raw" / "2025" / "realisasi_anggaran.csv"
    text = path.read_text(encoding="utf-8").replace('"300,000,000"', "9" * 400, 1)
    path.write_text(text, encoding="utf-8")
    refused(capsys, "realisasi_anggaran.csv, row 8, column 'Pagu (Rp)'", "too large")


@pytest.mark.parametrize("name", ["tabel_3_1_realisasi_iku", "realisasi_anggaran", "tabel_3_5_kesehatan_ksp"])
def test_a_header_only_required_table_is_refused_with_its_own_file(agency, capsys, name):
    folder = agency / "data" / "raw" / "2025"
    if name == "tabel_3_1_realisasi_iku":
        (folder / f"{name}.xlsx").unlink()
        write(agency, f"{name}.csv", "Indikator Kinerja,Satuan,Target,Realisasi\n")
    else:
        path = folder / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    refused(capsys, f"data/raw/2025/{name}.csv, row 2", "header but no rows")


def test_a_header_only_optional_table_counts_as_absent(agency):
    write(agency, "target_renstra.csv", "Indikator Kinerja;Tahun;Target\n")
    assert store.clean(2025, agency)
    assert store.read_processed(2025, agency)["target_renstra"].empty


def test_both_csv_and_xlsx_is_refused_with_a_project_path(agency, capsys):
    write(agency, "tabel_3_1_realisasi_iku.csv", "Indikator Kinerja,Satuan,Target,Realisasi\nx,%,1,1\n")
    err = refused(capsys, "data/raw/2025/tabel_3_1_realisasi_iku", "keep one")
    assert str(agency) not in err


def test_a_misnamed_optional_file_is_named_in_a_warning_with_the_closest_name(agency, capsys):
    folder = agency / "data" / "raw" / "2025"
    (folder / "target_renstra.csv").rename(folder / "target_renstra_2024.csv")

    assert main(["clean", "--year", "2025"]) == 0
    err = capsys.readouterr().err
    assert "lkjip: warning: data/raw/2025/target_renstra_2024.csv is not a table lkjip reads" in err
    assert "did you mean target_renstra.csv?" in err


def test_a_raw_file_linking_outside_the_project_is_refused(agency, capsys, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("Indikator Kinerja;Standar\nPersentase koperasi aktif;50\n", encoding="utf-8")
    (agency / "data" / "raw" / "2025" / "standar_nasional.csv").symlink_to(outside)
    refused(capsys, "data/raw/2025/standar_nasional.csv", "outside the project")
    assert not (agency / "data" / "processed" / "2025").exists()


def test_an_indicator_listed_twice_in_tabel_3_1_is_one_line(agency, capsys):
    from openpyxl import load_workbook

    path = agency / "data" / "raw" / "2025" / "tabel_3_1_realisasi_iku.xlsx"
    book = load_workbook(path)
    book.active["B3"] = book.active["B2"].value  # indicator 1 again on row 3
    book.save(path)
    refused(capsys, "tabel_3_1_realisasi_iku.xlsx, row 3, column 'Indikator Kinerja'", "listed twice")


def test_a_bad_format_angka_names_its_row(agency, capsys):
    path = agency / "data" / "raw" / "2025" / "metadata.csv"
    path.write_text(path.read_text(encoding="utf-8") + "format_angka;indonesia\n", encoding="utf-8")
    refused(capsys, "metadata.csv, row 8, column 'Nilai', value 'indonesia'", "format_angka must be")


def test_a_file_system_that_cannot_lock_is_one_line_with_its_own_exit_code(agency, capsys, monkeypatch):
    import errno

    from filelock import FileLock

    def no_locks(self, *args, **kwargs):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(FileLock, "acquire", no_locks)
    assert main(["clean", "--year", "2025"]) == 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No locks available" in err and "build from a local folder" in err
    assert not (agency / "data" / "processed" / "2025").exists()
