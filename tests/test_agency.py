"""A second agency (tests/fixture_agency.py) gives the right figures, computed here by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from fixture_agency import IND, RUTIN, SASARAN_A, SASARAN_B, make_agency

from lkjip import anggaran as ang
from lkjip import capaian as cap
from lkjip import laporan, report, store
from lkjip import narrative as nar
from lkjip.cli import main
from lkjip.errors import RawDataError


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    root = make_agency(tmp_path_factory.mktemp("agency"))
    mp = pytest.MonkeyPatch()
    mp.setenv("LKJIP_ROOT", str(root))
    yield root
    mp.undo()


@pytest.fixture(scope="module")
def lap(agency):
    return laporan.muat(2025, agency)


def by_no(frame: pd.DataFrame, column: str) -> dict[int, float]:
    return dict(zip(frame["indikator_no"], frame[column], strict=True))


def test_capaian_follows_polarity_range_and_the_years_own_formula(lap):
    c = by_no(lap.nilai, "capaian_pct")
    assert c[1] == pytest.approx(63 / 60 * 100)  # 105
    # negative, polarity only in Tabel 2.2 ("Minimal"); 2025 metadata fixes t_per_r: 8 / 8,4 x 100
    assert lap.nilai.set_index("indikator_no").loc[2, "polaritas"] == "negatif"
    assert c[2] == pytest.approx(95.238095238)
    assert (
        lap.settings["rumus_negatif"] == "t_per_r" and lap.settings["sumber"]["rumus_negatif"] == "metadata"
    )
    # range 5 s.d. 10, realisasi 4 is below: 4 / 5 x 100
    assert lap.nilai.set_index("indikator_no").loc[3, "polaritas"] == "rentang" and c[3] == pytest.approx(
        80.0
    )
    assert c[4] == pytest.approx(99.996)
    assert pd.isna(c[5]) and pd.isna(c[6])  # target 0 and target "-"


def test_a_notebook_parameter_still_overrides_the_years_formula(agency):
    other = laporan.muat(2025, agency, rumus_negatif="2t_minus_r")
    # (2 x 8 - 8,4) / 8 x 100 = 95
    assert by_no(other.nilai, "capaian_pct")[2] == pytest.approx(95.0)
    assert other.settings["sumber"]["rumus_negatif"] == "parameter"


def test_target_met_is_decided_on_the_printed_value(lap):
    row = lap.nilai.set_index("indikator_no").loc[4]
    # 99,996 % prints as 100,00: met, Sangat Tinggi, and the sentence says so
    assert bool(row["is_tercapai"]) and row["predikat"] == "Sangat Tinggi"
    sentence = nar.kalimat_indikator(lap.nilai[lap.nilai["indikator_no"] == 4].iloc[0])
    assert "sesuai dengan target" in sentence and "100,00 %" in sentence and "belum" not in sentence
    assert cap.jumlah_tercapai(lap.nilai) == {"total": 6, "dinilai": 4, "tercapai": 2}


def test_means_per_tujuan_and_sasaran(lap):
    tujuan = cap.capaian_per(lap.nilai, "tujuan", lap.settings).iloc[0]
    assert tujuan["capaian_pct"] == pytest.approx((105 + 8 / 8.4 * 100) / 2)  # 100,12
    sasaran = cap.capaian_per(lap.nilai, "sasaran", lap.settings).set_index("nama")
    assert sasaran.loc[SASARAN_A, "capaian_pct"] == pytest.approx((80 + 99.996) / 2)  # 89,998 -> 90,00
    assert sasaran.loc[SASARAN_A, "predikat"] == "Tinggi"
    assert (
        pd.isna(sasaran.loc[SASARAN_B, "capaian_pct"])
        and sasaran.loc[SASARAN_B, "predikat"] == "Tidak dinilai"
    )


def test_budget_groups_serapan_and_counts(lap):
    groups = ang.per_kelompok(lap.tabel["anggaran"]).set_index("kelompok")
    assert groups.loc[RUTIN, "kelompok_jenis"] == "rutin"  # declared in metadata, no word "rutin" in it
    assert groups.loc[RUTIN, "serapan_pct"] == pytest.approx(1_185_500_000 / 1_250_000_000 * 100)  # 94,84
    assert groups.loc[SASARAN_A, "serapan_pct"] == pytest.approx(389_999_400 / 450_000_000 * 100)  # 86,67
    total = groups.loc["Jumlah"]
    assert (total["pagu_rp"], total["realisasi_rp"]) == (1_800_000_000, 1_645_499_400)
    assert total["serapan_pct"] == pytest.approx(91.416633333)
    # 3 programs; kegiatan: 1 routine + 2 (one printed without a code) + 1; 5 lines
    assert (total["jumlah_program"], total["jumlah_kegiatan"], total["jumlah_sub_kegiatan"]) == (3, 4, 5)


def test_full_permendagri_codes_keep_level_parent_and_print_as_written(lap):
    tree = lap.tabel["anggaran_hierarki"]
    sub = tree[tree["kode"] == "2.17.03.1.01.0001"].iloc[0]
    assert (sub["tingkat_anggaran"], sub["kode_induk"], sub["kode_lengkap"]) == (
        "sub_kegiatan",
        "2.17.03.1.01",
        "2.17.03.1.01.0001",
    )
    kegiatan = tree[tree["nama"] == "Penilaian Kesehatan KSP/USP"].iloc[0]
    assert pd.isna(kegiatan["kode"]) and kegiatan["kode_induk"] == "2.17.03"
    shown = report.tabel_anggaran(lap).html
    assert "<td>2.17.01.1.02.0001</td>" in shown and "2.17.01.2.17" not in shown and "?" not in shown


def test_efficiency_is_undecided_when_no_indicator_could_be_assessed(lap):
    eff = ang.efisiensi_sasaran(lap.nilai, lap.tabel["anggaran"]).set_index("sasaran")
    a, b = eff.loc[SASARAN_A], eff.loc[SASARAN_B]
    assert not a["is_semua_tercapai"] and not a["is_efisien"] and pd.isna(a["efisiensi_pct"])  # 80 % not met
    assert pd.isna(b["is_semua_tercapai"]) and pd.isna(b["is_efisien"])  # targets 0 and "-"
    sentence = nar.kalimat_efisiensi(eff.reset_index().iloc[1])
    assert "efisiensi belum dapat dinilai" in sentence and "70,00 %" in sentence


def test_renstra_uses_the_years_formula_and_the_range(lap):
    frame = cap.bandingkan_renstra(lap.nilai, lap.tabel["target_renstra"], lap.settings, lap.kondisi_awal)
    r = frame.set_index("indikator_no")
    assert r.loc[1, "kondisi_awal"] == 50 and bool(r.loc[1, "is_on_track"])
    assert r.loc[1, "capaian_akhir_pct"] == pytest.approx(63 / 70 * 100)  # 90
    assert r.loc[1, "perubahan_per_tahun"] == pytest.approx(7.0)  # (70 - 63) / 1 year left
    # negative under t_per_r: the same 95,24 as Tabel 3.1, never a second capaian for one indicator
    assert r.loc[2, "capaian_renstra_pct"] == pytest.approx(by_no(lap.nilai, "capaian_pct")[2])
    assert r.loc[2, "capaian_akhir_pct"] == pytest.approx(6 / 8.4 * 100)  # 71,43
    assert r.loc[2, "perubahan_per_tahun"] == pytest.approx(-2.4) and not r.loc[2, "is_on_track"]
    # range 5 s.d. 9 at the end, realisasi 4 below it: 4 / 5
    assert r.loc[3, "capaian_akhir_pct"] == pytest.approx(80.0) and pd.isna(r.loc[3, "perubahan_per_tahun"])


def test_year_comparison_takes_folders_first_then_the_printed_history(lap):
    years = cap.bandingkan_tahun(lap.nilai, lap.riwayat)
    one = years[years["indikator_no"] == 1].set_index("tahun")
    assert one["realisasi"].to_dict() == {2022: 54, 2023: 57, 2024: 61, 2025: 63}  # 2024: the folder's 61
    assert one.loc[2022, "capaian_pct"] == 103.85  # as printed in riwayat_iku
    assert one.loc[2024, "capaian_pct"] == pytest.approx(61 / 58 * 100)
    two = years[years["indikator_no"] == 2].set_index("tahun")
    assert two.loc[2023, "capaian_pct"] == pytest.approx(
        10 / 9.5 * 100
    )  # no capaian printed: this year's rule
    assert two.loc[2024, "capaian_pct"] == pytest.approx(
        (2 * 9 - 8.1) / 9 * 100
    )  # 2024 keeps 2t_minus_r: 110
    text = report.analisis_2_tahun_lalu(lap).html
    assert "naik dari 8,1 persen pada 2024 menjadi 8,4 persen pada 2025 (memburuk; polaritas negatif)" in text


def test_the_audit_reports_history_that_disagrees_with_its_folder(lap):
    assert len(lap.temuan) == 1
    f = lap.temuan.iloc[0]
    assert (f["pemeriksaan"], f["nilai_tertulis"], f["nilai_pembanding"]) == ("riwayat", 60.0, 61.0)
    assert "tahun 2024" in f["letak"]


def test_ksp_change_uses_the_previous_folder(lap):
    rekap = report.rekap_ksp(lap)
    assert rekap["perubahan"].tolist() == [3, 1, -2, -1]


def test_a_changed_raw_file_is_re_cleaned_before_the_report_reads_it(tmp_path, monkeypatch):
    root = make_agency(tmp_path)
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    assert main(["clean", "--year", "2025"]) == 0
    assert store.is_fresh(2025, root)
    renstra = root / "data" / "raw" / "2025" / "target_renstra.csv"
    renstra.write_text(renstra.read_text().replace(";2026;70", ";2026;75"), encoding="utf-8")
    assert not store.is_fresh(2025, root)
    fresh = laporan.muat(2025, root)
    frame = cap.bandingkan_renstra(fresh.nilai, fresh.tabel["target_renstra"], fresh.settings)
    assert frame.set_index("indikator_no").loc[1, "capaian_akhir_pct"] == pytest.approx(63 / 75 * 100)  # 84
    assert store.is_fresh(2025, root)


def test_polarity_stated_differently_in_both_tables_names_both(tmp_path):
    root = make_agency(tmp_path)
    from openpyxl import load_workbook

    path = root / "data" / "raw" / "2025" / "tabel_3_1_realisasi_iku.xlsx"
    book = load_workbook(path)
    book.active["G3"] = "Positif"  # indicator 2, which Tabel 2.2 calls Minimal (negatif)
    book.save(path)
    with pytest.raises(RawDataError) as err:
        store.clean(2025, root)
    text = str(err.value)
    assert err.value.row == 3 and err.value.column == "Polaritas"
    assert "tabel_3_1_realisasi_iku.xlsx" in text and "data/raw/2025/tabel_2_2_iku.csv, row 3" in text


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column", "message"),
    [
        ("metadata.csv", f"kelompok_rutin;{RUTIN}\n", "", 2, "Kelompok", "neither a sasaran"),
        (
            "realisasi_anggaran.csv",
            ",2.17.03.1.01.0001,",
            ",01,",
            8,
            "Sub Kegiatan",
            "full Permendagri 90 codes",
        ),
        (
            "realisasi_anggaran.csv",
            ",2.17.03.1.01.0001,",
            ",2.17.04.1.01.0001,",
            8,
            "Sub Kegiatan",
            "not under",
        ),
        ("metadata.csv", "renstra;", "renstra_periode;", 5, "Kunci", "unknown metadata key"),
        (
            "metadata.csv",
            "rumus_negatif;t_per_r",
            "rumus_negatif;t/r",
            7,
            "Nilai",
            "use one of 2t_minus_r, t_per_r",
        ),
        ("target_renstra.csv", ";2026;5 - 9", ";2026;9", 7, "Target", "must be a range"),
        ("tabel_2_2_iku.csv", ";5 s.d. 10;", ";10 s.d. 5;", 5, "Target", "lower bound first"),
    ],
)
def test_bad_agency_input_is_one_line_naming_file_row_column(
    tmp_path, monkeypatch, capsys, file, old, new, row, column, message
):
    root = make_agency(tmp_path)
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    path = root / "data" / "raw" / "2025" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RawDataError) as err:
        store.clean(2025, root)
    where = "realisasi_anggaran.csv" if message == "neither a sasaran" else file
    assert (err.value.file, err.value.row, err.value.column) == (f"data/raw/2025/{where}", row, column)
    assert message in err.value.reason
    assert main(["clean", "--year", "2025"]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and f"data/raw/2025/{where}, row {row}, column '{column}'" in stderr


def test_every_indicator_name_of_the_fixture_is_in_tabel_3_1(lap):
    assert lap.nilai["indikator"].tolist() == IND


@pytest.mark.slow
def test_every_notebook_runs_on_the_second_agency_and_shows_its_figures(tmp_path):
    from lkjip.build import build
    from lkjip.sections import SECTIONS

    root = make_agency(tmp_path)
    mp = pytest.MonkeyPatch()
    mp.setenv("LKJIP_ROOT", str(root))
    mp.setenv("LKJIP_BROWSER", str(tmp_path / "no-browser"))  # the pages are checked here, not the PDF
    try:
        results = build([2025], root, jobs=2)
    finally:
        mp.undo()
    assert all(r.ok for r in results) and {r.section for r in results} == {s.key for s in SECTIONS} | {
        "xlsx",
        "dokumen",
    }

    def page(key):
        html_name = next(s.html for s in SECTIONS if s.key == key)
        return (root / "reports" / "2025" / html_name).read_text(encoding="utf-8")

    penilaian = page("penilaian")
    assert "95,24" in penilaian and "5 s.d. 10" in penilaian and "target / realisasi x 100" in penilaian
    analisis = page("analisis")
    assert "100,12" in analisis and "71,43" in analisis and "Realisasi 2022" in analisis
    assert "efisiensi belum dapat dinilai" in analisis
    anggaran = page("anggaran")
    assert "2.17.03.1.02.0001" in anggaran and "91,42" in anggaran and "?" not in anggaran.split("<body")[1]
    assert "Rutin (non IKU)" in anggaran
    assert "Realisasi tahun 2024 berbeda" in page("audit")


def test_the_workbook_has_every_table_of_the_report_paste_ready(lap):
    import io

    from openpyxl import load_workbook

    from lkjip.export import workbook_bytes

    book = load_workbook(io.BytesIO(workbook_bytes(lap)))
    expected = {
        "Tabel 3.1",
        "Tabel 3.2",
        "Tabel 3.3",
        "2 Antartahun",
        "3 Renstra",
        "6 Efisiensi",
        "Ringkasan belanja",
        "Anggaran per kelompok",
        "Realisasi Anggaran",
        "Serapan terendah",
        "Tabel 3.5",
        "Audit",
        "Audit (2)",
    }
    assert expected <= set(book.sheetnames)
    t31 = book["Tabel 3.1"]
    assert t31["A1"].value == "Tabel 3.1 Realisasi Indikator Kinerja Utama (IKU) Tahun 2025"
    assert [c.value for c in t31[2]][:3] == ["No.", "Tujuan/ Sasaran Strategis", "Indikator Kinerja"]
    capaian = [t31.cell(r, 8).value for r in range(3, 9)]
    assert capaian == [105.0, 95.24, 80.0, 100.0, None, None]  # rounded as printed; not assessed is empty
    assert t31.cell(t31.max_row, 1).value.startswith("Sumber: ")
    budget = book["Realisasi Anggaran"]
    rows = {budget.cell(r, 2).value: budget.cell(r, 2).font for r in range(3, budget.max_row + 1)}
    assert rows["PROGRAM PENGAWASAN DAN PEMERIKSAAN KOPERASI"].b
    assert rows["Pemeriksaan dan Pengawasan Koperasi"].i
    assert int(budget.page_setup.paperSize) == 9 and budget.page_setup.fitToWidth == 1  # 9 = A4
    for sheet in book.worksheets:
        numbers = [c for row in sheet.iter_rows(min_row=3) for c in row if c.number_format != "General"]
        assert all(isinstance(c.value, int | float) for c in numbers if c.value is not None), sheet.title
