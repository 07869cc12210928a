import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import raw_frame

from lkjip import clean as c
from lkjip import store
from lkjip.cli import main
from lkjip.errors import RawDataError, YearNotFoundError
from lkjip.text import name_key

RUTIN = {name_key("Sasaran Strategis Non IKU (Anggaran Rutin)")}
ANGGARAN_COLS = [
    "kelompok",
    "program",
    "kegiatan",
    "sub_kegiatan",
    "uraian",
    "pagu",
    "realisasi",
    "capaian",
]


def test_anggaran_fills_groups_and_reads_codes_where_the_pdf_put_them():
    raw = raw_frame(
        ANGGARAN_COLS,
        [
            [
                "Sasaran Strategis Non IKU (Anggaran Rutin)",
                "01.",
                "",
                "",
                "Program Penunjang",
                "",
                "",
                "",
            ],
            ["", "", "", "", "01 Perencanaan, Penganggaran", "", "", ""],
            ["", "", "", "01", "Penyusunan Dokumen", "3.500.000", "3.458.800", "98,82"],
            ["Meningkatnya omset", "01", "", "", "Program UMKM", "", "", ""],
            ["", "", "", "", "Pemberdayaan Usaha Mikro", "", "", ""],
            ["", "", "01", "", "Pendataan Potensi", "31.000.000", "30.554.500", "98,56"],
        ],
    )
    lines, tree = c.clean_anggaran(raw, 2023, sasaran=["Meningkatnya omset"], rutin=RUTIN)
    assert lines["kode_lengkap"].tolist() == ["01.01.01", "01.?.01"]
    assert lines["kelompok_jenis"].tolist() == ["rutin", "sasaran"]
    assert lines["kegiatan_nama"].tolist() == [
        "Perencanaan, Penganggaran",
        "Pemberdayaan Usaha Mikro",
    ]
    assert lines["pagu_rp"].tolist() == [3_500_000, 31_000_000]
    assert lines["serapan_pct_laporan"].tolist() == [98.82, 98.56]
    assert tree["tingkat_anggaran"].tolist() == ["program", "kegiatan", "sub_kegiatan"] * 2
    assert pd.isna(tree["kode_induk"].iloc[0]) and tree["kode_induk"].tolist()[1:3] == ["01", "01.01"]
    # readers see codes as printed: the kegiatan printed without a number has none
    assert tree["kode"].fillna("").tolist() == ["01", "01", "01", "01", "", "01"]


def test_anggaran_line_without_realisasi_is_refused_with_its_row():
    raw = raw_frame(
        ANGGARAN_COLS,
        [
            ["Rutin", "01.", "", "", "Program", "", "", ""],
            ["", "", "01", "", "Kegiatan", "", "", ""],
            ["", "", "", "01", "Sub", "3.500.000", "", ""],
        ],
    )
    with pytest.raises(RawDataError) as err:
        c.clean_anggaran(raw, 2023, rutin={"rutin"})
    assert (err.value.row, err.value.column) == (4, "realisasi")


def test_anggaran_duplicate_code_is_refused():
    raw = raw_frame(
        ANGGARAN_COLS,
        [
            ["Rutin", "01.", "", "", "Program", "", "", ""],
            ["", "", "01", "", "Kegiatan", "", "", ""],
            ["", "", "", "01", "Sub A", "1.000.000", "0", ""],
            ["", "", "", "01", "Sub B", "2.000.000", "0", ""],
        ],
    )
    with pytest.raises(RawDataError, match="duplicate") as err:
        c.clean_anggaran(raw, 2023, rutin={"rutin"})
    assert (err.value.row, err.value.column, err.value.value) == (5, "sub_kegiatan", "01")


