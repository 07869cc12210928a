"""Everything a BAB III notebook shows, one function per block.

:func:`muat` loads a year once into a :class:`Laporan`; each other function
takes it and returns an HTML string (tables, sentences) or a Figure, so a
notebook cell is one call and one display.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from lkjip import anggaran as ang
from lkjip import audit, charts, config
from lkjip import capaian as cap
from lkjip import narrative as nar
from lkjip.clean import clean_year, load_processed
from lkjip.numbers import format_persen, format_rupiah
from lkjip.present import (
    angka,
    bulat,
    daftar,
    dua_desimal,
    paragraf,
    persen,
    rupiah,
    tabel,
    teks,
    ya_tidak,
)
from lkjip.sections import SECTIONS


@dataclass
class Laporan:
    """One year's tables and the analyses every section shares."""

    tahun: int
    tabel: dict[str, pd.DataFrame]
    settings: dict
    nilai: pd.DataFrame
    riwayat: pd.DataFrame
    ksp_sebelumnya: pd.DataFrame | None
    tahun_riwayat: list[int] = field(default_factory=list)

    @cached_property
    def temuan(self) -> pd.DataFrame:
        """Return the consistency audit's findings (see :func:`lkjip.audit.audit`)."""
        return audit.audit(self.tabel, self.settings)

    @property
    def meta(self) -> dict[str, str]:
        """Return the metadata as a dict (kunci -> nilai)."""
        m = self.tabel["metadata"]
        return dict(zip(m["kunci"], m["nilai"], strict=True))

    @property
    def instansi(self) -> str:
        """Return "<instansi> <kabupaten>"."""
        return f"{self.meta.get('instansi', '')} {self.meta.get('kabupaten', '')}".strip()


def _kode(value: object) -> str:
    return "" if pd.isna(value) else str(value)


