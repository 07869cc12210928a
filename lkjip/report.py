"""Everything a BAB III notebook shows, one function per block.

Each function takes the year's :class:`~lkjip.laporan.Laporan` (from
:func:`muat`) and returns an HTML string (tables, sentences) or a Figure, so a
notebook cell is one call and one display. The rules live elsewhere: capaian and
"target met" in :mod:`lkjip.capaian`, budget sums and counts in
:mod:`lkjip.anggaran`, sentences in :mod:`lkjip.narrative`, column maps in
:mod:`lkjip.columns`; this module only composes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from lkjip import anggaran as ang
from lkjip import audit
from lkjip import capaian as cap
from lkjip import columns as col
from lkjip import narrative as nar
from lkjip.ksp import rekap_ksp as _rekap_ksp
from lkjip.laporan import Laporan, muat
from lkjip.present import Blok, Judul, Paragraf, Tautan, blok, daftar, paragraf, tabel
from lkjip.sections import SECTIONS
from lkjip.text import JENIS_BELANJA_JUDUL, TABEL_TINGKAT, name_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Laporan", "muat"]


def iku_uraian(lap: Laporan) -> pd.DataFrame:
    """Return the indicators for display: one row per indicator.

    Adds ``uraian`` (the sasaran, or the tujuan for a tujuan-level indicator) and
    ``target_tertulis`` (the target as written, a range as "80 s.d. 90").
    """
    nilai = lap.nilai
    return nilai.assign(
        uraian=nilai["sasaran"].where(nilai["tingkat"] == "sasaran", nilai["tujuan"]),
        target_tertulis=[
            nar.target_teks(t, a) for t, a in zip(nilai["target"], nilai["target_atas"], strict=True)
        ],
    )


def judul(lap: Laporan, bagian: str) -> Blok:
    """Return the page heading: section, with the instansi and year above it."""
    return blok(Judul(bagian, 1, atas=f"{lap.instansi} · LKjIP Tahun {lap.tahun}"))


def kepala(lap: Laporan, bagian: str) -> Blok:
    """Return the top of a section page: its heading (:func:`judul`) and the links to the others."""
    return judul(lap, bagian) + navigasi(lap)


def navigasi(lap: Laporan) -> Blok:
    """Return the links to every section of the year and to the list of years (screen only)."""
    return blok(Tautan({**{s.judul: s.html for s in SECTIONS}, "Semua tahun": "../index.html"}))


# --- 3.1.1 Penilaian kinerja -------------------------------------------------------------------


def skala(lap: Laporan) -> Blok:
    """Return the predikat scale and negative-polarity formula in use, as a sentence."""
    return paragraf(nar.kalimat_skala(lap.settings))


def tabel_3_1(lap: Laporan) -> Blok:
    """Return Tabel 3.1 recomputed from target and realisasi, with predikat."""
    return tabel(
        iku_uraian(lap),
        col.KOLOM_IKU,
        judul=f"Tabel 3.1 Realisasi Indikator Kinerja Utama (IKU) Tahun {lap.tahun}",
        sumber="data/raw tabel 3.1; capaian dihitung ulang dari target dan realisasi",
    )


def uraian_penilaian(lap: Laporan) -> Blok:
    """Return one paragraph per indicator, then the count of targets met."""
    summary = nar.kalimat_jumlah_tercapai(cap.jumlah_tercapai(lap.nilai))
    return blok((paragraf(nar.kalimat_indikator(r)) for _, r in lap.nilai.iterrows()), paragraf(summary))


def grafik_capaian(lap: Laporan) -> Figure:
    """Return the chart of target, realisasi and capaian per indicator."""
    from lkjip import charts  # matplotlib only where a chart is drawn

    return charts.grafik_capaian(lap.nilai, lap.tahun, lap.settings)


# --- 3.1.2 Analisis capaian --------------------------------------------------------------------


def tabel_per_tingkat(lap: Laporan, tingkat: str) -> Blok:
    """Return Tabel 3.2 (tujuan) or 3.3 (sasaran): indicators of that level and their mean capaian."""
    rows = iku_uraian(lap)
    rows = rows[rows["tingkat"] == tingkat]
    table = tabel(
        rows,
        col.kolom_tingkat(tingkat, lap.tahun),
        judul=nar.judul_tabel_tingkat(tingkat, TABEL_TINGKAT[tingkat], lap.tahun),
    )
    agg = cap.capaian_per(lap.nilai, tingkat, lap.settings)
    return blok(table, (paragraf(nar.kalimat_rata_rata(r)) for _, r in agg.iterrows()))


def analisis_1_target(lap: Laporan) -> Blok:
    """Return analysis 1: target against realisasi this year, per indicator."""
    return uraian_penilaian(lap)


def analisis_2_tahun_lalu(lap: Laporan) -> Blok:
    """Return analysis 2: realisasi and capaian against earlier years, or what is missing."""
    if lap.riwayat.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Perbandingan dengan tahun sebelumnya",
                f"folder data/raw/{lap.tahun - 1}/ (tabel yang sama untuk tahun sebelumnya) atau "
                f"data/raw/{lap.tahun}/riwayat_iku.csv (realisasi tahun-tahun sebelumnya)",
            )
        )
    frame = cap.bandingkan_tahun(lap.nilai, lap.riwayat)
    years = sorted(int(y) for y in frame["tahun"].unique())
    flat = lap.nilai[["indikator_no", "indikator", "satuan", "polaritas"]].set_index("indikator_no")
    for year in years:
        one = frame[frame["tahun"] == year].set_index("indikator_no")
        flat[f"r{year}"] = one["realisasi"]
        flat[f"c{year}"] = one["capaian_pct"]
    prev_year = max(y for y in years if y < lap.tahun)
    sentences = [
        nar.kalimat_perbandingan_tahun(
            r["indikator"],
            r[f"r{prev_year}"],
            r[f"r{lap.tahun}"],
            prev_year,
            lap.tahun,
            r["satuan"],
            r["polaritas"],
        )
        for _, r in flat.iterrows()
    ]
    sources = sorted(set(lap.riwayat["sumber"]))
    return (
        tabel(
            flat.reset_index(drop=True),
            col.kolom_tahun(years),
            judul="Perbandingan realisasi dan capaian antartahun",
            sumber="; ".join(sources) + f"; Tabel 3.1 {lap.tahun}",
        )
        + daftar(sentences)
        + paragraf(nar.kalimat_pengaturan_riwayat())
    )


def grafik_riwayat(lap: Laporan) -> Figure | HTML:
    """Return the chart of each indicator's realisasi over the years; nothing to show without history."""
    if lap.riwayat.empty:
        return HTML("")  # analysis 2 already says which input is missing
    from lkjip import charts  # matplotlib only where a chart is drawn

    return charts.grafik_riwayat(cap.bandingkan_tahun(lap.nilai, lap.riwayat), lap.tahun)


