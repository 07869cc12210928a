"""Benchmark of the build and of cleaning, measured in one run on this machine.

Prints: the cold build of one year; the floor (as many trivial notebooks, each
importing pandas and matplotlib and drawing one chart, executed and rendered
in-process by the same number of workers; both measured in a fresh process
that imported nothing else, as ``lkjip build`` runs); a naive loop (papermill CLI then
nbconvert CLI per notebook, one after another); a rebuild with nothing changed;
and the cleaning of a generated budget table against ``pandas.read_csv`` of the
same file, with peak memory; the test suite as ``make test`` runs it and the
quick loop (``--no-tests`` skips them). Then the ratios against their targets.

Usage: ``python bench/run.py [--lines 1000000] [--jobs N] [--no-tests]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

TRIVIAL_CODE = """import matplotlib.pyplot as plt
import pandas as pd

frame = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
fig, ax = plt.subplots()
ax.plot(frame["x"], frame["y"])
ax.set_title(f"Tahun {tahun}")
plt.show()"""


def copy_project(dest: Path) -> Path:
    """Return a scratch copy of the project's raw data, notebooks and config."""
    shutil.copytree(ROOT / "data" / "raw", dest / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", dest / "notebooks")
    shutil.copy(ROOT / "lkjip.toml", dest / "lkjip.toml")
    return dest


def history_project(dest: Path, count: int = 5) -> tuple[Path, list[int]]:
    """Return a project whose ``count`` years are the shipped year moved to 2023, 2024, ...; and those years.

    Each copy's years are shifted together (its own year, the previous and the next), so
    the headers and the metadata name the folder's year; the Renstra period covers them all.
    """
    import re

    source = ROOT / "data" / "raw" / "2023"
    shutil.copytree(ROOT / "notebooks", dest / "notebooks")
    shutil.copy(ROOT / "lkjip.toml", dest / "lkjip.toml")
    years = [2023 + k for k in range(count)]
    for year in years:
        folder = dest / "data" / "raw" / str(year)
        folder.mkdir(parents=True)
        shift = {"2022": str(year - 1), "2023": str(year), "2024": str(year + 1)}
        for path in source.iterdir():
            text = re.sub(
                r"\b(2022|2023|2024)\b",
                lambda m, shift=shift: shift[m.group(1)],
                path.read_text(encoding="utf-8"),
            )
            if path.name == "metadata.csv":
                text = re.sub(r"^renstra,.*$", f"renstra,{years[0]}-{years[-1]}", text, flags=re.MULTILINE)
            (folder / path.name).write_text(text, encoding="utf-8")
    return dest, years


def measure_history(folder: Path, jobs: int) -> tuple[float, float]:
    """Return the cold build time of year 1 and of year 5 of a 5-year project (every year cleaned once first)."""
    from lkjip import store

    project, years = history_project(folder)
    for year in years:  # earlier years are cleaned once, as on the nights they were built
        store.ensure_fresh(year, project)
    return timed_build(project, years[0], jobs), timed_build(project, years[-1], jobs)


BUILD_CHILD = r"""
import json, sys, time
from pathlib import Path
from lkjip.build import build
start = time.perf_counter()
build([int(sys.argv[2])], Path(sys.argv[1]), jobs=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

FLOOR_CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from run import measure_floor
print(json.dumps({"seconds": measure_floor(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))}))
"""


def _child(code: str, *args: object) -> float:
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def timed_build(project: Path, year: int, jobs: int) -> float:
    """Return the wall time of ``build([year])`` in a fresh process that imported nothing else, as ``lkjip build``."""
    return _child(BUILD_CHILD, project, year, jobs)


def timed_floor(folder: Path, count: int, jobs: int) -> float:
    """Return :func:`measure_floor`'s wall time, measured in a fresh process like the build."""
    return _child(FLOOR_CHILD, ROOT / "bench", folder, count, jobs)


def trivial_notebook(path: Path) -> Path:
    """Write a notebook with a parameters cell and one chart; return its path."""
    book = nbformat.v4.new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("tahun = 2023")
    params.metadata["tags"] = ["parameters"]
    book.cells = [params, nbformat.v4.new_code_cell(TRIVIAL_CODE)]
    nbformat.write(book, path)
    return path


def floor_task(args: tuple[str, str]) -> float:
    """Execute and render one trivial notebook in this worker; return seconds."""
    import papermill as pm

    from lkjip.build import exporter, write_atomic

    source, out = args
    start = time.perf_counter()
    pm.execute_notebook(source, out, parameters={"tahun": 2023}, kernel_name="python3", progress_bar=False)
    body, _ = exporter().from_notebook_node(nbformat.read(out, as_version=4))
    write_atomic(Path(out).with_suffix(".html"), body)
    return time.perf_counter() - start


def measure_floor(folder: Path, count: int, jobs: int) -> float:
    """Return the wall time of executing and rendering ``count`` trivial notebooks with ``jobs`` workers."""
    tasks = [
        (str(trivial_notebook(folder / f"t{i}.ipynb")), str(folder / f"t{i}.out.ipynb")) for i in range(count)
    ]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("forkserver")) as pool:
        list(pool.map(floor_task, tasks))
    return time.perf_counter() - start