# Column maps (frame column -> heading, formatter), shared by the HTML pages and the XLSX export.
KOLOM_IKU = {
    "uraian": ("Tujuan/ Sasaran Strategis", teks),
    "indikator": ("Indikator Kinerja", teks),
    "satuan": ("Satuan", teks),
    "target": ("Target", angka),
    "realisasi": ("Realisasi", angka),
    "capaian_pct": ("Capaian (%)", persen),
    "predikat": ("Predikat", teks),
}
KOLOM_KELOMPOK = {
    "kelompok": ("Kelompok", teks),
    "jumlah_program": ("Program", bulat),
    "jumlah_kegiatan": ("Kegiatan", bulat),
    "jumlah_sub_kegiatan": ("Sub Kegiatan", bulat),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_HIERARKI = {
    "kode": ("Kode", _kode),
    "uraian": ("Program/Kegiatan/Sub Kegiatan", teks),
    "pagu_rp": ("Pagu (Rp)", rupiah),
    "realisasi_rp": ("Realisasi (Rp)", rupiah),
    "serapan_pct": ("Serapan (%)", persen),
}
KOLOM_CAPAIAN_PER = {
    "tingkat": ("Tingkat", lambda v: str(v).capitalize()),
    "nama": ("Tujuan / Sasaran", teks),
    "jumlah_indikator": ("Indikator", bulat),
    "jumlah_tercapai": ("Mencapai target", bulat),
    "capaian_pct": ("Rata-rata capaian (%)", persen),
    "predikat": ("Predikat", teks),
}


def kolom_ksp(lap: Laporan, rekap: pd.DataFrame) -> dict:
    """Return the column map of Tabel 3.5 (with the previous year when it is known)."""
    columns = {
        "predikat": ("Predikat Penilaian KSP/USP", teks),
        "jumlah": (f"Tahun {lap.tahun}", bulat),
        "persen": ("Persentase (%)", persen),
    }
    if rekap["jumlah_sebelumnya"].notna().any():
        columns |= {"jumlah_sebelumnya": (f"Tahun {lap.tahun - 1}", bulat), "perubahan": ("Perubahan", bulat)}
    return columns


def iku_uraian(lap: Laporan) -> pd.DataFrame:
    """Return the indicators with ``uraian``: the sasaran, or the tujuan for a tujuan-level indicator."""
    return lap.nilai.assign(
        uraian=lap.nilai["sasaran"].where(lap.nilai["tingkat"] == "sasaran", lap.nilai["tujuan"])
    )


def muat(tahun: int, root: Path | str | None = None, **overrides: object) -> Laporan:
    """Return the :class:`Laporan` of ``tahun``.

    Reads ``data/processed/<tahun>`` when present, else cleans the raw folder in
    memory. Earlier years with a raw folder are cleaned in memory for the
    comparisons. ``overrides`` (notebook parameters; ``None`` = config file)
    replace settings of ``lkjip.toml``.
    """
    p = config.paths(root)
    settings = config.settings(root, **overrides)
    tables = load_processed(tahun, root) if p.processed_year(tahun).is_dir() else clean_year(tahun, root)
    nilai = cap.nilai_iku(tables["iku"], settings)
    earlier = [y for y in p.raw_years() if y < tahun]
    history = [cap.nilai_iku(clean_year(y, root)["iku"], settings) for y in earlier]
    previous_ksp = clean_year(tahun - 1, root)["kesehatan_ksp"] if (tahun - 1) in earlier else None
    return Laporan(
        tahun=tahun,
        tabel=tables,
        settings=settings,
        nilai=nilai,
        riwayat=pd.concat(history, ignore_index=True) if history else nilai.iloc[0:0],
        ksp_sebelumnya=previous_ksp,
        tahun_riwayat=earlier,
    )


def _h(level: int, text: str) -> str:
    return f"<h{level}>{html.escape(text)}</h{level}>"


def judul(lap: Laporan, bagian: str) -> str:
    """Return the page heading: section, instansi and year."""
    return f'<p class="instansi">{html.escape(lap.instansi)} &middot; LKjIP Tahun {lap.tahun}</p>' + _h(
        1, bagian
    )


def navigasi(lap: Laporan) -> str:
    """Return the links to every section of the year and to the list of years."""
    links = " | ".join(f'<a href="{s.html}">{html.escape(s.judul)}</a>' for s in SECTIONS)
    return f'<nav class="lkjip">{links} | <a href="../index.html">Semua tahun</a></nav>'


# --- 3.1.1 Penilaian kinerja -------------------------------------------------------------------


def skala(lap: Laporan) -> str:
    """Return the predikat scale in use as a sentence."""
    name, bands = cap.SCALES[lap.settings["skala_predikat"]]
    parts = [f"≥ {b:g} {label}" if b != float("-inf") else f"di bawahnya {label}" for b, label in bands]
    return paragraf(f"Predikat capaian menggunakan {name}: " + "; ".join(parts) + ".")


def tabel_3_1(lap: Laporan) -> str:
    """Return Tabel 3.1 recomputed from target and realisasi, with predikat."""
    return tabel(
        iku_uraian(lap),
        KOLOM_IKU,
        judul=f"Tabel 3.1 Realisasi Indikator Kinerja Utama (IKU) Tahun {lap.tahun}",
        sumber="data/raw tabel 3.1; capaian dihitung ulang dari target dan realisasi",
    )


def uraian_penilaian(lap: Laporan) -> str:
    """Return one paragraph per indicator, then the count of targets met."""
    defined = lap.nilai["capaian_pct"].notna()
    met = int(lap.nilai["is_tercapai"].fillna(False).sum())
    summary = (
        f"Dari {len(lap.nilai)} indikator kinerja utama, {int(defined.sum())} dapat dinilai dan {met} di "
        f"antaranya mencapai atau melampaui target."
    )
    return "".join(paragraf(nar.kalimat_indikator(r)) for _, r in lap.nilai.iterrows()) + paragraf(summary)


def grafik_capaian(lap: Laporan) -> Figure:
    """Return the chart of target, realisasi and capaian per indicator."""
    return charts.grafik_capaian(lap.nilai, lap.tahun)


# --- 3.1.2 Analisis capaian --------------------------------------------------------------------


def tabel_per_tingkat(lap: Laporan, tingkat: str) -> str:
    """Return Tabel 3.2 (tujuan) or 3.3 (sasaran): indicators of that level and their mean capaian."""
    rows = lap.nilai[lap.nilai["tingkat"] == tingkat]
    column = "tujuan" if tingkat == "tujuan" else "sasaran"
    nomor = "3.2" if tingkat == "tujuan" else "3.3"
    label = "Tujuan" if tingkat == "tujuan" else "Sasaran Strategis"
    table = tabel(
        rows,
        {
            column: (label, teks),
            "indikator": ("Indikator Kinerja", teks),
            "satuan": ("Satuan", teks),
            "target": (f"Target {lap.tahun}", angka),
            "realisasi": (f"Realisasi {lap.tahun}", angka),
            "capaian_pct": ("Capaian (%)", persen),
            "predikat": ("Predikat", teks),
        },
        judul=f"Tabel {nomor} Realisasi {label} Tahun {lap.tahun}",
    )
    agg = cap.capaian_per(lap.nilai, tingkat, lap.settings)
    return table + "".join(paragraf(nar.kalimat_rata_rata(r)) for _, r in agg.iterrows())


def analisis_1_target(lap: Laporan) -> str:
    """Return analysis 1: target against realisasi this year, per indicator."""
    return uraian_penilaian(lap)


def analisis_2_tahun_lalu(lap: Laporan) -> str:
    """Return analysis 2: realisasi and capaian against earlier years, or what is missing."""
    if lap.riwayat.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Perbandingan dengan tahun sebelumnya",
                f"folder data/raw/{lap.tahun - 1}/ (tabel yang sama untuk tahun sebelumnya)",
            )
        )
    frame = cap.bandingkan_tahun(lap.nilai, lap.riwayat)
    wide = frame.pivot_table(
        index=["indikator_no"],
        columns="tahun",
        values=["realisasi", "capaian_pct"],
        aggfunc="first",
    )
    names = lap.nilai.set_index("indikator_no")["indikator"]
    columns: dict[str, tuple[str, object]] = {"indikator": ("Indikator Kinerja", teks)}
    flat = pd.DataFrame({"indikator": names})
    for year in sorted(frame["tahun"].unique()):
        flat[f"r{year}"] = wide.get(("realisasi", year))
        flat[f"c{year}"] = wide.get(("capaian_pct", year))
        columns[f"r{year}"] = (f"Realisasi {year}", angka)
        columns[f"c{year}"] = (f"Capaian {year} (%)", persen)
    sentences = []
    prev_year = max(y for y in frame["tahun"].unique() if y < lap.tahun)
    for no, name in names.items():
        now = flat.loc[no, f"r{lap.tahun}"]
        before = flat.loc[no, f"r{prev_year}"] if f"r{prev_year}" in flat else None
        if before is None or pd.isna(before):
            sentences.append(f"Indikator {name} belum memiliki data tahun {prev_year}.")
            continue
        arah = "naik" if now > before else "turun" if now < before else "tetap"
        sentences.append(
            f"Realisasi indikator {name} {arah} dari {nar.nilai(before)} pada {prev_year} menjadi {nar.nilai(now)} "
            f"pada {lap.tahun}."
        )
    return tabel(
        flat.reset_index(drop=True), columns, judul="Perbandingan realisasi dan capaian antartahun"
    ) + daftar(sentences)  # type: ignore[arg-type]


