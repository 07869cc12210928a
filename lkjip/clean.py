"""One pure cleaner per raw table: raw frame in, processed frame out.

Every cleaner ends with :func:`lkjip.schema.check` against its declaration.
Cleaners raise :class:`RawDataError` naming the spreadsheet row, the column and
the value; :func:`clean_year` adds the file name and writes the year's tables
atomically.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from lkjip import config, release_freed_memory, schema
from lkjip.errors import ConfigError, RawDataError, YearNotFoundError
from lkjip.numbers import Convention, arrow_cells, is_arrow_text, parse_series
from lkjip.raw import IS_TOTAL, METADATA_KEYS, RAW_TABLES, ROW, SECTION, find_file, read_table, unknown_files
from lkjip.text import (
    JENIS_BELANJA_LABELS,
    KELOMPOK_RUTIN_SEPARATOR,
    KONDISI_AWAL_PATTERN,
    POLARITAS_DEFAULT,
    POLARITAS_LABELS,
    PREDIKAT_KSP,
    RANGE_PATTERN,
    TABEL_TINGKAT,
    TINGKAT_LABELS,
    name_key,
)

log = logging.getLogger("lkjip.clean")
TOTAL_TABLE_LABELS = {"pegawai": "1.1", "aset": "1.2", "kesehatan_ksp": "3.5"}
# A budget code glued to the name, as PDFs print it: "01 Perencanaan", "2.17.01.2.01 Perencanaan".
_GLUED_CODE = re.compile(r"^(\d{1,2}(?:\.\d{1,4})*)\.?\s+(\D.*)$")
# Permendagri 90/2019 full codes: urusan.bidang.program[.kegiatan[.sub kegiatan]], e.g. 2.17.02.2.01.0001;
# "X.XX" stands for the support programs shared by every bidang.
_KODE_PERMENDAGRI = re.compile(r"^[0-9X]\.[0-9X]{2}\.\d{2}(?:\.\d\.\d{2}(?:\.\d{2,4})?)?$", re.IGNORECASE)
_KODE_LOKAL = re.compile(r"^\d{1,4}(?:\.\d{1,4}){0,2}$")
KODE_GROUPS = {"program": 3, "kegiatan": 5, "sub_kegiatan": 6}  # groups of a full code per level


def _blank_to_na(series: pd.Series) -> pd.Series:
    """Return text cells with "" as missing."""
    text = series.astype("string")
    return text.mask(text.eq(""))


def _fill_down(frame: pd.DataFrame, columns: list[str], by: str | None = None) -> pd.DataFrame:
    """Return ``frame`` with blank (merged) cells of ``columns`` filled from the row above."""
    if by is None:  # the row each value comes from, carried down as a position: one take per column
        filled = {}
        for c in columns:
            text = frame[c].astype("string")
            above = np.where(
                (text.notna() & text.ne("")).to_numpy(dtype=bool, na_value=False), np.arange(len(frame)), -1
            )
            filled[c] = _take(text, np.maximum.accumulate(above, out=above), frame.index)
        return frame.assign(**filled)
    out = frame.assign(**{c: _blank_to_na(frame[c]) for c in columns})
    filled = out.groupby(by)[columns].ffill()
    return out.assign(**{c: filled[c] for c in columns})


def _numbers(frame: pd.DataFrame, columns: list[str], convention: Convention | None) -> pd.DataFrame:
    """Return ``frame`` with ``columns`` parsed as numbers (float64, NaN for blanks)."""
    return frame.assign(
        **{c: parse_series(frame[c], convention=convention, column=c, rows=frame[ROW]) for c in columns}
    )


def _fail(row: pd.Series, column: str, message: str) -> RawDataError:
    """Return the error for one cell of a raw row."""
    return RawDataError(message, row=int(row[ROW]), column=column, value=row.get(column))


def _require(frame: pd.DataFrame, columns: list[str]) -> None:
    """Raise on the first empty cell of ``columns``."""
    for column in columns:
        empty = frame[column].isna() | frame[column].astype("string").eq("")
        if empty.any():
            raise _fail(frame[empty].iloc[0], column, "required value is empty")


def _as_int(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Raise on a non-whole count, then return ``frame`` (blank counts stay NaN)."""
    for column in columns:
        frac = frame[column].notna() & (frame[column] % 1 != 0)
        if frac.any():
            raise _fail(frame[frac].iloc[0], column, "a count must be a whole number")
    return frame


def _split_totals(
    raw: pd.DataFrame, table: str, numeric: list[str], tahun: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the item rows and the printed total row (one row per figure) of a table."""
    items, totals = raw[~raw[IS_TOTAL]], raw[raw[IS_TOTAL]]
    if len(totals) > 1:
        raise _fail(totals.iloc[1], numeric[0], "more than one total row")
    rows = [
        {
            "tahun": tahun,
            "tabel": TOTAL_TABLE_LABELS[table],
            "kolom": c,
            "nilai_total": totals[c].iloc[0],
        }
        for c in numeric
        if len(totals) and pd.notna(totals[c].iloc[0])
    ]
    frame = pd.DataFrame(rows, columns=schema.TABLES["total_tabel"].columns)
    return items.drop(columns=[IS_TOTAL]), frame


def _match_indicators(frame: pd.DataFrame, iku: pd.DataFrame, column: str = "indikator") -> pd.Series:
    """Return the ``indikator_no`` of each row, matching names to the year's IKU.

    Raises :class:`RawDataError` for a name that is not an indicator of the year.
    """
    lookup = dict(zip(iku["indikator"].map(name_key), iku["indikator_no"], strict=True))
    numbers = frame[column].map(lambda v: lookup.get(name_key(v)))
    unknown = numbers.isna()
    if unknown.any():
        raise _fail(frame[unknown].iloc[0], column, "not an indicator of Tabel 3.1 of this year")
    return numbers.astype("int64")


# --- cleaners -------------------------------------------------------------------------------


def clean_metadata(raw: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Return metadata: one row per key.

    Raises on an unknown key (see :data:`lkjip.raw.METADATA_KEYS`), a duplicate
    key, a 'tahun' that disagrees with the folder, and a setting
    (``format_angka``, ``skala_predikat``, ``rumus_negatif``) outside its choices.
    """
    frame = raw.assign(kunci=raw["kunci"].astype(str).str.strip().str.lower())
    _require(frame, ["kunci"])
    unknown = ~frame["kunci"].isin(METADATA_KEYS)
    if unknown.any():
        raise _fail(
            frame[unknown].iloc[0], "kunci", f"unknown metadata key; known keys: {', '.join(METADATA_KEYS)}"
        )
    stated = frame[frame["kunci"] == "tahun"]
    if not stated.empty and str(stated["nilai"].iloc[0]).strip() != str(tahun):
        raise _fail(stated.iloc[0], "nilai", f"metadata year differs from the folder year {tahun}")
    dup = frame["kunci"].duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "kunci", "duplicate key")
    out = frame.assign(tahun=tahun, nilai=frame["nilai"].astype(str).str.strip())[["tahun", "kunci", "nilai"]]
    for _, row in frame[frame["kunci"].isin([*config.YEAR_SETTINGS, "format_angka"])].iterrows():
        value = str(row["nilai"]).strip()
        if row["kunci"] == "format_angka" and value.lower() not in ("id", "en"):
            raise _fail(row, "nilai", "format_angka must be 'id' or 'en'")
        if row["kunci"] != "format_angka":
            try:
                config.validate_setting(row["kunci"], value, "metadata")
            except ConfigError as err:
                raise _fail(row, "nilai", str(err).removeprefix("metadata: ")) from None
    return schema.check(out, "metadata")


