"""Scheduled-run behaviour of the build: cache hits and misses, the lock, atomic output, exit codes, XLSX."""

import threading
from pathlib import Path

import pytest
from fixture_project import make_project
from openpyxl import load_workbook

from lkjip import build as b
from lkjip.cli import main
from lkjip.errors import BuildError
from lkjip.sections import SECTIONS

# Notebook execution is stubbed (conftest.no_kernels) except in the test that kills a build:
# what is tested here is the build around the notebooks. Every notebook runs in a real kernel in
# tests/test_build.py and tests/test_agency.py.

KSP = [s for s in SECTIONS if s.key == "ksp"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("incr"))
    mp = pytest.MonkeyPatch()
    mp.setenv("LKJIP_ROOT", str(root))
    yield root
    mp.undo()


def rebuilt(results):
    return sorted(r.section for r in results if not r.cached)


def test_second_build_hits_the_cache_for_every_output(project, no_kernels):
    first = b.build([2023], project, jobs=2, sections=KSP)
    assert rebuilt(first) == ["ksp", "xlsx"]
    second = b.build([2023], project, jobs=2, sections=KSP)
    assert rebuilt(second) == []


def test_an_edited_raw_file_of_an_earlier_year_is_a_miss(project, no_kernels):
    from lkjip import report

    b.build([2023], project, sections=KSP)
    raw = project / "data" / "raw" / "2022" / "tabel_3_5_kesehatan_ksp.csv"
    raw.write_text(raw.read_text().replace("SEHAT,30", "SEHAT,31"))
    assert rebuilt(b.build([2023], project, sections=KSP)) == ["ksp", "xlsx"]
    # what the KSP notebook shows from the rebuilt tables: 2022 had 31 SEHAT, 2023 has 37
    assert "SEHAT bertambah 6" in report.tabel_3_5(report.muat(2023, project)).html


def test_notebook_config_and_parameters_are_inputs(project, no_kernels):
    b.build([2023], project, sections=KSP)
    nb = project / "notebooks" / "04_kesehatan_ksp.ipynb"
    nb.write_text(nb.read_text().replace("## Grafik", "## Grafik kesehatan"))
    assert rebuilt(b.build([2023], project, sections=KSP)) == ["ksp"]
    toml = project / "lkjip.toml"
    toml.write_text(toml.read_text().replace("batas_wajar_pct = 300", "batas_wajar_pct = 250"))
    assert rebuilt(b.build([2023], project, sections=KSP)) == ["ksp", "xlsx"]
    assert rebuilt(b.build([2023], project, sections=KSP, parameters={"skala_predikat": "pati_85"})) == [
        "ksp"
    ]


def test_a_hand_edited_or_missing_output_is_rebuilt_and_force_rebuilds_all(project, no_kernels):
    b.build([2023], project, sections=KSP)
    page = project / "reports" / "2023" / "kesehatan-ksp-usp.html"
    page.write_text("edited by hand")
    assert rebuilt(b.build([2023], project, sections=KSP)) == ["ksp"]
    assert "edited by hand" not in page.read_text()
    page.unlink()
    assert rebuilt(b.build([2023], project, sections=KSP)) == ["ksp"]
    assert rebuilt(b.build([2023], project, sections=KSP, force=True)) == ["ksp", "xlsx"]


def test_a_failed_section_keeps_its_html_records_nothing_and_is_retried(project, no_kernels):
    b.build([2023], project, sections=KSP)
    page = project / "reports" / "2023" / "kesehatan-ksp-usp.html"
    good = page.read_bytes()
    nb = project / "notebooks" / "04_kesehatan_ksp.ipynb"
    original = nb.read_text()
    assert '"report.grafik_ksp(lap)"' in original  # the cell this test breaks
    nb.write_text(original.replace('"report.grafik_ksp(lap)"', '"1 / 0"'))
    with pytest.raises(BuildError, match="ZeroDivisionError"):
        b.build([2023], project, sections=KSP)
    assert page.read_bytes() == good
    assert not list(page.parent.glob(".*.tmp"))
    failed = project / "reports" / "2023" / "notebooks" / "04_kesehatan_ksp.failed.ipynb"
    assert failed.is_file()
    with pytest.raises(BuildError):  # no false hit: the failure was not recorded as built
        b.build([2023], project, sections=KSP)
    nb.write_text(original)
    # back to the inputs of the last good page: that page is current again, and the failure is gone
    assert rebuilt(b.build([2023], project, sections=KSP)) == []
    assert page.read_bytes() == good
    assert not failed.exists()


def test_leftovers_of_a_killed_build_go_and_a_deleted_year_leaves_the_index(project, no_kernels):
    import shutil

    folder = project / "reports" / "2023"
    b.build([2023], project, sections=KSP)
    leftovers = [
        folder / ".index.html.0123456789ab.tmp",
        folder / "notebooks" / ".04_kesehatan_ksp.ipynb.9.1.tmp.ipynb",
    ]
    for path in leftovers:
        path.write_text("half written")
    b.build([2023], project, sections=KSP)
    assert not any(p.exists() for p in leftovers)
    index = project / "reports" / "index.html"
    if not (folder / "index.html").exists():  # only the KSP section was built here
        (folder / "index.html").write_text("<html></html>")
    shutil.copytree(folder, project / "reports" / "2019")  # a year whose raw folder is gone
    b.write_index(project)
    assert '"2023/index.html"' in index.read_text() and "2019" not in index.read_text()