def analisis_3_renstra(lap: Laporan) -> str:
    """Return analysis 3: realisasi against the Renstra targets, or what is missing."""
    frame = cap.bandingkan_renstra(lap.nilai, lap.tabel["target_renstra"])
    if frame.empty:
        periode = lap.meta.get("renstra", "")
        return paragraf(
            nar.kalimat_data_kosong(
                f"Perbandingan dengan target jangka menengah Renstra {periode}".strip(),
                f"data/raw/{lap.tahun}/target_renstra.csv (target per indikator per tahun Renstra)",
            )
        )
    table = tabel(
        frame,
        {
            "indikator": ("Indikator Kinerja", teks),
            "target_renstra": (f"Target Renstra {lap.tahun}", angka),
            "realisasi": (f"Realisasi {lap.tahun}", angka),
            "target_akhir": ("Target akhir Renstra", angka),
            "tahun_akhir": ("Tahun akhir", lambda v: teks(v if pd.isna(v) else int(v))),
            "capaian_akhir_pct": ("Capaian thd. target akhir (%)", persen),
            "is_on_track": ("Sesuai jalur", ya_tidak),
            "kenaikan_per_tahun": ("Kenaikan per tahun yang masih diperlukan", dua_desimal),
        },
        judul="Realisasi terhadap target Renstra",
    )
    return table


