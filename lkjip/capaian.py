"""Capaian (achievement) of indicators with polarity, predikat scales and aggregates.

Arithmetic is exact (``Decimal`` on each value's shortest repr); rounding half
up to 2 decimals happens only for display and for choosing the predikat, so the
printed value and its predikat always agree.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from lkjip.numbers import round_half_up
from lkjip.skala import RUMUS_NEGATIF, RUMUS_NEGATIF_JUDUL, SCALES  # noqa: F401 - defined there, re-exported

TIDAK_DINILAI = "Tidak dinilai"

DIGITS = 2  # capaian is printed, compared with 100 and given its predikat at 2 decimals


def _dec(value: float | None) -> Decimal | None:
    """Return ``value`` as an exact Decimal of its shortest repr; ``None`` for missing."""
    if value is None or pd.isna(value):
        return None
    return Decimal(repr(float(value)))


def hitung_capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str = "positif",
    target_atas: float | None = None,
    rumus_negatif: str = "2t_minus_r",
) -> float | None:
    """Return the capaian (percent) of one indicator, or ``None`` when undefined.

    positif: R / T x 100. negatif: (2T - R) / T x 100 (``2t_minus_r``, may go
    below zero) or T / R x 100 (``t_per_r``). rentang [T, T_atas]: inside
    counts 100, above divides R by the upper bound, below by the lower bound.
    Undefined (``None``) when the target is missing or zero, or realisasi is missing.
    """
    t, r, hi = _dec(target), _dec(realisasi), _dec(target_atas)
    if t is None or r is None or t == 0:
        return None
    hundred = Decimal(100)
    if polaritas == "positif":
        value = r / t * hundred
    elif polaritas == "negatif":
        if rumus_negatif not in RUMUS_NEGATIF:
            raise ValueError(f"rumus_negatif must be one of {RUMUS_NEGATIF}, not {rumus_negatif!r}")
        if rumus_negatif == "2t_minus_r":
            value = (2 * t - r) / t * hundred
        elif r == 0:
            return None
        else:
            value = t / r * hundred
    elif polaritas == "rentang":
        if hi is None:
            raise ValueError("a range target needs target_atas")
        if t <= r <= hi:
            value = hundred
        elif r > hi:
            value = r / hi * hundred
        else:
            value = r / t * hundred
    else:
        raise ValueError(f"unknown polaritas {polaritas!r}")
    return float(value)


def tertulis(capaian: float | None) -> float | None:
    """Return a capaian as it is printed: rounded half up to 2 decimals; ``None`` when undefined.

    Every decision on a capaian (target met, predikat, above or below 100 in a
    sentence) is taken on this value, so what a reader sees and what is said agree.
    """
    if capaian is None or pd.isna(capaian):
        return None
    return float(round_half_up(capaian, DIGITS))


def banding_target(capaian: float | None) -> str | None:
    """Return "melampaui", "sesuai" or "belum": the printed capaian against 100; ``None`` when undefined."""
    shown = tertulis(capaian)
    if shown is None:
        return None
    return "melampaui" if shown > 100 else "sesuai" if shown == 100 else "belum"


def is_tercapai(capaian: float | None) -> bool | None:
    """Return whether the target is met (printed capaian >= 100); ``None`` when undefined."""
    banding = banding_target(capaian)
    return None if banding is None else banding != "belum"


def predikat(capaian: float | None, skala: str = "permendagri_86_2017") -> str:
    """Return the predikat label of a capaian on ``skala``; "Tidak dinilai" when undefined.

    The label is given to the printed value (:func:`tertulis`).
    """
    if skala not in SCALES:
        raise ValueError(f"unknown predikat scale {skala!r}; known: {', '.join(SCALES)}")
    shown = tertulis(capaian)
    if shown is None:
        return TIDAK_DINILAI
    return next(label for bound, label in SCALES[skala][1] if shown >= bound)


def capaian_baris(
    row: object, settings: dict, target: str = "target", target_atas: str = "target_atas"
) -> float | None:
    """Return the capaian of one indicator row (a namedtuple or Series) under ``settings``.

    ``target``/``target_atas`` name the attributes that hold the target, so the
    same rule serves Tabel 3.1 and the Renstra targets.
    """
    return hitung_capaian(
        getattr(row, target),
        row.realisasi,
        row.polaritas,
        getattr(row, target_atas, None),
        settings["rumus_negatif"],
    )


def nilai_iku(iku: pd.DataFrame, settings: dict) -> pd.DataFrame:
    """Return ``iku`` with ``capaian_pct``, ``predikat``, ``is_tercapai`` and ``is_wajar`` added.

    One row per indicator. ``is_tercapai``: the printed capaian is at least 100
    (:func:`is_tercapai`); ``is_wajar``: capaian within the plausible bound of the
    settings (``batas_wajar_pct``); both missing when capaian is undefined.
    """
    values = [capaian_baris(r, settings) for r in iku.itertuples()]
    capaian = pd.Series(values, index=iku.index, dtype="float64")
    defined = capaian.notna()
    return iku.assign(
        capaian_pct=capaian,
        predikat=[predikat(v, settings["skala_predikat"]) for v in values],
        is_tercapai=pd.Series([is_tercapai(v) for v in values], index=iku.index, dtype="boolean"),
        is_wajar=(capaian <= float(settings["batas_wajar_pct"])).astype("boolean").where(defined),
    )


def capaian_per(nilai: pd.DataFrame, tingkat: str, settings: dict) -> pd.DataFrame:
    """Return the mean capaian per tujuan or per sasaran of its own indicators.

    One row per tujuan (``tingkat="tujuan"``) or sasaran, with the number of
    indicators, how many are defined, how many met their target, the mean of
    the defined capaian and its predikat.
    """
    rows = nilai[nilai["tingkat"] == tingkat]
    out = (
        rows.groupby(tingkat, sort=False)
        .agg(
            jumlah_indikator=("indikator", "size"),
            jumlah_dinilai=("capaian_pct", "count"),
            jumlah_tercapai=("is_tercapai", lambda s: int(s.fillna(False).sum())),
            capaian_pct=("capaian_pct", "mean"),
        )
        .reset_index()
        .rename(columns={tingkat: "nama"})
    )
    return out.assign(
        tingkat=tingkat,
        predikat=out["capaian_pct"].map(lambda v: predikat(v, settings["skala_predikat"])),
    )


def jumlah_tercapai(nilai: pd.DataFrame) -> dict[str, int]:
    """Return the counts of indicators: ``total``, ``dinilai`` (capaian defined) and ``tercapai``."""
    return {
        "total": len(nilai),
        "dinilai": int(nilai["capaian_pct"].notna().sum()),
        "tercapai": int(nilai["is_tercapai"].fillna(False).sum()),
    }


RIWAYAT_COLUMNS = ["indikator_no", "indikator", "tahun", "target", "realisasi", "capaian_pct", "sumber"]


def bandingkan_tahun(nilai: pd.DataFrame, riwayat: pd.DataFrame) -> pd.DataFrame:
    """Return realisasi and capaian per indicator across years.

    ``riwayat`` holds earlier years (see :func:`lkjip.laporan.riwayat`): one row
    per indicator x earlier year with ``indikator_no`` of this year. One row per
    indicator x year, this year included; ``is_tahun_ini`` marks the current year.
    """
    tahun_ini = int(nilai["tahun"].iloc[0])
    now = nilai.assign(sumber=f"Tabel 3.1 {tahun_ini}")[RIWAYAT_COLUMNS]
    frames = [f[RIWAYAT_COLUMNS] for f in (riwayat, now) if f is not None and len(f)]
    out = pd.concat(frames, ignore_index=True)
    return (
        out.assign(is_tahun_ini=out["tahun"] == tahun_ini)
        .sort_values(["indikator_no", "tahun"], kind="stable")
        .reset_index(drop=True)
    )


def bandingkan_renstra(
    nilai: pd.DataFrame, renstra: pd.DataFrame, settings: dict, kondisi_awal: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return each indicator's realisasi against its Renstra targets.

    One row per indicator that has Renstra targets: this year's Renstra target,
    the period-end target and its year, the capaian against both (by the
    indicator's polarity and the year's ``rumus_negatif``), ``is_on_track`` (this
    year's Renstra target met, :func:`is_tercapai`), the Renstra baseline when
    ``kondisi_awal`` gives one (one row per indicator: ``indikator_no``,
    ``kondisi_awal``), and ``perubahan_per_tahun``: the yearly change still
    needed to reach the period-end target (positive: increase, negative:
    decrease; 0 when already reached, empty for a range target or in the last year).
    """
    if renstra.empty:
        return pd.DataFrame()
    tahun = int(nilai["tahun"].iloc[0])
    targets = renstra.sort_values("tahun_target")
    akhir = targets.groupby("indikator_no").tail(1)
    now = targets[targets["tahun_target"] == tahun]
    out = (
        nilai[["indikator_no", "indikator", "satuan", "polaritas", "realisasi"]]
        .merge(
            now[["indikator_no", "target", "target_atas"]].rename(
                columns={"target": "target_renstra", "target_atas": "target_renstra_atas"}
            ),
            on="indikator_no",
            how="left",
            validate="1:1",
        )
        .merge(
            akhir[["indikator_no", "tahun_target", "target", "target_atas"]].rename(
                columns={
                    "tahun_target": "tahun_akhir",
                    "target": "target_akhir",
                    "target_atas": "target_akhir_atas",
                }
            ),
            on="indikator_no",
            how="inner",
            validate="1:1",
        )
    )
    if kondisi_awal is not None and len(kondisi_awal):
        out = out.merge(
            kondisi_awal[["indikator_no", "kondisi_awal"]], on="indikator_no", how="left", validate="1:1"
        )
    else:
        out = out.assign(kondisi_awal=float("nan"))
    cap_akhir = [capaian_baris(r, settings, "target_akhir", "target_akhir_atas") for r in out.itertuples()]
    cap_now = [capaian_baris(r, settings, "target_renstra", "target_renstra_atas") for r in out.itertuples()]
    sisa = (out["tahun_akhir"] - tahun).clip(lower=0)
    gap = out["target_akhir"] - out["realisasi"]
    reached = pd.Series([is_tercapai(c) is True for c in cap_akhir], index=out.index)
    change = (gap / sisa.where(sisa > 0)).mask(reached, 0.0).where(out["polaritas"] != "rentang")
    return out.assign(
        capaian_renstra_pct=pd.Series(cap_now, index=out.index, dtype="float64"),
        capaian_akhir_pct=pd.Series(cap_akhir, index=out.index, dtype="float64"),
        is_on_track=pd.Series([is_tercapai(c) for c in cap_now], index=out.index, dtype="boolean"),
        sisa_tahun=sisa,
        perubahan_per_tahun=change,
    )


def bandingkan_standar(nilai: pd.DataFrame, standar: pd.DataFrame) -> pd.DataFrame:
    """Return realisasi against the national standard: one row per indicator that has one.

    ``is_memenuhi``: realisasi at or above the standard (at or below for a
    negative indicator; empty for a range indicator, which a single standard
    cannot judge).
    """
    if standar.empty:
        return pd.DataFrame()
    out = nilai[["indikator_no", "indikator", "polaritas", "realisasi"]].merge(
        standar[["indikator_no", "standar", "sumber"]],
        on="indikator_no",
        how="inner",
        validate="1:1",
    )
    above = (out["realisasi"] >= out["standar"]).astype("boolean")
    below = (out["realisasi"] <= out["standar"]).astype("boolean")
    better = above.where(out["polaritas"] == "positif", below).mask(out["polaritas"] == "rentang", pd.NA)
    return out.assign(
        selisih=out["realisasi"] - out["standar"], is_memenuhi=better.mask(out["realisasi"].isna(), pd.NA)
    )
