"""The reviewer's consistency audit: every figure the report states twice is checked.

Each ``cek_*`` function takes a year's tables (from :func:`lkjip.clean.clean_year`)
and the settings, and returns findings: one row per inconsistency, with the check's
name, severity (``error``, ``warning``, ``info``), where it stands, the stated
value, the recomputed or other value, their difference and a one-line
explanation in Indonesian. :func:`audit` runs them all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd
from num2words import num2words

from lkjip import anggaran as ang
from lkjip import prosa
from lkjip.capaian import banding_target, nilai_iku
from lkjip.numbers import format_angka, format_persen, format_rupiah
from lkjip.text import name_key

COLUMNS = [
    "pemeriksaan",
    "tingkat",
    "letak",
    "nilai_tertulis",
    "nilai_pembanding",
    "selisih",
    "keterangan",
    "pokok",
]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABEL = {"error": "Kesalahan", "warning": "Peringatan", "info": "Catatan"}
TOLERANCE_PCT = 0.01  # a capaian within this of the recomputed one is a rounding or truncation difference

Tables = dict[str, pd.DataFrame]


def _finding(
    check: str, severity: str, where: str, stated: object, other: object, note: str, pokok: str
) -> dict:
    """Return one finding; ``pokok`` names the figure it is about (findings of one slip share it)."""
    diff = None
    if (
        isinstance(stated, int | float)
        and isinstance(other, int | float)
        and not (pd.isna(stated) or pd.isna(other))
    ):
        diff = float(stated) - float(other)
    return {
        "pemeriksaan": check,
        "tingkat": severity,
        "letak": where,
        "nilai_tertulis": stated,
        "nilai_pembanding": other,
        "selisih": diff,
        "keterangan": note,
        "pokok": pokok,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _decimals(value: float) -> int:
    """Return how many decimals a printed number had (from its shortest repr)."""
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1]) if "." in text else 0


def letak_sub(line: object) -> str:
    """Return where a budget line stands, with its code as printed and its name."""
    return f"Tabel realisasi anggaran, sub kegiatan {line.sub_kegiatan_kode} {line.sub_kegiatan_nama}"


def _indicator_lookup(tables: Tables) -> dict[str, int]:
    iku = tables["iku"]
    return dict(zip(iku["indikator"].map(name_key), iku["indikator_no"], strict=True))


def letak_penjelasan(indikator_no: object) -> str:
    """Return where an analyst's explanation stands."""
    return f"Penjelasan indikator {indikator_no} (penjelasan_indikator)"


def penjelasan_figures(tables: Tables) -> pd.DataFrame:
    """Return every figure the analyst text states: one row per statement (``indikator_no``, besaran, value, where)."""
    rows = [
        (r.indikator_no, s.besaran, s.nilai, letak_penjelasan(r.indikator_no))
        for r in tables.get("penjelasan_indikator", pd.DataFrame()).itertuples()
        for s in prosa.pernyataan(r.penjelasan)
        if s.nilai is not None
    ]
    return pd.DataFrame(rows, columns=["indikator_no", "besaran", "nilai", "letak"])


def _narasi(tables: Tables, besaran: str | tuple[str, ...]) -> pd.DataFrame:
    narasi = tables.get("angka_narasi", pd.DataFrame())
    if narasi.empty:
        return narasi
    wanted = (besaran,) if isinstance(besaran, str) else besaran
    return narasi[narasi["besaran"].isin(wanted)]


# --- 1. capaian stated vs recomputed -----------------------------------------------------------


def stated_capaian(tables: Tables) -> pd.DataFrame:
    """Return every stated capaian: one row per statement with ``indikator_no``, value and where."""
    rows = [
        {
            "indikator_no": r.indikator_no,
            "nilai": r.capaian_pct_laporan,
            "letak": f"Tabel 3.1, indikator {r.indikator_no}",
        }
        for r in tables["iku"].itertuples()
        if pd.notna(r.capaian_pct_laporan)
    ]
    rows += [
        {
            "indikator_no": r.indikator_no,
            "nilai": r.capaian_pct_laporan,
            "letak": f"Tabel {r.tabel}, indikator {r.indikator_no}",
        }
        for r in tables["iku_analisis"].itertuples()
        if pd.notna(r.capaian_pct_laporan)
    ]
    lookup = _indicator_lookup(tables)
    for r in _narasi(tables, "capaian").itertuples():
        rows.append({"indikator_no": lookup.get(name_key(r.objek)), "nilai": r.nilai_angka, "letak": r.letak})
    for r in penjelasan_figures(tables).query("besaran == 'capaian'").itertuples():
        rows.append({"indikator_no": r.indikator_no, "nilai": r.nilai, "letak": r.letak})
    return pd.DataFrame(rows, columns=["indikator_no", "nilai", "letak"])


