"""Processed tables on disk: the one atomic write, the typed read, and freshness.

``data/processed/<tahun>/`` holds one CSV per table of :mod:`lkjip.schema` (text a
spreadsheet would run as a formula, starting with ``= + - @`` tab or CR, is written
with a leading ``'``, which the reader removes: OWASP's advice for CSV) and
``_sumber.json``: the content hash of the raw folder and of the ``lkjip`` source
it was cleaned from. :func:`muat_tabel` is the only way the analysis reads a
year: it re-cleans first when the raw folder (or the cleaning code) changed
since, so a notebook run in JupyterLab shows exactly what ``lkjip build`` renders.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from lkjip import cache, config, schema
from lkjip.errors import YearNotFoundError
from lkjip.text import escape_csv_text, unescape_csv_text

SUMBER = cache.SUMBER  # the record and its check live in cache, which the build reads without pandas
is_fresh = cache.processed_is_fresh


def write_processed(tables: dict[str, pd.DataFrame], out_dir: Path, made_from: dict[str, str]) -> Path:
    """Write each table to ``out_dir/<name>.csv`` and ``made_from`` to ``_sumber.json``; return ``out_dir``.

    The files go to a temporary sibling folder first; only when all are written
    is the old folder swapped out, so a failure leaves the last good output.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.temporary_name(out_dir)
    old = cache.temporary_name(out_dir)
    try:
        tmp.mkdir()
        for name, frame in tables.items():
            _escaped(frame).to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n")
        (tmp / SUMBER).write_text(json.dumps(made_from, indent=1, sort_keys=True), encoding="utf-8")
        if out_dir.exists():
            out_dir.rename(old)
        tmp.rename(out_dir)
    finally:
        for leftover in (tmp, old):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
    return out_dir


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c in schema.FIELDS and schema.FIELDS[c].dtype == "string"]


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with text a spreadsheet would execute escaped (see :func:`lkjip.text.escape_csv_text`)."""
    return frame.assign(
        **{c: frame[c].map(escape_csv_text, na_action="ignore") for c in _text_columns(frame)}
    )


def _clean_locked(tahun: int, root: Path) -> Path:
    from lkjip.clean import clean_year

    p = config.paths(root)
    made_from = cache.processed_source(
        tahun, p.root
    )  # taken before reading: a raw edit during the clean makes it stale
    return write_processed(clean_year(tahun, p.root), p.processed_year(tahun), made_from)


def _year_lock(tahun: int, root: Path):  # noqa: ANN202 - a context manager
    return cache.lock(config.paths(root).processed / ".locks" / f"{tahun}.lock", wait=True)


def clean(tahun: int, root: Path | str | None = None) -> Path:
    """Clean one year and write ``data/processed/<tahun>/`` (under the year's lock); return that folder."""
    p = config.paths(root)
    with _year_lock(tahun, p.root):
        return _clean_locked(tahun, p.root)


def ensure_fresh(tahun: int, root: Path | str | None = None, *, force: bool = False) -> bool:
    """Clean ``tahun`` unless its processed tables are current; return whether it cleaned.

    Raises :class:`YearNotFoundError` when the year has no raw folder, and
    :class:`RawDataError` for bad raw data (the processed folder is then left as it was).
    """
    p = config.paths(root)
    if not p.raw_year(tahun).is_dir():
        raise YearNotFoundError(f"no raw data for {tahun}: folder data/raw/{tahun} does not exist")
    if not force and is_fresh(tahun, p.root):
        return False
    with _year_lock(tahun, p.root):  # two notebooks finding the year stale clean it once
        if not force and is_fresh(tahun, p.root):
            return False
        _clean_locked(tahun, p.root)
    return True


def read_processed(
    tahun: int, root: Path | str | None = None, tables: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Return the processed tables of one year as written, with their declared dtypes (no freshness check).

    One frame per table of :data:`lkjip.schema.TABLES` (or of ``tables`` only); a table missing on
    disk is empty.
    """
    wanted = set(schema.TABLES if tables is None else tables)
    folder = config.paths(root).processed_year(tahun)
    if not folder.is_dir():
        raise YearNotFoundError(f"no processed data for {tahun}: run 'lkjip clean --year {tahun}'")
    out = {}
    for name, table in schema.TABLES.items():
        if name not in wanted:
            continue
        file = folder / f"{name}.csv"
        if not file.exists():
            out[name] = schema.empty(name)
            continue
        frame = pd.read_csv(
            file,
            dtype={c: schema.FIELDS[c].dtype for c in table.columns},
            keep_default_na=False,
            na_values=[""],
        )
        out[name] = frame.assign(
            **{c: frame[c].map(unescape_csv_text, na_action="ignore") for c in _text_columns(frame)}
        )
    return out


def muat_tabel(
    tahun: int, root: Path | str | None = None, tables: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Return the processed tables of one year, re-cleaning first when the raw folder changed.

    One frame per table of :data:`lkjip.schema.TABLES` (or of ``tables`` only).
    """
    ensure_fresh(tahun, root)
    return read_processed(tahun, root, tables)
