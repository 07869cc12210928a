"""The BAB III sections of a year's report: notebook, HTML page and title of each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One BAB III section: its notebook, its HTML file and its title."""

    key: str
    notebook: str
    html: str
    judul: str


SECTIONS: tuple[Section, ...] = (
    Section("ikhtisar", "00_ikhtisar.ipynb", "index.html", "Ikhtisar"),
    Section(
        "penilaian", "01_penilaian_kinerja.ipynb", "3-1-1-penilaian-kinerja.html", "3.1.1 Penilaian Kinerja"
    ),
    Section(
        "analisis",
        "02_analisis_capaian.ipynb",
        "3-1-2-analisis-capaian.html",
        "3.1.2 Analisis Capaian Kinerja",
    ),
    Section(
        "anggaran", "03_realisasi_anggaran.ipynb", "3-2-realisasi-anggaran.html", "3.2 Realisasi Anggaran"
    ),
    Section("ksp", "04_kesehatan_ksp.ipynb", "kesehatan-ksp-usp.html", "Penilaian Kesehatan KSP/USP"),
    Section("audit", "05_audit.ipynb", "audit-konsistensi.html", "Audit Konsistensi"),
)
