import pandas as pd
import pytest

from lkjip.capaian import (
    TIDAK_DINILAI,
    bandingkan_renstra,
    capaian_per,
    hitung_capaian,
    nilai_iku,
    predikat,
)

SETTINGS = {
    "skala_predikat": "permendagri_86_2017",
    "rumus_negatif": "2t_minus_r",
    "batas_wajar_pct": 300,
}


def test_positive_polarity_is_realisasi_over_target():
    assert hitung_capaian(30, 37.04) == pytest.approx(123.4666666, rel=1e-9)


def test_negative_polarity_has_both_formulas():
    assert hitung_capaian(10, 8, "negatif", rumus_negatif="2t_minus_r") == 120
    assert hitung_capaian(10, 8, "negatif", rumus_negatif="t_per_r") == 125
    assert hitung_capaian(10, 25, "negatif", rumus_negatif="2t_minus_r") == -50  # can go below zero
    assert hitung_capaian(10, 0, "negatif", rumus_negatif="t_per_r") is None


def test_range_target_counts_inside_as_100_and_divides_by_the_nearer_bound():
    assert hitung_capaian(10, 15, "rentang", target_atas=20) == 100
    assert hitung_capaian(10, 25, "rentang", target_atas=20) == 125
    assert hitung_capaian(10, 5, "rentang", target_atas=20) == 50


@pytest.mark.parametrize(("target", "realisasi"), [(0, 5), (None, 5), (float("nan"), 5), (10, None)])
def test_zero_or_missing_target_gives_an_undefined_capaian(target, realisasi):
    assert hitung_capaian(target, realisasi) is None
    assert predikat(hitung_capaian(target, realisasi)) == TIDAK_DINILAI


def test_exact_arithmetic_then_half_up_for_display():
    # 0.068 / 0.043 = 158.1395...; 10.38 / 9.62 = 107.8997...
    assert round(hitung_capaian(0.043, 0.068), 4) == 158.1395
    assert hitung_capaian(0.1, 0.3) == 300.0  # float division would give 299.99999999999994


@pytest.mark.parametrize(
    ("skala", "value", "label"),
    [
        ("permendagri_86_2017", 91, "Sangat Tinggi"),
        ("permendagri_86_2017", 90.99, "Tinggi"),
        ("permendagri_86_2017", 90.995, "Sangat Tinggi"),  # printed as 91,00
        ("permendagri_86_2017", 76, "Tinggi"),
        ("permendagri_86_2017", 75.99, "Sedang"),
        ("permendagri_86_2017", 66, "Sedang"),
        ("permendagri_86_2017", 65.99, "Rendah"),
        ("permendagri_86_2017", 51, "Rendah"),
        ("permendagri_86_2017", 50.99, "Sangat Rendah"),
        ("sangat_baik_91", 91, "Sangat Baik"),
        ("sangat_baik_91", 90, "Baik"),
        ("sangat_baik_91", 76, "Baik"),
        ("sangat_baik_91", 75, "Cukup"),
        ("sangat_baik_91", 66, "Cukup"),
        ("sangat_baik_91", 65, "Kurang"),
        ("sangat_baik_91", 51, "Kurang"),
        ("sangat_baik_91", 50, "Sangat Kurang"),
        ("pati_85", 85, "Sangat Berhasil"),
        ("pati_85", 84.99, "Berhasil"),
        ("pati_85", 70, "Berhasil"),
        ("pati_85", 69.99, "Cukup Berhasil"),
        ("pati_85", 55, "Cukup Berhasil"),
        ("pati_85", 54.99, "Tidak Berhasil"),
        ("pati_85", -20, "Tidak Berhasil"),
    ],
)
def test_every_scale_at_its_boundaries(skala, value, label):
    assert predikat(value, skala) == label


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="unknown predikat scale"):
        predikat(90, "nasional")


def iku_frame():
    return pd.DataFrame(
        {
            "tahun": [2023] * 3,
            "indikator_no": [1, 2, 3],
            "tingkat": ["sasaran"] * 3,
            "tujuan": ["T"] * 3,
            "sasaran": ["S"] * 3,
            "indikator": ["A", "B", "C"],
            "satuan": ["%"] * 3,
            "polaritas": ["positif", "positif", "negatif"],
            "target": [10.0, 0.0, 10.0],
            "target_atas": [float("nan")] * 3,
            "realisasi": [8.0, 5.0, 5.0],
        }
    )


def test_sasaran_mean_leaves_undefined_capaian_out():
    nilai = nilai_iku(iku_frame(), SETTINGS)
    assert nilai["capaian_pct"].tolist()[0] == 80 and pd.isna(nilai["capaian_pct"].iloc[1])
    agg = capaian_per(nilai, "sasaran", SETTINGS).iloc[0]
    assert agg["capaian_pct"] == (80 + 150) / 2
    assert (agg["jumlah_indikator"], agg["jumlah_dinilai"], agg["jumlah_tercapai"]) == (3, 2, 1)


def test_implausible_capaian_is_flagged():
    frame = iku_frame().assign(target=[0.09, 1.0, 10.0], realisasi=[9.52, 1.0, 5.0])
    assert nilai_iku(frame, SETTINGS)["is_wajar"].tolist() == [False, True, True]


def test_renstra_comparison_says_on_track_and_what_is_still_needed():
    nilai = nilai_iku(iku_frame(), SETTINGS)
    renstra = pd.DataFrame(
        {
            "tahun": 2023,
            "indikator_no": [1, 1],
            "tahun_target": [2023, 2026],
            "target": [8.0, 20.0],
            "target_atas": [float("nan")] * 2,
        }
    )
    row = bandingkan_renstra(nilai, renstra, SETTINGS).iloc[0]
    assert bool(row["is_on_track"]) and row["target_akhir"] == 20 and row["capaian_akhir_pct"] == 40
    # realisasi 8, end target 20 in 2026, three years left: (20 - 8) / 3 = 4 a year
    assert row["perubahan_per_tahun"] == pytest.approx(4.0)
