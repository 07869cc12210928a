"""Each check fires on a purpose-made inconsistency and stays silent on the consistent fixture."""

import json

import pandas as pd
import pytest
from fixture_project import make_project

from lkjip import audit as a
from lkjip.clean import clean_year
from lkjip.cli import main
from lkjip.config import DEFAULT_SETTINGS

SETTINGS = dict(DEFAULT_SETTINGS)


@pytest.fixture(scope="module")
def consistent(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("audit"))
    return clean_year(2023, root)


def changed(tables, name, **columns_by_row):
    """Return a copy of ``tables`` with ``tables[name]`` altered: {column: {row: value}}."""
    out = {k: v.copy() for k, v in tables.items()}
    frame = out[name]
    for column, values in columns_by_row.items():
        for row, value in values.items():
            frame.loc[row, column] = value
    return out


def narasi_value(tables, besaran, value):
    n = tables["angka_narasi"]
    row = n.index[n["besaran"] == besaran][0]
    return changed(tables, "angka_narasi", nilai_angka={row: value})


def test_the_consistent_fixture_has_no_finding(consistent):
    assert a.audit(consistent, SETTINGS).empty


@pytest.mark.parametrize("check", a.CHECKS, ids=lambda c: c.__name__)
def test_every_check_is_silent_on_consistent_data(consistent, check):
    assert check(consistent, SETTINGS).empty


def test_capaian_mismatch_is_an_error_and_truncation_is_a_note(consistent):
    # recomputed: 31,2 / 30,5 = 102,2951 -> printed 102,30 (half up) or 102,29 (truncated)
    truncated = changed(consistent, "iku", capaian_pct_laporan={0: 102.29})
    found = a.cek_capaian(truncated, SETTINGS)
    assert found["tingkat"].tolist() == ["info"] and "pemotongan" in found["keterangan"].iloc[0]
    wrong = changed(consistent, "iku", capaian_pct_laporan={0: 107.95})
    found = a.cek_capaian(wrong, SETTINGS)
    assert found["tingkat"].tolist() == ["error"]
    assert found["nilai_tertulis"].iloc[0] == 107.95 and found["nilai_pembanding"].iloc[0] == pytest.approx(
        102.2951, abs=1e-4
    )


def test_implausible_capaian_is_a_warning(consistent):
    found = a.cek_capaian_wajar(changed(consistent, "iku", target={0: 0.305}), SETTINGS)
    assert found["pemeriksaan"].tolist() == ["capaian_tidak_wajar"]
    assert found["nilai_tertulis"].iloc[0] == pytest.approx(10229.51, abs=0.01)


def test_same_figure_with_two_values_is_found(consistent):
    found = a.cek_angka_ganda(changed(consistent, "iku", target={0: 31.0}), SETTINGS)
    assert len(found) == 1 and found["letak"].iloc[0] == "Tabel 3.1, indikator 1"
    assert (found["nilai_tertulis"].iloc[0], found["nilai_pembanding"].iloc[0]) == (31.0, 30.5)


def test_total_against_its_lines_and_stated_percentages(consistent):
    found = a.cek_total(changed(consistent, "anggaran", realisasi_rp={0: 960_000_000.0}), SETTINGS)
    kinds = set(found["letak"])
    assert "Ringkasan belanja (total) terhadap tabel realisasi anggaran" in kinds
    assert any(letak.startswith("Tabel realisasi anggaran, sub kegiatan") for letak in kinds)  # printed 95 %
    found = a.cek_total(changed(consistent, "belanja", pagu_rp={0: 999_000_000.0}), SETTINGS)
    assert "Ringkasan belanja" in set(found["letak"])
    found = a.cek_total(narasi_value(consistent, "serapan", 95.0), SETTINGS)
    assert found["nilai_pembanding"].iloc[0] == pytest.approx(1_170_554_500 / 1_251_000_000 * 100)


def test_stated_counts_against_rows(consistent):
    found = a.cek_jumlah(narasi_value(consistent, "jumlah_sub_kegiatan", 3.0), SETTINGS)
    assert (found["nilai_tertulis"].iloc[0], found["nilai_pembanding"].iloc[0]) == (3.0, 4.0)
    found = a.cek_jumlah(narasi_value(consistent, "jumlah_ksp", 150.0), SETTINGS)
    assert found["nilai_pembanding"].iloc[0] == 153


