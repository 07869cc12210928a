"""The KSP/USP health recap (Tabel 3.5) and its change from the previous year."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rekap_ksp(ksp: pd.DataFrame, sebelumnya: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the KSP/USP recap: one row per predikat with count, share and change.

    ``sebelumnya`` is the previous year's ``kesehatan_ksp`` table (or ``None``);
    without it ``jumlah_sebelumnya`` and ``perubahan`` are missing.
    """
    total = ksp["jumlah"].sum()
    out = ksp.assign(persen=ksp["jumlah"] / total * 100 if total else np.nan)
    if sebelumnya is not None and len(sebelumnya):
        prev = sebelumnya.set_index("predikat")["jumlah"]
        out = out.assign(jumlah_sebelumnya=out["predikat"].map(prev).astype("Int64"))
    else:
        out = out.assign(jumlah_sebelumnya=pd.Series(pd.NA, index=out.index, dtype="Int64"))
    return out.assign(perubahan=out["jumlah"].astype("Int64") - out["jumlah_sebelumnya"])