def analisis_3_renstra(lap: Laporan) -> Blok:
    """Return analysis 3: realisasi against the Renstra targets, or what is missing."""
    frame = cap.bandingkan_renstra(lap.nilai, lap.tabel["target_renstra"], lap.settings, lap.kondisi_awal)
    if frame.empty:
        periode = lap.meta.get("renstra", "")
        return paragraf(
            nar.kalimat_data_kosong(
                f"Perbandingan dengan target jangka menengah Renstra {periode}".strip(),
                f"data/raw/{lap.tahun}/target_renstra.csv (target per indikator per tahun Renstra)",
            )
        )
    shown = frame.assign(
        target_renstra_tertulis=[
            nar.target_teks(t, a) if pd.notna(t) else "-"
            for t, a in zip(frame["target_renstra"], frame["target_renstra_atas"], strict=True)
        ],
        target_akhir_tertulis=[
            nar.target_teks(t, a)
            for t, a in zip(frame["target_akhir"], frame["target_akhir_atas"], strict=True)
        ],
    )
    return tabel(shown, col.KOLOM_RENSTRA, judul="Realisasi terhadap target Renstra") + daftar(
        [nar.kalimat_renstra(r, lap.tahun) for _, r in frame.iterrows()]
    )


def analisis_4_standar(lap: Laporan) -> Blok:
    """Return analysis 4: realisasi against a national standard, or what is missing."""
    frame = cap.bandingkan_standar(lap.nilai, lap.tabel["standar_nasional"])
    if frame.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Perbandingan dengan standar nasional", f"data/raw/{lap.tahun}/standar_nasional.csv"
            )
        )
    return tabel(frame, col.KOLOM_STANDAR, judul="Realisasi terhadap standar nasional")


