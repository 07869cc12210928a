"""Matplotlib charts in one house style: title, labelled axes, units, readable on a laptop.

Each function returns a closed :class:`~matplotlib.figure.Figure`; a notebook
shows it with ``display(fig)``.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from lkjip.capaian import SCALES
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


def _wrap(text: str, width: int = 42) -> str:
    """Return a label wrapped over lines of ``width`` characters, never cut."""
    return textwrap.fill(str(text), width)


def _id_axis(ax: plt.Axes, digits: int = 0) -> None:
    """Format the x axis with Indonesian numbers."""
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_angka(v, digits, trim=True)))


# One colour per predikat band, best first; a scale with fewer bands uses the first ones and the last.
PREDIKAT_COLORS = ("#1a7f37", "#5aa25e", "#d4a106", "#e07b00", "#c0392b")
TIDAK_DINILAI_COLOR = "#9aa5b1"


def warna_predikat(skala: str) -> dict[str, str]:
    """Return the colour of each predikat label of ``skala`` (best band green, worst red)."""
    labels = [label for _, label in SCALES[skala][1]]
    colors = [*PREDIKAT_COLORS[: len(labels) - 1], PREDIKAT_COLORS[-1]]
    return dict(zip(labels, colors, strict=True))


def grafik_capaian(nilai: pd.DataFrame, tahun: int, settings: dict, batas_tampil: float = 200.0) -> Figure:
    """Return the capaian chart: one bar per indicator from 0 on a linear axis, the 100 % line, predikat colours.

    A capaian above ``batas_tampil`` (the 10.577 % case) is drawn up to that
    edge with a break mark and its value written; an indicator without a
    capaian is written "tidak dinilai", with no bar. Labels are the full
    indicator names, numbered and wrapped.
    """
    colors = warna_predikat(settings["skala_predikat"])
    values = nilai["capaian_pct"]
    edge = max(120.0, min(batas_tampil, float(values.max()) * 1.12 if values.notna().any() else 120.0))
    with plt.style.context(HOUSE_STYLE):
        labels = [_wrap(f"{n}. {t}") for n, t in zip(nilai["indikator_no"], nilai["indikator"], strict=True)]
        lines = sum(label.count("\n") + 1 for label in labels)
        fig, ax = plt.subplots(figsize=(10, 0.45 * lines + 1.8))
        y = list(range(len(nilai)))
        for i, (v, label) in enumerate(zip(values, nilai["predikat"], strict=True)):
            if pd.isna(v):
                ax.text(1, i, "tidak dinilai", va="center", fontsize=9, style="italic", color="#52606d")
                continue
            clipped = v > edge
            ax.barh(i, min(max(v, 0), edge), color=colors.get(label, TIDAK_DINILAI_COLOR), height=0.6)
            text = format_angka(v, 2) + " %"
            if clipped:
                ax.plot([edge * 0.965, edge * 0.985], [i - 0.35, i + 0.35], color="white", linewidth=3)
                ax.text(
                    edge * 0.95,
                    i,
                    text + " (dipotong)",
                    va="center",
                    ha="right",
                    fontsize=9,
                    color="white",
                    fontweight="bold",
                )
            else:
                ax.text(max(v, 0) + edge * 0.01, i, text, va="center", fontsize=9)
        ax.axvline(100, color="black", linewidth=1, linestyle="--")
        ax.set_xlim(0, edge * 1.1)
        ax.set_yticks(y, labels, fontsize=9)
        ax.set_ylim(len(nilai) - 0.4, -0.6)  # top to bottom in printed order, room below the last row
        _id_axis(ax)
        ax.set_xlabel("Capaian (%); garis putus-putus = 100 % (target)")
        ax.set_title(f"Capaian indikator kinerja utama {tahun}")
        handles = [Patch(color=c, label=lbl) for lbl, c in colors.items()]
        ax.legend(
            handles=handles,
            title=f"Predikat ({SCALES[settings['skala_predikat']][0]})",
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=min(5, len(handles)),
            frameon=False,
            fontsize=8,
            title_fontsize=8,
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
        ax.set_yticks(list(y), [_wrap(t, 45) for t in program["program_nama"]], fontsize=9)
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
                _wrap(f"{no}. {tahunan.loc[tahunan['indikator_no'] == no, 'indikator'].iloc[-1]}", 40),
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
