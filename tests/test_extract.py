"""``lkjip extract``: tables and prose figures from a document's text or .docx, checked by hand."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lkjip import extract as ex
from lkjip.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "data" / "lkjip-2023-pati.txt"

# A small report: cover, Ikhtisar, Tabel 3.1 with a two-row header, a budget table in two groups
# (one continued after a page break), Tabel 3.5, and the prose that restates them.
COVER = [
    "LAPORAN KINERJA INSTANSI PEMERINTAH",
    "DINAS PERTANIAN",
    "KABUPATEN UJI",
    "TAHUN 2025",
    "Jalan Merdeka No. 1 Uji",
]
PROSE_1 = [
    "IKHTISAR EKSEKUTIF",
    "Dinas Pertanian Kabupaten Uji melaksanakan 2 (dua) program yang terdiri dari 2 (dua) kegiatan "
    "dan 3 (tiga) sub kegiatan.",
    "Pagu Belanja Langsung sebesar Rp. 300.000.000,00 (tiga ratus juta rupiah) realisasi sebesar "
    "Rp. 290.000.000,00 (dua ratus sembilan puluh juta rupiah).",
    "BAB III",
    "3.1. Capaian Kinerja",
    "Tabel 3.1",
    "Realisasi Indikator Kinerja Utama Tahun 2025",
]
TABEL_3_1 = [
    ["Sasaran Strategis", "Indikator Kinerja", "Satuan", "Tahun 2025", "", ""],
    ["", "", "", "Target", "Realisasi", "Capaian (%)"],
    ["Meningkatnya produksi padi", "Produktivitas padi", "ton/ha", "6,5", "6,8", "104,62"],
    ["", "Luas lahan irigasi", "ha", "1.200", "1.150", "95,83"],
]
PROSE_2 = [
    "Indikator Produktivitas padi terealisasi sebesar 6,8 atau lebih tinggi dari target, sehingga "
    "persentase capaiannya sebesar 104,62 persen.",
    "3.2. Realisasi Anggaran",
    "Meningkatnya produksi padi",
]
BUDGET_1 = [
    ["No.", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp.)", "Realisasi (Rp.)", "Capaian (%)"],
    ["01", "Program Peningkatan Produksi Pertanian", "", "", ""],
    ["", "01", "Penyediaan Benih", "", ""],
    ["", "", "01", "Benih Padi Unggul", "100.000.000", "98.000.000", "98"],
]
BUDGET_1_CONTINUED = [
    ["", "", "02", "Pupuk Organik", "50.000.000", "45.000.000", "90"],
]
PROSE_3 = ["Sasaran Strategis Non IKU (Rutin)"]
BUDGET_2 = [
    ["No.", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp.)", "Realisasi (Rp.)", "Capaian (%)"],
    ["02", "Program Penunjang Urusan Pemerintahan", "", "", ""],
    ["", "01 Administrasi Keuangan", "", "", ""],
    ["", "", "01", "Gaji dan Tunjangan ASN", "150.000.000", "147.000.000", "98"],
]
PROSE_4 = [
    "Tabel 3.5",
    "Rekapitulasi Penilaian KSP/USP Tahun 2025",
]
KSP = [["No.", "Predikat Penilaian KSP/USP", "Tahun 2025"], ["1", "SEHAT", "12"], ["2", "CUKUP SEHAT", "3"]]
PROSE_5 = [
    "BAB IV",
    "Realisasi keuangan mencapai 96,67 persen.",
    "Uji, Januari 2026",
    "KEPALA DINAS PERTANIAN",
    "KABUPATEN UJI",
]
PARTS = [
    COVER,
    PROSE_1,
    TABEL_3_1,
    PROSE_2,
    BUDGET_1,
    None,
    BUDGET_1_CONTINUED,
    PROSE_3,
    BUDGET_2,
    PROSE_4,
    KSP,
    PROSE_5,
]


def as_text() -> str:
    """Return the small report as text copied from a PDF: tables as tab-separated lines."""
    out = []
    for part in PARTS:
        if part is None:
            out.append("")  # a page break inside the budget table
        elif isinstance(part[0], list):
            out += ["\t".join(row) for row in part] + [""]
        else:
            out += [line for p in part for line in (p, "")]
    return "\n".join(out)


def as_docx(path: Path) -> Path:
    """Write the small report as a Word document (python-docx): tables as Word tables."""
    import docx

    document = docx.Document()
    for part in PARTS:
        if part is None:
            document.add_page_break()
            continue
        if isinstance(part[0], list):
            width = max(len(r) for r in part)
            table = document.add_table(rows=len(part), cols=width)
            for i, row in enumerate(part):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            continue
        for line in part:
            if line in ("IKHTISAR EKSEKUTIF", "BAB III", "BAB IV"):
                document.add_heading(line, level=1)
            else:
                document.add_paragraph(line)
    document.save(str(path))
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [[c for c in row] for row in csv.reader(fh)]


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "data" / "raw").mkdir(parents=True)
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    return root


def drafted(root: Path, document: Path) -> Path:
    assert main(["extract", str(document), "--year", "2025"]) == 0
    return root / "data" / "raw" / "2025"


@pytest.fixture(params=["txt", "docx"])
def folder(request, project, tmp_path):
    if request.param == "txt":
        document = tmp_path / "lkjip.txt"
        document.write_text(as_text(), encoding="utf-8")
    else:
        document = as_docx(tmp_path / "lkjip.docx")
    return drafted(project, document)


def test_tables_are_recognised_by_header_and_written_as_printed(folder):
    assert read_csv(folder / "tabel_3_1_realisasi_iku.csv") == [
        [
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
        ],  # two rows
        ["Meningkatnya produksi padi", "Produktivitas padi", "ton/ha", "6,5", "6,8", "104,62"],
        ["", "Luas lahan irigasi", "ha", "1.200", "1.150", "95,83"],
    ]
    assert read_csv(folder / "tabel_3_5_kesehatan_ksp.csv") == KSP


def test_the_budget_table_is_laid_out_in_the_contract_with_its_groups(folder):
    assert read_csv(folder / "realisasi_anggaran.csv") == [
        [
            "Kelompok",
            "No.",
            "Kegiatan",
            "Sub Kegiatan",
            "Program/Kegiatan/Sub Kegiatan",
            "Pagu (Rp.)",
            "Realisasi (Rp.)",
            "Capaian (%)",
        ],
        ["Meningkatnya produksi padi", "01", "", "", "Program Peningkatan Produksi Pertanian", "", "", ""],
        ["", "", "01", "", "Penyediaan Benih", "", "", ""],
        ["", "", "", "01", "Benih Padi Unggul", "100.000.000", "98.000.000", "98"],
        ["", "", "", "02", "Pupuk Organik", "50.000.000", "45.000.000", "90"],  # after the page break
        [
            "Sasaran Strategis Non IKU (Rutin)",
            "02",
            "",
            "",
            "Program Penunjang Urusan Pemerintahan",
            "",
            "",
            "",
        ],
        ["", "", "", "", "01 Administrasi Keuangan", "", "", ""],  # a code glued to its name stays there
        ["", "", "", "01", "Gaji dan Tunjangan ASN", "150.000.000", "147.000.000", "98"],
    ]


def test_metadata_and_spending_summary_come_from_cover_and_prose(folder):
    assert read_csv(folder / "metadata.csv") == [
        ["Kunci", "Nilai"],
        ["instansi", "Dinas Pertanian"],
        ["kabupaten", "Kabupaten Uji"],
        ["tahun", "2025"],
        ["kepala", "Kepala Dinas Pertanian Kabupaten Uji"],
        ["alamat", "Jalan Merdeka No. 1 Uji"],
        ["tempat_tanggal", "Uji, Januari 2026"],
        ["kelompok_rutin", "Sasaran Strategis Non IKU (Rutin)"],  # the group naming no sasaran
    ]
    assert read_csv(folder / "belanja_ringkasan.csv") == [
        ["Jenis Belanja", "Pagu (Rp.)", "Realisasi (Rp.)"],
        ["Belanja Langsung", "Rp. 300.000.000,00", "Rp. 290.000.000,00"],
    ]


def test_stated_figures_are_linked_to_what_they_are_about(folder):
    rows = read_csv(folder / "angka_narasi.csv")
    assert rows[0] == ex.NARASI_HEADER
    got = [(r[0], r[1], r[2], r[4], r[5]) for r in rows[1:]]
    assert got == [
        ("jumlah_program", "seluruh", "2", "dua", "Ikhtisar Eksekutif, paragraf 1"),
        ("jumlah_kegiatan", "seluruh", "2", "dua", "Ikhtisar Eksekutif, paragraf 1"),
        ("jumlah_sub_kegiatan", "seluruh", "3", "tiga", "Ikhtisar Eksekutif, paragraf 1"),
        (
            "pagu",
            "belanja langsung",
            "Rp. 300.000.000,00",
            "tiga ratus juta rupiah",
            "Ikhtisar Eksekutif, paragraf 2",
        ),
        (
            "realisasi",
            "belanja langsung",
            "Rp. 290.000.000,00",
            "dua ratus sembilan puluh juta rupiah",
            "Ikhtisar Eksekutif, paragraf 2",
        ),
        ("realisasi", "Produktivitas padi", "6,8", "", "BAB III 3.1, paragraf 1"),
        ("capaian", "Produktivitas padi", "104,62", "", "BAB III 3.1, paragraf 1"),
        ("serapan", "total", "96,67", "", "BAB IV, paragraf 1"),
    ]
    assert read_csv(folder / "penjelasan_indikator.csv")[1][0] == "Produktivitas padi"


def test_an_existing_file_is_never_replaced(project, tmp_path, capsys):
    document = tmp_path / "lkjip.txt"
    document.write_text(as_text(), encoding="utf-8")
    folder = project / "data" / "raw" / "2025"
    folder.mkdir(parents=True)
    (folder / "metadata.csv").write_text("Kunci,Nilai\ninstansi,Dinas Saya\n", encoding="utf-8")
    assert main(["extract", str(document), "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "skipped metadata.csv: already there" in out and "wrote realisasi_anggaran.csv" in out
    assert (folder / "metadata.csv").read_text(encoding="utf-8") == "Kunci,Nilai\ninstansi,Dinas Saya\n"
    assert "still to write by hand" in out and "indikator_program.csv" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"%PDF-1.4", "lkjip reads .docx or text"),
        ("laporan.txt", b"\xff\xfe\x00b\xe9", "not UTF-8 text"),
        ("rusak.docx", b"not a zip", "not a Word document lkjip can read"),
        ("hilang.txt", None, "no such file"),
    ],
)
def test_a_document_lkjip_cannot_read_is_one_line_and_exit_2(
    project, tmp_path, capsys, name, content, message
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["extract", str(path), "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and name in err


# --- the shipped report, from its text -------------------------------------------------------------

DRAFTED = [
    "metadata",
    "pegawai",
    "pegawai_golongan",
    "aset",
    "tujuan_sasaran",
    "iku_rencana",
    "iku",
    "iku_analisis",
    "anggaran",
    "anggaran_hierarki",
    "belanja",
    "kesehatan_ksp",
    "total_tabel",
]


@pytest.fixture(scope="module")
def seed_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("seed")
    shutil.copy(ROOT / "lkjip.toml", root / "lkjip.toml")
    draf = ex.extract(SEED, 2023)
    ex.write(draf, root / "data" / "raw" / "2023")
    return root, draf


@pytest.fixture(scope="module")
def seed_tables(seed_project):
    from lkjip.clean import clean_year

    return clean_year(2023, seed_project[0]), clean_year(2023, ROOT)


@pytest.mark.parametrize("name", DRAFTED)
def test_the_seed_text_drafts_the_same_processed_table_as_the_hand_made_folder(seed_tables, name):
    mine, theirs = seed_tables[0][name], seed_tables[1][name]
    key = list(theirs.columns)
    pd.testing.assert_frame_equal(
        mine.sort_values(key, kind="stable").reset_index(drop=True),
        theirs.sort_values(key, kind="stable").reset_index(drop=True),
    )


def test_the_seed_text_audit_finds_the_same_slips_as_the_hand_made_folder(seed_project):
    from lkjip.laporan import muat

    root, draf = seed_project
    mine, theirs = muat(2023, root).slips, muat(2023, ROOT).slips
    a = set(zip(mine["pokok"], mine["tingkat"], strict=True))
    b = set(zip(theirs["pokok"], theirs["tingkat"], strict=True))
    assert a == b and len(a) == 14  # 11 errors, 1 warning, 2 notes (see test_audit)
    assert len(draf.tables["angka_narasi"]) - 1 == 47  # as many as the hand-made angka_narasi.csv
    # the output whose budget exceeds its sub kegiatan's pagu (the report's slip), linked by its one shared word
    halal = next(r for r in draf.tables["keluaran"] if r[1] == "Fasilitasi sertifikat halal dan PIRT")
    assert halal[2:7] == [
        "Fasilitasi Kemudahan Perizinan Usaha Mikro",
        "60",
        "usaha mikro",
        "Rp.15.000.000",
        "",
    ]
    bansos = next(r for r in draf.tables["keluaran"] if r[1] == "Pemberian Bantuan Sosial")
    assert bansos[3:7] == ["500", "pelaku Usaha Mikro", "Rp.225.000.000,00", "Rp.450.000,00"]


def seed_as_docx(path: Path) -> Path:
    """Write the shipped report's text as a Word document: its tab-separated blocks as Word tables."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for written, row in zip(table.rows, rows, strict=True):  # table.cell(i, j) re-reads the grid
                for cell, text in zip(written.cells, row, strict=False):
                    cell.text = text
            rows.clear()

    for line in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
        elif line.strip():
            flush()
            document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path


