"""Matplotlib charts in one house style: title, labelled axes, units, readable on a laptop.

Each function returns a closed :class:`~matplotlib.figure.Figure`; a notebook
shows it with ``display(fig)``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lkjip.capaian import is_tercapai
from lkjip.numbers import format_angka

HOUSE_STYLE = {
    "figure.figsize": (9, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.axisbelow": True,
}
COLORS = {"target": "#9aa5b1", "realisasi": "#1f5f8b", "capaian": "#2e8b57", "kurang": "#c0392b"}


def _short(text: str, width: int = 38) -> str:
    """Return a label cut to ``width`` characters."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _id_axis(ax: plt.Axes, digits: int = 0) -> None:
    """Format the x axis with Indonesian numbers."""
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_angka(v, digits, trim=True)))


def grafik_capaian(nilai: pd.DataFrame, tahun: int) -> Figure:
    """Return the chart of target, realisasi (left, log scale) and capaian (right) per indicator."""
    with plt.style.context(HOUSE_STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.7 * len(nilai) + 2), sharey=True)
        labels = [f"{n}. {_short(t)}" for n, t in zip(nilai["indikator_no"], nilai["indikator"], strict=True)]
        y = range(len(nilai))
        left.barh(
            [i + 0.2 for i in y],
            nilai["target"],
            height=0.4,
            color=COLORS["target"],
            label="Target",
        )
        left.barh(
            [i - 0.2 for i in y],
            nilai["realisasi"],
            height=0.4,
            color=COLORS["realisasi"],
            label="Realisasi",
        )
        left.set_xscale("log")
        left.set_yticks(list(y), labels)
        left.invert_yaxis()
        left.set_xlabel("Nilai indikator (satuan indikator, skala log)")
        left.set_title(f"Target dan realisasi {tahun}")
        left.legend(loc="upper left", bbox_to_anchor=(0, -0.12), ncol=2, frameon=False)
        cap = nilai["capaian_pct"].fillna(0)
        colors = [COLORS["capaian"] if is_tercapai(v) else COLORS["kurang"] for v in nilai["capaian_pct"]]
        right.barh(list(y), cap.where(cap > 0, 1), color=colors)
        right.axvline(100, color="black", linewidth=1, linestyle="--")
        right.set_xscale("log")
        right.set_xlabel("Capaian (%, skala log; garis = 100 %)")
        right.set_title("Capaian")
        for i, v in zip(y, nilai["capaian_pct"], strict=True):
            right.text(
                v if pd.notna(v) else 1,
                i,
                " " + format_angka(v, 2) + (" %" if pd.notna(v) else ""),
                va="center",
                fontsize=9,
            )
        fig.tight_layout()
    plt.close(fig)  # shown once, by the caller's display
    return fig


def grafik_anggaran(program: pd.DataFrame, tahun: int) -> Figure:
    """Return the chart of pagu and realisasi per program (Rp juta), serapan labelled."""
    with plt.style.context(HOUSE_STYLE):
        fig, ax = plt.subplots(figsize=(10, 0.6 * len(program) + 2))
        y = range(len(program))
        ax.barh(
            [i + 0.2 for i in y],
            program["pagu_rp"] / 1e6,
            height=0.4,
            color=COLORS["target"],
            label="Pagu",
        )
        ax.barh(
            [i - 0.2 for i in y],
            program["realisasi_rp"] / 1e6,
            height=0.4,
            color=COLORS["realisasi"],
            label="Realisasi",
        )
        ax.set_yticks(list(y), [_short(t, 45) for t in program["program_nama"]])
        ax.invert_yaxis()
        _id_axis(ax)
        ax.set_xlabel("Rp juta")
        ax.set_title(f"Pagu dan realisasi anggaran per program, {tahun}")
        for i, (p, s) in enumerate(zip(program["pagu_rp"], program["serapan_pct"], strict=True)):
            ax.text(
                p / 1e6,
                i + 0.2,
                f" serapan {format_angka(s, 2)} %" if pd.notna(s) else " -",
                va="center",
                fontsize=9,
            )
        ax.legend(loc="lower right")
        ax.set_xlim(right=program["pagu_rp"].max() / 1e6 * 1.3)
        fig.tight_layout()
    plt.close(fig)  # shown once, by the caller's display
    return fig


def grafik_ksp(rekap: pd.DataFrame, tahun: int) -> Figure:
    """Return the bar chart of KSP/USP counts per health predikat, shares labelled."""
    with plt.style.context(HOUSE_STYLE):
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.bar(
            rekap["predikat"].str.replace(" ", "\n", n=1),
            rekap["jumlah"],
            color=COLORS["realisasi"],
        )
        for i, (n, p) in enumerate(zip(rekap["jumlah"], rekap["persen"], strict=True)):
            ax.text(i, n, f"{int(n)} ({format_angka(p, 2)} %)", ha="center", va="bottom", fontsize=9)
        ax.set_ylabel("Jumlah KSP/USP")
        ax.set_title(f"Hasil penilaian kesehatan KSP/USP {tahun}")
        ax.set_ylim(top=max(rekap["jumlah"].max() * 1.15, 1))
        fig.tight_layout()
    plt.close(fig)  # shown once, by the caller's display
    return fig


def grafik_riwayat(tahunan: pd.DataFrame, tahun: int) -> Figure:
    """Return one small panel per indicator: its realisasi over the years (linear axis), this year marked.

    ``tahunan`` is :func:`lkjip.capaian.bandingkan_tahun`: one row per indicator x year.
    """
    groups = list(tahunan.groupby("indikator_no", sort=True))
    cols = min(3, len(groups))
    rows = -(-len(groups) // cols)
    with plt.style.context(HOUSE_STYLE):
        fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 2.8 * rows), squeeze=False)
        for ax, (no, frame) in zip(axes.flat, groups, strict=False):
            frame = frame[frame["realisasi"].notna()]
            ax.plot(frame["tahun"], frame["realisasi"], marker="o", color=COLORS["realisasi"])
            now = frame[frame["tahun"] == tahun]
            ax.plot(
                now["tahun"],
                now["realisasi"],
                marker="o",
                markersize=9,
                color=COLORS["capaian"],
                linestyle="",
            )
            ax.set_title(
                _short(f"{no}. {tahunan.loc[tahunan['indikator_no'] == no, 'indikator'].iloc[-1]}", 40),
                fontsize=9,
            )
            ax.set_xticks(sorted(frame["tahun"].astype(int).unique()))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_angka(v, 2, trim=True)))
        for ax in list(axes.flat)[len(groups) :]:
            ax.set_visible(False)
        fig.suptitle(f"Realisasi indikator per tahun sampai {tahun}", fontweight="bold")
        fig.tight_layout()
    plt.close(fig)  # shown once, by the caller's display
    return fig
