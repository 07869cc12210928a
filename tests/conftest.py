"""Shared fixtures: a copy of the project's data tree and tiny raw frames."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


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
