import numpy as np
import pandas as pd

from lkjip import anggaran as a
from lkjip.clean import _carry


def lines():
    return pd.DataFrame(
        {
            "kelompok": ["Rutin", "Rutin", "Sasaran A", "Sasaran A"],
            "kelompok_jenis": ["rutin", "rutin", "sasaran", "sasaran"],
            "program_kode": ["01", "01", "01", "02"],
            "program_nama": ["Penunjang", "Penunjang", "UMKM", "Koperasi"],
            "kegiatan_kode": ["01", "02", pd.NA, "01"],
            "kegiatan_nama": ["Adm", "Keu", "Pemberdayaan", "Pengawasan"],
            "sub_kegiatan_kode": ["01", "01", "01", "01"],
            "sub_kegiatan_nama": ["Gaji", "Laporan", "Pendataan", "Rakor"],
            "kode_lengkap": ["01.01.01", "01.02.01", "01.?.01", "02.01.01"],
            "pagu_rp": [1_000_000.0, 4_000_000.0, 0.0, 2_000_000.0],
            "realisasi_rp": [900_000.0, 2_135_050.0, 0.0, 2_000_000.0],
        }
    )


def test_group_totals_and_grand_total():
    out = a.per_kelompok(lines()).set_index("kelompok")
    assert out.loc["Rutin", "pagu_rp"] == 5_000_000 and out.loc["Jumlah", "pagu_rp"] == 7_000_000
    assert out.loc["Jumlah", "jumlah_sub_kegiatan"] == 4
    assert out.loc["Sasaran A", "jumlah_program"] == 2
    assert round(out.loc["Jumlah", "serapan_pct"], 4) == round(5_035_050 / 7_000_000 * 100, 4)


def test_zero_pagu_has_undefined_serapan_and_is_left_out_of_the_lowest():
    low = a.serapan_terendah(lines(), 2)
    assert low["sub_kegiatan_nama"].tolist() == ["Laporan", "Gaji"]
    assert pd.isna(a.rollup(lines(), "program").set_index("program_nama").loc["UMKM", "serapan_pct"])


def test_hierarchy_has_subtotals_in_printed_order():
    h = a.hierarki(lines())
    assert h["tingkat"].tolist()[:4] == ["kelompok", "program", "kegiatan", "sub_kegiatan"]
    program = h[(h["tingkat"] == "program") & (h["uraian"] == "Penunjang")].iloc[0]
    assert program["pagu_rp"] == 5_000_000
    assert h.iloc[-1]["uraian"] == "Jumlah Seluruhnya" and h.iloc[-1]["pagu_rp"] == 7_000_000


def test_cost_per_unit_needs_volume_and_budget():
    keluaran = pd.DataFrame({"volume": [120.0, float("nan"), 0.0], "anggaran_rp": [31_000_000.0, 5.0, 5.0]})
    assert a.biaya_per_unit(keluaran)["biaya_per_unit_rp"].tolist() == [31_000_000 / 120]


def test_carry_finds_the_last_marked_row_above_in_the_same_group():
    # rows:     0  1  2  3  4  5  6  7
    # group:    A  A  A  B  B  A  A  B      (A is printed in two places)
    # program:  x  .  .  .  .  .  x  .
    # kegiatan: .  x  .  .  x  .  .  .
    groups = np.array([0, 0, 0, 1, 1, 0, 0, 1])
    program = np.array([1, 0, 0, 0, 0, 0, 1, 0], bool)
    kegiatan = np.array([0, 1, 0, 0, 1, 0, 0, 0], bool)
    # row 3 (B) has nothing above it in B; row 5 (A) still sees row 0's program and row 1's kegiatan
    assert _carry(program, groups).tolist() == [0, 0, 0, -1, -1, 0, 6, -1]
    # a program row ends the kegiatan above it: row 6 and after have none in A
    assert _carry(kegiatan, groups, ends=program).tolist() == [-1, 1, 1, -1, 4, 1, -1, 4]
    assert _carry(np.zeros(0, bool), np.zeros(0, "int64")).tolist() == []
