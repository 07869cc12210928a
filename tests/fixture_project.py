"""A tiny two-year project written from Python: the quirks of real data, few rows.

2023 has a negative-polarity indicator, one with target 0 (undefined capaian),
an indicator whose name holds HTML-special characters, Renstra targets and a national
standard; 2022 exists so the comparisons with earlier years run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ODD_NAME = "Indeks A&B <5 tahun"

TUJUAN = "Meningkatnya daya saing UMKM"
SASARAN = "Meningkatnya omset usaha mikro"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text.lstrip("\n"), encoding="utf-8")


def write_year(
    raw: Path, tahun: int, realisasi: tuple[str, str, str], ksp: tuple[int, int, int, int]
) -> None:
    d = raw / str(tahun)
    _write(
        d,
        "metadata.csv",
        f"Kunci,Nilai\ninstansi,Dinas Uji\nkabupaten,Kabupaten Contoh\ntahun,{tahun}\nrenstra,2023-2026\n"
        "kelompok_rutin,Sasaran Strategis Non IKU (Anggaran Rutin)\n"
        'kepala,Kepala Dinas Uji\ntempat_tanggal,"Kota Contoh, Januari 2024"\n',
    )
    _write(
        d,
        "tabel_1_1_pegawai.csv",
        "Pangkat/Golongan Ruang,Jumlah,S2,D4/S1\nIV/a,2,1,1\nIII/d,3,,3\n",
    )
    _write(
        d,
        "tabel_1_2_aset.csv",
        "No.,Nama/Jenis Barang,Jumlah,Kondisi,Ket.\n(1),(2),(3),(4),(5)\n1,Lap top,3,Baik,v\nTotal,,3,,\n",
    )
    _write(
        d,
        "tabel_2_1_tujuan_sasaran.csv",
        f"Strategi,Arah Kebijakan,Tujuan,Sasaran Strategis,Indikator Kinerja\n"
        f'S,A,{TUJUAN},{SASARAN},Persentase wirausaha mapan\n,,,,"{ODD_NAME}"\n,,,,Persentase koperasi bermasalah\n',
    )
    _write(
        d,
        "tabel_2_2_iku.csv",
        f"No,Tujuan,Indikator Kinerja,Satuan,Target,Polaritas\n(1),(2),(3),(4),(5),(6)\n"
        f'1.,{TUJUAN},Persentase wirausaha mapan,%,"30,5",\n'
        f'No,Sasaran,Indikator Kinerja,Satuan,Target,Polaritas\n1.,{SASARAN},"{ODD_NAME}",poin,0,\n'
        f",,Persentase koperasi bermasalah,%,10,negatif\n",
    )
    r1, r2, r3 = realisasi
    _write(
        d,
        "tabel_3_1_realisasi_iku.csv",
        f"Tujuan/ Sasaran Strategis,Indikator Kinerja,Satuan,Target,Realisasi,Capaian (%),Polaritas\n"
        f'{TUJUAN},Persentase wirausaha mapan,%,"30,5","{r1}",,\n'
        f'{SASARAN},"{ODD_NAME}",poin,0,"{r2}",-,\n'
        f',Persentase koperasi bermasalah,%,10,"{r3}",,negatif\n',
    )
    _write(
        d,
        "realisasi_anggaran.csv",
        "Kelompok,No.,Kegiatan,Sub Kegiatan,Program/Kegiatan/Sub Kegiatan,Pagu (Rp.),Realisasi (Rp.),Capaian (%)\n"
        "Sasaran Strategis Non IKU (Anggaran Rutin),01.,,,Program Penunjang,,,\n"
        ',,,,"01 Administrasi Keuangan",,,\n'
        ",,,01,Penyediaan Gaji,1.000.000.000,950.000.000,95\n"
        ",,,02,Penyediaan Administrasi,20.000.000,10.000.000,50\n"
        f"{SASARAN},01,,,Program Pemberdayaan UMKM,,,\n"
        ",,01,,Pemberdayaan Usaha Mikro,,,\n"
        ',,,01,Pendataan Potensi,31.000.000,30.554.500,"98,56"\n'
        ",,02,,Pelatihan Usaha Mikro,200.000.000,180.000.000,90\n",
    )
    _write(
        d,
        "belanja_ringkasan.csv",
        "Jenis Belanja,Pagu (Rp.),Realisasi (Rp.)\nBelanja Tidak Langsung,Rp.1.000.000.000,Rp.950.000.000\n"
        "Belanja Langsung,Rp.251.000.000,Rp.220.554.500\nJumlah,Rp.1.251.000.000,Rp.1.170.554.500\n",
    )
    s, cs, dp, dpk = ksp
    _write(
        d,
        "tabel_3_5_kesehatan_ksp.csv",
        f"No.,Predikat Penilaian KSP/USP,Tahun {tahun}\n1,SEHAT,{s}\n2,CUKUP SEHAT,{cs}\n3,DALAM PENGAWASAN,{dp}\n"
        f"4,DALAM PENGAWASAN KHUSUS,{dpk}\n",
    )
    _write(
        d,
        "keluaran.csv",
        "Program,Keluaran,Sub Kegiatan,Volume,Satuan,Anggaran (Rp.),Sumber\n"
        'Program Pemberdayaan UMKM,Penyusunan data base,Pendataan Potensi,120,usaha mikro,"Rp. 31.000.000,--",BAB III\n',
    )
    _write(
        d,
        "indikator_program.csv",
        "Indikator Kinerja,Program,Kegiatan / Sub Kegiatan\nPersentase wirausaha mapan,Program Pemberdayaan UMKM,"
        "Pendataan Potensi\n",
    )
    _write(
        d,
        "penjelasan_indikator.csv",
        f"Indikator Kinerja,Penjelasan,Permasalahan dan Solusi\nPersentase wirausaha mapan,Tercapai karena pendataan.,\n"
        f'"{ODD_NAME}",Target nol: <b>tidak dinilai</b>.,\n',
    )


def make_project(root: Path) -> Path:
    """Write the fixture project (raw 2022 and 2023, notebooks, config) under ``root``; return it."""
    raw = root / "data" / "raw"
    write_year(raw, 2022, ("25", "3", "12"), (30, 110, 6, 1))
    write_year(raw, 2023, ("31,2", "4", "8"), (37, 112, 4, 0))
    _write(
        raw / "2023",
        "target_renstra.csv",
        'Indikator Kinerja,Tahun,Target\nPersentase wirausaha mapan,2023,"30,5"\n,2026,40\n',
    )
    _write(
        raw / "2023",
        "standar_nasional.csv",
        "Indikator Kinerja,Standar,Sumber\nPersentase wirausaha mapan,28,Uji\n",
    )
    _write(
        raw / "2023",
        "angka_narasi.csv",
        "Besaran,Objek,Nilai,Satuan,Terbilang,Letak\n"
        "jumlah_program,seluruh,2,program,,Ikhtisar paragraf 1\n"
        "jumlah_sub_kegiatan,seluruh,4,sub kegiatan,,Ikhtisar paragraf 1\n"
        'pagu,total,"Rp.1.251.000.000,00",Rp,Satu milyar dua ratus lima puluh satu juta rupiah,Ikhtisar paragraf 2\n'
        'realisasi,total,"Rp.1.170.554.500,00",Rp,Satu miliar seratus tujuh puluh juta lima ratus lima puluh '
        "empat ribu lima ratus rupiah,Ikhtisar paragraf 2\n"
        'capaian,Persentase wirausaha mapan,"102,3",persen,,BAB III 3.1.2\n'
        'serapan,total,"93,57",persen,,BAB IV\n'
        "jumlah_ksp,KSP/USP,153,KSP/USP,,BAB III 3.2\n",
    )
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "lkjip.toml", root / "lkjip.toml")
    return root