@pytest.mark.parametrize("dtype", [object, "str"])  # as a test writes it, and as the CSV reader gives it
@pytest.mark.parametrize(
    ("rows", "column"),
    [
        (  # a kegiatan code glued to its name, printed twice under one program
            [
                ["Rutin", "01", "", "", "Program", "", "", ""],
                ["", "", "", "", "01 Perencanaan", "", "", ""],
                ["", "", "", "01", "Sub", "1.000.000", "0", ""],
                ["", "", "", "", "01 Umum", "", "", ""],
                ["", "", "", "01", "Sub", "1.000.000", "0", ""],
            ],
            "uraian",
        ),
        (  # sub kegiatan lines whose codes slipped into the Kegiatan column
            [
                ["Rutin", "01", "", "", "Program", "", "", ""],
                ["", "", "01", "", "Kegiatan", "", "", ""],
                ["", "", "01", "", "Sub A", "1.000.000", "0", ""],
                ["", "", "01", "", "Sub B", "1.000.000", "0", ""],
            ],
            "kegiatan",
        ),
        (  # a program printed twice in one group
            [
                ["Rutin", "01", "", "", "Program A", "", "", ""],
                ["", "", "01", "", "Kegiatan", "", "", ""],
                ["", "", "", "01", "Sub", "1.000.000", "0", ""],
                ["", "01", "", "", "Program B", "", "", ""],
            ],
            "program",
        ),
    ],
)
def test_anggaran_duplicate_names_the_column_its_code_was_read_from(rows, column, dtype):
    raw = raw_frame(ANGGARAN_COLS, rows).astype({c: dtype for c in ANGGARAN_COLS})
    with pytest.raises(RawDataError, match="duplicate") as err:
        c.clean_anggaran(raw, 2023, rutin={"rutin"})
    assert (err.value.row, err.value.column, err.value.value) == (5, column, "01")


def test_kesehatan_ksp_normalises_spelling_and_refuses_unknown_predikat():
    raw = raw_frame(["no", "predikat", "jumlah"], [["1", "Sehat", "37"], ["2", "cukup  sehat", "112"]])
    assert c.clean_kesehatan_ksp(raw, 2023)[0]["predikat"].tolist() == ["SEHAT", "CUKUP SEHAT"]
    raw = raw_frame(["no", "predikat", "jumlah"], [["1", "SEHAT", "37"], ["2", "KURANG SEHAT", "1"]])
    with pytest.raises(RawDataError, match="unknown predikat") as err:
        c.clean_kesehatan_ksp(raw, 2023)
    assert (err.value.row, err.value.column, err.value.value) == (3, "predikat", "KURANG SEHAT")


def test_aset_keeps_the_printed_total_apart():
    raw = raw_frame(
        ["no", "nama", "jumlah", "kondisi", "keterangan"],
        [
            ["1", "AC split", "24", "Baik", "v"],
            ["2", "Lap top", "17", "Baik", "v"],
            ["Total", "", "589", "", ""],
        ],
        totals=(2,),
    )
    aset, totals = c.clean_aset(raw, 2023)
    assert aset["jumlah"].tolist() == [24, 17]
    expected = [["1.2", "jumlah", 589.0]]
    assert totals[["tabel", "kolom", "nilai_total"]].to_numpy().tolist() == expected


def test_pegawai_blank_cells_count_as_zero_and_fractions_are_refused():
    cols = ["golongan", "jumlah", "S2", "D4/S1"]
    raw = raw_frame(cols, [["IV/c", "1", "1", ""], ["III/d", "9", "1", "8"]])
    long, per_golongan, _ = c.clean_pegawai(raw, 2023)
    assert long["jumlah"].sum() == 10 and per_golongan["jumlah"].tolist() == [1, 9]
    assert long.loc[long["golongan"] == "IV/c", "jumlah"].tolist() == [1, 0]
    with pytest.raises(RawDataError, match="whole number"):
        c.clean_pegawai(raw_frame(cols, [["IV/c", "1,5", "1", ""]]), 2023)


def test_iku_rencana_takes_its_level_from_the_repeated_header():
    raw = pd.concat(
        [
            raw_frame(
                ["no", "uraian", "indikator", "satuan", "target", "polaritas"],
                [["1.", "Daya saing", "A", "%", "30", ""], ["", "", "B", "%", "0,043", ""]],
                section="Tujuan",
            ),
            raw_frame(
                ["no", "uraian", "indikator", "satuan", "target", "polaritas"],
                [["1.", "Omset", "C", "%", "9,62", ""]],
                first_row=7,
                section="Sasaran",
            ),
        ],
        ignore_index=True,
    )
    out = c.clean_iku_rencana(raw, 2023)
    assert out["tingkat"].tolist() == ["tujuan", "tujuan", "sasaran"]
    assert out["tujuan"].tolist()[:2] == ["Daya saing", "Daya saing"]
    assert out["target"].tolist() == [30.0, 0.043, 9.62]