def analisis_4_standar(lap: Laporan) -> str:
    """Return analysis 4: realisasi against a national standard, or what is missing."""
    frame = cap.bandingkan_standar(lap.nilai, lap.tabel["standar_nasional"])
    if frame.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Perbandingan dengan standar nasional", f"data/raw/{lap.tahun}/standar_nasional.csv"
            )
        )
    return tabel(
        frame,
        {
            "indikator": ("Indikator Kinerja", teks),
            "realisasi": ("Realisasi", angka),
            "standar": ("Standar nasional", angka),
            "selisih": ("Selisih", angka),
            "is_memenuhi": ("Memenuhi standar", ya_tidak),
            "sumber": ("Sumber standar", teks),
        },
        judul="Realisasi terhadap standar nasional",
    )


def analisis_5_penyebab(lap: Laporan) -> str:
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
        out.append(_h(4, r.indikator))
        out.append(paragraf(r.penjelasan if pd.notna(r.penjelasan) else "Penjelasan analis belum diisi."))
        if pd.notna(r.permasalahan):
            out.append(paragraf(f"Permasalahan dan solusi: {r.permasalahan}"))
    return "".join(out)


def analisis_6_efisiensi(lap: Laporan) -> str:
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
        parts.append(
            tabel(
                eff,
                {
                    "sasaran": ("Sasaran", teks),
                    "capaian_pct": ("Rata-rata capaian (%)", persen),
                    "pagu_rp": ("Pagu (Rp)", rupiah),
                    "realisasi_rp": ("Realisasi (Rp)", rupiah),
                    "serapan_pct": ("Serapan (%)", persen),
                    "efisiensi_pct": ("Efisiensi (%)", persen),
                    "is_efisien": ("Efisien", ya_tidak),
                },
                judul="Efisiensi penggunaan sumber daya per sasaran",
            )
        )
        parts += [paragraf(nar.kalimat_efisiensi(r)) for _, r in eff.iterrows()]
    unit = ang.biaya_per_unit(lap.tabel["keluaran"])
    if unit.empty:
        parts.append(
            paragraf(nar.kalimat_data_kosong("Biaya per unit keluaran", f"data/raw/{lap.tahun}/keluaran.csv"))
        )
    else:
        parts.append(
            tabel(
                unit,
                {
                    "keluaran_nama": ("Keluaran", teks),
                    "volume": ("Volume", angka),
                    "satuan": ("Satuan", teks),
                    "anggaran_rp": ("Anggaran (Rp)", rupiah),
                    "biaya_per_unit_rp": ("Biaya per unit (Rp)", rupiah),
                },
                judul="Biaya per unit keluaran (rencana)",
            )
        )
        parts.append(
            paragraf(
                "Biaya per unit di atas dihitung dari volume dan anggaran yang dinyatakan dalam uraian BAB III. "
                "Realisasi volume keluaran belum tersedia, sehingga indeks efisiensi "
                "(biaya per unit realisasi dibanding biaya per unit rencana) belum dapat dihitung."
            )
        )
    return "".join(parts)


def analisis_7_program(lap: Laporan) -> str:
    """Return analysis 7: programs and kegiatan that supported each indicator, with their serapan."""
    links = lap.tabel["indikator_program"]
    if links.empty:
        return paragraf(
            nar.kalimat_data_kosong(
                "Program dan kegiatan pendukung", f"data/raw/{lap.tahun}/indikator_program.csv"
            )
        )
    from lkjip.clean import name_key

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
        merged,
        {
            "indikator": ("Indikator Kinerja", teks),
            "program_nama": ("Program", teks),
            "kegiatan_nama": ("Kegiatan / Sub Kegiatan", teks),
            "serapan_pct": ("Serapan program (%)", persen),
        },
        judul="Program dan kegiatan yang mendukung capaian indikator",
    )


# --- 3.2 Realisasi anggaran --------------------------------------------------------------------