def analisis_5_penyebab(lap: Laporan) -> Blok:
    """Return analysis 5: the analyst's text on causes and solutions, or what is missing."""
    text = lap.tabel["penjelasan_indikator"]
    if text.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Analisis penyebab keberhasilan/kegagalan",
                f"data/raw/{lap.tahun}/penjelasan_indikator.csv",
            )
        )
    merged = lap.nilai[["indikator_no", "indikator"]].merge(
        text, on="indikator_no", how="left", validate="1:1"
    )
    out = []
    for r in merged.itertuples():
        out.append(Judul(r.indikator, 4))
        out.append(paragraf(r.penjelasan if pd.notna(r.penjelasan) else "Penjelasan analis belum diisi."))
        if pd.notna(r.permasalahan):
            out.append(paragraf(f"Permasalahan dan solusi: {r.permasalahan}"))
    return blok(out)


def analisis_6_efisiensi(lap: Laporan) -> Blok:
    """Return analysis 6: serapan against capaian per sasaran, and cost per unit of output."""
    eff = ang.efisiensi_sasaran(lap.nilai, lap.tabel["anggaran"])
    parts = []
    if eff.empty:
        parts.append(
            paragraf(
                nar.kalimat_data_kosong(
                    "Efisiensi per sasaran",
                    "kelompok anggaran dengan nama sasaran yang sama dengan Tabel 3.1 (realisasi_anggaran.csv)",
                )
            )
        )
    else:
        parts.append(tabel(eff, col.KOLOM_EFISIENSI, judul="Efisiensi penggunaan sumber daya per sasaran"))
        parts += [paragraf(nar.kalimat_efisiensi(r)) for _, r in eff.iterrows()]
    unit = ang.biaya_per_unit(lap.tabel["keluaran"])
    if unit.empty:
        parts.append(
            paragraf(nar.kalimat_data_kosong("Biaya per unit keluaran", f"data/raw/{lap.tahun}/keluaran.csv"))
        )
    else:
        parts.append(tabel(unit, col.KOLOM_BIAYA_UNIT, judul="Biaya per unit keluaran (rencana)"))
        parts.append(paragraf(nar.CATATAN_BIAYA_UNIT))
    return blok(parts)


def analisis_7_program(lap: Laporan) -> Blok:
    """Return analysis 7: programs and kegiatan that supported each indicator, with their serapan."""
    links = lap.tabel["indikator_program"]
    if links.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Program dan kegiatan pendukung", f"data/raw/{lap.tahun}/indikator_program.csv"
            )
        )
    budget = ang.rollup(lap.tabel["anggaran"], "program").assign(
        _key=lambda d: d["program_nama"].map(name_key)
    )
    merged = links.assign(_key=links["program_nama"].map(name_key)).merge(
        budget[["_key", "pagu_rp", "realisasi_rp", "serapan_pct"]],
        on="_key",
        how="left",
        validate="m:1",
    )
    merged = merged.merge(
        lap.nilai[["indikator_no", "indikator"]], on="indikator_no", how="left", validate="m:1"
    )
    return tabel(
        merged, col.KOLOM_PROGRAM_PENDUKUNG, judul="Program dan kegiatan yang mendukung capaian indikator"
    )


# --- 3.2 Realisasi anggaran --------------------------------------------------------------------


def belanja_ringkas(lap: Laporan) -> pd.DataFrame:
    """Return the spending summary as stated: one row per spending kind, with its label and serapan."""
    belanja = lap.tabel["belanja"]
    return belanja.assign(
        uraian=belanja["jenis_belanja"].map(JENIS_BELANJA_JUDUL),
        serapan_pct=ang.serapan(belanja["pagu_rp"], belanja["realisasi_rp"]),
    )


def ringkasan_belanja(lap: Laporan) -> Blok:
    """Return the spending summary as stated (belanja langsung / tidak langsung) and the line total."""
    total = ang.per_kelompok(lap.tabel["anggaran"]).iloc[-1]
    return tabel(
        belanja_ringkas(lap),
        col.KOLOM_BELANJA,
        judul=f"Ringkasan belanja Tahun {lap.tahun} (sebagaimana dinyatakan)",
    ) + paragraf(nar.kalimat_anggaran(total))


def tabel_kelompok(lap: Laporan) -> Blok:
    """Return totals per budget group (routine and each sasaran) with counts."""
    return tabel(
        ang.per_kelompok(lap.tabel["anggaran"]),
        col.KOLOM_KELOMPOK,
        judul="Realisasi anggaran per kelompok sasaran",
    )


def tabel_anggaran(lap: Laporan) -> Blok:
    """Return the program / kegiatan / sub kegiatan hierarchy with subtotals."""
    frame = ang.hierarki(lap.tabel["anggaran"])
    return tabel(
        frame,
        col.KOLOM_HIERARKI,
        nomor=False,
        row_class=frame["tingkat"],
        judul=f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {lap.tahun}",
    )


