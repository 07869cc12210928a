"""Budget rollups, serapan, counts and efficiency.

Serapan = realisasi / pagu x 100, undefined (NaN) for a zero pagu. Counts of
programs, kegiatan and sub kegiatan are defined once, in :func:`jumlah`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkjip.text import name_key

LEVELS = {
    "program": ["kelompok", "program_kode", "program_nama"],
    "kegiatan": ["kelompok", "program_kode", "program_nama", "kegiatan_kode", "kegiatan_nama"],
}


def serapan(pagu: pd.Series | float, realisasi: pd.Series | float) -> pd.Series | float:
    """Return realisasi / pagu x 100; NaN where the pagu is zero."""
    pagu = pd.Series(pagu, dtype="float64") if np.isscalar(pagu) else pagu.astype("float64")
    out = pd.Series(realisasi, dtype="float64", index=pagu.index) / pagu.where(pagu != 0) * 100
    return out.iloc[0] if len(out) == 1 and np.isscalar(realisasi) else out


def rollup(anggaran: pd.DataFrame, level: str) -> pd.DataFrame:
    """Return pagu, realisasi and serapan summed at ``level`` (program or kegiatan).

    One row per kelompok x program (x kegiatan), in printed order, with the
    number of sub kegiatan lines below it.
    """
    keys = LEVELS[level]
    out = (
        anggaran.groupby(keys, sort=False, dropna=False)
        .agg(
            jumlah_sub_kegiatan=("sub_kegiatan_kode", "size"),
            pagu_rp=("pagu_rp", "sum"),
            realisasi_rp=("realisasi_rp", "sum"),
        )
        .reset_index()
    )
    return out.assign(serapan_pct=serapan(out["pagu_rp"], out["realisasi_rp"]))


def jumlah(lines: pd.DataFrame, *, hanya_berpagu: bool = False) -> dict[str, int]:
    """Return the number of programs, kegiatan and sub kegiatan lines in ``lines``.

    A program is counted once per budget group and code; a kegiatan once per
    group, program and name; every line is a sub kegiatan. ``hanya_berpagu``
    counts only lines with a pagu above zero (reports often leave zero-pagu
    lines out of their counts). Keys: ``jumlah_program``, ``jumlah_kegiatan``,
    ``jumlah_sub_kegiatan``.
    """
    scope = lines[lines["pagu_rp"] > 0] if hanya_berpagu else lines
    return {
        "jumlah_program": int(scope[["kelompok", "program_kode"]].drop_duplicates().shape[0]),
        "jumlah_kegiatan": int(
            scope[["kelompok", "program_kode", "kegiatan_nama"]].drop_duplicates().shape[0]
        ),
        "jumlah_sub_kegiatan": len(scope),
    }


def per_kelompok(anggaran: pd.DataFrame) -> pd.DataFrame:
    """Return totals per budget group (routine and each sasaran) plus a grand-total row.

    One row per kelompok, then ``kelompok == "Jumlah"``; counts of programs,
    kegiatan and sub kegiatan lines included.
    """
    rows = [
        {
            "kelompok": kelompok,
            "kelompok_jenis": jenis,
            **jumlah(group),
            "pagu_rp": group["pagu_rp"].sum(),
            "realisasi_rp": group["realisasi_rp"].sum(),
        }
        for (kelompok, jenis), group in anggaran.groupby(["kelompok", "kelompok_jenis"], sort=False)
    ]
    groups = pd.DataFrame(
        rows,
        columns=[
            "kelompok",
            "kelompok_jenis",
            "jumlah_program",
            "jumlah_kegiatan",
            "jumlah_sub_kegiatan",
            "pagu_rp",
            "realisasi_rp",
        ],
    )
    total = pd.DataFrame(
        [
            {
                "kelompok": "Jumlah",
                "kelompok_jenis": "total",
                **jumlah(anggaran),
                "pagu_rp": anggaran["pagu_rp"].sum(),
                "realisasi_rp": anggaran["realisasi_rp"].sum(),
            }
        ]
    )
    out = pd.concat([groups, total], ignore_index=True)
    return out.assign(serapan_pct=serapan(out["pagu_rp"], out["realisasi_rp"]))


def hierarki(anggaran: pd.DataFrame) -> pd.DataFrame:
    """Return the printed hierarchy with subtotals, for display.

    One row per kelompok heading, program, kegiatan and sub kegiatan line, in
    order, plus a total row per kelompok and a grand total; ``tingkat`` says which.
    """
    rows = []
    for kelompok, group in anggaran.groupby("kelompok", sort=False):
        rows.append({"tingkat": "kelompok", "uraian": kelompok})
        for (pk, pn), prog in group.groupby(["program_kode", "program_nama"], sort=False):
            rows.append(
                {
                    "tingkat": "program",
                    "kode": pk,  # as printed
                    "uraian": pn,
                    "pagu_rp": prog["pagu_rp"].sum(),
                    "realisasi_rp": prog["realisasi_rp"].sum(),
                }
            )
            for (kk, kn), keg in prog.groupby(["kegiatan_kode", "kegiatan_nama"], sort=False, dropna=False):
                rows.append(
                    {
                        "tingkat": "kegiatan",
                        "kode": kk if pd.notna(kk) else None,  # as printed
                        "uraian": kn,
                        "pagu_rp": keg["pagu_rp"].sum(),
                        "realisasi_rp": keg["realisasi_rp"].sum(),
                    }
                )
                for line in keg.itertuples():
                    rows.append(
                        {
                            "tingkat": "sub_kegiatan",
                            "kode": line.sub_kegiatan_kode,
                            "uraian": line.sub_kegiatan_nama,
                            "pagu_rp": line.pagu_rp,
                            "realisasi_rp": line.realisasi_rp,
                        }
                    )
        rows.append(
            {
                "tingkat": "jumlah_kelompok",
                "uraian": f"Jumlah {kelompok}",
                "pagu_rp": group["pagu_rp"].sum(),
                "realisasi_rp": group["realisasi_rp"].sum(),
            }
        )
    rows.append(
        {
            "tingkat": "jumlah",
            "uraian": "Jumlah Seluruhnya",
            "pagu_rp": anggaran["pagu_rp"].sum(),
            "realisasi_rp": anggaran["realisasi_rp"].sum(),
        }
    )
    out = pd.DataFrame(rows, columns=["tingkat", "kode", "uraian", "pagu_rp", "realisasi_rp"])
    return out.assign(serapan_pct=serapan(out["pagu_rp"], out["realisasi_rp"]))


def serapan_terendah(anggaran: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """Return the ``n`` sub kegiatan lines with the lowest serapan (zero-pagu lines left out)."""
    lines = anggaran[anggaran["pagu_rp"] > 0]
    return (
        lines.assign(serapan_pct=serapan(lines["pagu_rp"], lines["realisasi_rp"]))
        .nsmallest(n, "serapan_pct")
        .reset_index(drop=True)
    )


def efisiensi_sasaran(nilai: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """Return serapan against capaian per sasaran.

    One row per sasaran that has both indicators and a budget group of the same
    name: pagu, realisasi, serapan, mean capaian, the number of assessed
    indicators, ``is_semua_tercapai`` (every assessed target met; missing when
    none could be assessed), ``is_efisien`` (all met while spending less than
    the pagu; missing when either is unknown) and ``efisiensi_pct`` = 100 -
    serapan, given only for an efficient sasaran.
    """
    ind = nilai[nilai["tingkat"] == "sasaran"]
    cap = (
        ind.groupby("sasaran", sort=False)
        .agg(
            capaian_pct=("capaian_pct", "mean"),
            jumlah_dinilai=("capaian_pct", "count"),
            is_semua_tercapai=("is_tercapai", lambda s: bool(s.dropna().all()) if s.notna().any() else pd.NA),
        )
        .reset_index()
        .assign(_key=lambda d: d["sasaran"].map(name_key))
    )
    budget = (
        anggaran[anggaran["kelompok_jenis"] == "sasaran"]
        .groupby("kelompok", sort=False)[["pagu_rp", "realisasi_rp"]]
        .sum()
        .reset_index()
        .assign(_key=lambda d: d["kelompok"].map(name_key))
    )
    out = cap.merge(budget, on="_key", how="inner", validate="1:1").drop(columns=["_key", "kelompok"])
    out = out.assign(
        serapan_pct=serapan(out["pagu_rp"], out["realisasi_rp"]),
        is_semua_tercapai=out["is_semua_tercapai"].astype("boolean"),
    )
    spent_less = (out["serapan_pct"] < 100).astype("boolean").mask(out["serapan_pct"].isna(), pd.NA)
    is_efisien = out["is_semua_tercapai"] & spent_less
    return out.assign(
        efisiensi_pct=(100 - out["serapan_pct"]).where(is_efisien.fillna(False)), is_efisien=is_efisien
    )


def biaya_per_unit(keluaran: pd.DataFrame) -> pd.DataFrame:
    """Return the planned cost per unit of each output that states both volume and budget.

    One row per output: ``biaya_per_unit_rp`` = anggaran / volume.
    """
    rows = keluaran[keluaran["volume"].gt(0) & keluaran["anggaran_rp"].notna()]
    return rows.assign(biaya_per_unit_rp=rows["anggaran_rp"] / rows["volume"]).reset_index(drop=True)