@pytest.mark.slow
def test_the_seed_as_a_word_document_drafts_the_same_tables_and_slips(tmp_path):
    from lkjip.clean import clean_year
    from lkjip.laporan import muat

    root = tmp_path / "docx"
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(ROOT / "lkjip.toml", root / "lkjip.toml")
    draf = ex.extract(seed_as_docx(tmp_path / "lkjip-2023.docx"), 2023)
    ex.write(draf, root / "data" / "raw" / "2023")
    mine, theirs = clean_year(2023, root), clean_year(2023, ROOT)
    for name in DRAFTED:
        key = list(theirs[name].columns)
        pd.testing.assert_frame_equal(
            mine[name].sort_values(key, kind="stable").reset_index(drop=True),
            theirs[name].sort_values(key, kind="stable").reset_index(drop=True),
            obj=name,
        )
    slips = muat(2023, root).slips
    assert sorted(slips["pokok"]) == sorted(muat(2023, ROOT).slips["pokok"])


MORE = """LAPORAN KINERJA
DINAS PERTANIAN
KABUPATEN UJI
TAHUN 2025

BAB II

Tabel 2.1
Tujuan, Sasaran Strategis dan Indikator Kinerja

Strategi\tIntensifikasi lahan\t
Arah Kebijakan\tBenih unggul\t
Tujuan\tSasaran Strategis\tIndikator Kinerja
Meningkatnya ketahanan pangan\tMeningkatnya produksi padi\tProduktivitas padi

Tabel 2.2
Indikator Kinerja Utama Tahun 2025

No\tTujuan\tIndikator Kinerja\tSatuan\tTarget
1.\tMeningkatnya ketahanan pangan\tSkor ketahanan pangan\tskor\t80
No\tSasaran\tIndikator Kinerja\tSatuan\tTarget
1.\tMeningkatnya produksi padi\tProduktivitas padi\tton/ha\t6,5

BAB III

3.2. Realisasi Anggaran

Meningkatnya produksi padi

No.\tProgram/Kegiatan/Sub Kegiatan\tPagu (Rp.)\tRealisasi (Rp.)\tCapaian (%)
01\tProgram Peningkatan Produksi Pertanian\t\t\t
\t01\tPenyediaan Benih\t\t
\t\t01\tBenih Padi Unggul\t100.000.000\t98.000.000\t98
\t\t02\tPupuk Organik\t50.000.000\t45.000.000\t90

1. Program Peningkatan Produksi Pertanian

- a) Bantuan benih bagi 200 kelompok tani dengan anggaran masing-masing kelompok Rp.400.000,00 sehingga total anggaran sebesar Rp.80.000.000,00.
- b) Pelatihan pupuk organik dengan anggaran sebesar Rp. 20.000.000,00 dengan target 40 petani.

BAB IV

Hasil pengukuran: (1) Produktivitas padi sebesar 6,8 ton/ha dari target 6,5 ton/ha.
"""


