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


@pytest.mark.parametrize(
    ("value", "banding", "met"),
    [
        (99.994, "belum", False),
        (99.995, "sesuai", True),
        (100.0, "sesuai", True),
        (100.005, "melampaui", True),
    ],
)
def test_target_met_is_decided_on_the_value_as_printed(value, banding, met):
    from lkjip.capaian import banding_target, is_tercapai

    # 99,995 prints as 100,00 (half up): a reader sees the target met, so it is met
    assert banding_target(value) == banding and is_tercapai(value) is met
    assert banding_target(None) is None and is_tercapai(float("nan")) is None


def test_national_standard_by_polarity_and_undecided_for_a_range():
    from lkjip.capaian import bandingkan_standar

    nilai = pd.DataFrame(
        {
            "indikator_no": [1, 2, 3],
            "indikator": ["A", "B", "C"],
            "polaritas": ["positif", "negatif", "rentang"],
            "realisasi": [30.0, 5.0, 85.0],
        }
    )
    standar = pd.DataFrame({"indikator_no": [1, 2, 3], "standar": [28.0, 4.0, 80.0], "sumber": ["x"] * 3})
    out = bandingkan_standar(nilai, standar)
    assert out["is_memenuhi"].tolist()[:2] == [True, False] and pd.isna(out["is_memenuhi"].iloc[2])
    assert out["selisih"].tolist() == [2.0, 1.0, 5.0]


def test_renstra_of_a_negative_indicator_follows_the_formula_setting():
    nilai_frame = iku_frame().iloc[[2]]  # negatif, target 10, realisasi 5
    renstra = pd.DataFrame(
        {
            "tahun": 2023,
            "indikator_no": [3, 3],
            "tahun_target": [2023, 2024],
            "target": [10.0, 8.0],
            "target_atas": [float("nan")] * 2,
        }
    )
    for rumus, now, end in (("2t_minus_r", 150.0, (16 - 5) / 8 * 100), ("t_per_r", 200.0, 8 / 5 * 100)):
        settings = {**SETTINGS, "rumus_negatif": rumus}
        row = bandingkan_renstra(nilai_iku(nilai_frame, settings), renstra, settings).iloc[0]
        assert row["capaian_renstra_pct"] == pytest.approx(now) and row["capaian_akhir_pct"] == pytest.approx(
            end
        )
        assert row["perubahan_per_tahun"] == 0  # already below the end target of 8: nothing more needed