def test_iku_range_target_and_unknown_indicator():
    rencana = c.clean_iku_rencana(
        raw_frame(
            ["no", "uraian", "indikator", "satuan", "target", "polaritas"],
            [["1.", "T", "Indeks A", "poin", "10 - 20", ""]],
            section="Tujuan",
        ),
        2023,
    )
    ts = c.clean_tujuan_sasaran(
        raw_frame(
            ["strategi", "arah_kebijakan", "tujuan", "sasaran", "indikator"],
            [["S", "A", "T", "", "Indeks A"]],
        ),
        2023,
    )
    cols = ["uraian", "indikator", "satuan", "target", "realisasi", "capaian", "polaritas"]
    iku = c.clean_iku(
        raw_frame(cols, [["T", "indeks  a", "poin", "10 - 20", "15", "", ""]]), rencana, ts, 2023
    )
    got = iku[["target", "target_atas", "polaritas"]].to_numpy().tolist()
    assert got == [[10.0, 20.0, "rentang"]]
    with pytest.raises(RawDataError, match="not in Tabel 2.2") as err:
        c.clean_iku(raw_frame(cols, [["T", "Indeks B", "poin", "1", "1", "", ""]]), rencana, ts, 2023)
    assert err.value.value == "Indeks B"


# --- the shipped 2023 data reproduces the report's own figures ------------------------------------


@pytest.fixture(scope="module")
def tables_2023():
    return c.clean_year(2023)


def test_2023_has_five_iku_with_the_reported_targets_and_realisasi(tables_2023):
    iku = tables_2023["iku"]
    assert iku["target"].tolist() == [30, 0.043, 0.09, 9.62, 10.79]
    assert iku["realisasi"].tolist() == [37.04, 0.068, 9.52, 10.38, 12.59]
    assert iku["tingkat"].tolist() == ["tujuan"] * 3 + ["sasaran"] * 2


def test_2023_has_29_sub_kegiatan_lines_adding_up_to_the_pagu(tables_2023):
    anggaran = tables_2023["anggaran"]
    assert len(anggaran) == 29
    assert anggaran["pagu_rp"].sum() == 4_962_111_000
    assert anggaran.groupby("kelompok_jenis").size().to_dict() == {"rutin": 21, "sasaran": 8}


def test_2023_ksp_recap_staff_and_assets(tables_2023):
    ksp = tables_2023["kesehatan_ksp"].set_index("predikat")["jumlah"].to_dict()
    assert ksp == {
        "SEHAT": 37,
        "CUKUP SEHAT": 112,
        "DALAM PENGAWASAN": 4,
        "DALAM PENGAWASAN KHUSUS": 0,
    }
    assert tables_2023["pegawai"]["jumlah"].sum() == 23
    assert tables_2023["pegawai_golongan"]["jumlah"].sum() == 23
    assert len(tables_2023["aset"]) == 71 and tables_2023["aset"]["jumlah"].sum() == 589


def test_2023_belanja_summary(tables_2023):
    belanja = tables_2023["belanja"].set_index("jenis_belanja")
    assert belanja.loc["total", "pagu_rp"] == 4_962_111_000
    assert belanja.loc["belanja_langsung", "realisasi_rp"] == 1_939_600_145


# --- bad input through the command line ---------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