def test_label_rows_repeated_headers_outputs_and_targets(project, tmp_path):
    document = tmp_path / "lkjip.md"
    document.write_text(MORE, encoding="utf-8")
    draf = ex.extract(document, 2025)
    # Tabel 2.1: the label rows above the header become columns of the first row
    assert draf.tables["tujuan_sasaran"] == [
        ["Strategi", "Arah Kebijakan", "Tujuan", "Sasaran Strategis", "Indikator Kinerja"],
        [
            "Intensifikasi lahan",
            "Benih unggul",
            "Meningkatnya ketahanan pangan",
            "Meningkatnya produksi padi",
            "Produktivitas padi",
        ],
    ]
    # Tabel 2.2 keeps its repeated "No | Sasaran" header: the cleaner reads it as the sasaran part
    assert draf.tables["iku_rencana"][2] == ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target"]
    # outputs: a unit cost before the budget, a volume after it; each linked by its one distinctive word
    assert [r[1:7] for r in draf.tables["keluaran"][1:]] == [
        [
            "Bantuan benih bagi 200 kelompok tani",
            "Benih Padi Unggul",
            "200",
            "kelompok tani",
            "Rp.80.000.000,00",
            "Rp.400.000,00",
        ],
        ["Pelatihan pupuk organik", "Pupuk Organik", "40", "petani", "Rp. 20.000.000,00", ""],
    ]
    figures = [(r[0], r[1], r[2]) for r in draf.tables["angka_narasi"][1:]]
    assert figures == [("realisasi", "Produktivitas padi", "6,8"), ("target", "Produktivitas padi", "6,5")]
    # (no Tabel 3.1 in this document: the indicator's statements are placed by Tabel 2.2's names)