def test_a_second_build_of_the_same_year_exits_busy(project, capsys, no_kernels):
    held, release = threading.Event(), threading.Event()

    def hold():
        with b.year_lock(2023, project):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(b.BusyError, match="another build of 2023"):
            b.build([2023], project, sections=KSP)
        assert main(["build", "--year", "2023"]) == 4
        assert "busy" in capsys.readouterr().err
    finally:
        release.set()
        thread.join()
    assert b.build([2023], project, sections=KSP)  # the lock is free again


def test_exit_codes(project, capsys, tmp_path, monkeypatch, no_kernels):
    stub = make_project(tmp_path / "stub")
    monkeypatch.setenv("LKJIP_ROOT", str(stub))
    assert main(["build", "--year", "2023", "--jobs", "1"]) == 0
    assert (stub / "reports" / "2023" / "index.html").is_file()
    monkeypatch.setenv("LKJIP_ROOT", str(project))
    assert main(["build", "--year", "1999"]) == 2
    raw = project / "data" / "raw" / "2023" / "tabel_3_5_kesehatan_ksp.csv"
    text = raw.read_text()
    raw.write_text(text.replace("CUKUP SEHAT", "LUMAYAN"))
    try:
        assert main(["build", "--year", "2023", "--jobs", "1"]) == 2
        assert "LUMAYAN" in capsys.readouterr().err
    finally:
        raw.write_text(text)


def test_build_log_and_xlsx_export(project, no_kernels):
    b.build([2023], project, sections=KSP)
    log = (project / "reports" / "2023" / "build.log").read_text()
    assert " ksp " in log and "xlsx" in log
    book = load_workbook(project / "reports" / "2023" / "lkjip-bab3-2023.xlsx")
    assert {"Tabel 3.1", "Realisasi Anggaran", "Tabel 3.5", "Audit"} <= set(book.sheetnames)
    sheet = book["Realisasi Anggaran"]
    assert sheet["A1"].value.startswith("Realisasi Anggaran per Program") and sheet["C2"].value == "Pagu (Rp)"
    pagu = [c.value for c in sheet["C"][2:] if c.value is not None]
    assert all(isinstance(v, int | float) for v in pagu) and max(pagu) == 1_251_000_000
    assert sheet["C4"].number_format == "#,##0"
    t31 = book["Tabel 3.1"]
    assert t31["A2"].value == "No." and t31["H2"].value == "Capaian (%)"
    # 31,2 / 30,5 = 102,295...: stored as printed, 102,30
    assert t31["H3"].value == 102.3 and t31["H3"].number_format == "#,##0.00"


def test_scheduling_examples_are_valid_python():
    docs = Path(__file__).resolve().parents[1] / "docs"
    source = (docs / "airflow_dag.py").read_text()
    compile(source, "airflow_dag.py", "exec")
    assert (
        "from lkjip.airflow_dag import dag" in source and "--strict" in (docs / "scheduling.md").read_text()
    )
    dag_module = (docs.parent / "lkjip" / "airflow_dag.py").read_text()
    compile(dag_module, "airflow_dag.py", "exec")  # runs for real in tests/test_airflow.py
    assert "airflow.sdk" in dag_module and "airflow.operators.bash" not in dag_module


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_killed_with_sigkill_leaves_nothing_running_and_nothing_writing(tmp_path, jobs):
    import os
    import signal
    import subprocess
    import sys
    import time

    import nbformat
    import psutil
    from fixture_project import make_project

    root = make_project(tmp_path / "killed")
    sleeping = tmp_path / "sleeping"  # outside the project: written by the kernel as it starts to sleep
    slow = root / "notebooks" / "00_ikhtisar.ipynb"
    book = nbformat.read(slow, as_version=4)
    book.cells.append(
        nbformat.v4.new_code_cell(
            f"import pathlib, time\npathlib.Path({str(sleeping)!r}).touch()\ntime.sleep(120)"
        )
    )
    nbformat.write(book, slow)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lkjip.cli", "build", "--year", "2023", "--jobs", jobs],
        env={**os.environ, "LKJIP_ROOT": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reports = root / "reports" / "2023"
    deadline = time.monotonic() + 180
    family: list[psutil.Process] = []
    while time.monotonic() < deadline:  # until a kernel sleeps in the first section
        assert proc.poll() is None, f"the build ended early with exit code {proc.returncode}"
        if sleeping.exists():
            break
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the build did not reach the sleeping section")
    time.sleep(0.5)  # with two workers, the other one is executing the next sections
    family = psutil.Process(proc.pid).children(recursive=True)
    assert any("ipykernel" in " ".join(p.cmdline()) for p in family)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(family, timeout=20)
    assert not alive, [" ".join(p.cmdline()[:3]) for p in alive]
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    time.sleep(1)  # every process of the build is gone: nothing may change from here on
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before
    assert not (reports / "index.html").exists()  # the killed section wrote nothing


def test_a_pdf_not_printed_again_is_removed_not_left_stale(tmp_path, monkeypatch, caplog, no_kernels):
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("LKJIP_ROOT", str(root))
    folder = root / "reports" / "2023"
    folder.mkdir(parents=True)
    stale = folder / "lkjip-bab3-2023.pdf"
    stale.write_bytes(b"%PDF-1.4 printed by an earlier build")
    assert "dokumen" in rebuilt(b.build([2023], root))  # no browser here (no_kernels)
    assert (folder / "lkjip-bab3-2023.docx").is_file() and (folder / "lkjip-bab3-2023.html").is_file()
    assert not stale.exists()
    assert "lkjip-bab3-2023.pdf of an earlier build removed" in caplog.text