BREAKAGES = {
    "unparseable number": (
        "tabel_3_1_realisasi_iku.csv",
        ('"37,04"', '"37,0x4"'),
        "row 2",
        "37,0x4",
    ),
    "missing column": (
        "tabel_3_5_kesehatan_ksp.csv",
        ("Tahun 2023", "Catatan"),
        "row 1",
        "Catatan",
    ),
    "unknown category": (
        "tabel_3_5_kesehatan_ksp.csv",
        ("CUKUP SEHAT", "LUMAYAN SEHAT"),
        "row 3",
        "LUMAYAN SEHAT",
    ),
    "duplicate key": (
        "tabel_3_5_kesehatan_ksp.csv",
        ("DALAM PENGAWASAN KHUSUS", "SEHAT"),
        "row 5",
        "SEHAT",
    ),
}


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_bad_input_names_file_row_value_and_leaves_processed_output(project, capsys, case):
    assert main(["clean", "--year", "2023"]) == 0
    processed = project / "data" / "processed" / "2023"
    before = snapshot(processed)
    name, (old, new), row, value = BREAKAGES[case]
    raw = project / "data" / "raw" / "2023" / name
    text = raw.read_text(encoding="utf-8")
    assert old in text
    raw.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["clean", "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert f"data/raw/2023/{name}" in err and row in err and value in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert snapshot(processed) == before


def test_empty_and_wrongly_encoded_files_are_refused(project, capsys):
    raw = project / "data" / "raw" / "2023" / "tabel_1_2_aset.csv"
    raw.write_bytes(b"")
    assert main(["clean", "--year", "2023"]) == 2
    assert "tabel_1_2_aset.csv: the file is empty" in capsys.readouterr().err
    raw.write_bytes(b"\r,")  # a line break and a delimiter: no row to read (found by the property tests)
    assert main(["clean", "--year", "2023"]) == 2
    assert (
        capsys.readouterr().err == "lkjip: error: data/raw/2023/tabel_1_2_aset.csv: the file holds no rows\n"
    )
    raw.write_bytes("No.,Nama/Jenis Barang,Jumlah\n1,Kursi caf\u00e9,3\n".encode("cp1252"))
    assert main(["clean", "--year", "2023"]) == 2
    assert "row 2" in capsys.readouterr().err


def test_a_year_without_a_folder_is_an_error(project, capsys):
    assert main(["clean", "--year", "2019"]) == 2
    assert "2019" in capsys.readouterr().err
    with pytest.raises(YearNotFoundError):
        c.clean_year(2019)


def test_raw_files_are_never_written(project):
    raw = project / "data" / "raw" / "2023"
    before = snapshot(raw)
    assert main(["clean", "--year", "2023"]) == 0
    assert snapshot(raw) == before


def test_a_failed_write_leaves_the_last_good_folder(project, monkeypatch):
    assert main(["clean", "--year", "2023"]) == 0
    processed = project / "data" / "processed" / "2023"
    before = snapshot(processed)
    tables = c.clean_year(2023)

    def broken_to_csv(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    with pytest.raises(OSError):
        store.write_processed(tables, processed, {"raw": "x", "lkjip": "y"})
    assert snapshot(processed) == before
    shutil.rmtree(processed)


def test_local_numbers_already_carrying_their_parent_are_not_prefixed_again():
    raw = raw_frame(
        ANGGARAN_COLS,
        [
            ["Rutin", "01", "", "", "Program Penunjang", "", "", ""],
            ["", "", "01.02", "", "Administrasi Keuangan", "", "", ""],
            ["", "", "", "01.02.03", "Penyediaan Gaji", "1.000.000", "900.000", "90"],
            ["", "", "", "04", "Penyediaan Administrasi", "2.000.000", "2.000.000", "100"],
        ],
    )
    lines, tree = c.clean_anggaran(raw, 2023, rutin={"rutin"})
    assert lines["kode_lengkap"].tolist() == ["01.02.03", "01.02.04"]
    assert tree["kode"].tolist() == ["01", "01.02", "01.02.03", "04"]  # as printed
    assert tree["kode_induk"].fillna("").tolist() == ["", "01", "01.02", "01.02"]


def test_a_table_mixing_full_and_local_codes_is_refused():
    raw = raw_frame(
        ANGGARAN_COLS,
        [
            ["Rutin", "2.17.01", "", "", "Program Penunjang", "", "", ""],
            ["", "", "01", "", "Administrasi Keuangan", "", "", ""],
            ["", "", "", "2.17.01.2.01.0001", "Penyediaan Gaji", "1.000.000", "1.000.000", "100"],
        ],
    )
    with pytest.raises(RawDataError, match="full Permendagri 90 codes") as err:
        c.clean_anggaran(raw, 2023, rutin={"rutin"})
    assert (err.value.row, err.value.column, err.value.value) == (3, "kegiatan", "01")
