"""Every notebook runs through papermill on the fixture project; the HTML is checked."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from fixture_project import ODD_NAME

from lkjip import build as b
from lkjip.cli import main
from lkjip.errors import BuildError
from lkjip.sections import SECTIONS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]  # kernels; one module build, one worker

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_notebooks_are_committed_clean_with_a_parameters_cell(name):
    book = json.loads((ROOT / "notebooks" / name).read_text())
    assert book["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert not any(re.search(r"^\s*(def|class) ", "".join(c["source"]), re.M) for c in code)


def test_every_section_has_its_notebook():
    assert {s.notebook for s in SECTIONS} == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from fixture_project import make_project

    root = make_project(tmp_path_factory.mktemp("proj"))
    mp = pytest.MonkeyPatch()
    mp.setenv("LKJIP_ROOT", str(root))
    results = b.build([2023], root, jobs=2)
    yield root, results
    mp.undo()


def page(root: Path, section: str) -> str:
    html_name = next(s.html for s in SECTIONS if s.key == section)
    return (root / "reports" / "2023" / html_name).read_text(encoding="utf-8")


def test_build_executes_and_renders_every_section(built):
    root, results = built
    assert all(r.ok for r in results)
    assert sorted(r.section for r in results) == sorted([s.key for s in SECTIONS] + ["xlsx", "dokumen"])
    for s in SECTIONS:
        assert (root / "reports" / "2023" / s.html).is_file()
        executed = nbformat.read(root / "reports" / "2023" / "notebooks" / s.notebook, as_version=4)
        assert executed.cells[2].source.startswith("# Parameters") or any(
            "injected-parameters" in c.metadata.get("tags", []) for c in executed.cells
        )
    assert '<a href="2023/index.html">' in (root / "reports" / "index.html").read_text()


def test_html_has_no_code_and_loads_nothing_from_outside(built):
    root, _ = built
    for s in SECTIONS:
        text = page(root, s.key)
        assert "report.muat" not in text and "import " not in text
        assert not re.search(r"<script[^>]*\bsrc=", text)
        assert not re.search(r"<link[^>]*stylesheet", text)
        assert not re.search(r"https?://", text)


def test_html_shows_recomputed_figures_and_escapes_text(built):
    root, _ = built
    penilaian = page(root, "penilaian")
    assert "102,30" in penilaian  # 31,2 / 30,5
    assert "120,00" in penilaian  # negative polarity: (2 x 10 - 8) / 10
    assert "Tidak dinilai" in penilaian  # target 0
    assert "Indeks A&amp;B &lt;5 tahun" in penilaian and ODD_NAME not in penilaian
    assert "data:image/png;base64," in penilaian
    anggaran = page(root, "anggaran")
    assert "1.251.000.000" in anggaran and "Jumlah Seluruhnya" in anggaran
    # the kegiatan printed without a number shows no code, never a "?"
    assert "<td>Pemberdayaan Usaha Mikro</td>" in anggaran and "?" not in anggaran.split("<body")[1]


def test_analysis_page_covers_all_seven_items_with_earlier_year_data(built):
    root, _ = built
    text = page(root, "analisis")
    for heading in [
        "1. Target",
        "2. Perbandingan",
        "3. Perbandingan",
        "4. Perbandingan",
        "5. Penyebab",
        "6. Efisiensi",
        "7. Program",
    ]:
        assert heading in text
    assert "Realisasi 2022" in text and "naik dari 25 persen pada 2022 menjadi 31,2 persen pada 2023" in text
    assert "Target akhir Renstra" in text and "Standar nasional" in text
    ksp = page(root, "ksp")
    assert "SEHAT bertambah 7" in ksp


def test_a_failing_section_names_the_cell_keeps_the_last_good_html_and_exits_3(built, capsys):
    root, _ = built
    good = page(root, "ksp")
    nb_path = root / "notebooks" / "04_kesehatan_ksp.ipynb"
    original = nb_path.read_bytes()
    book = nbformat.read(nb_path, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("raise ValueError('rusak')"))
    nbformat.write(book, nb_path)
    ksp = [s for s in SECTIONS if s.key == "ksp"]
    try:
        with pytest.raises(
            BuildError, match=r"Penilaian Kesehatan KSP/USP: cell \d+ raised ValueError: rusak"
        ):
            b.build([2023], root, jobs=1, sections=ksp)
        assert page(root, "ksp") == good
        assert (root / "reports" / "2023" / "notebooks" / "04_kesehatan_ksp.failed.ipynb").is_file()
        assert main(["build", "--year", "2023", "--jobs", "1"]) == 3
        assert "ValueError: rusak" in capsys.readouterr().err
        assert page(root, "ksp") == good
    finally:  # the module's project is shared: leave it as built
        nb_path.write_bytes(original)
        b.build([2023], root, jobs=1, sections=ksp)
    assert not (root / "reports" / "2023" / "notebooks" / "04_kesehatan_ksp.failed.ipynb").exists()


def test_one_document_per_year_with_cover_contents_every_section_signature_and_colophon(built):
    root, results = built
    assert any(r.section == "dokumen" and r.ok for r in results)
    text = (root / "reports" / "2023" / "lkjip-bab3-2023.html").read_text(encoding="utf-8")
    assert 'class="sampul"' in text and "Dinas Uji" in text and "Daftar Isi" in text
    for s in SECTIONS:
        assert f'href="#{s.key}"' in text and f'id="{s.key}"' in text  # contents link to every section
    assert text.index('id="ikhtisar"') < text.index('id="penilaian"') < text.index('id="audit"')
    assert "Kota Contoh, Januari 2024" in text and "Kepala Dinas Uji" in text
    assert re.search(r"Dibuat \d{4}-\d\d-\d\d dengan lkjip \S+ dari data berkode [0-9a-f]{12}", text)
    assert '<nav class="lkjip' not in text  # navigation is for the section pages only
    assert not re.search(r"https?://", text) and not re.search(r"<script[^>]*\bsrc=", text)
    assert "@page" in text and "counter(page)" in text


def test_the_word_file_holds_every_table_and_chart_of_the_document(built):
    from docx import Document

    from lkjip import dokumen
    from lkjip.present import MIME

    root, _ = built
    doc = dokumen.notebook(2023, root)
    tables = [
        p
        for c in doc.cells
        for o in c.get("outputs", [])
        for p in o.get("data", {}).get(MIME, {}).get("bagian", [])
        if p["jenis"] == "tabel"
    ]
    charts = [o for c in doc.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    word = Document(root / "reports" / "2023" / "lkjip-bab3-2023.docx")
    assert len(word.tables) == len(tables) >= 10 and len(word.inline_shapes) == len(charts) >= 3
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert "Tabel 3.1 Realisasi Indikator Kinerja Utama (IKU) Tahun 2023" in captions
    first = word.tables[
        [t["judul"] for t in tables].index("Tabel 3.1 Realisasi Indikator Kinerja Utama (IKU) Tahun 2023")
    ]
    assert [c.text for c in first.rows[0].cells][:3] == [
        "No.",
        "Tujuan/ Sasaran Strategis",
        "Indikator Kinerja",
    ]
    assert first.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header row repeats on every page
    assert "102,30" in [c.text for c in first.rows[1].cells]


def test_every_chart_uses_linear_axes():
    import pandas as pd

    from lkjip import charts
    from lkjip.config import DEFAULT_SETTINGS

    nilai = pd.DataFrame(
        {
            "indikator_no": [1, 2, 3],
            "indikator": ["A", "B sangat panjang " * 5, "C"],
            "capaian_pct": [123.47, 10577.78, float("nan")],
            "predikat": ["Sangat Tinggi", "Sangat Tinggi", "Tidak dinilai"],
        }
    )
    program = pd.DataFrame(
        {"program_nama": ["P"], "pagu_rp": [1e9], "realisasi_rp": [9e8], "serapan_pct": [90.0]}
    )
    rekap = pd.DataFrame({"predikat": ["SEHAT"], "jumlah": [3], "persen": [100.0]})
    years = pd.DataFrame(
        {"indikator_no": [1, 1], "indikator": ["A", "A"], "tahun": [2022, 2023], "realisasi": [1.0, 2.0]}
    )
    figures = [
        charts.grafik_capaian(nilai, 2023, {**DEFAULT_SETTINGS}),
        charts.grafik_anggaran(program, 2023),
        charts.grafik_ksp(rekap, 2023),
        charts.grafik_riwayat(years, 2023),
    ]
    for fig in figures:
        for ax in fig.axes:
            if ax.get_visible():
                assert (ax.get_xscale(), ax.get_yscale()) == ("linear", "linear")
    ax = figures[0].axes[0]
    assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] < 300  # the 10.577 % outlier is clipped, not logged
    texts = [t.get_text() for t in ax.texts]
    assert "10.577,78 % (dipotong)" in texts and "tidak dinilai" in texts


def _browser_or_skip():
    import os

    from lkjip.dokumen import browser

    exe = browser()
    if exe is None:
        if os.environ.get("LKJIP_REQUIRE_BROWSER"):
            pytest.fail("LKJIP_REQUIRE_BROWSER is set but no Chromium or Edge was found")
        pytest.skip("no Chromium or Edge on this machine (.ci/run installs Debian's chromium)")
    return exe


def test_no_page_is_wider_than_a_phone_in_a_real_browser(built, tmp_path):
    import subprocess

    exe = _browser_or_skip()
    root, _ = built
    folder = root / "reports" / "2023"
    pages = [folder / s.html for s in SECTIONS] + [
        folder / "lkjip-bab3-2023.html",
        root / "reports" / "index.html",
    ]
    probe = (
        '<script>document.documentElement.style.width = "390px";'
        'document.title = "LEBAR=" + document.body.scrollWidth;</script></body>'
    )
    for page in pages:
        copy = page.parent / f"_probe_{page.name}"
        copy.write_text(page.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
        try:
            dom = subprocess.run(
                [
                    exe,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}",
                    "--window-size=390,844",
                    "--dump-dom",
                    copy.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
        finally:
            copy.unlink()
        width = int(re.search(r"LEBAR=(\d+)", dom).group(1))
        assert width <= 390, f"{page.name} is {width} px wide at 390 px"


def test_the_pdf_has_a4_pages_with_page_numbers(built):
    import shutil
    import subprocess

    _browser_or_skip()
    root, _ = built
    pdf = root / "reports" / "2023" / "lkjip-bab3-2023.pdf"
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data))
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Halaman 2 dari" in text and "BAB III Akuntabilitas Kinerja" in text and text.count("\f") >= 5


def test_two_builds_of_unchanged_inputs_are_byte_identical(built, monkeypatch, tmp_path):
    root, _ = built  # the module's build is the first one
    folder = root / "reports" / "2023"

    def outputs():
        names = [s.html for s in SECTIONS] + [f"lkjip-bab3-2023.{e}" for e in ("html", "docx", "xlsx")]
        files = [folder / n for n in names] + sorted((folder / "notebooks").glob("*.ipynb"))
        return {f.name: f.read_bytes() for f in files}

    first = outputs()
    # One worker this time: its one kernel runs all six notebooks, each after a reset, where the
    # module's build ran the first of each of its two workers in a kernel that had run none
    # (lkjip.kernels): a notebook gives the same bytes whichever notebooks its kernel ran before.
    monkeypatch.setenv("LKJIP_BROWSER", str(tmp_path / "no-browser"))  # the PDF is not compared
    b.build([2023], root, jobs=1, force=True)
    second = outputs()
    assert first.keys() == second.keys() and len(first) == 6 + 3 + 6
    assert [n for n in first if first[n] != second[n]] == []