def tabel_serapan_terendah(lap: Laporan, n: int = 5) -> Blok:
    """Return the ``n`` sub kegiatan lines with the lowest serapan."""
    return tabel(
        ang.serapan_terendah(lap.tabel["anggaran"], n),
        col.KOLOM_SERAPAN_TERENDAH,
        judul=f"{n} sub kegiatan dengan serapan terendah",
    )


def grafik_anggaran(lap: Laporan) -> Figure:
    """Return the chart of pagu and realisasi per program."""
    from lkjip import charts  # matplotlib only where a chart is drawn

    return charts.grafik_anggaran(ang.rollup(lap.tabel["anggaran"], "program"), lap.tahun)


# --- KSP/USP -----------------------------------------------------------------------------------


def rekap_ksp(lap: Laporan) -> pd.DataFrame:
    """Return the KSP/USP recap of the year (see :func:`lkjip.ksp.rekap_ksp`)."""
    return _rekap_ksp(lap.tabel["kesehatan_ksp"], lap.ksp_sebelumnya)


def tabel_3_5(lap: Laporan) -> Blok:
    """Return Tabel 3.5 with shares and, when available, the previous year."""
    rekap = rekap_ksp(lap)
    return tabel(
        rekap,
        col.kolom_ksp(lap.tahun, rekap),
        judul=f"Tabel 3.5 Rekapitulasi Penilaian KSP/USP Tahun {lap.tahun}",
    ) + paragraf(nar.kalimat_ksp(rekap))


def grafik_ksp(lap: Laporan) -> Figure:
    """Return the chart of KSP/USP counts per predikat."""
    from lkjip import charts  # matplotlib only where a chart is drawn

    return charts.grafik_ksp(rekap_ksp(lap), lap.tahun)


# --- Ikhtisar ----------------------------------------------------------------------------------


def ikhtisar(lap: Laporan) -> Blok:
    """Return the year's headline: capaian per tujuan and sasaran, targets met, serapan, links."""
    agg = pd.concat(
        [cap.capaian_per(lap.nilai, t, lap.settings) for t in ("tujuan", "sasaran")],
        ignore_index=True,
    )
    total = ang.per_kelompok(lap.tabel["anggaran"]).iloc[-1]
    implausible = lap.nilai[lap.nilai["is_wajar"].eq(False).fillna(False)]
    lines = [
        nar.kalimat_jumlah_tercapai(cap.jumlah_tercapai(lap.nilai)),
        nar.kalimat_anggaran(total),
        *(nar.kalimat_tidak_wajar(r, lap.settings["batas_wajar_pct"]) for _, r in implausible.iterrows()),
    ]
    table = tabel(
        agg,
        col.KOLOM_CAPAIAN_PER,
        judul=f"Capaian kinerja Tahun {lap.tahun}",
    )
    sections = Tautan({s.judul: s.html for s in SECTIONS[1:]}, judul="Bagian laporan")
    return blok(ringkasan_audit(lap), daftar(lines), table, sections)


# --- Audit konsistensi -------------------------------------------------------------------------


def ringkasan_audit(lap: Laporan) -> Blok:
    """Return the one-paragraph audit summary shown at the top of the Ikhtisar."""
    link = next(s.html for s in SECTIONS if s.key == "audit")
    text = nar.kalimat_audit(audit.ringkasan(lap.slips))
    return blok(Paragraf(text, tautan=("Lihat rincian audit", link), kelas="audit"))


def tabel_audit(lap: Laporan) -> Blok:
    """Return the count of slips per severity and the slips table (one row per slip, every place listed)."""
    counts = audit.ringkasan(lap.slips)
    summary = pd.DataFrame([{"tingkat": audit.SEVERITY_LABEL[k], "jumlah": v} for k, v in counts.items()])
    head = tabel(
        summary,
        col.KOLOM_AUDIT_RINGKASAN,
        judul="Ringkasan temuan",
        nomor=False,
    )
    if not len(lap.slips):
        return head + paragraf("Tidak ada temuan.")
    frame = lap.slips.assign(label=lap.slips["tingkat"].map(audit.SEVERITY_LABEL))
    return head + tabel(
        frame,
        col.KOLOM_AUDIT,
        row_class=lap.slips["tingkat"],
        judul=f"Temuan audit konsistensi LKjIP Tahun {lap.tahun}",
    )


def penjelasan_audit(lap: Laporan) -> Blok:
    """Return what the audit checks, as a list."""
    return daftar(nar.penjelasan_audit(lap.settings["batas_wajar_pct"]))