def ringkasan_belanja(lap: Laporan) -> str:
    """Return the spending summary as stated (belanja langsung / tidak langsung) and the line total."""
    belanja = lap.tabel["belanja"]
    labels = {
        "belanja_tidak_langsung": "Belanja Tidak Langsung",
        "belanja_langsung": "Belanja Langsung",
        "total": "Jumlah",
    }
    frame = belanja.assign(
        uraian=belanja["jenis_belanja"].map(labels),
        serapan_pct=ang.serapan(belanja["pagu_rp"], belanja["realisasi_rp"]),
    )
    total = ang.per_kelompok(lap.tabel["anggaran"]).iloc[-1]
    return tabel(
        frame,
        {
            "uraian": ("Jenis Belanja", teks),
            "pagu_rp": ("Pagu (Rp)", rupiah),
            "realisasi_rp": ("Realisasi (Rp)", rupiah),
            "serapan_pct": ("Serapan (%)", persen),
        },
        judul=f"Ringkasan belanja Tahun {lap.tahun} (sebagaimana dinyatakan)",
    ) + paragraf(nar.kalimat_anggaran(total))


def tabel_kelompok(lap: Laporan) -> str:
    """Return totals per budget group (routine and each sasaran) with counts."""
    return tabel(
        ang.per_kelompok(lap.tabel["anggaran"]),
        KOLOM_KELOMPOK,
        judul="Realisasi anggaran per kelompok sasaran",
    )


def tabel_anggaran(lap: Laporan) -> str:
    """Return the program / kegiatan / sub kegiatan hierarchy with subtotals."""
    frame = ang.hierarki(lap.tabel["anggaran"])
    return tabel(
        frame,
        KOLOM_HIERARKI,
        nomor=False,
        row_class=frame["tingkat"],
        judul=f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {lap.tahun}",
    )


def tabel_serapan_terendah(lap: Laporan, n: int = 5) -> str:
    """Return the ``n`` sub kegiatan lines with the lowest serapan."""
    return tabel(
        ang.serapan_terendah(lap.tabel["anggaran"], n),
        {
            "kode_lengkap": ("Kode", teks),
            "sub_kegiatan_nama": ("Sub Kegiatan", teks),
            "pagu_rp": ("Pagu (Rp)", rupiah),
            "realisasi_rp": ("Realisasi (Rp)", rupiah),
            "serapan_pct": ("Serapan (%)", persen),
        },
        judul=f"{n} sub kegiatan dengan serapan terendah",
    )


def grafik_anggaran(lap: Laporan) -> Figure:
    """Return the chart of pagu and realisasi per program."""
    return charts.grafik_anggaran(ang.rollup(lap.tabel["anggaran"], "program"), lap.tahun)


# --- KSP/USP -----------------------------------------------------------------------------------


def rekap_ksp(lap: Laporan) -> pd.DataFrame:
    """Return the KSP/USP recap of the year (see :func:`lkjip.anggaran.rekap_ksp`)."""
    return ang.rekap_ksp(lap.tabel["kesehatan_ksp"], lap.ksp_sebelumnya)


def tabel_3_5(lap: Laporan) -> str:
    """Return Tabel 3.5 with shares and, when available, the previous year."""
    rekap = rekap_ksp(lap)
    return tabel(
        rekap, kolom_ksp(lap, rekap), judul=f"Tabel 3.5 Rekapitulasi Penilaian KSP/USP Tahun {lap.tahun}"
    ) + paragraf(nar.kalimat_ksp(rekap))


def grafik_ksp(lap: Laporan) -> Figure:
    """Return the chart of KSP/USP counts per predikat."""
    return charts.grafik_ksp(rekap_ksp(lap), lap.tahun)


# --- Ikhtisar ----------------------------------------------------------------------------------


