"""Capaian (achievement) of indicators with polarity, predikat scales and aggregates.

Arithmetic is exact (``Decimal`` on each value's shortest repr); rounding half
up to 2 decimals happens only for display and for choosing the predikat, so the
printed value and its predikat always agree.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from lkjip.numbers import round_half_up

TIDAK_DINILAI = "Tidak dinilai"

# Each scale: (lower bound inclusive, label), highest first; the last bound is -inf.
SCALES: dict[str, tuple[str, list[tuple[float, str]]]] = {
    "permendagri_86_2017": (
        "Permendagri 86/2017",
        [
            (91, "Sangat Tinggi"),
            (76, "Tinggi"),
            (66, "Sedang"),
            (51, "Rendah"),
            (float("-inf"), "Sangat Rendah"),
        ],
    ),
    "sangat_baik_91": (
        "Skala 91/76/66/51 (Sangat Baik s.d. Sangat Kurang)",
        [
            (91, "Sangat Baik"),
            (76, "Baik"),
            (66, "Cukup"),
            (51, "Kurang"),
            (float("-inf"), "Sangat Kurang"),
        ],
    ),
    "pati_85": (
        "Skala Kabupaten Pati (LKjIP 2014)",
        [
            (85, "Sangat Berhasil"),
            (70, "Berhasil"),
            (55, "Cukup Berhasil"),
            (float("-inf"), "Tidak Berhasil"),
        ],
    ),
}
RUMUS_NEGATIF = ("2t_minus_r", "t_per_r")


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


def predikat(capaian: float | None, skala: str = "permendagri_86_2017") -> str:
    """Return the predikat label of a capaian on ``skala``; "Tidak dinilai" when undefined.

    The value is first rounded half up to 2 decimals, as it is printed.
    """
    if capaian is None or pd.isna(capaian):
        return TIDAK_DINILAI
    if skala not in SCALES:
        raise ValueError(f"unknown predikat scale {skala!r}; known: {', '.join(SCALES)}")
    shown = float(round_half_up(capaian, 2))
    return next(label for bound, label in SCALES[skala][1] if shown >= bound)


def nilai_iku(iku: pd.DataFrame, settings: dict) -> pd.DataFrame:
    """Return ``iku`` with ``capaian_pct``, ``predikat``, ``is_tercapai`` and ``is_wajar`` added.

    One row per indicator. ``is_tercapai``: capaian >= 100; ``is_wajar``: capaian
    within the plausible bound of the settings (``batas_wajar_pct``); both
    missing when capaian is undefined.
    """
    values = [
        hitung_capaian(r.target, r.realisasi, r.polaritas, r.target_atas, settings["rumus_negatif"])
        for r in iku.itertuples()
    ]
    capaian = pd.Series(values, index=iku.index, dtype="float64")
    defined = capaian.notna()
    return iku.assign(
        capaian_pct=capaian,
        predikat=[predikat(v, settings["skala_predikat"]) for v in values],
        is_tercapai=(capaian >= 100).astype("boolean").where(defined),
        is_wajar=(capaian <= float(settings["batas_wajar_pct"])).astype("boolean").where(defined),
    )


def capaian_per(nilai: pd.DataFrame, tingkat: str, settings: dict) -> pd.DataFrame:
    """Return the mean capaian per tujuan or per sasaran of its own indicators.

    One row per tujuan (``tingkat="tujuan"``) or sasaran, with the number of
    indicators, how many are defined, how many met their target, the mean of
    the defined capaian and its predikat.
    """
    column = "tujuan" if tingkat == "tujuan" else "sasaran"
    rows = nilai[nilai["tingkat"] == tingkat]
    out = (
        rows.groupby(column, sort=False)
        .agg(
            jumlah_indikator=("indikator", "size"),
            jumlah_dinilai=("capaian_pct", "count"),
            jumlah_tercapai=("is_tercapai", lambda s: int(s.fillna(False).sum())),
            capaian_pct=("capaian_pct", "mean"),
        )
        .reset_index()
        .rename(columns={column: "nama"})
    )
    return out.assign(
        tingkat=tingkat,
        predikat=out["capaian_pct"].map(lambda v: predikat(v, settings["skala_predikat"])),
    )


def bandingkan_tahun(nilai: pd.DataFrame, riwayat: pd.DataFrame) -> pd.DataFrame:
    """Return realisasi and capaian per indicator across years.

    ``riwayat`` holds earlier years' :func:`nilai_iku` frames (any number of
    years, possibly none). One row per indicator x year, matched on the
    indicator's name; ``is_tahun_ini`` marks the current year.
    """
    from lkjip.clean import name_key

    frames = [f for f in (riwayat, nilai) if f is not None and len(f)]
    allyears = pd.concat(frames, ignore_index=True)
    current = nilai[["indikator_no", "indikator"]].assign(_key=nilai["indikator"].map(name_key))
    out = allyears.assign(_key=allyears["indikator"].map(name_key)).merge(
        current[["_key", "indikator_no"]].rename(columns={"indikator_no": "no_tahun_ini"}),
        on="_key",
        how="inner",
        validate="m:1",
    )
    tahun_ini = int(nilai["tahun"].iloc[0])
    return (
        out.assign(is_tahun_ini=out["tahun"] == tahun_ini)
        .sort_values(["no_tahun_ini", "tahun"])[
            [
                "no_tahun_ini",
                "indikator",
                "tahun",
                "target",
                "realisasi",
                "capaian_pct",
                "is_tahun_ini",
            ]
        ]
        .rename(columns={"no_tahun_ini": "indikator_no"})
        .reset_index(drop=True)
    )


def bandingkan_renstra(nilai: pd.DataFrame, renstra: pd.DataFrame) -> pd.DataFrame:
    """Return each indicator's realisasi against its Renstra targets.

    One row per indicator that has Renstra targets: this year's Renstra target,
    the period-end target and its year, capaian against the period end,
    ``is_on_track`` (this year's Renstra target met, by polarity) and, for
    positive polarity, the yearly increase still needed to reach the end target.
    """
    if renstra.empty:
        return pd.DataFrame()
    tahun = int(nilai["tahun"].iloc[0])
    akhir = renstra.sort_values("tahun_target").groupby("indikator_no").tail(1)
    now = renstra[renstra["tahun_target"] == tahun][["indikator_no", "target"]]
    out = (
        nilai[["indikator_no", "indikator", "polaritas", "realisasi"]]
        .merge(
            now.rename(columns={"target": "target_renstra"}),
            on="indikator_no",
            how="inner",
            validate="1:1",
        )
        .merge(
            akhir[["indikator_no", "tahun_target", "target"]].rename(
                columns={"tahun_target": "tahun_akhir", "target": "target_akhir"}
            ),
            on="indikator_no",
            how="left",
            validate="1:1",
        )
    )
    cap_akhir = [hitung_capaian(r.target_akhir, r.realisasi, r.polaritas) for r in out.itertuples()]
    cap_now = [hitung_capaian(r.target_renstra, r.realisasi, r.polaritas) for r in out.itertuples()]
    sisa = (out["tahun_akhir"] - tahun).clip(lower=0)
    need = (out["target_akhir"] - out["realisasi"]).clip(lower=0) / sisa.where(sisa > 0)
    return out.assign(
        capaian_akhir_pct=pd.Series(cap_akhir, dtype="float64"),
        is_on_track=pd.Series([c is not None and c >= 100 for c in cap_now]),
        sisa_tahun=sisa,
        kenaikan_per_tahun=need.where(out["polaritas"] == "positif"),
    )


def bandingkan_standar(nilai: pd.DataFrame, standar: pd.DataFrame) -> pd.DataFrame:
    """Return realisasi against the national standard: one row per indicator that has one."""
    if standar.empty:
        return pd.DataFrame()
    out = nilai[["indikator_no", "indikator", "polaritas", "realisasi"]].merge(
        standar[["indikator_no", "standar", "sumber"]],
        on="indikator_no",
        how="inner",
        validate="1:1",
    )
    better = (out["realisasi"] >= out["standar"]).where(
        out["polaritas"] != "negatif", out["realisasi"] <= out["standar"]
    )
    return out.assign(selisih=out["realisasi"] - out["standar"], is_memenuhi=better)