def cek_capaian(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where a stated capaian does not follow from target and realisasi.

    Within 0.01 points it is a rounding or truncation difference (``info``);
    beyond, a real mismatch (``error``).
    """
    nilai = nilai_iku(tables["iku"], settings).set_index("indikator_no")
    rows = []
    for s in stated_capaian(tables).itertuples():
        if s.indikator_no is None or pd.isna(s.indikator_no):
            rows.append(
                _finding(
                    "capaian",
                    "error",
                    s.letak,
                    s.nilai,
                    None,
                    "Indikator yang disebut tidak ada di Tabel 3.1.",
                    f"capaian|{s.letak}",
                )
            )
            continue
        ind = nilai.loc[int(s.indikator_no)]
        pokok = f"capaian|iku:{int(s.indikator_no)}"
        recomputed = ind["capaian_pct"]
        if pd.isna(recomputed):
            rows.append(
                _finding(
                    "capaian",
                    "error",
                    s.letak,
                    s.nilai,
                    None,
                    f"Capaian {ind['indikator']} tertulis, padahal target kosong atau nol (tidak dinilai).",
                    pokok,
                )
            )
            continue
        gap = abs(s.nilai - recomputed)
        if gap < 0.005:
            continue
        if gap <= TOLERANCE_PCT:
            truncated = math.floor(recomputed * 100) / 100
            kind = "pemotongan (bukan pembulatan)" if abs(s.nilai - truncated) < 1e-9 else "pembulatan"
            note = f"Capaian {ind['indikator']} berbeda karena {kind} ke 2 desimal; seharusnya {format_persen(recomputed)}."
            rows.append(_finding("capaian", "info", s.letak, s.nilai, recomputed, note, pokok))
        else:
            note = (
                f"Capaian {ind['indikator']} tidak sesuai dengan realisasi {format_angka(ind['realisasi'], 4, trim=True)} "
                f"dan target {format_angka(ind['target'], 4, trim=True)}; hasil hitung ulang {format_persen(recomputed)}."
            )
            rows.append(_finding("capaian", "error", s.letak, s.nilai, recomputed, note, pokok))
    return _frame(rows)


def cek_capaian_wajar(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings for capaian above the plausible bound (a unit or decimal-comma error in the target)."""
    bound = float(settings["batas_wajar_pct"])
    nilai = nilai_iku(tables["iku"], settings)
    rows = []
    for r in nilai[nilai["is_wajar"].eq(False).fillna(False)].itertuples():
        note = (
            f"Capaian {r.indikator} ({format_persen(r.capaian_pct)}) jauh di atas batas wajar {bound:g} %; target "
            f"{format_angka(r.target, 4, trim=True)} kemungkinan salah satuan atau koma desimal."
        )
        rows.append(
            _finding(
                "capaian_tidak_wajar",
                "warning",
                f"Tabel 3.1, indikator {r.indikator_no}",
                r.capaian_pct,
                bound,
                note,
                f"target|iku:{r.indikator_no}",
            )
        )
    return _frame(rows)


# --- 2. the same figure in two places ------------------------------------------------------------


def statements(tables: Tables) -> pd.DataFrame:
    """Return every statement of a figure: one row per (besaran, objek, value, where), tables first."""
    rows = []
    for r in tables["iku_rencana"].itertuples():
        rows.append(("target", f"iku:{r.indikator_no}", r.target, f"Tabel 2.2, indikator {r.indikator_no}"))
    for r in tables["iku"].itertuples():
        for b in ("target", "realisasi", "capaian"):
            v = r.capaian_pct_laporan if b == "capaian" else getattr(r, b)
            rows.append((b, f"iku:{r.indikator_no}", v, f"Tabel 3.1, indikator {r.indikator_no}"))
    for r in tables["iku_analisis"].itertuples():
        where = f"Tabel {r.tabel}, indikator {r.indikator_no}"
        rows.append(("target", f"iku:{r.indikator_no}", r.target, where))
        rows.append(("realisasi", f"iku:{r.indikator_no}", r.realisasi, where))
        rows.append(
            (
                "realisasi",
                f"iku:{r.indikator_no}",
                r.realisasi_kolom_capaian,
                where + " (kolom 'Capaian tahun')",
            )
        )
        rows.append(("capaian", f"iku:{r.indikator_no}", r.capaian_pct_laporan, where))
    for r in tables["riwayat_iku"].itertuples():
        if r.periode == "kondisi_awal" or r.tahun_data != r.tahun:
            continue  # earlier years: cek_riwayat compares them with their own folders
        where = f"Riwayat IKU (riwayat_iku), indikator {r.indikator_no}, tahun {r.tahun_data}"
        rows.append(("target", f"iku:{r.indikator_no}", r.target, where))
        rows.append(("realisasi", f"iku:{r.indikator_no}", r.realisasi, where))
        rows.append(("capaian", f"iku:{r.indikator_no}", r.capaian_pct_laporan, where))
    for r in tables["belanja"].itertuples():
        # the objek of a spending kind in angka_narasi is its name: "total", "belanja langsung", ...
        rows.append(("pagu", name_key(r.jenis_belanja), r.pagu_rp, "Ringkasan belanja (belanja_ringkasan)"))
        rows.append(
            ("realisasi", name_key(r.jenis_belanja), r.realisasi_rp, "Ringkasan belanja (belanja_ringkasan)")
        )
    for r in tables["anggaran"].itertuples():
        where = letak_sub(r)
        key = name_key(r.sub_kegiatan_nama)
        rows += [
            ("pagu", key, r.pagu_rp, where),
            ("realisasi", key, r.realisasi_rp, where),
            ("serapan", key, r.serapan_pct_laporan, where),
        ]
    lookup = _indicator_lookup(tables)
    narasi = tables.get("angka_narasi", pd.DataFrame())
    for r in narasi.itertuples() if len(narasi) else []:
        obj = name_key(r.objek)
        obj = f"iku:{lookup[obj]}" if obj in lookup else obj
        rows.append((r.besaran, obj, r.nilai_angka, r.letak))
    for r in penjelasan_figures(tables).query("besaran in ('realisasi', 'target')").itertuples():
        rows.append((r.besaran, f"iku:{r.indikator_no}", r.nilai, r.letak))
    frame = pd.DataFrame(rows, columns=["besaran", "objek", "nilai", "letak"])
    return frame[frame["nilai"].notna()].reset_index(drop=True)


def cek_angka_ganda(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where the same figure is stated with different values in two places."""
    rows = []
    for (besaran, objek), group in statements(tables).groupby(["besaran", "objek"], sort=False):
        if len(group) < 2:
            continue
        ref = group.iloc[0]
        for s in group.iloc[1:].itertuples():
            if math.isclose(s.nilai, ref["nilai"], rel_tol=1e-12, abs_tol=1e-9):
                continue
            note = f"{besaran.capitalize()} yang sama tertulis berbeda: {ref['letak']} menulis {format_angka(ref['nilai'], 4, trim=True)}."
            rows.append(
                _finding(
                    "angka_berbeda",
                    "error",
                    s.letak,
                    s.nilai,
                    float(ref["nilai"]),
                    note,
                    f"{besaran}|{objek}",
                )
            )
    return _frame(rows)


def cek_klaim(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where the analyst text says the opposite of the table about the target.

    "melampaui target" for an indicator that did not meet it, "belum mencapai target"
    for one that did (both as the printed capaian reads, polarity included), and
    "lebih tinggi / lebih rendah dari target" when the realisasi is not numerically so.
    """
    nilai = nilai_iku(tables["iku"], settings).set_index("indikator_no")
    rows = []
    for r in tables.get("penjelasan_indikator", pd.DataFrame()).itertuples():
        if r.indikator_no not in nilai.index:
            continue
        ind = nilai.loc[r.indikator_no]
        banding = banding_target(ind["capaian_pct"])
        for kind, words in prosa.klaim(r.penjelasan):
            if kind in ("di_atas", "di_bawah"):
                if pd.isna(ind["realisasi"]) or pd.isna(ind["target"]) or pd.notna(ind.get("target_atas")):
                    continue  # no figure, or a range target: above / below does not apply
                wrong = (
                    ind["realisasi"] <= ind["target"]
                    if kind == "di_atas"
                    else ind["realisasi"] >= ind["target"]
                )
                table = f"realisasi {format_angka(ind['realisasi'], 4, trim=True)}, target {format_angka(ind['target'], 4, trim=True)}"
            else:
                if banding is None:
                    continue
                wrong = (kind == "melampaui") == (banding == "belum")
                table = f"capaian {format_persen(ind['capaian_pct'])}"
            if wrong:
                rows.append(
                    _finding(
                        "penjelasan",
                        "error",
                        letak_penjelasan(r.indikator_no),
                        words,
                        table,
                        f"Penjelasan {ind['indikator']} menyatakan '{words}', padahal Tabel 3.1 mencatat {table}.",
                        f"klaim|iku:{r.indikator_no}",
                    )
                )
    return _frame(rows)


# --- 3. totals and percentages -----------------------------------------------------------------


def cek_total(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where a total is not the sum of its lines, or a percentage does not recompute.

    Checks the spending summary (langsung + tidak langsung = total; total against the
    sub kegiatan lines), program totals stated in the prose, each line's printed
    serapan, serapan stated in the prose, and printed total rows of other tables.
    """
    rows = []
    lines = tables["anggaran"]
    belanja = tables["belanja"].set_index("jenis_belanja")
    for col, label in (("pagu_rp", "pagu"), ("realisasi_rp", "realisasi")):
        if {"belanja_langsung", "belanja_tidak_langsung", "total"} <= set(belanja.index):
            parts = belanja.loc["belanja_langsung", col] + belanja.loc["belanja_tidak_langsung", col]
            if not math.isclose(belanja.loc["total", col], parts, abs_tol=0.5):
                rows.append(
                    _finding(
                        "total",
                        "error",
                        "Ringkasan belanja",
                        belanja.loc["total", col],
                        parts,
                        f"Total {label} tidak sama dengan belanja langsung + tidak langsung.",
                        f"{label}|total",
                    )
                )
        if "total" in belanja.index and len(lines):
            line_sum = lines[col].sum()
            if not math.isclose(belanja.loc["total", col], line_sum, abs_tol=0.5):
                rows.append(
                    _finding(
                        "total",
                        "error",
                        "Ringkasan belanja (total) terhadap tabel realisasi anggaran",
                        belanja.loc["total", col],
                        line_sum,
                        f"Total {label} yang dinyatakan ({format_rupiah(belanja.loc['total', col])}) tidak sama dengan "
                        f"jumlah {len(lines)} baris sub kegiatan ({format_rupiah(line_sum)}).",
                        f"{label}|total",
                    )
                )
    programs = ang.rollup(lines, "program").assign(_key=lambda d: d["program_nama"].map(name_key))
    subs = lines.assign(_key=lines["sub_kegiatan_nama"].map(name_key))
    indicators = _indicator_lookup(tables)
    for r in _narasi(tables, ("pagu", "realisasi")).itertuples():
        if name_key(r.objek) in indicators:
            continue  # an indicator's realisasi: checked by cek_angka_ganda
        col = "pagu_rp" if r.besaran == "pagu" else "realisasi_rp"
        match = programs[programs["_key"] == name_key(r.objek)]
        if len(match):
            total = match[col].sum()
            if not math.isclose(r.nilai_angka, total, abs_tol=0.5):
                rows.append(
                    _finding(
                        "total",
                        "error",
                        r.letak,
                        r.nilai_angka,
                        total,
                        f"{r.besaran.capitalize()} {r.objek} tidak sama dengan jumlah sub kegiatannya.",
                        f"{r.besaran}|{name_key(r.objek)}",
                    )
                )
        elif name_key(r.objek) not in set(subs["_key"]) | {
            "total",
            "belanjalangsung",
            "belanjatidaklangsung",
        }:
            rows.append(
                _finding(
                    "total",
                    "warning",
                    r.letak,
                    r.nilai_angka,
                    None,
                    f"'{r.objek}' tidak ditemukan sebagai program atau sub kegiatan; angka tidak dapat diperiksa.",
                    f"{r.besaran}|{name_key(r.objek)}",
                )
            )
    line_serapan = ang.serapan(lines["pagu_rp"], lines["realisasi_rp"])
    for r, recomputed in zip(lines.itertuples(), line_serapan, strict=True):
        if pd.isna(r.serapan_pct_laporan) or pd.isna(recomputed):
            continue
        tol = 0.5 * 10 ** -_decimals(r.serapan_pct_laporan) + 1e-9
        if abs(r.serapan_pct_laporan - recomputed) > max(tol, 0.005):
            rows.append(
                _finding(
                    "persen",
                    "error",
                    letak_sub(r),
                    r.serapan_pct_laporan,
                    recomputed,
                    f"Persentase tertulis tidak sesuai dengan realisasi/pagu ({format_persen(recomputed)}).",
                    f"serapan|{name_key(r.sub_kegiatan_nama)}",
                )
            )
    for r in _narasi(tables, "serapan").itertuples():
        key = name_key(r.objek)
        tol = 0.5 * 10 ** -_decimals(r.nilai_angka) + 1e-9
        if key == "total" and "total" in belanja.index:
            stated_total = ang.serapan(belanja.loc["total", "pagu_rp"], belanja.loc["total", "realisasi_rp"])
            line_total = ang.serapan(lines["pagu_rp"].sum(), lines["realisasi_rp"].sum())
            if abs(r.nilai_angka - stated_total) > tol:
                follows_lines = abs(r.nilai_angka - line_total) <= tol
                also = (
                    f"; angka ini sesuai dengan jumlah baris sub kegiatan ({format_persen(line_total)})"
                    if follows_lines
                    else ""
                )
                rows.append(
                    _finding(
                        "persen",
                        "error",
                        r.letak,
                        r.nilai_angka,
                        stated_total,
                        f"Serapan tidak sesuai dengan total realisasi/pagu yang dinyatakan "
                        f"({format_persen(stated_total)}){also}.",
                        # a serapan that follows the lines is the stated total realisasi's slip, not its own
                        "realisasi|total" if follows_lines else "serapan|total",
                    )
                )
            continue
        match = subs[subs["_key"] == key]
        if len(match):
            recomputed = ang.serapan(match["pagu_rp"].sum(), match["realisasi_rp"].sum())
            if abs(r.nilai_angka - recomputed) > tol:
                rows.append(
                    _finding(
                        "persen",
                        "error",
                        r.letak,
                        r.nilai_angka,
                        recomputed,
                        f"Serapan {r.objek} tidak sesuai dengan realisasi/pagu.",
                        f"serapan|{key}",
                    )
                )
    totals = tables["total_tabel"]
    sums = {
        ("1.2", "jumlah"): tables["aset"]["jumlah"].sum(),
        ("3.5", "jumlah"): tables["kesehatan_ksp"]["jumlah"].sum(),
        ("1.1", "jumlah"): tables["pegawai_golongan"]["jumlah"].sum(),
    }
    for r in totals.itertuples():
        expected = sums.get((r.tabel, r.kolom))
        if expected is not None and not math.isclose(r.nilai_total, expected, abs_tol=0.5):
            rows.append(
                _finding(
                    "total",
                    "error",
                    f"Tabel {r.tabel}, baris total",
                    r.nilai_total,
                    float(expected),
                    "Baris total tidak sama dengan jumlah barisnya.",
                    f"total|tabel {r.tabel}|{r.kolom}",
                )
            )
    staff = tables["pegawai"].groupby("golongan", sort=False)["jumlah"].sum()
    for r in tables["pegawai_golongan"].itertuples():
        if r.golongan in staff.index and staff[r.golongan] != r.jumlah:
            rows.append(
                _finding(
                    "total",
                    "error",
                    f"Tabel 1.1, golongan {r.golongan}",
                    int(r.jumlah),
                    int(staff[r.golongan]),
                    "Kolom Jumlah tidak sama dengan jumlah per jenjang pendidikan.",
                    f"jumlah|tabel 1.1|{r.golongan}",
                )
            )
    return _frame(rows)


# --- 4. counts -----------------------------------------------------------------------------------


def cek_jumlah(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where a count stated in the prose differs from the rows of its table."""
    rows = []
    lines = tables["anggaran"]
    for r in _narasi(tables, ("jumlah_program", "jumlah_kegiatan", "jumlah_sub_kegiatan")).itertuples():
        whole = name_key(r.objek) in {"seluruh", "total", "semua"}
        scope = lines if whole else lines[lines["kelompok"].map(name_key) == name_key(r.objek)]
        pokok = f"{r.besaran}|{'total' if whole else name_key(r.objek)}"
        if scope.empty:
            rows.append(
                _finding(
                    "jumlah",
                    "warning",
                    r.letak,
                    r.nilai_angka,
                    None,
                    f"Kelompok '{r.objek}' tidak ditemukan.",
                    pokok,
                )
            )
            continue
        n_rows = ang.jumlah(scope)[r.besaran]
        n_funded = ang.jumlah(scope, hanya_berpagu=True)[r.besaran]
        if n_rows != r.nilai_angka:
            what = r.besaran.removeprefix("jumlah_").replace("_", " ")
            extra = (
                f" (sama dengan jumlah {what} yang pagunya lebih dari 0)" if n_funded == r.nilai_angka else ""
            )
            rows.append(
                _finding(
                    "jumlah",
                    "error",
                    r.letak,
                    r.nilai_angka,
                    float(n_rows),
                    f"Tertulis {int(r.nilai_angka)} {what}, tabel memuat {n_rows}{extra}.",
                    pokok,
                )
            )
    ksp_total = tables["kesehatan_ksp"]["jumlah"].sum()
    for r in _narasi(tables, "jumlah_ksp").itertuples():
        if r.nilai_angka != ksp_total:
            rows.append(
                _finding(
                    "jumlah",
                    "error",
                    r.letak,
                    r.nilai_angka,
                    float(ksp_total),
                    f"Tertulis {int(r.nilai_angka)} KSP/USP, rekap Tabel 3.5 berjumlah {int(ksp_total)}.",
                    "jumlah_ksp|total",
                )
            )
    return _frame(rows)


# --- 5. amounts in words --------------------------------------------------------------------------

_UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def normalisasi_terbilang(text: str) -> str:
    """Return words lower-cased, 'milyar' as 'miliar', without 'rupiah' and punctuation."""
    words = re.sub(r"[^a-z ]", " ", text.casefold().replace("milyar", "miliar")).split()
    return " ".join(w for w in words if w not in {"rupiah", "koma", "nol nol"})


def terbilang_ke_angka(text: str) -> int:
    """Return the number an Indonesian amount in words says, read word by word.

    A scale word multiplies what came since the previous scale word, so a slip such as
    "... empat puluh ribu lima ratus empat puluh empat ribu" reads as the writer wrote
    it. Raises ``ValueError`` for a word that is not a number word.
    """
    total, current, last = 0, 0, 0
    for word in normalisasi_terbilang(text).split():
        if word in _UNITS:
            current += _UNITS[word]
            last = _UNITS[word]
        elif word == "belas":
            current += 10
        elif word == "puluh":
            current += last * 9
        elif word == "ratus":
            current += last * 99
        elif word == "seribu":
            total += 1000
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            raise ValueError(f"'{word}' is not a number word")
    return total + current


def cek_terbilang(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings where the amount in words is not the amount in figures ("milyar"/"miliar" both accepted)."""
    rows = []
    narasi = tables.get("angka_narasi", pd.DataFrame())
    if narasi.empty:
        return _frame(rows)
    for r in narasi[narasi["terbilang"].notna()].itertuples():
        expected = num2words(int(round(r.nilai_angka)), lang="id")
        if normalisasi_terbilang(r.terbilang) == normalisasi_terbilang(expected):
            continue
        try:
            said = float(terbilang_ke_angka(r.terbilang))
        except ValueError as err:
            rows.append(
                _finding(
                    "terbilang",
                    "error",
                    r.letak,
                    r.terbilang,
                    r.nilai_angka,
                    f"Terbilang tidak dapat dibaca ({err}).",
                    f"terbilang|{r.besaran}|{name_key(r.objek)}",
                )
            )
            continue
        if said == r.nilai_angka:
            continue
        rows.append(
            _finding(
                "terbilang",
                "error",
                r.letak,
                said,
                r.nilai_angka,
                f"Terbilang '{r.terbilang}' bernilai {format_angka(said)}, bukan {format_angka(r.nilai_angka)}; "
                f"seharusnya '{expected}'.",
                f"terbilang|{r.besaran}|{name_key(r.objek)}",
            )
        )
    return _frame(rows)


# --- 6. line sanity -------------------------------------------------------------------------------


def cek_baris(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings on budget and output lines.

    Realisasi above pagu, negative amounts, duplicate lines, realisasi with zero
    pagu, zero-pagu lines, output volume x unit cost against the stated budget,
    and an output's budget above the pagu of the sub kegiatan it belongs to.
    """
    rows = []
    lines = tables["anggaran"]
    for r in lines.itertuples():
        where = letak_sub(r)
        pokok = f"baris|{r.sub_kegiatan_kode}|{name_key(r.sub_kegiatan_nama)}"
        if r.pagu_rp < 0 or r.realisasi_rp < 0:
            rows.append(
                _finding(
                    "baris",
                    "error",
                    where,
                    min(r.pagu_rp, r.realisasi_rp),
                    0.0,
                    "Nilai anggaran negatif.",
                    pokok + "|negatif",
                )
            )
        if r.pagu_rp == 0 and r.realisasi_rp > 0:
            rows.append(
                _finding(
                    "baris",
                    "error",
                    where,
                    r.realisasi_rp,
                    r.pagu_rp,
                    "Ada realisasi pada sub kegiatan tanpa pagu.",
                    pokok + "|lebih",
                )
            )
        elif r.realisasi_rp > r.pagu_rp:
            rows.append(
                _finding(
                    "baris",
                    "error",
                    where,
                    r.realisasi_rp,
                    r.pagu_rp,
                    "Realisasi melebihi pagu.",
                    pokok + "|lebih",
                )
            )
        if r.pagu_rp == 0 and r.realisasi_rp == 0:
            rows.append(
                _finding(
                    "baris",
                    "info",
                    where,
                    r.pagu_rp,
                    r.realisasi_rp,
                    f"Sub kegiatan {r.sub_kegiatan_nama} tercantum dengan pagu dan realisasi 0.",
                    pokok + "|nol",
                )
            )
    dup = lines.duplicated(["kelompok", "sub_kegiatan_nama", "pagu_rp", "realisasi_rp"], keep="first")
    for r in lines[dup].itertuples():
        rows.append(
            _finding(
                "baris",
                "warning",
                letak_sub(r),
                r.pagu_rp,
                r.pagu_rp,
                f"Baris {r.sub_kegiatan_nama} tercantum dua kali dengan nilai yang sama.",
                f"baris|{name_key(r.kelompok)}|{name_key(r.sub_kegiatan_nama)}|ganda",
            )
        )
    keluaran = tables["keluaran"]
    subs = lines.assign(_key=lines["sub_kegiatan_nama"].map(name_key)).groupby("_key")["pagu_rp"].sum()
    for r in keluaran.itertuples():
        where = r.sumber if pd.notna(r.sumber) else f"Keluaran {r.keluaran_no}"
        if pd.notna(r.biaya_satuan_rp) and pd.notna(r.volume) and pd.notna(r.anggaran_rp):
            product = r.volume * r.biaya_satuan_rp
            if not math.isclose(product, r.anggaran_rp, abs_tol=0.5):
                rows.append(
                    _finding(
                        "keluaran",
                        "error",
                        where,
                        r.anggaran_rp,
                        product,
                        f"{r.keluaran_nama}: volume {format_angka(r.volume)} x {format_rupiah(r.biaya_satuan_rp)} "
                        f"= {format_rupiah(product)}, bukan anggaran yang tertulis.",
                        f"keluaran|{r.keluaran_no}|volume",
                    )
                )
        if pd.notna(r.sub_kegiatan_nama) and pd.notna(r.anggaran_rp):
            key = name_key(r.sub_kegiatan_nama)
            if key in subs.index and r.anggaran_rp > subs[key] + 0.5:
                rows.append(
                    _finding(
                        "keluaran",
                        "error",
                        where,
                        r.anggaran_rp,
                        float(subs[key]),
                        f"Anggaran {r.keluaran_nama} melebihi pagu sub kegiatan {r.sub_kegiatan_nama}.",
                        f"keluaran|{r.keluaran_no}|pagu",
                    )
                )
    return _frame(rows)


# --- 7. tables carried over from another year ----------------------------------------------------

YEAR_IN_HEADER = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

# Tables whose content changes every year: identical to last year's means copied forward.
TAHUNAN = {
    "iku": "Tabel 3.1",
    "iku_analisis": "Tabel 3.2/3.3",
    "anggaran": "Tabel realisasi anggaran",
    "belanja": "Ringkasan belanja",
    "kesehatan_ksp": "Tabel 3.5",
    "keluaran": "Keluaran",
    "penjelasan_indikator": "Penjelasan indikator",
    "angka_narasi": "Angka narasi",
}


def cek_judul_tahun(tables: Tables, settings: dict) -> pd.DataFrame:
    """Return findings for raw headers naming another year than the folder's ("Tahun 2024" in a 2025 table)."""
    rows = []
    for r in tables.get("judul_kolom", pd.DataFrame()).itertuples():
        other = [y for y in YEAR_IN_HEADER.findall(r.judul) if int(y) != r.tahun]
        if other:
            rows.append(
                _finding(
                    "tahun_judul",
                    "error",
                    f"{r.berkas}, kolom '{r.judul}'",
                    r.judul,
                    f"Tahun {r.tahun}",
                    f"Judul kolom menyebut tahun {other[0]}, padahal berkas ini untuk tahun {r.tahun}: "
                    "tabel mungkin disalin dari tahun lain dan belum diperbarui.",
                    f"judul|{r.berkas}|{r.kolom}",
                )
            )
    return _frame(rows)


def cek_salinan(tables: Tables, sebelumnya: Tables) -> pd.DataFrame:
    """Return warnings for tables identical to the previous year's (``sebelumnya``), the year column aside."""
    rows = []
    for name, label in TAHUNAN.items():
        this, last = tables.get(name), sebelumnya.get(name)
        if this is None or last is None or this.empty or last.empty:
            continue
        a = this.drop(columns="tahun").reset_index(drop=True)
        b = last.drop(columns="tahun").reset_index(drop=True)
        if a.shape == b.shape and a.astype(str).equals(b.astype(str)):
            tahun, lalu = int(this["tahun"].iloc[0]), int(last["tahun"].iloc[0])
            rows.append(
                _finding(
                    "salinan",
                    "warning",
                    f"{label} tahun {tahun}",
                    f"{len(a)} baris",
                    f"{label} tahun {lalu}",
                    f"{label} tahun {tahun} sama persis dengan tahun {lalu}: "
                    "kemungkinan disalin dan belum diperbarui.",
                    f"salinan|{name}",
                )
            )
    return _frame(rows)


CHECKS: tuple[Callable[[Tables, dict], pd.DataFrame], ...] = (
    cek_capaian,
    cek_capaian_wajar,
    cek_angka_ganda,
    cek_klaim,
    cek_total,
    cek_jumlah,
    cek_terbilang,
    cek_baris,
    cek_judul_tahun,
)


def cek_riwayat(tables: Tables, settings: dict, riwayat_folder: pd.DataFrame) -> pd.DataFrame:
    """Return findings where ``riwayat_iku`` restates an earlier year differently from that year's Tabel 3.1.

    ``riwayat_folder``: the earlier years' indicators (one row per indicator of
    this year x earlier year with a folder: ``indikator_no``, ``tahun``,
    ``target``, ``realisasi``, ``capaian_pct_laporan``). The folder's values are
    the ones the report uses.
    """
    rows = []
    history = tables["riwayat_iku"]
    if history.empty or riwayat_folder is None or riwayat_folder.empty:
        return _frame(rows)
    folder = riwayat_folder.set_index(["indikator_no", "tahun"])
    for r in history[history["periode"] != "kondisi_awal"].itertuples():
        key = (r.indikator_no, int(r.tahun_data))
        if key not in folder.index:
            continue
        other = folder.loc[key]
        for column, stated, label in (
            ("target", r.target, "Target"),
            ("realisasi", r.realisasi, "Realisasi"),
            ("capaian_pct_laporan", r.capaian_pct_laporan, "Capaian"),
        ):
            theirs = other[column]
            if (
                pd.isna(stated)
                or pd.isna(theirs)
                or math.isclose(stated, theirs, rel_tol=1e-12, abs_tol=1e-9)
            ):
                continue
            rows.append(
                _finding(
                    "riwayat",
                    "error",
                    f"Riwayat IKU (riwayat_iku), indikator {r.indikator_no}, tahun {r.tahun_data}",
                    float(stated),
                    float(theirs),
                    f"{label} tahun {r.tahun_data} berbeda dengan Tabel 3.1 tahun {r.tahun_data} "
                    f"(data/raw/{r.tahun_data}), yang dipakai laporan.",
                    f"riwayat|{column}|iku:{r.indikator_no}|{r.tahun_data}",
                )
            )
    return _frame(rows)


def audit(
    tables: Tables,
    settings: dict,
    riwayat_folder: pd.DataFrame | None = None,
    sebelumnya: Tables | None = None,
) -> pd.DataFrame:
    """Return every finding of every check: one row per finding (and place), errors first.

    ``riwayat_folder`` (earlier years' indicators, see :func:`cek_riwayat`)
    adds the comparison of ``riwayat_iku`` with earlier years' folders;
    ``sebelumnya`` (the previous year's tables) the check for copied tables.
    """
    found = [f for f in (check(tables, settings) for check in CHECKS) if len(f)]
    if riwayat_folder is not None:
        found += [f for f in [cek_riwayat(tables, settings, riwayat_folder)] if len(f)]
    if sebelumnya is not None:
        found += [f for f in [cek_salinan(tables, sebelumnya)] if len(f)]
    if not found:
        return _frame([])
    out = pd.concat(found, ignore_index=True)
    order = out["tingkat"].map(SEVERITY_ORDER)
    return out.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)


SLIP_COLUMNS = [
    "tingkat",
    "pemeriksaan",
    "letak",
    "jumlah_tempat",
    "nilai_tertulis",
    "nilai_pembanding",
    "keterangan",
    "pokok",
    "tempat",
]


def slips(temuan: pd.DataFrame) -> pd.DataFrame:
    """Return one row per slip: the findings about one figure (``pokok``) taken together.

    A figure printed wrongly in four places is one slip with four places, and two
    checks catching the same slip are one. ``tingkat`` is the worst of its findings;
    ``nilai_pembanding``, ``nilai_tertulis`` and ``keterangan`` are those of its first
    finding (a recomputation before a comparison of two printed values); ``letak``
    lists every place with its printed value when they differ; ``tempat`` keeps every
    finding (one dict per place and check). Errors first, then by first appearance.
    """
    rows = []
    for pokok, group in temuan.groupby("pokok", sort=False):
        first = group.iloc[0]
        places = group.drop_duplicates("letak")
        differ = len(set(places["nilai_tertulis"].map(repr))) > 1
        if differ:
            letak = "; ".join(f"{p.letak} ({_shown(p.nilai_tertulis)})" for p in places.itertuples())
        else:
            letak = "; ".join(places["letak"])
        rows.append(
            {
                "tingkat": min(group["tingkat"], key=SEVERITY_ORDER.__getitem__),
                "pemeriksaan": ", ".join(dict.fromkeys(group["pemeriksaan"])),
                "letak": letak,
                "jumlah_tempat": len(places),
                "nilai_tertulis": "berbeda per letak" if differ else first["nilai_tertulis"],
                "nilai_pembanding": first["nilai_pembanding"],
                "keterangan": first["keterangan"],
                "pokok": pokok,
                "tempat": to_records(group.drop(columns="pokok")),
            }
        )
    out = pd.DataFrame(rows, columns=SLIP_COLUMNS)
    order = out["tingkat"].map(SEVERITY_ORDER)
    return out.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)


def _shown(value: object) -> str:
    if isinstance(value, int | float) and not pd.isna(value):
        return format_angka(value, 4, trim=True)
    return str(value)


def ringkasan(temuan: pd.DataFrame) -> dict[str, int]:
    """Return the number of slips per severity (error, warning, info), zeros included.

    ``temuan`` are findings (:func:`audit`) or slips (:func:`slips`); a slip counts once
    however many places print it.
    """
    if "tempat" not in temuan.columns:
        temuan = slips(temuan)
    counts = temuan["tingkat"].value_counts()
    return {k: int(counts.get(k, 0)) for k in SEVERITY_ORDER}


def baseline_keys(records: object, source: str) -> set[tuple]:
    """Return what a baseline (a previous ``lkjip audit --json`` output) knows: one key per (slip, place, value).

    Raises :class:`~lkjip.errors.ConfigError` naming ``source`` when it is not such an output.
    """
    from lkjip.errors import ConfigError

    if not isinstance(records, list):
        raise ConfigError(f"{source}: not an 'lkjip audit --json' output (expected a list of slips)")
    known = set()
    for i, r in enumerate(records, start=1):
        try:
            for place in r["tempat"]:
                known.add((int(r["tahun"]), r["pokok"], place["letak"], repr(place["nilai_tertulis"])))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"{source}: slip {i} is not an 'lkjip audit --json' slip (needs tahun, pokok and tempat)"
            ) from None
    return known


def is_new(slip: dict, tahun: int, known: set[tuple]) -> bool:
    """Return whether a slip (a record of :func:`slips`) is new against a baseline.

    New: the baseline does not list this figure wrong at one of the slip's places
    with the same printed value (a known slip printed in a new place, or printed
    differently, is new).
    """
    return any(
        (tahun, slip["pokok"], p["letak"], repr(p["nilai_tertulis"])) not in known for p in slip["tempat"]
    )


def to_records(temuan: pd.DataFrame) -> list[dict]:
    """Return findings as JSON-ready dicts: numbers stay numbers, missing values become ``None``."""
    records = []
    for row in temuan.to_dict(orient="records"):
        records.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    return records
