import pandas as pd

from lkjip import narrative as n
from lkjip.present import tabel, teks


def row(**kw):
    base = {
        "indikator": "Persentase X",
        "satuan": "%",
        "polaritas": "positif",
        "target": 30.0,
        "target_atas": None,
        "realisasi": 37.04,
        "capaian_pct": 123.4666,
        "predikat": "Sangat Tinggi",
        "is_wajar": True,
    }
    return pd.Series({**base, **kw})


def test_sentence_above_target():
    text = n.kalimat_indikator(row())
    assert text == (
        "Indikator Persentase X terealisasi sebesar 37,04 persen dari target 30 persen, atau melampaui target "
        "yang ditetapkan, sehingga capaiannya sebesar 123,47 % dengan predikat Sangat Tinggi."
    )


def test_sentence_below_target_and_implausible():
    assert "belum mencapai target" in n.kalimat_indikator(
        row(realisasi=20.0, capaian_pct=66.67, predikat="Sedang")
    )
    assert "kesalahan satuan" in n.kalimat_indikator(row(capaian_pct=10577.78, is_wajar=False))


def test_sentence_for_undefined_capaian_says_why():
    text = n.kalimat_indikator(row(target=0.0, capaian_pct=float("nan"), predikat="Tidak dinilai"))
    assert "tidak dinilai karena targetnya bernilai nol" in text
    text = n.kalimat_indikator(row(target=float("nan"), capaian_pct=float("nan")))
    assert "targetnya belum ditetapkan" in text


def test_html_tables_escape_text_from_the_data():
    html = tabel(pd.DataFrame({"x": ["<script>alert(1)</script>"]}), {"x": ("Nama", teks)}).to_html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_range_indicator_inside_its_range_is_said_to_be_inside():
    text = n.kalimat_indikator(
        row(polaritas="rentang", target=80.0, target_atas=90.0, realisasi=85.0, capaian_pct=100.0)
    )
    assert "dari target 80 s.d. 90 persen" in text and "berada di dalam rentang target" in text


def test_year_comparison_says_whether_the_change_is_an_improvement():
    up_good = n.kalimat_perbandingan_tahun("X", 10.0, 12.0, 2022, 2023, "%", "positif")
    up_bad = n.kalimat_perbandingan_tahun("Y", 10.0, 12.0, 2022, 2023, "%", "negatif")
    assert up_good.endswith("(membaik; polaritas positif).") and up_bad.endswith(
        "(memburuk; polaritas negatif)."
    )
    assert "belum memiliki data tahun 2022" in n.kalimat_perbandingan_tahun("Z", None, 1.0, 2022, 2023)


def test_a_report_block_shows_as_html_and_as_data_and_carries_its_frame():
    from lkjip.present import MIME, Judul, angka, paragraf

    frame = pd.DataFrame({"x": ["A & B"], "n": [1234.5]})
    block = (
        Judul("Bagian", 2) + tabel(frame, {"x": ("Nama", teks), "n": ("Nilai", angka)}) + paragraf("Satu.")
    )
    bundle = block._repr_mimebundle_()
    assert bundle["text/html"].startswith("<h2>Bagian</h2>") and "A &amp; B" in bundle["text/html"]
    parts = bundle[MIME]["bagian"]
    assert [p["jenis"] for p in parts] == ["judul", "tabel", "paragraf"]
    assert parts[1]["kepala"] == ["No.", "Nama", "Nilai"] and parts[1]["baris"] == [["1", "A & B", "1.234,5"]]
    assert block.df is frame
