"""Shared fixtures: a copy of the project's data tree and tiny raw frames."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

import lkjip.build  # noqa: F401 - before any test module imports nbformat: see the note on rfc3987-syntax there

ROOT = Path(__file__).resolve().parents[1]

# The suite reads this checkout's shipped data and its own scratch projects: a project the shell
# names (scheduled runs set LKJIP_ROOT) is never read or written by a test.
os.environ.pop("LKJIP_ROOT", None)

# Random examples per property test: a few dozen in the quick loop, more in CI (.ci/run).
settings.register_profile(
    "lkjip", max_examples=int(os.environ.get("LKJIP_HYPOTHESIS_EXAMPLES", "30")), deadline=None
)
settings.load_profile("lkjip")


def raw_frame(
    columns: list[str],
    rows: list[list[object]],
    *,
    first_row: int = 2,
    section: str | None = None,
    totals: tuple[int, ...] = (),
) -> pd.DataFrame:
    """Return a frame shaped like :func:`lkjip.raw.read_table` output."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame["_baris"] = range(first_row, first_row + len(rows))
    frame["_bagian"] = section
    frame["_is_total"] = [i in totals for i in range(len(rows))]
    frame.attrs["present"] = columns
    return frame


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a scratch project tree holding a copy of the shipped raw data and config."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copy(ROOT / "lkjip.toml", tmp_path / "lkjip.toml")
    monkeypatch.setenv("LKJIP_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return the tiny two-year project of ``fixture_project.py``, with LKJIP_ROOT pointing at it."""
    from fixture_project import make_project

    monkeypatch.setenv("LKJIP_ROOT", str(tmp_path))
    return make_project(tmp_path)


def stub_execute(section, tahun: int, root: Path, parameters: dict | None = None) -> tuple[str, str | None]:  # noqa: ANN001
    """Stand in for ``lkjip.build.execute`` without a kernel: the notebook as papermill parameterises it.

    A notebook with a cell ``1 / 0`` fails as papermill reports it. For the tests of what the
    build does around execution (cache, lock, atomic writes, exit codes); every notebook still
    runs in a real kernel in the tests marked slow.
    """
    import nbformat
    import papermill as pm

    from lkjip import config

    book = pm.execute_notebook(
        str(config.paths(root).notebooks / section.notebook),
        None,
        parameters={"tahun": tahun, **(parameters or {})},
        prepare_only=True,
        progress_bar=False,
    )
    failing = next((c for c in book.cells if c.cell_type == "code" and c.source.strip() == "1 / 0"), None)
    error = (
        None
        if failing is None
        else f"{tahun} {section.judul}: cell 1 raised ZeroDivisionError: division by zero"
    )
    return nbformat.writes(book), error


@contextlib.contextmanager
def _no_pool(workers: int, warm: Path | None = None) -> Iterator[None]:
    yield None  # the build runs every task in this process


@pytest.fixture
def no_kernels(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Replace notebook execution by :func:`stub_execute` and run every build in this process (no pool, no kernel).

    No browser either, so no PDF is printed.
    """
    from lkjip import build

    monkeypatch.setattr(build, "execute", stub_execute)
    monkeypatch.setattr(build, "worker_pool", _no_pool)
    monkeypatch.setenv("LKJIP_BROWSER", str(tmp_path / "no-browser"))
