"""The predikat scales and the formulas for negative-polarity indicators: the choices of two settings.

Kept apart from :mod:`lkjip.capaian` (which applies them) so that validating a setting
imports no pandas; :mod:`lkjip.capaian` re-exports every name.
"""

from __future__ import annotations

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
RUMUS_NEGATIF_JUDUL = {
    "2t_minus_r": "(2 x target - realisasi) / target x 100",
    "t_per_r": "target / realisasi x 100",
}