def measure_naive(project: Path) -> float:
    """Return the wall time of papermill CLI then nbconvert CLI per section notebook, in sequence."""
    from lkjip.sections import SECTIONS

    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "LKJIP_ROOT": str(project)}
    out = project / "naive"
    out.mkdir()
    start = time.perf_counter()
    for section in SECTIONS:
        executed = out / section.notebook
        subprocess.run(
            [
                str(bin_dir / "papermill"),
                str(project / "notebooks" / section.notebook),
                str(executed),
                "-p",
                "tahun",
                "2023",
                "-k",
                "python3",
                "--no-progress-bar",
            ],
            check=True,
            env=env,
            capture_output=True,
            cwd=project / "notebooks",
        )
        subprocess.run(
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            env=env,
            capture_output=True,
        )
    return time.perf_counter() - start


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import pandas as pd
from lkjip.clean import clean_anggaran
from lkjip.raw import RAW_TABLES, read_table
from lkjip.text import name_key
mode, folder = sys.argv[1], Path(sys.argv[2])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if mode == "read_csv":
    frame = pd.read_csv(folder / "realisasi_anggaran.csv")
else:
    raw = read_table(folder, RAW_TABLES["anggaran"])
    groups = {name_key(g) for g in raw["kelompok"].unique() if g}  # the generated groups are declared routine
    frame, _ = clean_anggaran(raw, 2023, rutin=groups)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "rows": len(frame), "peak_kib": peak - base,
                  "frame_bytes": int(frame.memory_usage(deep=True).sum())}))
"""


def measure_cleaning(folder: Path, mode: str) -> dict:
    """Run read_csv or the cleaner in a fresh process; return seconds, rows, peak memory and frame size."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_tests() -> dict[str, float]:
    """Return the wall time of ``make test`` and of the quick loop (both must pass)."""
    times = {}
    for name, command in (
        ("all", ["make", "test"]),
        ("quick", ["make", "quick"]),
    ):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times[name] = time.perf_counter() - start
    return times


