"""A year's data as the report reads it: processed tables only, never stale.

:func:`muat` is the one loader of every notebook, of ``lkjip audit`` and of the
XLSX export. It reads ``data/processed/<tahun>/`` through
:func:`lkjip.store.muat_tabel` (which re-cleans a year whose raw folder changed),
applies the year's settings, and gathers the history of each indicator from
earlier years' folders and from ``riwayat_iku.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from lkjip import audit, config, store
from lkjip import capaian as cap
from lkjip.clean import year_settings
from lkjip.text import name_key


@dataclass
class Laporan:
    """One year's tables and the analyses every section shares."""

    tahun: int
    tabel: dict[str, pd.DataFrame]
    settings: dict
    nilai: pd.DataFrame
    riwayat: pd.DataFrame
    riwayat_folder: pd.DataFrame
    kondisi_awal: pd.DataFrame
    ksp_sebelumnya: pd.DataFrame | None
    tabel_sebelumnya: dict[str, pd.DataFrame] | None = None
    tahun_riwayat: list[int] = field(default_factory=list)

    @cached_property
    def temuan(self) -> pd.DataFrame:
        """Return the consistency audit's findings (see :func:`lkjip.audit.audit`)."""
        return audit.audit(
            self.tabel, self.settings, riwayat_folder=self.riwayat_folder, sebelumnya=self.tabel_sebelumnya
        )

    @cached_property
    def slips(self) -> pd.DataFrame:
        """Return the audit's findings taken together per slip (see :func:`lkjip.audit.slips`)."""
        return audit.slips(self.temuan)

    @property
    def meta(self) -> dict[str, str]:
        """Return the metadata as a dict (kunci -> nilai)."""
        m = self.tabel["metadata"]
        return dict(zip(m["kunci"], m["nilai"], strict=True))

    @property
    def instansi(self) -> str:
        """Return "<instansi> <kabupaten>"."""
        return f"{self.meta.get('instansi', '')} {self.meta.get('kabupaten', '')}".strip()


def nilai_tahun(
    tables: dict[str, pd.DataFrame], root: Path | str | None = None, **overrides: object
) -> tuple[pd.DataFrame, dict]:
    """Return (indicators with capaian, settings) of one year's tables under that year's settings.

    One row per indicator (see :func:`lkjip.capaian.nilai_iku`).
    """
    settings = config.settings(root, tahun_settings=year_settings(tables["metadata"]), **overrides)
    return cap.nilai_iku(tables["iku"], settings), settings


def _match(frame: pd.DataFrame, nilai: pd.DataFrame) -> pd.Series:
    """Return this year's ``indikator_no`` of each row of ``frame`` (by indicator name), missing when absent."""
    lookup = dict(zip(nilai["indikator"].map(name_key), nilai["indikator_no"], strict=True))
    return frame["indikator"].map(lambda v: lookup.get(name_key(v))).astype("Int64")


def riwayat(
    nilai: pd.DataFrame, settings: dict, riwayat_iku: pd.DataFrame, folders: pd.DataFrame
) -> pd.DataFrame:
    """Return each indicator's earlier years: one row per indicator of this year x earlier year.

    A year with its own raw folder (``folders``) gives its Tabel 3.1 values and
    the capaian recomputed under that year's settings; other years come from
    ``riwayat_iku`` as printed (capaian recomputed from target and realisasi,
    under this year's polarity and settings, only where none is printed).
    Columns: :data:`lkjip.capaian.RIWAYAT_COLUMNS`.
    """
    tahun = int(nilai["tahun"].iloc[0])
    rows = riwayat_iku[
        (riwayat_iku["periode"] != "kondisi_awal")
        & (riwayat_iku["tahun_data"] < tahun)
        & ~riwayat_iku["tahun_data"].isin(folders["tahun"] if len(folders) else [])
    ]
    info = nilai[["indikator_no", "indikator", "polaritas"]]
    printed = rows.merge(info, on="indikator_no", how="inner", validate="m:1")
    recomputed = [cap.capaian_baris(r, settings) for r in printed.itertuples()]
    from_table = printed.assign(
        tahun=printed["tahun_data"].astype("int64"),
        capaian_pct=printed["capaian_pct_laporan"].fillna(
            pd.Series(recomputed, index=printed.index, dtype="float64")
        ),
        sumber="riwayat_iku",
    )
    frames = [f[cap.RIWAYAT_COLUMNS] for f in (folders, from_table) if len(f)]
    if not frames:
        return pd.DataFrame(columns=cap.RIWAYAT_COLUMNS)
    return (
        pd.concat(frames, ignore_index=True)
        .sort_values(["indikator_no", "tahun"], kind="stable")
        .reset_index(drop=True)
    )


def muat(tahun: int, root: Path | str | None = None, **overrides: object) -> Laporan:
    """Return the :class:`Laporan` of ``tahun``, from processed tables that are current.

    ``overrides`` (notebook parameters; ``None`` = not given) replace the
    settings of this year only: an earlier year keeps the settings its own
    metadata and ``lkjip.toml`` give it. Raises :class:`RawDataError` when a
    year that must be re-cleaned has bad raw data.
    """
    p = config.paths(root)
    tables = store.muat_tabel(tahun, p.root)
    nilai, settings = nilai_tahun(tables, p.root, **overrides)
    earlier = [y for y in p.raw_years() if y < tahun]
    folder_rows, previous_ksp, previous = [], None, None
    for (
        year
    ) in earlier:  # an earlier year gives its indicators; the previous one also what the audit compares
        wanted = (
            {"metadata", "iku", "kesehatan_ksp", *audit.TAHUNAN} if year == tahun - 1 else {"metadata", "iku"}
        )
        old = store.muat_tabel(year, p.root, wanted)
        old_nilai, _ = nilai_tahun(old, p.root)
        matched = old_nilai.assign(indikator_no=_match(old_nilai, nilai), sumber=f"Tabel 3.1 {year}")
        folder_rows.append(matched[matched["indikator_no"].notna()].astype({"indikator_no": "int64"}))
        if year == tahun - 1:
            previous_ksp, previous = old["kesehatan_ksp"], old
    folders = (
        pd.concat(folder_rows, ignore_index=True)
        if folder_rows
        else cap.nilai_iku(tables["iku"].iloc[0:0], settings).assign(sumber="")
    )
    history = riwayat(nilai, settings, tables["riwayat_iku"], folders)
    baseline = tables["riwayat_iku"][tables["riwayat_iku"]["periode"] == "kondisi_awal"]
    return Laporan(
        tahun=tahun,
        tabel=tables,
        settings=settings,
        nilai=nilai,
        riwayat=history,
        riwayat_folder=folders,
        kondisi_awal=baseline.assign(kondisi_awal=baseline["realisasi"])[
            ["indikator_no", "tahun_data", "kondisi_awal"]
        ],
        ksp_sebelumnya=previous_ksp,
        tabel_sebelumnya=previous,
        tahun_riwayat=sorted(set(history["tahun"].astype(int))) if len(history) else [],
    )
