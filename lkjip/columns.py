"""Every column map of the report: frame column -> (heading, formatter).

The HTML pages and the Word document (:class:`lkjip.present.Tabel`) and the XLSX export read the same
maps, so a heading or a number format is changed in one place.
"""

from __future__ import annotations

import pandas as pd

from lkjip.present import Formatter, angka, bulat, dua_desimal, persen, rupiah, teks, ya_tidak
from lkjip.text import KELOMPOK_JENIS_JUDUL, TINGKAT_JUDUL

ColumnMap = dict[str, tuple[str, Formatter]]


def kode(value: object) -> str:
    """Return a budget code as printed ("" where the report prints none)."""
    return "" if value is None or pd.isna(value) else str(value)


def tahun_teks(value: object) -> str:
    """Return a year without thousands separator ("-" when missing)."""
    return "-" if value is None or pd.isna(value) else str(int(value))


def nilai_audit(value: object) -> str:
    """Return an audit value: numbers in Indonesian notation (amounts as rupiah), text as written."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if isinstance(value, int | float):
        return angka(value) if abs(value) < 1e6 else rupiah(value)
    return str(value)


KOLOM_IKU: ColumnMap = {
    "uraian": ("Tujuan/ Sasaran Strategis", teks),
    "indikator": ("Indikator Kinerja", teks),
    "satuan": ("Satuan", teks),
    "polaritas": ("Polaritas", teks),
    "target_tertulis": ("Target", teks),
    "realisasi": ("Realisasi", angka),
    "capaian_pct": ("Capaian (%)", persen),
    "predikat": ("Predikat", teks),
}


def kolom_tingkat(tingkat: str, tahun: int) -> ColumnMap:
    """Return the columns of Tabel 3.2 (``tingkat="tujuan"``) or 3.3 (``"sasaran"``)."""
    return {
        tingkat: (TINGKAT_JUDUL[tingkat], teks),
        "indikator": ("Indikator Kinerja", teks),
        "satuan": ("Satuan", teks),
        "target_tertulis": (f"Target {tahun}", teks),
        "realisasi": (f"Realisasi {tahun}", angka),
        "capaian_pct": ("Capaian (%)", persen),
        "predikat": ("Predikat", teks),
    }


KOLOM_CAPAIAN_PER: ColumnMap = {
    "tingkat": ("Tingkat", lambda v: TINGKAT_JUDUL.get(str(v), str(v))),
    "nama": ("Tujuan / Sasaran", teks),
    "jumlah_indikator": ("Indikator", bulat),
    "jumlah_tercapai": ("Mencapai target", bulat),
    "capaian_pct": ("Rata-rata capaian (%)", persen),
    "predikat": ("Predikat", teks),
}
KOLOM_RENSTRA: ColumnMap = {
    "indikator": ("Indikator Kinerja", teks),
    "kondisi_awal": ("Kondisi awal", angka),
    "target_renstra_tertulis": ("Target Renstra tahun ini", teks),
    "realisasi": ("Realisasi", angka),
    "capaian_renstra_pct": ("Capaian thd. target Renstra tahun ini (%)", persen),
    "target_akhir_tertulis": ("Target akhir Renstra", teks),
    "tahun_akhir": ("Tahun akhir", tahun_teks),
    "capaian_akhir_pct": ("Capaian thd. target akhir (%)", persen),
    "is_on_track": ("Sesuai jalur", ya_tidak),
    "perubahan_per_tahun": ("Perubahan per tahun yang masih diperlukan", dua_desimal),
}
KOLOM_STANDAR: ColumnMap = {
    "indikator": ("Indikator Kinerja", teks),
    "realisasi": ("Realisasi", angka),
    "standar": ("Standar nasional", angka),
    "selisih": ("Selisih", angka),
    "is_memenuhi": ("Memenuhi standar", ya_tidak),
    "sumber": ("Sumber standar", teks),
}
KOLOM_EFISIENSI: ColumnMap = {
    "sasaran": ("Sasaran", teks),
    "capaian_pct": ("Rata-rata capaian (%)", persen),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
    "efisiensi_pct": ("Efisiensi (%)", persen),
    "is_efisien": ("Efisien", ya_tidak),
}
KOLOM_BIAYA_UNIT: ColumnMap = {
    "keluaran_nama": ("Keluaran", teks),
    "volume": ("Volume", angka),
    "satuan": ("Satuan", teks),
    "anggaran_rp": ("Anggaran (Rp)", rupiah),
    "biaya_per_unit_rp": ("Biaya per unit (Rp)", rupiah),
}
KOLOM_PROGRAM_PENDUKUNG: ColumnMap = {
    "indikator": ("Indikator Kinerja", teks),
    "program_nama": ("Program", teks),
    "kegiatan_nama": ("Kegiatan / Sub Kegiatan", teks),
    "serapan_pct": ("Serapan program (%)", persen),
}
KOLOM_BELANJA: ColumnMap = {
    "uraian": ("Jenis Belanja", teks),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_KELOMPOK: ColumnMap = {
    "kelompok": ("Kelompok", teks),
    "kelompok_jenis": ("Jenis", lambda v: KELOMPOK_JENIS_JUDUL.get(str(v), str(v))),
    "jumlah_program": ("Program", bulat),
    "jumlah_kegiatan": ("Kegiatan", bulat),
    "jumlah_sub_kegiatan": ("Sub Kegiatan", bulat),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_HIERARKI: ColumnMap = {
    "kode": ("Kode", kode),
    "uraian": ("Program/Kegiatan/Sub Kegiatan", teks),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_SERAPAN_TERENDAH: ColumnMap = {
    "sub_kegiatan_kode": ("Kode", kode),
    "sub_kegiatan_nama": ("Sub Kegiatan", teks),
    "kegiatan_nama": ("Kegiatan", teks),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_AUDIT_RINGKASAN: ColumnMap = {"tingkat": ("Tingkat", teks), "jumlah": ("Jumlah temuan", bulat)}
KOLOM_AUDIT: ColumnMap = {
    "label": ("Tingkat", teks),
    "pemeriksaan": ("Pemeriksaan", teks),
    "letak": ("Letak (nilai tertulis bila berbeda)", teks),
    "nilai_tertulis": ("Nilai tertulis", nilai_audit),
    "nilai_pembanding": ("Nilai pembanding", nilai_audit),
    "keterangan": ("Keterangan", teks),
}


def kolom_ksp(tahun: int, rekap: pd.DataFrame) -> ColumnMap:
    """Return the column map of Tabel 3.5 (with the previous year when it is known)."""
    columns: ColumnMap = {
        "predikat": ("Predikat Penilaian KSP/USP", teks),
        "jumlah": (f"Tahun {tahun}", bulat),
        "persen": ("Persentase (%)", persen),
    }
    if rekap["jumlah_sebelumnya"].notna().any():
        columns |= {"jumlah_sebelumnya": (f"Tahun {tahun - 1}", bulat), "perubahan": ("Perubahan", bulat)}
    return columns


def kolom_tahun(years: list[int]) -> ColumnMap:
    """Return the columns of the year comparison: realisasi and capaian per year, oldest first."""
    columns: ColumnMap = {"indikator": ("Indikator Kinerja", teks)}
    for year in years:
        columns[f"r{year}"] = (f"Realisasi {year}", angka)
        columns[f"c{year}"] = (f"Capaian {year} (%)", persen)
    return columns