def main() -> None:
    """Run every measurement and print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lines", type=int, default=1_000_000, help="sub kegiatan lines in the generated table"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-tests", action="store_true", help="skip timing the test suite (about 90 s)")
    args = parser.parse_args()

    from gen_budget import write as write_budget

    from lkjip.build import build
    from lkjip.sections import SECTIONS

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        os.environ["LKJIP_ROOT"] = str(project)
        cold = timed_build(project, 2023, args.jobs)
        start = time.perf_counter()
        results = build([2023], project, jobs=args.jobs)
        nochange = time.perf_counter() - start
        assert all(r.cached for r in results), "the second build was expected to be all cache hits"
        start = time.perf_counter()
        cli = subprocess.run(
            [str(Path(sys.executable).parent / "lkjip"), "build", "--year", "2023"],
            capture_output=True,
            env={**os.environ, "LKJIP_ROOT": str(project)},
            check=True,
        )
        nochange_cli = time.perf_counter() - start
        del cli
        (tmp / "floor").mkdir()
        floor = timed_floor(tmp / "floor", len(SECTIONS), args.jobs)
        naive = measure_naive(project)
        year_1, year_5 = measure_history(tmp / "history", args.jobs)
        suite = None if args.no_tests else measure_tests()

        budget = tmp / "budget" / "2023"
        budget.mkdir(parents=True)
        lines = write_budget(budget / "realisasi_anggaran.csv", args.lines)
        size_mb = (budget / "realisasi_anggaran.csv").stat().st_size / 1e6
        baseline = measure_cleaning(budget, "read_csv")
        cleaned = measure_cleaning(budget, "clean")

    def row(name: str, value: float, unit: str = "s") -> None:
        print(f"  {name:<58} {value:10.2f} {unit}")

    ratios = {}

    def ratio(name: str, value: float, target: float) -> None:
        verdict = "met" if value <= target else "MISSED"
        ratios[name] = {"value": round(value, 3), "target": target, "met": value <= target}
        print(f"  {name:<58} {value:10.2f}   target <= {target:<5} {verdict}")

    print(
        f"lkjip benchmark: {os.cpu_count()} CPUs, {args.jobs} workers, {len(SECTIONS)} sections (+ XLSX export)"
    )
    row("cold build of 2023 (clean, execute, render, export)", cold)
    row(f"floor: {len(SECTIONS)} trivial notebooks in-process, same workers", floor)
    row("naive loop: papermill CLI + nbconvert CLI per notebook", naive)
    row("rebuild with nothing changed (in-process)", nochange)
    row("rebuild with nothing changed (lkjip build CLI, with start-up)", nochange_cli)
    row("cold build of year 1 of a 5-year folder", year_1)
    row("cold build of year 5 of the same folder (history of 5 years)", year_5)
    row(f"pandas.read_csv of {lines:,} budget lines ({size_mb:.0f} MB)", baseline["seconds"])
    row("lkjip read_table + clean_anggaran of the same file", cleaned["seconds"])
    row("  peak memory of cleaning", cleaned["peak_kib"] / 1024, "MiB")
    row("  cleaned frame (memory_usage deep)", cleaned["frame_bytes"] / 2**20, "MiB")
    print("ratios")
    ratio("cold build / floor", cold / floor, 1.0)
    ratio("cold build / naive loop", cold / naive, 0.4)
    ratio("no-change rebuild / cold build", nochange / cold, 0.05)
    ratio("no-change rebuild via CLI / cold build", nochange_cli / cold, 0.05)
    ratio("cleaning / read_csv", cleaned["seconds"] / baseline["seconds"], 2)
    ratio("cleaning peak memory / cleaned frame", cleaned["peak_kib"] * 1024 / cleaned["frame_bytes"], 3)
    ratio("year 5 of a 5-year folder / year 1", year_5 / year_1, 1.2)
    if suite is not None:
        airflow = " with the DAG test" if (ROOT / ".venv-airflow").is_dir() else ""
        ratio(f"make test{airflow} (s)", suite["all"], 60)
        ratio("the quick loop: make quick (pytest -m 'not slow') (s)", suite["quick"], 15)
    results = {
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "lines": lines,
        "seconds": {
            "cold_build": cold,
            "floor": floor,
            "naive_loop": naive,
            "nochange_rebuild": nochange,
            "nochange_rebuild_cli": nochange_cli,
            "year_1_of_5": year_1,
            "year_5_of_5": year_5,
            "read_csv": baseline["seconds"],
            "cleaning": cleaned["seconds"],
            **({} if suite is None else {"make_test": suite["all"], "quick_loop": suite["quick"]}),
        },
        "memory_mib": {
            "cleaning_peak": cleaned["peak_kib"] / 1024,
            "cleaned_frame": cleaned["frame_bytes"] / 2**20,
        },
        "ratios": ratios,
    }
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
