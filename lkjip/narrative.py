"""Every Indonesian sentence of the report, generated from the data, in the style of an LKjIP.

Every number in a sentence comes from the frame passed in; nothing is invented.
Where data is missing, the sentence says which input is missing. Whether a
target is met is decided by :func:`lkjip.capaian.banding_target` (on the printed
value), the same rule the predikat and the tables use.
"""

from __future__ import annotations

import pandas as pd

from lkjip.capaian import RUMUS_NEGATIF_JUDUL, SCALES, banding_target, is_tercapai
from lkjip.numbers import format_angka, format_persen, format_rupiah
from lkjip.text import POLARITAS_JUDUL, TINGKAT_JUDUL


def nilai(value: float | None, satuan: str | None = None) -> str:
    """Return an indicator value as a report writes it ("37,04 persen", "0,068 persen")."""
    text = format_angka(value, 4, trim=True)
    if text == "-" or not satuan or pd.isna(satuan):
        return text
    return f"{text} persen" if satuan.strip() == "%" else f"{text} {satuan}"


def target_teks(target: float | None, target_atas: float | None = None, satuan: str | None = None) -> str:
    """Return a target as written: "30 persen", or a range "80 s.d. 90 persen"."""
    if target_atas is not None and not pd.isna(target_atas):
        return f"{nilai(target)} s.d. {nilai(target_atas, satuan)}"
    return nilai(target, satuan)


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
    target = target_teks(row["target"], row.get("target_atas"), row["satuan"])
    cap = row["capaian_pct"]
    banding = {
        "melampaui": "melampaui target yang ditetapkan",
        "sesuai": "sesuai dengan target yang ditetapkan",
        "belum": "belum mencapai target yang ditetapkan",
    }[banding_target(cap)]
    if row["polaritas"] == "rentang" and banding_target(cap) == "sesuai":
        banding = "berada di dalam rentang target"
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
    if pd.isna(row["is_semua_tercapai"]):
        return (
            f"Sasaran {row['sasaran']}: tidak ada indikator yang capaiannya dapat dinilai, sehingga efisiensi "
            f"belum dapat dinilai meskipun serapan anggarannya {format_persen(row['serapan_pct'])} "
            f"({format_rupiah(row['realisasi_rp'])} dari pagu {format_rupiah(row['pagu_rp'])})."
        )
    kondisi = (
        "seluruh indikator yang dinilai mencapai target"
        if row["is_semua_tercapai"]
        else "tidak seluruh indikatornya mencapai target"
    )
    simpulan = (
        f"sehingga terdapat efisiensi sebesar {format_persen(row['efisiensi_pct'])} dari pagu."
        if row["is_efisien"] is True or (not pd.isna(row["is_efisien"]) and bool(row["is_efisien"]))
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


def kalimat_jumlah_tercapai(jumlah: dict[str, int]) -> str:
    """Return the sentence on how many indicators could be assessed and met their target.

    ``jumlah`` is :func:`lkjip.capaian.jumlah_tercapai`.
    """
    return (
        f"Dari {jumlah['total']} indikator kinerja utama, {jumlah['dinilai']} dapat dinilai dan "
        f"{jumlah['tercapai']} di antaranya mencapai atau melampaui target."
    )


def kalimat_perbandingan_tahun(
    nama: str,
    sebelum: float | None,
    kini: float | None,
    tahun_lalu: int,
    tahun: int,
    satuan: str | None = None,
    polaritas: str = "positif",
) -> str:
    """Return the sentence comparing an indicator's realisasi with an earlier year.

    For a positive or negative indicator it says whether the change is an
    improvement (a fall is an improvement for a negative indicator).
    """
    if sebelum is None or pd.isna(sebelum):
        return f"Indikator {nama} belum memiliki data tahun {tahun_lalu}."
    if kini is None or pd.isna(kini):
        return f"Realisasi indikator {nama} tahun {tahun} belum tersedia."
    arah = "naik" if kini > sebelum else "turun" if kini < sebelum else "tetap"
    makna = ""
    if arah != "tetap" and polaritas in ("positif", "negatif"):
        better = (arah == "naik") == (polaritas == "positif")
        makna = f" ({'membaik' if better else 'memburuk'}; polaritas {polaritas})"
    return (
        f"Realisasi indikator {nama} {arah} dari {nilai(sebelum, satuan)} pada {tahun_lalu} menjadi "
        f"{nilai(kini, satuan)} pada {tahun}{makna}."
    )


def kalimat_pengaturan_riwayat() -> str:
    """Return the note that earlier years' capaian keep the settings of their own year."""
    return (
        "Capaian tahun-tahun sebelumnya dihitung dengan skala dan rumus yang berlaku pada tahun itu "
        "(metadata tahun itu atau lkjip.toml); capaian dari riwayat IKU ditulis sebagaimana tercetak."
    )


def kalimat_renstra(row: pd.Series, tahun: int) -> str:
    """Return the sentence on one indicator against its Renstra targets (a row of ``bandingkan_renstra``)."""
    nama = row["indikator"]
    parts = []
    if pd.notna(row.get("kondisi_awal")):
        parts.append(f"dari kondisi awal {nilai(row['kondisi_awal'], row['satuan'])}")
    parts.append(f"realisasi {tahun} sebesar {nilai(row['realisasi'], row['satuan'])}")
    text = f"Indikator {nama}: " + ", ".join(parts)
    if pd.isna(row["capaian_renstra_pct"]):
        text += f"; target Renstra tahun {tahun} belum tersedia atau tidak dapat dinilai"
    else:
        status = "sudah sesuai jalur" if is_tercapai(row["capaian_renstra_pct"]) else "belum sesuai jalur"
        text += (
            f", atau {format_persen(row['capaian_renstra_pct'])} dari target Renstra tahun ini "
            f"({target_teks(row['target_renstra'], row.get('target_renstra_atas'), row['satuan'])}), {status}"
        )
    if pd.notna(row["capaian_akhir_pct"]):
        text += (
            f"; terhadap target akhir Renstra {int(row['tahun_akhir'])} "
            f"({target_teks(row['target_akhir'], row.get('target_akhir_atas'), row['satuan'])}) capaiannya "
            f"{format_persen(row['capaian_akhir_pct'])}"
        )
        change = row.get("perubahan_per_tahun")
        if change is not None and pd.notna(change) and change != 0:
            arah = "kenaikan" if change > 0 else "penurunan"
            text += (
                f", sehingga masih diperlukan {arah} sebesar {nilai(abs(change), row['satuan'])} per tahun"
            )
    return text + "."


def kalimat_skala(settings: dict) -> str:
    """Return the sentence naming the predikat scale and the negative-polarity formula in use, and their source."""
    name, bands = SCALES[settings["skala_predikat"]]
    parts = [f"≥ {b:g} {label}" if b != float("-inf") else f"di bawahnya {label}" for b, label in bands]
    source = settings.get("sumber", {})
    asal = {"metadata": " (ditetapkan untuk tahun ini di metadata)", "parameter": " (parameter notebook)"}
    return (
        f"Predikat capaian menggunakan {name}{asal.get(source.get('skala_predikat'), '')}: "
        + "; ".join(parts)
        + ". Capaian indikator berpolaritas negatif dihitung dengan rumus "
        + f"{RUMUS_NEGATIF_JUDUL[settings['rumus_negatif']]}{asal.get(source.get('rumus_negatif'), '')}; "
        + "indikator berpolaritas rentang bernilai 100 % bila realisasi berada di dalam rentang target."
    )


def polaritas_teks(value: object) -> str:
    """Return a polarity as a reader understands it ("negatif (semakin rendah semakin baik)")."""
    return POLARITAS_JUDUL.get(str(value), str(value))


def kalimat_tidak_wajar(row: pd.Series, batas: float) -> str:
    """Return the warning for an indicator whose capaian is above the plausible bound."""
    return (
        f"Perhatian: capaian indikator {row['indikator']} ({format_persen(row['capaian_pct'])}) melebihi batas "
        f"kewajaran {batas:g} % dan ikut menaikkan rata-rata; periksa satuan target."
    )


def kalimat_audit(jumlah: dict[str, int]) -> str:
    """Return the one-sentence audit summary (``jumlah``: findings per severity)."""
    if not sum(jumlah.values()):
        return "Audit konsistensi tidak menemukan angka yang saling bertentangan."
    return (
        f"Audit konsistensi menemukan {jumlah['error']} kesalahan, {jumlah['warning']} peringatan dan "
        f"{jumlah['info']} catatan pada angka yang dinyatakan lebih dari sekali."
    )


def penjelasan_audit(batas: float) -> list[str]:
    """Return what the consistency audit checks, one sentence per check."""
    return [
        "Capaian tertulis dibandingkan dengan hasil hitung ulang dari target dan realisasi "
        "(selisih sampai 0,01 dicatat sebagai pembulatan atau pemotongan).",
        f"Capaian di atas {batas:g} % ditandai sebagai kemungkinan kesalahan satuan target.",
        "Angka yang sama di tabel, Ikhtisar Eksekutif, BAB III, BAB IV dan riwayat IKU harus bernilai sama; "
        "riwayat IKU dibandingkan pula dengan Tabel 3.1 tahun yang bersangkutan bila foldernya tersedia.",
        "Total (pagu, realisasi, belanja langsung dan tidak langsung) dibandingkan dengan jumlah rinciannya; "
        "persentase dihitung ulang.",
        "Jumlah program, kegiatan, sub kegiatan dan KSP/USP yang disebut dibandingkan dengan baris tabel.",
        "Terbilang dibandingkan dengan angkanya.",
        "Penjelasan indikator dibandingkan dengan Tabel 3.1: realisasi dan capaian yang disebut, serta "
        "pernyataan melampaui, belum mencapai, lebih tinggi atau lebih rendah dari target.",
        "Judul kolom yang menyebut tahun lain dari tahun laporan, dan tabel yang sama persis dengan tahun "
        "sebelumnya (kemungkinan disalin), ditandai.",
        "Baris anggaran: realisasi melebihi pagu, nilai negatif, baris ganda, pagu nol, "
        "volume x biaya satuan dan anggaran keluaran terhadap pagu sub kegiatan.",
    ]


CATATAN_BIAYA_UNIT = (
    "Biaya per unit di atas dihitung dari volume dan anggaran yang dinyatakan dalam uraian BAB III. "
    "Realisasi volume keluaran belum tersedia, sehingga indeks efisiensi "
    "(biaya per unit realisasi dibanding biaya per unit rencana) belum dapat dihitung."
)


def judul_tabel_tingkat(tingkat: str, nomor: str, tahun: int) -> str:
    """Return the caption of Tabel 3.2 or 3.3."""
    return f"Tabel {nomor} Realisasi {TINGKAT_JUDUL[tingkat]} Tahun {tahun}"