def ikhtisar(lap: Laporan) -> str:
    """Return the year's headline: capaian per tujuan and sasaran, targets met, serapan, links."""
    agg = pd.concat(
        [cap.capaian_per(lap.nilai, t, lap.settings) for t in ("tujuan", "sasaran")],
        ignore_index=True,
    )
    total = ang.per_kelompok(lap.tabel["anggaran"]).iloc[-1]
    met = int(lap.nilai["is_tercapai"].fillna(False).sum())
    implausible = lap.nilai[lap.nilai["is_wajar"].eq(False).fillna(False)]
    lines = [
        f"{len(lap.nilai)} indikator kinerja utama; {met} mencapai atau melampaui target.",
        f"Serapan anggaran {format_persen(total['serapan_pct'])}: realisasi {format_rupiah(total['realisasi_rp'])} "
        f"dari pagu {format_rupiah(total['pagu_rp'])}.",
    ]
    for r in implausible.itertuples():
        lines.append(
            f"Perhatian: capaian indikator {r.indikator} ({format_persen(r.capaian_pct)}) melebihi batas kewajaran "
            f"{lap.settings['batas_wajar_pct']:g} % dan ikut menaikkan rata-rata; periksa satuan target."
        )
    table = tabel(
        agg,
        KOLOM_CAPAIAN_PER,
        judul=f"Capaian kinerja Tahun {lap.tahun}",
    )
    sections = "".join(f'<li><a href="{s.html}">{html.escape(s.judul)}</a></li>' for s in SECTIONS[1:])
    return ringkasan_audit(lap) + daftar(lines) + table + _h(2, "Bagian laporan") + f"<ul>{sections}</ul>"


# --- Audit konsistensi -------------------------------------------------------------------------


def ringkasan_audit(lap: Laporan) -> str:
    """Return the one-paragraph audit summary shown at the top of the Ikhtisar."""
    counts = audit.ringkasan(lap.temuan)
    link = next(s.html for s in SECTIONS if s.key == "audit")
    if not len(lap.temuan):
        text = "Audit konsistensi tidak menemukan angka yang saling bertentangan."
    else:
        text = (
            f"Audit konsistensi menemukan {counts['error']} kesalahan, {counts['warning']} peringatan dan "
            f"{counts['info']} catatan pada angka yang dinyatakan lebih dari sekali."
        )
    return f'<p class="audit">{html.escape(text)} <a href="{link}">Lihat rincian audit</a>.</p>'


def _nilai_audit(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if isinstance(value, int | float):
        return angka(value) if abs(value) < 1e6 else rupiah(value)
    return str(value)


def tabel_audit(lap: Laporan) -> str:
    """Return the count of findings per severity and the findings table."""
    counts = audit.ringkasan(lap.temuan)
    summary = pd.DataFrame([{"tingkat": audit.SEVERITY_LABEL[k], "jumlah": v} for k, v in counts.items()])
    head = tabel(
        summary,
        {"tingkat": ("Tingkat", teks), "jumlah": ("Jumlah temuan", bulat)},
        judul="Ringkasan temuan",
        nomor=False,
    )
    if not len(lap.temuan):
        return head + paragraf("Tidak ada temuan.")
    frame = lap.temuan.assign(label=lap.temuan["tingkat"].map(audit.SEVERITY_LABEL))
    return head + tabel(
        frame,
        {
            "label": ("Tingkat", teks),
            "pemeriksaan": ("Pemeriksaan", teks),
            "letak": ("Letak", teks),
            "nilai_tertulis": ("Nilai tertulis", _nilai_audit),
            "nilai_pembanding": ("Nilai pembanding", _nilai_audit),
            "selisih": ("Selisih", _nilai_audit),
            "keterangan": ("Keterangan", teks),
        },
        row_class=lap.temuan["tingkat"],
        judul=f"Temuan audit konsistensi LKjIP Tahun {lap.tahun}",
    )


def penjelasan_audit(lap: Laporan) -> str:
    """Return what the audit checks, as a list."""
    return daftar(
        [
            "Capaian tertulis dibandingkan dengan hasil hitung ulang dari target dan realisasi "
            "(selisih sampai 0,01 dicatat sebagai pembulatan atau pemotongan).",
            f"Capaian di atas {lap.settings['batas_wajar_pct']:g} % ditandai sebagai kemungkinan kesalahan satuan target.",
            "Angka yang sama di tabel, Ikhtisar Eksekutif, BAB III dan BAB IV harus bernilai sama.",
            "Total (pagu, realisasi, belanja langsung dan tidak langsung) dibandingkan dengan jumlah rinciannya; "
            "persentase dihitung ulang.",
            "Jumlah program, kegiatan, sub kegiatan dan KSP/USP yang disebut dibandingkan dengan baris tabel.",
            "Terbilang dibandingkan dengan angkanya.",
            "Baris anggaran: realisasi melebihi pagu, nilai negatif, baris ganda, pagu nol, "
            "volume x biaya satuan dan anggaran keluaran terhadap pagu sub kegiatan.",
        ]
    )
