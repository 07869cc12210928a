"""Indonesian sentences generated from the data, in the style of an LKjIP.

Every number in a sentence comes from the frame passed in; nothing is invented.
Where data is missing, the sentence says which input is missing.
"""

from __future__ import annotations

import pandas as pd

from lkjip.numbers import format_angka, format_persen, format_rupiah


def nilai(value: float | None, satuan: str | None = None) -> str:
    """Return an indicator value as a report writes it ("37,04 persen", "0,068 persen")."""
    text = format_angka(value, 4, trim=True)
    if text == "-" or not satuan or pd.isna(satuan):
        return text
    return f"{text} persen" if satuan.strip() == "%" else f"{text} {satuan}"


def kalimat_indikator(row: pd.Series) -> str:
    """Return the sentence on one indicator's realisasi, target, capaian and predikat.

    ``row`` is a row of :func:`lkjip.capaian.nilai_iku`.
    """
    nama = row["indikator"]
    if pd.isna(row["capaian_pct"]):
        if pd.isna(row["realisasi"]):
            alasan = "realisasinya belum tersedia"
        else:
            alasan = "targetnya belum ditetapkan" if pd.isna(row["target"]) else "targetnya bernilai nol"
        return (
            f"Indikator {nama} tidak dinilai karena {alasan}, sehingga capaiannya tidak dapat "
            f"dihitung dan tidak dimasukkan dalam rata-rata capaian."
        )
    realisasi = nilai(row["realisasi"], row["satuan"])
    if row["polaritas"] == "rentang":
        target = f"rentang {nilai(row['target'])} s.d. {nilai(row['target_atas'], row['satuan'])}"
    else:
        target = nilai(row["target"], row["satuan"])
    cap = row["capaian_pct"]
    if cap > 100:
        banding = "melampaui target yang ditetapkan"
    elif cap == 100:
        banding = "sesuai dengan target yang ditetapkan"
    else:
        banding = "belum mencapai target yang ditetapkan"
    arah = " (polaritas negatif: semakin rendah semakin baik)" if row["polaritas"] == "negatif" else ""
    kalimat = (
        f"Indikator {nama} terealisasi sebesar {realisasi} dari target {target}{arah}, "
        f"atau {banding}, sehingga capaiannya sebesar {format_persen(cap)} "
        f"dengan predikat {row['predikat']}."
    )
    if row.get("is_wajar") is False or (pd.notna(row.get("is_wajar")) and not row["is_wajar"]):
        kalimat += (
            " Capaian ini jauh di atas batas kewajaran; besarnya mengindikasikan kesalahan satuan atau "
            "penulisan koma desimal pada target, sehingga target perlu diperiksa kembali."
        )
    return kalimat


def kalimat_rata_rata(agregat: pd.Series) -> str:
    """Return the sentence on a tujuan's or sasaran's mean capaian (a row of ``capaian_per``)."""
    label = "Tujuan" if agregat["tingkat"] == "tujuan" else "Sasaran"
    if pd.isna(agregat["capaian_pct"]):
        return f"{label} {agregat['nama']} belum dapat dinilai karena tidak ada indikator yang capaiannya terdefinisi."
    return (
        f"{label} {agregat['nama']} diukur dengan {agregat['jumlah_indikator']} indikator; "
        f"{agregat['jumlah_tercapai']} dari {agregat['jumlah_dinilai']} indikator yang dinilai mencapai target, "
        f"dengan rata-rata capaian {format_persen(agregat['capaian_pct'])} (predikat {agregat['predikat']})."
    )


def kalimat_anggaran(total: pd.Series) -> str:
    """Return the sentence on the total pagu, realisasi and serapan (the ``Jumlah`` row of ``per_kelompok``)."""
    return (
        f"Pagu anggaran seluruh sub kegiatan sebesar {format_rupiah(total['pagu_rp'])} terealisasi sebesar "
        f"{format_rupiah(total['realisasi_rp'])}, atau serapan {format_persen(total['serapan_pct'])}."
    )


def kalimat_efisiensi(row: pd.Series) -> str:
    """Return the sentence on one sasaran's efficiency (a row of ``efisiensi_sasaran``)."""
    kondisi = (
        "seluruh indikatornya mencapai target"
        if row["is_semua_tercapai"]
        else "tidak seluruh indikatornya mencapai target"
    )
    simpulan = (
        f"sehingga terdapat efisiensi sebesar {format_persen(row['efisiensi_pct'])} dari pagu."
        if row["is_efisien"]
        else "sehingga belum dapat dikatakan efisien."
    )
    return (
        f"Sasaran {row['sasaran']} dengan rata-rata capaian {format_persen(row['capaian_pct'])}: {kondisi} "
        f"dengan serapan anggaran {format_persen(row['serapan_pct'])} "
        f"({format_rupiah(row['realisasi_rp'])} dari pagu {format_rupiah(row['pagu_rp'])}), {simpulan}"
    )


def kalimat_data_kosong(analisis: str, masukan: str) -> str:
    """Return the sentence that says an analysis lacks its input, naming the file to add."""
    return f"{analisis}: data belum tersedia. Lengkapi {masukan} agar analisis ini dapat disajikan."


def kalimat_ksp(rekap: pd.DataFrame) -> str:
    """Return the sentence summarising the KSP/USP recap (a frame of ``rekap_ksp``)."""
    total = int(rekap["jumlah"].sum())
    parts = [f"{int(r.jumlah)} {r.predikat} ({format_persen(r.persen)})" for r in rekap.itertuples()]
    text = f"Dari {total} KSP/USP yang dinilai kesehatannya, " + ", ".join(parts[:-1]) + f" dan {parts[-1]}."
    if rekap["jumlah_sebelumnya"].notna().any():
        changes = [
            f"{r.predikat} {'bertambah' if r.perubahan > 0 else 'berkurang' if r.perubahan < 0 else 'tetap'}"
            + (f" {abs(int(r.perubahan))}" if r.perubahan else "")
            for r in rekap.itertuples()
            if pd.notna(r.perubahan)
        ]
        text += " Dibandingkan tahun sebelumnya: " + "; ".join(changes) + "."
    else:
        text += " Data tahun sebelumnya belum tersedia sehingga perubahan belum dapat dihitung."
    return text