def year_settings(metadata: pd.DataFrame) -> dict[str, str]:
    """Return the analysis settings a year's metadata fixes (``skala_predikat``, ``rumus_negatif``)."""
    rows = metadata[metadata["kunci"].isin(config.YEAR_SETTINGS)]
    return dict(zip(rows["kunci"], rows["nilai"].str.strip(), strict=True))


def kelompok_rutin(metadata: pd.DataFrame) -> set[str]:
    """Return the name keys of the budget groups the metadata declares routine (``kelompok_rutin``)."""
    value = metadata.loc[metadata["kunci"] == "kelompok_rutin", "nilai"]
    if value.empty:
        return set()
    return {name_key(v) for v in str(value.iloc[0]).split(KELOMPOK_RUTIN_SEPARATOR) if v.strip()}


def number_convention(metadata: pd.DataFrame) -> Convention | None:
    """Return the convention forced by the metadata key ``format_angka``, if any."""
    value = metadata.loc[metadata["kunci"] == "format_angka", "nilai"]
    if value.empty:
        return None
    text = str(value.iloc[0]).strip().lower()
    if text not in ("id", "en"):
        raise RawDataError("format_angka must be 'id' or 'en'", column="nilai", value=text)
    return text  # type: ignore[return-value]


def clean_pegawai(
    raw: pd.DataFrame, tahun: int, convention: Convention | None = None, *, present: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (pegawai: one row per golongan x pendidikan, pegawai_golongan, totals).

    A blank count cell means zero staff. ``present``: the columns the file has
    (by default ``raw.attrs["present"]``, as :func:`lkjip.raw.read_table` sets it).
    """
    if present is None:
        present = raw.attrs.get("present", list(raw.columns))
    levels = [c for c in schema.PENDIDIKAN if c in present]
    frame = raw.pipe(_numbers, ["jumlah", *levels], convention).pipe(_as_int, ["jumlah", *levels])
    items, totals = _split_totals(frame, "pegawai", ["jumlah", *levels], tahun)
    _require(items, ["golongan"])
    per_golongan = items.assign(tahun=tahun, jumlah=items["jumlah"].fillna(0))[
        ["tahun", "golongan", "jumlah"]
    ]
    long = (
        items.drop(columns=["jumlah"])
        .melt(id_vars=["golongan"], value_vars=levels, var_name="pendidikan", value_name="jumlah")
        .assign(tahun=tahun, jumlah=lambda d: d["jumlah"].fillna(0))[
            ["tahun", "golongan", "pendidikan", "jumlah"]
        ]
    )
    return (
        schema.check(long, "pegawai"),
        schema.check(per_golongan, "pegawai_golongan"),
        schema.check(totals, "total_tabel"),
    )


def clean_aset(
    raw: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (aset: one row per kind of asset, totals of the printed total row)."""
    frame = raw.pipe(_numbers, ["jumlah"], convention).pipe(_as_int, ["jumlah"])
    items, totals = _split_totals(frame, "aset", ["jumlah"], tahun)
    _require(items, ["no", "nama", "jumlah"])
    items = items.pipe(_numbers, ["no"], None).pipe(_as_int, ["no"])
    out = items.assign(tahun=tahun).rename(columns={"no": "aset_no", "nama": "aset_nama"})[
        list(schema.TABLES["aset"].columns)
    ]
    return schema.check(out, "aset"), schema.check(totals, "total_tabel")


def clean_tujuan_sasaran(raw: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Return Tabel 2.1: one row per indicator with strategy, tujuan and sasaran filled down."""
    frame = raw.pipe(_fill_down, ["strategi", "arah_kebijakan", "tujuan", "sasaran"])
    _require(frame, ["indikator", "tujuan"])
    out = frame.assign(tahun=tahun)[list(schema.TABLES["tujuan_sasaran"].columns)]
    dup = out["indikator"].map(name_key).duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "indikator", "indicator listed twice")
    return schema.check(out, "tujuan_sasaran")


def _tingkat(frame: pd.DataFrame) -> pd.Series:
    """Return the level of each row from the header text of its section."""
    levels = frame[SECTION].map(lambda v: TINGKAT_LABELS.get(name_key(v)))
    if levels.isna().any():
        raise _fail(frame[levels.isna()].iloc[0], SECTION, "section header must read Tujuan or Sasaran")
    return levels


def _targets(frame: pd.DataFrame, convention: Convention | None) -> pd.DataFrame:
    """Return ``frame`` with ``target`` parsed and ranges ("80 - 90", "80 s.d. 90") split into ``target_atas``.

    Typed numbers (XLSX) stay as they are; a text cell that is a range gives its
    lower bound to ``target`` and its upper bound to ``target_atas``. Raises on a
    range whose lower bound is above its upper bound.
    """
    matches = frame["target"].map(lambda v: RANGE_PATTERN.match(v) if isinstance(v, str) else None)
    is_range = matches.notna()
    lower = frame["target"].astype(object).where(~is_range, matches.map(lambda m: m.group(1) if m else None))
    upper = matches.map(lambda m: m.group(2) if m else "").astype(object)
    if is_arrow_text(frame["target"].dtype):  # text from a CSV stays Arrow text, which numbers read fastest
        lower, upper = lower.astype("str"), upper.astype("str")
    parsed = frame.assign(target=lower, target_atas=upper).pipe(
        _numbers, ["target", "target_atas"], convention
    )
    inverted = parsed["target"] > parsed["target_atas"]
    if inverted.any():
        first = frame[inverted.to_numpy()].iloc[0]
        raise _fail(first, "target", "a range target must be written lower bound first ('80 - 90')")
    return parsed


def _polaritas(frame: pd.DataFrame) -> pd.Series:
    """Return the polarity each row states (missing where the cell is blank); raise on an unknown spelling."""
    text = frame["polaritas"].map(lambda v: "" if v is None or pd.isna(v) else str(v).strip().lower())
    stated = text.map(POLARITAS_LABELS)
    unknown = stated.isna() & text.ne("")
    if unknown.any():
        accepted = ", ".join(sorted(set(POLARITAS_LABELS)))
        raise _fail(frame[unknown].iloc[0], "polaritas", f"unknown polarity; accepted: {accepted}")
    return stated.astype("string")


def clean_iku_rencana(raw: pd.DataFrame, tahun: int, convention: Convention | None = None) -> pd.DataFrame:
    """Return Tabel 2.2: one row per indicator (in printed order) with level, target and stated polarity.

    ``polaritas`` is what Tabel 2.2 states (empty where it states nothing);
    :func:`clean_iku` reconciles it with Tabel 3.1.
    """
    frame = raw.assign(tingkat=lambda d: _tingkat(d)).pipe(_fill_down, ["uraian"], by=SECTION)
    _require(frame, ["indikator", "satuan", "uraian"])
    dup = frame["indikator"].map(name_key).duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "indikator", "indicator listed twice")
    frame = frame.pipe(_targets, convention)
    out = frame.assign(
        tahun=tahun,
        indikator_no=range(1, len(frame) + 1),
        tujuan=frame["uraian"].where(frame["tingkat"] == "tujuan"),
        sasaran=frame["uraian"].where(frame["tingkat"] == "sasaran"),
        polaritas_tertulis=_polaritas(frame),
        baris_sumber=frame[ROW],
    )[list(schema.TABLES["iku_rencana"].columns)]
    return schema.check(out, "iku_rencana")


def clean_iku(
    raw: pd.DataFrame,
    rencana: pd.DataFrame,
    tujuan_sasaran: pd.DataFrame,
    tahun: int,
    convention: Convention | None = None,
    rencana_file: str = "tabel_2_2_iku",
) -> pd.DataFrame:
    """Return Tabel 3.1: one row per indicator with target, realisasi, polarity and printed capaian.

    Level and order come from Tabel 2.2, the tujuan from Tabel 2.1; an
    indicator missing from either raises :class:`RawDataError`. Polarity is the
    one stated in Tabel 3.1 or Tabel 2.2 (both may state it; when they disagree
    the error names both files and rows), else ``rentang`` for a range target,
    else positif. A range target with another stated polarity, or ``rentang``
    without a range target, is refused.
    """
    _require(raw, ["indikator"])
    plan = rencana.assign(_key=rencana["indikator"].map(name_key))
    goals = dict(zip(tujuan_sasaran["indikator"].map(name_key), tujuan_sasaran["tujuan"], strict=True))
    frame = raw.assign(_key=raw["indikator"].map(name_key))
    dup = frame["_key"].duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "indikator", "indicator listed twice")
    for _, row in frame.iterrows():
        if row["_key"] not in set(plan["_key"]):
            raise _fail(row, "indikator", f"indicator not in Tabel 2.2 ({rencana_file})")
        if row["_key"] not in goals:
            raise _fail(row, "indikator", "indicator not in Tabel 2.1 (tabel_2_1_tujuan_sasaran)")
    frame = (
        frame.assign(polaritas_3_1=_polaritas(frame))
        .pipe(_targets, convention)
        .pipe(_numbers, ["realisasi", "capaian"], convention)
        .merge(
            plan[["_key", "indikator_no", "tingkat", "sasaran", "polaritas_tertulis", "baris_sumber"]].rename(
                columns={"polaritas_tertulis": "polaritas_2_2"}
            ),
            on="_key",
            how="left",
            validate="1:1",
        )
    )
    both = frame["polaritas_3_1"].notna() & frame["polaritas_2_2"].notna()
    differ = both & frame["polaritas_3_1"].ne(frame["polaritas_2_2"]).fillna(False)
    if differ.any():
        row = frame[differ.to_numpy()].iloc[0]
        raise _fail(
            row,
            "polaritas",
            f"Tabel 3.1 says {row['polaritas_3_1']} but Tabel 2.2 ({rencana_file}, row {int(row['baris_sumber'])}) "
            f"says {row['polaritas_2_2']}; make them agree",
        )
    stated = frame["polaritas_3_1"].fillna(frame["polaritas_2_2"])
    is_range = frame["target_atas"].notna()
    bad_range = is_range & stated.notna() & stated.ne("rentang").fillna(False)
    if bad_range.any():
        raise _fail(
            frame[bad_range.to_numpy()].iloc[0],
            "target",
            f"a range target needs polarity rentang, not {stated[bad_range].iloc[0]}",
        )
    no_range = ~is_range & stated.eq("rentang").fillna(False) & frame["target"].notna()
    if no_range.any():
        raise _fail(
            frame[no_range.to_numpy()].iloc[0],
            "target",
            "polarity rentang needs a range target such as '80 - 90'",
        )
    polaritas = stated.where(
        stated.notna(), pd.Series("rentang", index=frame.index).where(is_range, POLARITAS_DEFAULT)
    )
    out = frame.assign(
        tahun=tahun,
        tujuan=frame["_key"].map(goals),
        polaritas=polaritas,
        capaian_pct_laporan=frame["capaian"],
    ).sort_values("indikator_no")[list(schema.TABLES["iku"].columns)]
    return schema.check(out, "iku")


def clean_iku_analisis(
    raw: pd.DataFrame, tabel: str, iku: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> pd.DataFrame:
    """Return Tabel 3.2 or 3.3 (``tabel``) as restated: one row per indicator of that table."""
    frame = raw.pipe(_numbers, ["capaian_tahun", "target", "realisasi", "capaian"], convention)
    out = frame.assign(
        tahun=tahun,
        tabel=tabel,
        indikator_no=_match_indicators(frame, iku),
        satuan=_blank_to_na(frame["satuan"]),
        realisasi_kolom_capaian=frame["capaian_tahun"],
        capaian_pct_laporan=frame["capaian"],
    )[list(schema.TABLES["iku_analisis"].columns)]
    return schema.check(out, "iku_analisis")


def _first_bad(frame: pd.DataFrame, mask: pd.Series, column: str, message: str) -> None:
    """Raise the error ``message`` for the first row of ``mask``, if any."""
    if mask.any():
        raise _fail(frame[mask].iloc[0], column, message)


def _code_text(values: pd.Series) -> pd.Series:
    """Return code cells as text: typed whole numbers (XLSX) without ".0", a trailing dot dropped."""
    if (
        values.dtype != object
        and pd.api.types.is_string_dtype(values.dtype)
        or values.map(lambda v: isinstance(v, str)).all()
    ):  # from a CSV: all text
        text = values.astype(str)
    else:
        text = values.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
    text = text.str.strip()
    return text.str.rstrip(".") if text.str.endswith(".").any() else text  # each pass copies a column


def _starts_with(codes: pd.Series, parents: pd.Series) -> pd.Series:
    """Return, per row, whether a local code already begins with its parent's path ("01.02" under "01")."""
    out = pd.Series(False, index=codes.index)
    dotted = codes.str.contains(".", regex=False).fillna(False).astype(bool)  # only a dotted code can
    if dotted.any():  # carry its parent, and most local codes have no dot: the loop stays short
        out[dotted] = [
            isinstance(c, str) and isinstance(p, str) and c.startswith(p + ".")
            for c, p in zip(codes[dotted], parents[dotted], strict=True)
        ]
    return out


def _under(codes: pd.Series, parents: pd.Series) -> pd.Series:
    """Return each local code's path: ``parent.code``, or the code itself where it already carries its parent's."""
    joined = _joined(parents, codes)
    kept = _starts_with(codes, parents)
    return codes.where(kept, joined) if kept.any() else joined


def _labels(choices: list[str], codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Return text labels, ``choices[code]`` per row (built from integers, not compared as text)."""
    import pyarrow as pa

    return _as_text(pa.array(choices, pa.large_string()).take(pa.array(codes)), index)


def _as_text(values: object, index: pd.Index) -> pd.Series:
    """Return an Arrow text array as a text column (the "str" dtype the reader gives), without a copy."""
    import pyarrow as pa

    text = pd.StringDtype("pyarrow")
    as_text = values.to_pandas(types_mapper={pa.large_string(): text, pa.string(): text}.get)
    return pd.Series(as_text, index=index).astype("str")


def _arrow(values: pd.Series) -> object:
    """Return a text column as an Arrow chunked array of ``large_string`` (no copy for Arrow text)."""
    import pyarrow as pa

    return arrow_cells(values).cast(pa.large_string())


def _joined(parents: pd.Series, codes: pd.Series) -> pd.Series:
    """Return ``parent.code`` per row (missing where either is), joined in one pass."""
    import pyarrow as pa
    import pyarrow.compute as pc

    dot = pa.scalar(".", pa.large_string())
    return _as_text(pc.binary_join_element_wise(_arrow(parents), _arrow(codes), dot), parents.index)


def _one_chunk(values: pd.Series) -> pd.Series:
    """Return Arrow text in one piece (other columns as they are)."""
    if not is_arrow_text(values.dtype):
        return values
    chunks = _arrow(values)
    return values if chunks.num_chunks <= 1 else _as_text(chunks.combine_chunks(), values.index)


def _take(values: pd.Series, positions: np.ndarray, index: pd.Index | None = None) -> pd.Series:
    """Return ``values`` at integer ``positions`` (-1 gives a missing value), one row per position.

    The result is numbered 0, 1, ... unless ``index`` is given.
    """
    taken = pd.api.extensions.take(values.array, positions, allow_fill=True)
    return pd.Series(taken, index=index, dtype=values.dtype)


def _kode_mode(
    frame: pd.DataFrame, code: pd.Series, level: pd.Series, column_of: Callable[[pd.Series], str]
) -> str:
    """Return "permendagri" when the table prints full Permendagri 90 codes, else "lokal".

    Full codes are recognised by their form and their number of groups matching
    the row's level (3 program, 5 kegiatan, 6 sub kegiatan). A table that mixes
    full codes with other codes, or holds a code of neither form, is refused;
    ``column_of`` names the column the first of some rows' codes was read from.
    """
    printed = code.ne("")
    full_form = printed & code.str.fullmatch(_KODE_PERMENDAGRI.pattern, case=False)
    if full_form.any():
        groups = code.str.count(r"\.") + 1
        need = np.select([level.eq(name) for name in KODE_GROUPS], list(KODE_GROUPS.values()))
        fits_full = full_form & groups.eq(need)
    else:
        fits_full = full_form
    if fits_full.any():
        bad = printed & ~fits_full
        if bad.any():
            row = frame[bad].iloc[0]
            need = KODE_GROUPS[level[bad].iloc[0]]
            raise _fail(
                row,
                column_of(bad),
                f"other rows use full Permendagri 90 codes, but this {level[bad].iloc[0].replace('_', ' ')} code "
                f"is not one ({need} groups, e.g. {'2.17.02.2.01.0001'[: {3: 7, 5: 12, 6: 17}[need]]})",
            )
        return "permendagri"
    bad = printed & ~code.str.fullmatch(_KODE_LOKAL.pattern)
    if bad.any():
        raise _fail(
            frame[bad].iloc[0],
            column_of(bad),
            "not a budget code (e.g. 01, 01.02 or 2.17.02.2.01.0001)",
        )
    return "lokal"


class _BudgetRows(NamedTuple):
    """The budget table's printed rows, classified; each Series has one row per printed row."""

    frame: pd.DataFrame  # the raw rows: kelompok filled down, amounts parsed (errors name its cells)
    code: pd.Series  # the row's own code as printed, "" for none; a local code padded to two digits
    name: pd.Series  # the row's name, a code glued to it taken off
    level: pd.Series  # "program", "kegiatan" or "sub_kegiatan"
    is_program: pd.Series
    is_kegiatan: pd.Series
    is_sub: pd.Series
    mode: str  # "permendagri" or "lokal" (see :func:`_kode_mode`)


def _budget_rows(raw: pd.DataFrame, convention: Convention | None) -> _BudgetRows:
    """Return the budget table's rows classified as program, kegiatan or sub kegiatan line, with their codes.

    Raises :class:`RawDataError` for a line without code or amounts and for
    codes of neither form. The code cells and the names' glued codes are read
    here and released on return.
    """
    frame = raw.pipe(_fill_down, ["kelompok"]).pipe(_numbers, ["pagu", "realisasi", "capaian"], convention)
    _require(frame, ["kelompok", "uraian"])
    cells = {c: _code_text(frame[c]) for c in ("program", "kegiatan", "sub_kegiatan")}
    uraian = frame["uraian"].astype(str)
    # Codes glued to the name ("01 Perencanaan") only matter where no code column is filled.
    no_code = cells["program"].eq("") & cells["kegiatan"].eq("") & cells["sub_kegiatan"].eq("")
    glued = uraian[no_code].str.extract(_GLUED_CODE.pattern)  # (code, name): rows without a code cell only
    glued = glued[glued[0].notna()]
    has_glued = pd.Series(False, index=frame.index)
    has_glued[glued.index] = True
    is_sub = frame["pagu"].notna() | frame["realisasi"].notna()
    is_program = ~is_sub & cells["program"].ne("")
    is_kegiatan = ~is_sub & ~is_program
    _first_bad(
        frame,
        is_kegiatan & cells["sub_kegiatan"].ne(""),
        "pagu",
        "sub kegiatan line without pagu and realisasi",
    )

    code = cells["sub_kegiatan"].where(cells["sub_kegiatan"].ne(""), cells["kegiatan"])
    coded = is_sub | cells["kegiatan"].ne("") | ~is_kegiatan
    if not coded.all():
        code = code.where(coded, "")
    if not glued.empty:
        code = code.where(code.ne("") | ~has_glued, glued[0])
    code = code.where(~is_program, cells["program"])
    glued_name = has_glued & cells["sub_kegiatan"].eq("") & cells["kegiatan"].eq("")
    name = uraian.where(~glued_name, glued[1]) if glued_name.any() else uraian
    level = _labels(
        ["sub_kegiatan", "kegiatan", "program"],
        np.select([is_program, is_kegiatan], [2, 1], 0),
        frame.index,
    )
    _first_bad(frame, is_sub & code.eq(""), "sub_kegiatan", "sub kegiatan line without a code")
    for column in ("pagu", "realisasi"):
        _first_bad(
            frame,
            is_sub & frame[column].isna(),
            column,
            "a sub kegiatan line needs both pagu and realisasi (write 0 for none)",
        )
    mode = _kode_mode(frame, code, level, lambda rows: _code_column(frame, is_program, rows))
    if mode == "lokal":  # "1" is written "01"; a dotted code is longer than 2 already
        short = code.ne("") & (code.str.len() < 2)
        if short.any():
            code = code.where(~short, code.str.pad(2, fillchar="0"))
    return _BudgetRows(frame, code, name, level, is_program, is_kegiatan, is_sub, mode)


def _code_column(frame: pd.DataFrame, is_program: pd.Series, rows: pd.Series | np.ndarray) -> str:
    """Return the column the code of the first of ``rows`` was read from, as :func:`_budget_rows` read it.

    For error messages only: the first row's cells are read again.
    """
    row = int(np.flatnonzero(np.asarray(rows))[0])
    one = frame.iloc[row : row + 1]
    cells = {c: _code_text(one[c]).iloc[0] for c in ("program", "kegiatan", "sub_kegiatan")}
    no_code = all(isinstance(v, str) and v == "" for v in cells.values())
    if no_code and one["uraian"].astype(str).str.extract(_GLUED_CODE.pattern)[0].notna().iloc[0]:
        return "uraian"
    if is_program.iloc[row]:
        return "program"
    if cells["sub_kegiatan"] == "" and cells["kegiatan"] != "":
        return "kegiatan"
    return "sub_kegiatan"


def clean_anggaran(
    raw: pd.DataFrame,
    tahun: int,
    convention: Convention | None = None,
    *,
    sasaran: Iterable[str] = (),
    rutin: Iterable[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (anggaran: one row per sub kegiatan line, anggaran_hierarki: one row per printed row).

    Kelompok cells are filled down. Each group heading must name a sasaran of
    the year (``sasaran``: names) or be declared routine (``rutin``: name keys,
    from the metadata key ``kelompok_rutin``). A row with pagu or realisasi is a
    sub kegiatan line, whichever code column its number slipped into; a row
    without amounts is a program (code in 'No.') or a kegiatan header (code in
    'Kegiatan', or glued to the name as in "01 Perencanaan", as PDFs print it).

    Codes are either full Permendagri 90 codes (``2.17.02``, ``2.17.02.2.01``,
    ``2.17.02.2.01.0001``; each must sit under its parent) or local numbers
    (``01``, ``01.02``), detected from the values. ``kode`` keeps the code as
    printed; ``kode_lengkap`` is the full path (the code itself for full codes,
    program.kegiatan.sub composed for local ones, with '?' for a kegiatan printed
    without a code; never shown to readers). Raises :class:`RawDataError` for a
    line without code, amounts or parent, a code out of place, an undeclared
    group and a duplicate code within a group.
    """
    rows = _budget_rows(raw, convention)
    frame, code, name = rows.frame, _one_chunk(rows.code), rows.name
    group = _one_chunk(frame["kelompok"])  # taken from many times below: in one piece
    group_codes, headings = pd.factorize(group)  # factorised once; grouping by integers is fast
    at_program = _carry(rows.is_program.to_numpy(), group_codes)
    at_kegiatan = _carry(rows.is_kegiatan.to_numpy(), group_codes, ends=rows.is_program.to_numpy())
    _first_bad(
        frame, (rows.is_kegiatan | rows.is_sub) & (at_program < 0), "uraian", "row before any program row"
    )
    _first_bad(frame, rows.is_sub & (at_kegiatan < 0), "uraian", "sub kegiatan line before any kegiatan row")
    if rows.mode == "permendagri":
        full, parent = _paths_permendagri(rows, code, group_codes, at_program, at_kegiatan)
    else:
        full, parent = _paths_lokal(rows, code, at_program, at_kegiatan)

    # (kelompok, kode_lengkap) must be unique: checked once
    dup = schema.duplicated_keys(
        pd.DataFrame({"kelompok": group_codes, "full": full}, copy=False), ["kelompok", "full"], keep="first"
    )
    if dup.any():
        first = frame[dup].iloc[0]
        raise RawDataError(
            "duplicate code in its group",
            row=int(first[ROW]),
            column=_code_column(frame, rows.is_program, dup),
            value=code[dup].iloc[0] or name[dup].iloc[0],
        )
    jenis = _kelompok_jenis(frame, group_codes, headings, sasaran, rutin)

    # The outputs. What only the checks needed is released first: the peak is reached below.
    subs = np.flatnonzero(rows.is_sub.to_numpy())
    amounts = {c: frame[c].to_numpy()[subs] for c in ("pagu", "realisasi", "capaian")}
    program_of, kegiatan_of = at_program[subs], at_kegiatan[subs]
    kode = code.mask(code.eq(""))  # every program and sub kegiatan row has a code; a kegiatan may not
    level = rows.level
    del rows, frame, code, group_codes, at_program, at_kegiatan, dup
    release_freed_memory()
    lines = pd.DataFrame(  # one take per column, at the sub kegiatan lines
        {
            "tahun": tahun,
            "kelompok": _take(group, subs),
            "kelompok_jenis": _take(jenis, subs),
            "program_kode": _take(kode, program_of),
            "program_nama": _take(name, program_of),
            "kegiatan_kode": _take(kode, kegiatan_of),
            "kegiatan_nama": _take(name, kegiatan_of),
            "sub_kegiatan_kode": _take(kode, subs),
            "sub_kegiatan_nama": _take(name, subs),
            "kode_lengkap": _take(full, subs),
            "pagu_rp": amounts["pagu"],
            "realisasi_rp": amounts["realisasi"],
            "serapan_pct_laporan": amounts["capaian"],
        },
        copy=False,  # the columns are this function's own: copying each would only cost time and memory
    )
    tree = pd.DataFrame(
        {
            "tahun": tahun,
            "kelompok": group,
            "kelompok_jenis": jenis,
            "tingkat_anggaran": level,
            "kode": kode,
            "kode_induk": parent,
            "kode_lengkap": full,
            "nama": name,
        },
        copy=False,
    )
    # (kelompok, kode_lengkap) was found unique over every row above; tahun is one value
    return (
        schema.check(lines, "anggaran", key_checked=True),
        schema.check(tree, "anggaran_hierarki", key_checked=True),
    )


def _paths_lokal(
    rows: _BudgetRows, code: pd.Series, at_program: np.ndarray, at_kegiatan: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Return (kode_lengkap, kode_induk) for local codes, one row per printed row.

    A kegiatan's path (program.kegiatan, "?" for a kegiatan printed without a
    code) is composed once, on its own row, and carried to its sub kegiatan
    lines; a code that already begins with its parent's path is kept as it is.
    """
    programs, heads, subs = (
        np.flatnonzero(m.to_numpy()) for m in (rows.is_program, rows.is_kegiatan, rows.is_sub)
    )
    own = _take(code, heads)
    own = own.mask(own.eq(""), "?")
    above = _take(code, at_program[heads])
    path_own = _under(own, above)
    ordinal = np.searchsorted(heads, at_kegiatan[subs])  # each line's kegiatan, counted among the kegiatan
    path_kegiatan = _take(path_own, ordinal)
    path_sub = _under(_take(code, subs), path_kegiatan)
    full = _assemble(code.index, [(programs, _take(code, programs)), (heads, path_own), (subs, path_sub)])
    parent = _assemble(code.index, [(programs, None), (heads, above), (subs, path_kegiatan)])
    return full, parent


def _paths_permendagri(
    rows: _BudgetRows,
    code: pd.Series,
    group_codes: np.ndarray,
    at_program: np.ndarray,
    at_kegiatan: np.ndarray,
) -> tuple[pd.Series, pd.Series]:
    """Return (kode_lengkap, kode_induk) for full Permendagri 90 codes, one row per printed row.

    Raises :class:`RawDataError` for a code not under the row above it. A
    kegiatan printed without a code takes its path from its sub kegiatan codes.
    """
    frame, is_kegiatan, is_sub = rows.frame, rows.is_kegiatan, rows.is_sub
    program_kode = _take(code, at_program, frame.index)
    kegiatan_tertulis = _take(code, at_kegiatan, frame.index)  # "" for a kegiatan printed without a code
    head3 = code.str.extract(r"^([^.]+\.[^.]+\.[^.]+)", expand=False)
    head5 = code.str.extract(r"^((?:[^.]+\.){4}[^.]+)", expand=False)
    _first_bad(
        frame,
        is_kegiatan & code.ne("") & head3.ne(program_kode),
        "kegiatan",
        "kegiatan code is not under the program above it",
    )
    has_kegiatan = kegiatan_tertulis.fillna("").ne("")
    misplaced = is_sub & (
        (has_kegiatan & head5.ne(kegiatan_tertulis)) | (~has_kegiatan & head3.ne(program_kode))
    )
    if misplaced.any():
        raise _fail(
            frame[misplaced].iloc[0],
            _code_column(frame, rows.is_program, misplaced),
            "sub kegiatan code is not under the kegiatan above it",
        )
    # A kegiatan printed without a code: its sub kegiatan codes carry its path.
    inferred = head5.where(is_sub).groupby(group_codes, sort=False).bfill()
    full = code.mask(is_kegiatan & code.eq(""), inferred.fillna(program_kode + ".?"))
    parent = head5.where(is_sub).mask(is_kegiatan, program_kode)
    return full, parent


def _carry(rows: np.ndarray, groups: np.ndarray, ends: np.ndarray | None = None) -> np.ndarray:
    """Return, per row, the position of the last ``rows`` row at or above it in its group, or -1.

    ``groups`` holds each row's group as an integer; ``ends`` marks rows that
    end what is carried (a program row ends the kegiatan above it). Rows of a
    group are brought together by a stable sort, so a group printed in two
    places is one group, as it is for the key.
    """
    step = np.arange(len(rows))
    if not len(rows):
        return step
    # Groups printed one after another (the usual case) need no sort.
    order = None if (groups[1:] >= groups[:-1]).all() else np.argsort(groups, kind="stable")
    if order is not None:
        groups, rows, ends = groups[order], rows[order], None if ends is None else ends[order]
    # Running maxima, accumulated in place: each is one array the length of the table.
    start = np.where(np.r_[True, groups[1:] != groups[:-1]], step, 0)
    np.maximum.accumulate(start, out=start)
    last = np.where(rows, step, -1)
    np.maximum.accumulate(last, out=last)
    if ends is not None:
        ended = np.where(ends, step, -1)
        last[np.maximum.accumulate(ended, out=ended) > last] = -1
    if order is None:
        last[last < start] = -1
        return last
    out = np.empty(len(rows), dtype="int64")
    out[order] = np.where(last >= start, order[np.maximum(last, 0)], -1)
    return out


def _assemble(index: pd.Index, parts: list[tuple[np.ndarray, pd.Series | None]]) -> pd.Series:
    """Return a text column from parts ``(positions, values)`` that together cover each row once.

    ``None`` values leave their rows missing. The parts are joined and put in
    row order by one take.
    """
    import pyarrow as pa

    order = np.concatenate([positions for positions, _ in parts])
    chunks = []
    for positions, values in parts:
        if values is None:
            chunks.append(pa.nulls(len(positions), pa.large_string()))
        else:
            chunks.extend(_arrow(values).chunks)
    inverse = np.empty(len(order), dtype="int64")
    inverse[order] = np.arange(len(order))
    joined = pa.chunked_array(chunks, type=pa.large_string()).combine_chunks().take(pa.array(inverse))
    return _as_text(joined, index)


def _kelompok_jenis(
    frame: pd.DataFrame, groups: np.ndarray, headings: pd.Index, sasaran: Iterable[str], rutin: Iterable[str]
) -> pd.Series:
    """Return "rutin" or "sasaran" per row; raise on a group heading that is neither.

    ``groups`` holds each row's heading as a position in ``headings``. A
    heading is a sasaran group when it names a sasaran of the year (names
    compared by :func:`lkjip.text.name_key`), and routine when the metadata key
    ``kelompok_rutin`` declares it.
    """
    sasaran_keys, rutin_keys = {name_key(v) for v in sasaran}, set(rutin)
    kinds = np.array(
        [0 if name_key(h) in rutin_keys else 1 if name_key(h) in sasaran_keys else -1 for h in headings],
        dtype="int64",
    )
    per_row = kinds[groups]
    unknown = per_row < 0
    if unknown.any():
        raise _fail(
            frame[unknown].iloc[0],
            "kelompok",
            "budget group heading is neither a sasaran of Tabel 2.2 nor declared routine; name the sasaran as "
            "Tabel 2.2 does, or add the heading to the metadata key kelompok_rutin",
        )
    return _labels(["rutin", "sasaran"], per_row, frame.index)


def clean_belanja(raw: pd.DataFrame, tahun: int, convention: Convention | None = None) -> pd.DataFrame:
    """Return the spending summary: one row per spending kind (langsung, tidak langsung, total)."""
    frame = raw.pipe(_numbers, ["pagu", "realisasi"], convention)
    jenis = frame["jenis"].map(lambda v: JENIS_BELANJA_LABELS.get(name_key(v)))
    if jenis.isna().any():
        raise _fail(
            frame[jenis.isna()].iloc[0],
            "jenis",
            "unknown spending kind; expected Belanja Langsung, Belanja Tidak Langsung or Jumlah",
        )
    _require(frame, ["pagu", "realisasi"])
    out = frame.assign(
        tahun=tahun, jenis_belanja=jenis, pagu_rp=frame["pagu"], realisasi_rp=frame["realisasi"]
    )
    dup = out["jenis_belanja"].duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "jenis", "spending kind listed twice")
    return schema.check(out[list(schema.TABLES["belanja"].columns)], "belanja")


def clean_kesehatan_ksp(
    raw: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (kesehatan_ksp: one row per predikat, totals); a blank count is zero."""
    frame = raw.pipe(_numbers, ["jumlah"], convention).pipe(_as_int, ["jumlah"])
    items, totals = _split_totals(frame, "kesehatan_ksp", ["jumlah"], tahun)
    predikat = items["predikat"].map(lambda v: re.sub(r"\s+", " ", str(v)).strip().upper())
    unknown = ~predikat.isin(PREDIKAT_KSP)
    if unknown.any():
        raise _fail(
            items[unknown].iloc[0],
            "predikat",
            f"unknown predikat; expected one of {PREDIKAT_KSP}",
        )
    dup = predikat.duplicated()
    if dup.any():
        raise _fail(items[dup].iloc[0], "predikat", "predikat listed twice")
    out = items.assign(tahun=tahun, predikat=predikat, jumlah=items["jumlah"].fillna(0))[
        ["tahun", "predikat", "jumlah"]
    ]
    return schema.check(out, "kesehatan_ksp"), schema.check(totals, "total_tabel")


def clean_keluaran(raw: pd.DataFrame, tahun: int, convention: Convention | None = None) -> pd.DataFrame:
    """Return outputs stated in the prose: one row per output, program filled down."""
    frame = raw.pipe(_fill_down, ["program"]).pipe(
        _numbers, ["volume", "anggaran", "biaya_satuan"], convention
    )
    _require(frame, ["program", "keluaran"])
    out = frame.assign(
        tahun=tahun,
        keluaran_no=range(1, len(frame) + 1),
        program_nama=frame["program"],
        keluaran_nama=frame["keluaran"],
        sub_kegiatan_nama=_blank_to_na(frame["sub_kegiatan"]),
        satuan=_blank_to_na(frame["satuan"]),
        anggaran_rp=frame["anggaran"],
        biaya_satuan_rp=frame["biaya_satuan"],
        sumber=_blank_to_na(frame["sumber"]),
    )[list(schema.TABLES["keluaran"].columns)]
    return schema.check(out, "keluaran")


def clean_indikator_program(raw: pd.DataFrame, iku: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Return one row per indicator x supporting program x kegiatan (names filled down)."""
    frame = raw.pipe(_fill_down, ["indikator", "program"], by=None)
    _require(frame, ["indikator", "program", "kegiatan"])
    out = frame.assign(
        tahun=tahun,
        indikator_no=_match_indicators(frame, iku),
        program_nama=frame["program"],
        kegiatan_nama=frame["kegiatan"],
    )[list(schema.TABLES["indikator_program"].columns)]
    return schema.check(out, "indikator_program")


def clean_penjelasan(raw: pd.DataFrame, iku: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Return the analyst's text: one row per indicator."""
    _require(raw, ["indikator", "penjelasan"])
    out = raw.assign(
        tahun=tahun,
        indikator_no=_match_indicators(raw, iku),
        permasalahan=_blank_to_na(raw["permasalahan"]),
    )[list(schema.TABLES["penjelasan_indikator"].columns)]
    return schema.check(out, "penjelasan_indikator")


def clean_angka_narasi(raw: pd.DataFrame, tahun: int, convention: Convention | None = None) -> pd.DataFrame:
    """Return the figures stated in the prose: one row per statement, value parsed and kept as written.

    Raises on an unknown ``besaran`` (see :data:`lkjip.schema.BESARAN`).
    """
    _require(raw, ["besaran", "objek", "nilai", "letak"])
    besaran = raw["besaran"].map(lambda v: str(v).strip().lower().replace(" ", "_"))
    unknown = ~besaran.isin(schema.BESARAN)
    if unknown.any():
        raise _fail(
            raw[unknown].iloc[0], "besaran", f"unknown besaran; expected one of {', '.join(schema.BESARAN)}"
        )
    frame = raw.assign(nilai_tertulis=raw["nilai"]).pipe(_numbers, ["nilai"], convention)
    out = frame.assign(
        tahun=tahun,
        narasi_no=range(1, len(frame) + 1),
        besaran=besaran,
        nilai_angka=frame["nilai"],
        satuan=_blank_to_na(frame["satuan"]),
        terbilang=_blank_to_na(frame["terbilang"]),
    )[list(schema.TABLES["angka_narasi"].columns)]
    return schema.check(out, "angka_narasi")


def _range_matches_polarity(frame: pd.DataFrame, iku: pd.DataFrame, numbers: pd.Series) -> None:
    """Raise when a target is a range for an indicator that is not rentang, or the other way round."""
    polaritas = numbers.map(dict(zip(iku["indikator_no"], iku["polaritas"], strict=True)))
    is_range = frame["target_atas"].notna()
    wrong = frame["target"].notna() & is_range.ne(polaritas.eq("rentang"))
    if wrong.any():
        row = frame[wrong].iloc[0]
        need = "a range such as '80 - 90'" if polaritas[wrong].iloc[0] == "rentang" else "a single value"
        raise _fail(
            row,
            "target",
            f"the indicator's polarity is {polaritas[wrong].iloc[0]}, so its target must be {need}",
        )


def clean_target_renstra(
    raw: pd.DataFrame, iku: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> pd.DataFrame:
    """Return Renstra targets: one row per indicator x Renstra year (a range target split as in Tabel 3.1)."""
    frame = (
        raw.pipe(_fill_down, ["indikator"])
        .pipe(_numbers, ["tahun_target"], None)
        .pipe(_as_int, ["tahun_target"])
        .pipe(_targets, convention)
    )
    _require(frame, ["indikator", "tahun_target", "target"])
    numbers = _match_indicators(frame, iku)
    _range_matches_polarity(frame, iku, numbers)
    out = frame.assign(tahun=tahun, indikator_no=numbers)
    dup = out[["indikator_no", "tahun_target"]].duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "tahun_target", "the indicator has two targets for this year")
    return schema.check(out[list(schema.TABLES["target_renstra"].columns)], "target_renstra")


def clean_riwayat_iku(
    raw: pd.DataFrame, iku: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> pd.DataFrame:
    """Return the history of each indicator: one row per indicator x earlier year (or its Renstra baseline).

    'Tahun' is a year up to ``tahun``, or "Kondisi Awal" (optionally with its
    year, "Kondisi Awal 2022") for the Renstra baseline; target, realisasi and
    capaian are kept as printed (a range target split as in Tabel 3.1). Raises on
    a later year, an unknown indicator and a duplicate indicator x period.
    """
    frame = raw.pipe(_fill_down, ["indikator"])
    _require(frame, ["indikator", "tahun_data"])
    text = frame["tahun_data"].map(
        lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
    )
    baseline = text.map(lambda v: KONDISI_AWAL_PATTERN.match(v))
    is_baseline = baseline.notna()
    year_text = text.where(~is_baseline, baseline.map(lambda m: (m.group(1) or "") if m else ""))
    bad = ~year_text.str.fullmatch(r"\d{4}|") | (~is_baseline & year_text.eq(""))
    _first_bad(frame, bad, "tahun_data", "write a year (2021) or 'Kondisi Awal' (optionally with its year)")
    years = pd.to_numeric(year_text.where(year_text.ne("")), errors="raise").astype("Int64")
    _first_bad(frame, years.gt(tahun).fillna(False), "tahun_data", f"a year after {tahun} is not history")
    frame = frame.pipe(_targets, convention).pipe(_numbers, ["realisasi", "capaian"], convention)
    numbers = _match_indicators(frame, iku)
    _range_matches_polarity(frame, iku, numbers)
    periode = years.astype("string").where(~is_baseline, "kondisi_awal")
    out = frame.assign(
        tahun=tahun,
        indikator_no=numbers,
        periode=periode,
        tahun_data=years,
        capaian_pct_laporan=frame["capaian"],
    )
    dup = out[["indikator_no", "periode"]].duplicated()
    _first_bad(frame, dup, "tahun_data", "the indicator has two rows for this year")
    return schema.check(out[list(schema.TABLES["riwayat_iku"].columns)], "riwayat_iku")


def clean_standar_nasional(
    raw: pd.DataFrame, iku: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> pd.DataFrame:
    """Return national standards: one row per indicator that has one."""
    frame = raw.pipe(_numbers, ["nilai"], convention)
    _require(frame, ["indikator", "nilai"])
    out = frame.assign(
        tahun=tahun,
        indikator_no=_match_indicators(frame, iku),
        standar=frame["nilai"],
        sumber=_blank_to_na(frame["sumber"]),
    )
    return schema.check(out[list(schema.TABLES["standar_nasional"].columns)], "standar_nasional")


# --- one year ---------------------------------------------------------------------------------


def clean_year(tahun: int, root: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Return every processed table of one year, keyed by table name (nothing is written).

    Raises :class:`YearNotFoundError` when ``data/raw/<tahun>`` does not exist and
    :class:`RawDataError` for the first bad input found, naming the file and the
    column by the header the user wrote.
    """
    p = config.paths(root)
    year_dir = p.raw_year(tahun)
    if not year_dir.is_dir():
        raise YearNotFoundError(f"no raw data for {tahun}: folder data/raw/{tahun} does not exist")
    headers: dict[str, dict[str, str]] = {}
    present: dict[str, list[str]] = {}

    def read(name: str) -> pd.DataFrame | None:
        """Return the raw table; an optional table with no rows reads as absent, a required one is refused."""
        spec = RAW_TABLES[name]
        frame = read_table(year_dir, spec, relative_to=p.root)
        if frame is None:
            return None
        headers[name] = frame.attrs.get("headers", {})
        present[name] = frame.attrs.get("present", list(frame.columns))
        frame.attrs = {}  # pandas copies attrs deeply on every operation: what cleaners read is passed
        if frame[~frame[IS_TOTAL]].empty:
            if not spec.is_required_file:
                return None
            raise RawDataError(f"the table has a header but no rows ({spec.title})", file=shown(name), row=2)
        return frame

    def shown(name: str) -> str:
        file = find_file(year_dir, RAW_TABLES[name]) or year_dir / f"{RAW_TABLES[name].stem}.csv"
        return file.relative_to(p.root).as_posix()

    def run(name: str, func: Callable[..., object], *args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except RawDataError as err:
            column = headers.get(name, {}).get(err.column or "", err.column)
            raise RawDataError(
                err.reason, file=shown(name), row=err.row, column=column, value=err.value
            ) from None

    for name, suggestion in unknown_files(year_dir):
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        log.warning("data/raw/%s/%s is not a table lkjip reads and is ignored%s", tahun, name, hint)
    metadata = run("metadata", clean_metadata, read("metadata"), tahun)
    conv = run("metadata", number_convention, metadata)
    raw_pegawai = read("pegawai")
    pegawai, pegawai_golongan, total_pegawai = run(
        "pegawai", clean_pegawai, raw_pegawai, tahun, conv, present=present.get("pegawai")
    )
    aset, total_aset = run("aset", clean_aset, read("aset"), tahun, conv)
    tujuan_sasaran = run("tujuan_sasaran", clean_tujuan_sasaran, read("tujuan_sasaran"), tahun)
    rencana = run("iku_rencana", clean_iku_rencana, read("iku_rencana"), tahun, conv)
    iku = run(
        "iku", clean_iku, read("iku"), rencana, tujuan_sasaran, tahun, conv, rencana_file=shown("iku_rencana")
    )
    tables: dict[str, pd.DataFrame] = {
        "metadata": metadata,
        "pegawai": pegawai,
        "pegawai_golongan": pegawai_golongan,
        "aset": aset,
        "tujuan_sasaran": tujuan_sasaran,
        "iku_rencana": rencana,
        "iku": iku,
    }
    restated = [
        run(name, clean_iku_analisis, raw, TABEL_TINGKAT[tingkat], iku, tahun, conv)
        for name, tingkat in (("iku_tujuan", "tujuan"), ("iku_sasaran", "sasaran"))
        if (raw := read(name)) is not None
    ]
    tables["iku_analisis"] = schema.check(
        pd.concat(restated, ignore_index=True) if restated else schema.empty("iku_analisis"), "iku_analisis"
    )
    tables["anggaran"], tables["anggaran_hierarki"] = run(
        "anggaran",
        clean_anggaran,
        read("anggaran"),
        tahun,
        conv,
        sasaran=rencana["sasaran"].dropna(),
        rutin=kelompok_rutin(metadata),
    )
    tables["belanja"] = run("belanja", clean_belanja, read("belanja"), tahun, conv)
    ksp, total_ksp = run("kesehatan_ksp", clean_kesehatan_ksp, read("kesehatan_ksp"), tahun, conv)
    tables["kesehatan_ksp"] = ksp
    tables["total_tabel"] = schema.check(
        pd.concat(
            [t for t in (total_pegawai, total_aset, total_ksp) if len(t)] or [schema.empty("total_tabel")],
            ignore_index=True,
        ),
        "total_tabel",
    )
    optional: dict[str, tuple[Callable[..., pd.DataFrame], tuple[object, ...]]] = {
        "keluaran": (clean_keluaran, (tahun, conv)),
        "indikator_program": (clean_indikator_program, (iku, tahun)),
        "penjelasan_indikator": (clean_penjelasan, (iku, tahun)),
        "angka_narasi": (clean_angka_narasi, (tahun, conv)),
        "target_renstra": (clean_target_renstra, (iku, tahun, conv)),
        "standar_nasional": (clean_standar_nasional, (iku, tahun, conv)),
        "riwayat_iku": (clean_riwayat_iku, (iku, tahun, conv)),
    }
    for name, (func, args) in optional.items():
        raw = read(name)
        tables[name] = schema.empty(name) if raw is None else run(name, func, raw, *args)
    tables["judul_kolom"] = schema.check(
        pd.DataFrame(
            [
                (tahun, shown(name), kolom, judul)
                for name, cols in headers.items()
                for kolom, judul in cols.items()
            ],
            columns=list(schema.TABLES["judul_kolom"].columns),
        ),
        "judul_kolom",
    )
    return tables