def test_terbilang_against_the_figure(consistent):
    n = consistent["angka_narasi"]
    row = n.index[n["terbilang"].notna()][1]
    wrong = (
        "Satu miliar seratus tujuh puluh juta lima ratus lima puluh empat ribu lima ratus empat ribu rupiah"
    )
    found = a.cek_terbilang(changed(consistent, "angka_narasi", terbilang={row: wrong}), SETTINGS)
    assert found["nilai_tertulis"].iloc[0] == 1_171_058_000
    assert found["nilai_pembanding"].iloc[0] == 1_170_554_500


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("Empat milyar sembilan ratus enam puluh dua juta seratus sebelas ribu rupiah", 4_962_111_000),
        ("dua belas", 12),
        ("seribu seratus", 1_100),
        ("Dua Miliar Lima Juta Tiga Ratus Enam Puluh Ribu Rupiah", 2_005_360_000),
        ("sembilan ratus sembilan puluh sembilan", 999),
    ],
)
def test_words_read_as_numbers(words, value):
    assert a.terbilang_ke_angka(words) == value


def test_line_sanity(consistent):
    found = a.cek_baris(changed(consistent, "anggaran", realisasi_rp={1: 25_000_000.0}), SETTINGS)
    assert found["keterangan"].tolist() == ["Realisasi melebihi pagu."]
    found = a.cek_baris(changed(consistent, "anggaran", pagu_rp={1: 0.0}), SETTINGS)
    assert "tanpa pagu" in found["keterangan"].iloc[0]
    found = a.cek_baris(changed(consistent, "anggaran", pagu_rp={1: -5.0}), SETTINGS)
    assert "negatif" in found["keterangan"].iloc[0]
    dup = {k: v.copy() for k, v in consistent.items()}
    dup["anggaran"] = pd.concat([dup["anggaran"], dup["anggaran"].iloc[[0]]], ignore_index=True)
    assert "dua kali" in a.cek_baris(dup, SETTINGS)["keterangan"].iloc[0]
    found = a.cek_baris(changed(consistent, "keluaran", biaya_satuan_rp={0: 200_000.0}), SETTINGS)
    assert (found["nilai_tertulis"].iloc[0], found["nilai_pembanding"].iloc[0]) == (31_000_000, 24_000_000)
    found = a.cek_baris(changed(consistent, "keluaran", anggaran_rp={0: 40_000_000.0}), SETTINGS)
    assert "melebihi pagu sub kegiatan" in found["keterangan"].iloc[0]


# --- the shipped 2023 report --------------------------------------------------------------------


@pytest.fixture(scope="module")
def temuan_2023():
    return a.audit(clean_year(2023), SETTINGS)


def test_2023_audit_finds_the_known_slips_with_both_values(temuan_2023):
    assert temuan_2023["nilai_tertulis"].notna().all() and temuan_2023["nilai_pembanding"].notna().all()
    by_check = temuan_2023.groupby("pemeriksaan").size().to_dict()
    assert by_check["terbilang"] == 1 and by_check["jumlah"] == 4 and by_check["capaian_tidak_wajar"] == 1
    realisasi_total = temuan_2023[temuan_2023["letak"].str.startswith("Ringkasan belanja (total)")].iloc[0]
    assert (realisasi_total["nilai_tertulis"], realisasi_total["nilai_pembanding"]) == (
        4_698_740_544,
        4_700_090_544,
    )
    ikhtisar = temuan_2023[(temuan_2023["pemeriksaan"] == "angka_berbeda")].iloc[0]
    assert (ikhtisar["nilai_tertulis"], ikhtisar["nilai_pembanding"]) == (103.46, 107.95)


