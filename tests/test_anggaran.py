import pandas as pd

from lkjip import anggaran as a


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
