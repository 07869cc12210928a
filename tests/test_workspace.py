"""A workspace of agencies: every agency x year built, a bad agency fails alone, one index for all."""

from __future__ import annotations

import contextlib
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from fixture_agency import make_agency
from fixture_project import make_project
from openpyxl import load_workbook

from lkjip.cli import main


def test_the_root_option_points_every_command_at_a_project(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(
        "LKJIP_ROOT", str(tmp_path / "elsewhere")
    )  # restored after the test, whatever main sets
    root = make_project(tmp_path / "proj")
    assert main(["--root", str(root), "clean", "--year", "2023"]) == 0
    assert (root / "data" / "processed" / "2023" / "iku.csv").is_file()


@pytest.mark.slow  # three agencies' documents and workbooks (notebook execution is stubbed)
def test_a_workspace_builds_every_agency_and_lists_all_of_them(tmp_path, monkeypatch, capsys, no_kernels):
    ws = tmp_path / "ws"
    for name, make in (
        ("dinas-uji", make_project),
        ("dinkop-provinsi", make_agency),
        ("dinas-rusak", make_project),
    ):
        shutil.rmtree(make(ws / name) / "notebooks")  # agencies use lkjip's own notebooks
    bad = ws / "dinas-rusak" / "data" / "raw" / "2023" / "tabel_3_5_kesehatan_ksp.csv"
    bad.write_text(bad.read_text().replace("SEHAT,37", "SEHAT,tiga puluh"))
    (ws / "catatan").mkdir()  # a folder without data/raw is no agency

    from lkjip import build as b

    pools, ran = [], []
    real_run = b.run

    @contextlib.contextmanager
    def one_pool(workers, warm=None):  # a thread stands in for the processes: execution is stubbed
        pools.append(workers)
        with ThreadPoolExecutor(max_workers=1) as pool:
            yield pool

    def run_all(plans, pool, progress=None, meanwhile=None):
        ran.append(sorted({w.root.name for w in plans}))
        return real_run(plans, pool, progress, meanwhile)

    monkeypatch.setattr(b, "worker_pool", one_pool)
    monkeypatch.setattr(b, "run", run_all)
    assert main(["workspace", "build", str(ws), "--jobs", "2"]) == 2
    # one pool of two workers runs the sections of both good agencies together
    assert pools == [2] and ran == [["dinas-uji", "dinkop-provinsi"]]
    out = capsys.readouterr()
    assert "dinas-rusak: data/raw/2023/tabel_3_5_kesehatan_ksp.csv, row 2" in out.err
    assert "lkjip: dinas-uji: ok" in out.out and "lkjip: dinkop-provinsi: ok" in out.out
    for agency, year in (("dinas-uji", 2023), ("dinkop-provinsi", 2025)):
        assert (ws / agency / "reports" / str(year) / f"lkjip-bab3-{year}.html").is_file()
    assert not (ws / "dinas-rusak" / "reports" / "2023").exists()

    page = (ws / "index.html").read_text(encoding="utf-8")
    assert '<a href="dinkop-provinsi/reports/2025/lkjip-bab3-2025.html">' in page
    assert "tiga puluh" in page  # the failing agency is listed with its failure
    assert "catatan" not in page and '<meta name="viewport"' in page and "<script src" not in page
    sheet = load_workbook(ws / "index.xlsx")["Ringkasan"]
    years = [sheet.cell(r, 2).value for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value]
    assert {"2022", "2023", "2024", "2025"} <= set(map(str, years))