def test_audit_cli_json_and_strict(capsys):
    assert main(["audit", "--year", "2023", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    places = [p for r in records for p in r["tempat"] if p["pemeriksaan"] == "capaian"]
    assert places and all(isinstance(p["nilai_pembanding"], int | float) for p in places)
    assert main(["audit", "--year", "2023", "--strict"]) == 1
    assert "11 kesalahan" in capsys.readouterr().out


# --- one finding per slip ---------------------------------------------------------------------------


def test_2023_slips_are_counted_once_however_many_places_print_them(temuan_2023):
    # The report's slips, counted by reading it: capaian of indicators 2, 3, 4 and 5 (each printed
    # in Tabel 3.1, Tabel 3.2/3.3, the Ikhtisar and BAB III), the stated total realisasi (its
    # serapan in BAB IV follows the lines, not the total), 28 sub kegiatan, 5 kegiatan, 7 sub
    # kegiatan, 150 KSP, one terbilang and the output budget above its sub kegiatan's pagu.
    slips = a.slips(temuan_2023)
    assert a.ringkasan(slips) == {"error": 11, "warning": 1, "info": 2}
    assert a.ringkasan(temuan_2023) == a.ringkasan(slips)
    four = slips[slips["pokok"] == "capaian|iku:4"].iloc[0]
    assert four["jumlah_tempat"] == 4
    assert four["pemeriksaan"] == "capaian, angka_berbeda"  # two checks, one slip
    assert [p["nilai_tertulis"] for p in four["tempat"] if p["pemeriksaan"] == "capaian"] == [
        107.95,
        107.95,
        103.46,
        107.95,
    ]
    assert "(103,46)" in four["letak"] and four["nilai_tertulis"] == "berbeda per letak"
    total = slips[slips["pokok"] == "realisasi|total"].iloc[0]
    assert total["pemeriksaan"] == "total, persen" and total["nilai_pembanding"] == 4_700_090_544


def test_slips_take_the_worst_severity_and_keep_both_values():
    def f(check, tingkat, letak, stated, pokok):
        return a._finding(check, tingkat, letak, stated, 10.0, "x", pokok)

    temuan = pd.DataFrame(
        [
            f("capaian", "info", "A", 10.004, "capaian|iku:1"),
            f("capaian", "warning", "B", 12.0, "baris|1"),
            f("angka_berbeda", "error", "C", 11.0, "capaian|iku:1"),
        ],
        columns=a.COLUMNS,
    )
    slips = a.slips(temuan)
    assert slips["pokok"].tolist() == ["capaian|iku:1", "baris|1"]  # errors first
    first = slips.iloc[0]
    assert (first["tingkat"], first["jumlah_tempat"]) == ("error", 2)
    assert first["letak"] == "A (10,004); C (11)"
    assert [(p["letak"], p["nilai_tertulis"], p["nilai_pembanding"]) for p in first["tempat"]] == [
        ("A", 10.004, 10.0),
        ("C", 11.0, 10.0),
    ]
    assert a.ringkasan(slips) == {"error": 1, "warning": 1, "info": 0}


def test_baseline_fails_only_on_new_slips(tmp_path, capsys):
    assert main(["audit", "--year", "2023", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(records), encoding="utf-8")
    assert main(["audit", "--year", "2023", "--strict", "--baseline", str(baseline)]) == 0
    assert "(0 baru terhadap" in capsys.readouterr().out

    # a known slip printed in a place the baseline did not list is new again
    slip = next(r for r in records if r["pokok"] == "capaian|iku:4")
    slip["tempat"] = [p for p in slip["tempat"] if "Ikhtisar" not in p["letak"]]
    baseline.write_text(json.dumps(records), encoding="utf-8")
    assert main(["audit", "--year", "2023", "--strict", "--baseline", str(baseline), "--json"]) == 1
    now = json.loads(capsys.readouterr().out)
    assert [r["pokok"] for r in now if r["baru"]] == ["capaian|iku:4"]

    # the same slips of another year are not this year's
    for r in records:
        r["tahun"] = 2022
    baseline.write_text(json.dumps(records), encoding="utf-8")
    assert main(["audit", "--year", "2023", "--strict", "--baseline", str(baseline)]) == 1
    assert "(14 baru terhadap" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline cannot be read"),
        ("{not json", "baseline is not JSON"),
        ('{"a": 1}', "expected a list of slips"),
        ('[{"tahun": 2023}]', "slip 1 is not an 'lkjip audit --json' slip"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    assert main(["audit", "--year", "2023", "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(baseline) in err and err.count("\n") == 1


def test_a_history_row_of_this_year_is_checked_against_tabel_3_1(consistent):
    history = pd.DataFrame(
        {
            "tahun": [2023],
            "indikator_no": [1],
            "periode": ["2023"],
            "tahun_data": pd.array([2023], dtype="Int64"),
            "target": [30.5],
            "realisasi": [31.0],  # Tabel 3.1 says 31,2
            "capaian_pct_laporan": [float("nan")],
        }
    ).assign(target_atas=float("nan"))
    tables = {**consistent, "riwayat_iku": history}
    found = a.audit(tables, SETTINGS)
    assert len(found) == 1
    f = found.iloc[0]
    assert (f["pemeriksaan"], f["nilai_tertulis"], f["nilai_pembanding"]) == ("angka_berbeda", 31.0, 31.2)
    assert "riwayat_iku" in f["letak"]


# --- analyst text against the table, carried-over tables ---------------------------------------------


def penjelasan(tables, **texts):
    """Return ``tables`` with the analyst text of indicator n replaced (``texts``: {"i1": text})."""
    frame = pd.DataFrame(
        {
            "tahun": 2023,
            "indikator_no": [int(k[1:]) for k in texts],
            "penjelasan": list(texts.values()),
            "permasalahan": pd.array([None] * len(texts), dtype="string"),
        }
    )
    return {**tables, "penjelasan_indikator": frame}


def test_consistent_analyst_text_is_silent(consistent):
    # indicator 1: realisasi 31,2 against target 30,5 (positive); indicator 3: 8 against 10 (negative)
    tables = penjelasan(
        consistent,
        i1="Indikator ini terealisasi sebesar 31,2 persen atau lebih tinggi dari target; capaian kinerja "
        "sebesar 102,30 persen.",
        i3="Realisasi sebesar 8 persen atau lebih rendah dari target yang ditetapkan, sehingga melampaui target.",
    )
    assert a.audit(tables, SETTINGS).empty


def test_a_realisasi_the_analyst_text_states_differently_is_the_same_slip_as_the_table(consistent):
    tables = penjelasan(consistent, i1="Indikator ini terealisasi sebesar 32,1 persen.")
    found = a.audit(tables, SETTINGS)
    assert found[
        ["pemeriksaan", "letak", "nilai_tertulis", "nilai_pembanding", "pokok"]
    ].to_numpy().tolist() == [
        ["angka_berbeda", "Penjelasan indikator 1 (penjelasan_indikator)", 32.1, 31.2, "realisasi|iku:1"]
    ]


def test_a_capaian_in_the_analyst_text_is_recomputed(consistent):
    # 31,2 / 30,5 x 100 = 102,295... -> 102,30; the text says 120,30
    found = a.audit(penjelasan(consistent, i1="Capaian kinerja sebesar 120,30 % dari target."), SETTINGS)
    assert found[["pemeriksaan", "tingkat", "nilai_tertulis", "pokok"]].to_numpy().tolist() == [
        ["capaian", "error", 120.3, "capaian|iku:1"]
    ]


@pytest.mark.parametrize(
    ("no", "text", "words"),
    [
        (1, "Realisasi 31,2 persen belum mencapai target.", "belum mencapai target"),  # 102,30 %: met
        (3, "Realisasi 8 persen, lebih tinggi dari target.", "lebih tinggi dari target"),  # 8 < 10
        (1, "Realisasi berada di bawah target.", "di bawah target"),  # 31,2 > 30,5
    ],
)
def test_analyst_text_saying_the_opposite_of_the_table_is_an_error(consistent, no, text, words):
    found = a.audit(penjelasan(consistent, **{f"i{no}": text}), SETTINGS)
    assert found[["pemeriksaan", "tingkat", "nilai_tertulis", "pokok"]].to_numpy().tolist() == [
        ["penjelasan", "error", words, f"klaim|iku:{no}"]
    ]


def test_melampaui_for_an_indicator_that_missed_its_target_is_an_error(consistent):
    # realisasi 29 against 30,5: capaian 95,08 %, not met
    tables = changed(consistent, "iku", realisasi={0: 29.0})
    found = a.audit(penjelasan(tables, i1="Kinerja indikator ini melampaui target."), SETTINGS)
    found = found[found["pemeriksaan"] == "penjelasan"]  # (the fixture's other statements of 31,2 differ too)
    assert (
        found["pokok"].tolist() == ["klaim|iku:1"] and found.iloc[0]["nilai_pembanding"] == "capaian 95,08 %"
    )


def test_a_header_naming_another_year_is_an_error(consistent):
    headers = consistent["judul_kolom"].copy()
    ksp = headers["judul"] == "Tahun 2023"
    headers.loc[ksp, "judul"] = "Tahun 2022"
    found = a.audit({**consistent, "judul_kolom": headers}, SETTINGS)
    assert found[["pemeriksaan", "letak", "nilai_tertulis"]].to_numpy().tolist() == [
        ["tahun_judul", "data/raw/2023/tabel_3_5_kesehatan_ksp.csv, kolom 'Tahun 2022'", "Tahun 2022"]
    ]


def test_a_table_identical_to_last_years_is_a_warning(consistent):
    last_year = {name: frame.assign(tahun=2022) for name, frame in consistent.items()}
    found = a.audit(consistent, SETTINGS, sebelumnya=last_year)
    assert set(found["pemeriksaan"]) == {"salinan"} and set(found["tingkat"]) == {"warning"}
    assert "Tabel 3.1 tahun 2023" in found["letak"].tolist()
    # one changed figure is enough for Tabel 3.1 to be this year's own
    last_year["iku"] = changed(last_year, "iku", realisasi={0: 30.0})["iku"]
    again = a.audit(consistent, SETTINGS, sebelumnya=last_year)
    assert "Tabel 3.1 tahun 2023" not in again["letak"].tolist()
