"""A second agency, deliberately unlike Pati, prepared from the raw contract alone.

Dinas Koperasi dan UKM Provinsi Contoh, years 2024 and 2025:

* full Permendagri 90 codes (provincial: ``2.17.03.1.01.0001``), one kegiatan printed
  without a code, the routine group headed "Program Penunjang Urusan Pemerintahan
  Daerah" (declared routine by the metadata key ``kelompok_rutin``);
* the budget and spending summary in the other number convention (``1,200,000,000``);
* Tabel 3.1 as an XLSX workbook mixing typed numbers, text numbers, a blank, a ``-``
  and a range target (``5 s.d. 10``);
* a negative indicator whose polarity only Tabel 2.2 states ("Minimal"), a range
  indicator, a target of 0, a target of "-", and realisasi 99,996 against 100;
* 2025 fixes ``rumus_negatif = t_per_r`` in its metadata while ``lkjip.toml`` says
  ``2t_minus_r`` (so 2024 keeps the other formula);
* ``riwayat_iku.csv`` with a Renstra baseline, two years without a folder and one
  year (2024) that disagrees with the 2024 folder; Renstra targets with a range.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]

TUJUAN = "Meningkatnya kontribusi koperasi dan UKM terhadap perekonomian daerah"
SASARAN_A = "Meningkatnya kualitas kelembagaan koperasi"
SASARAN_B = "Meningkatnya usaha kecil yang naik kelas"
RUTIN = "Program Penunjang Urusan Pemerintahan Daerah"
IND = [
    "Persentase koperasi aktif",  # 1 tujuan, positif
    "Tingkat pengangguran terbuka wirausaha",  # 2 tujuan, negatif (Tabel 2.2 only)
    "Rasio kredit bermasalah KSP",  # 3 sasaran A, rentang 5 s.d. 10
    "Indeks kepuasan layanan koperasi",  # 4 sasaran A, target 100
    "Jumlah koperasi baru yang difasilitasi",  # 5 sasaran B, target 0
    "Persentase usaha kecil naik kelas",  # 6 sasaran B, target "-"
]


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text.lstrip("\n"), encoding="utf-8")


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_year(
    raw: Path, tahun: int, *, t31: list[list[object]], anggaran: list[tuple], ksp: tuple, extra_meta: str = ""
) -> None:
    d = raw / str(tahun)
    _write(
        d,
        "metadata.csv",
        "Kunci;Nilai\n"
        "instansi;Dinas Koperasi dan Usaha Kecil Menengah\n"
        "kabupaten;Provinsi Contoh\n"
        f"tahun;{tahun}\n"
        "renstra;2022-2026\n"
        f"kelompok_rutin;{RUTIN}\n" + extra_meta,
    )
    _write(d, "tabel_1_1_pegawai.csv", "Golongan;Jumlah;S1;SMA\nIV/a;3;3;\nII/a;2;;2\nJumlah;5;3;2\n")
    _write(d, "tabel_1_2_aset.csv", "No;Nama Barang;Jumlah;Kondisi\n1;Kendaraan roda empat;2;Baik\n")
    _write(
        d,
        "tabel_2_1_tujuan_sasaran.csv",
        "Tujuan;Sasaran Strategis;Indikator Kinerja\n"
        f"{TUJUAN};-;{IND[0]}\n;;{IND[1]}\n"
        f";{SASARAN_A};{IND[2]}\n;;{IND[3]}\n;{SASARAN_B};{IND[4]}\n;;{IND[5]}\n",
    )
    _write(
        d,
        "tabel_2_2_iku.csv",
        "No;Tujuan;Indikator Kinerja;Satuan;Target;Polaritas\n"
        f"1;{TUJUAN};{IND[0]};%;60;Maksimal\n"
        f"2;;{IND[1]};%;8;Minimal\n"
        "No;Sasaran;Indikator Kinerja;Satuan;Target;Polaritas\n"
        f"3;{SASARAN_A};{IND[2]};%;5 s.d. 10;\n"
        f"4;;{IND[3]};indeks;100;\n"
        f"5;{SASARAN_B};{IND[4]};unit;0;\n"
        f"6;;{IND[5]};%;-;\n",
    )
    header = [
        "Tujuan/Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Polaritas",
    ]
    _xlsx(d / "tabel_3_1_realisasi_iku.xlsx", [header, *t31])
    lines = ["Kelompok,No.,Kegiatan,Sub Kegiatan,Uraian,Pagu (Rp),Realisasi (Rp),Capaian (%)"]
    lines += [",".join(f'"{v}"' if "," in str(v) else str(v) for v in row) for row in anggaran]
    _write(d, "realisasi_anggaran.csv", "\n".join(lines) + "\n")
    total_pagu = sum(float(str(r[5]).replace(",", "")) for r in anggaran if r[5] != "")
    total_real = sum(float(str(r[6]).replace(",", "")) for r in anggaran if r[6] != "")
    gaji = [r for r in anggaran if "Gaji" in r[4]][0]
    gp, gr = float(gaji[5].replace(",", "")), float(gaji[6].replace(",", ""))
    _write(
        d,
        "belanja_ringkasan.csv",
        "Jenis Belanja,Pagu,Realisasi\n"
        f'Belanja Tidak Langsung,"{gp:,.0f}","{gr:,.0f}"\n'
        f'Belanja Langsung,"{total_pagu - gp:,.0f}","{total_real - gr:,.0f}"\n'
        f'Jumlah,"{total_pagu:,.0f}","{total_real:,.0f}"\n',
    )
    s, cs, dp, dpk = ksp
    _write(
        d,
        "tabel_3_5_kesehatan_ksp.csv",
        f"Predikat;Jumlah\nSEHAT;{s}\nCUKUP SEHAT;{cs}\nDALAM PENGAWASAN;{dp}\nDALAM PENGAWASAN KHUSUS;{dpk}\n",
    )


def budget(
    gaji: tuple[str, str],
    adm: tuple[str, str],
    periksa: tuple[str, str],
    nilai: tuple[str, str],
    kecil: tuple[str, str],
) -> list[tuple]:
    """Return the budget rows: full Permendagri 90 codes, amounts in the other convention."""
    return [
        (RUTIN, "2.17.01", "", "", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "", "", ""),
        ("", "", "2.17.01.1.02", "", "Administrasi Keuangan Perangkat Daerah", "", "", ""),
        ("", "", "", "2.17.01.1.02.0001", "Penyediaan Gaji dan Tunjangan ASN", *gaji, ""),
        ("", "", "", "2.17.01.1.02.0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN", *adm, ""),
        (SASARAN_A, "2.17.03", "", "", "PROGRAM PENGAWASAN DAN PEMERIKSAAN KOPERASI", "", "", ""),
        ("", "", "2.17.03.1.01", "", "Pemeriksaan dan Pengawasan Koperasi", "", "", ""),
        ("", "", "", "2.17.03.1.01.0001", "Pemeriksaan Kepatuhan Koperasi", *periksa, ""),
        ("", "", "", "", "Penilaian Kesehatan KSP/USP", "", "", ""),  # kegiatan printed without a code
        ("", "", "", "2.17.03.1.02.0001", "Penilaian Kesehatan KSP Kewenangan Provinsi", *nilai, ""),
        (SASARAN_B, "2.17.05", "", "", "PROGRAM PEMBERDAYAAN USAHA KECIL", "", "", ""),
        ("", "", "2.17.05.1.01", "", "Pemberdayaan Usaha Kecil", "", "", ""),
        ("", "", "", "2.17.05.1.01.0003", "Pendampingan Usaha Kecil Naik Kelas", *kecil, ""),
    ]


def make_agency(root: Path) -> Path:
    """Write the agency's project (raw 2024 and 2025, notebooks, config) under ``root``; return it."""
    raw = root / "data" / "raw"
    write_year(
        raw,
        2024,
        t31=[
            [TUJUAN, IND[0], "%", 58, 61, None, None],
            [None, IND[1], "%", 9, 8.1, None, None],
            [SASARAN_A, IND[2], "%", "5 s.d. 10", 7.5, None, None],
            [None, IND[3], "indeks", 100, 97, None, None],
            [SASARAN_B, IND[4], "unit", 0, 2, None, None],
            [None, IND[5], "%", "-", 3, None, None],
        ],
        anggaran=budget(
            ("1,100,000,000", "1,050,000,000"),
            ("40,000,000", "40,000,000"),
            ("250,000,000", "225,000,000"),
            ("120,000,000", "118,000,000"),
            ("80,000,000", "60,000,000"),
        ),
        ksp=(30, 40, 10, 5),
    )
    write_year(
        raw,
        2025,
        t31=[
            [TUJUAN, IND[0], "%", 60, 63, 105, None],
            [None, IND[1], "%", 8, 8.4, "95,24", None],  # polarity only in Tabel 2.2 (Minimal)
            [SASARAN_A, IND[2], "%", "5 s.d. 10", 4, "", "Rentang"],
            [None, IND[3], "indeks", 100, 99.996, "100,00", None],
            [SASARAN_B, IND[4], "unit", 0, 3, "-", None],
            [None, IND[5], "%", "-", 4.5, None, None],
        ],
        anggaran=budget(
            ("1,200,000,000", "1,140,000,000"),
            ("50,000,000", "45,500,000"),
            ("300,000,000", "240,000,000"),
            ("150,000,000", "149,999,400"),
            ("100,000,000", "70,000,000"),
        ),
        ksp=(33, 41, 8, 4),
        extra_meta="rumus_negatif;t_per_r\n",
    )
    _write(
        raw / "2025",
        "target_renstra.csv",
        "Indikator Kinerja;Tahun;Target\n"
        f"{IND[0]};2025;60\n;2026;70\n"
        f"{IND[1]};2025;8\n;2026;6\n"
        f"{IND[2]};2025;5 - 10\n;2026;5 - 9\n",
    )
    _write(
        raw / "2025",
        "riwayat_iku.csv",
        "Indikator Kinerja;Tahun;Target;Realisasi;Capaian (%)\n"
        f"{IND[0]};Kondisi Awal (2021);;50;\n"
        ";2022;52;54;103,85\n"
        ";2023;55;57;103,64\n"
        ";2024;58;60;103,45\n"  # the 2024 folder says 61: the folder wins, the audit reports it
        f"{IND[1]};2023;10;9,5;\n",
    )
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    (root / "lkjip.toml").write_text(
        '[analisis]\nskala_predikat = "permendagri_86_2017"\nrumus_negatif = "2t_minus_r"\nbatas_wajar_pct = 300\n',
        encoding="utf-8",
    )
    return root
