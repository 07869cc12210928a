"""Parse and format numbers as they appear in Indonesian reports and other systems.

Two conventions exist: Indonesian (``4.962.111.000,00``, ``123,46``) and the
other one (``1,004,422,800``, ``99.66``). A column uses one of them; which one is
decided from its values, and a column whose values fit both (``2.600`` alone) is
refused rather than guessed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import numpy as np
import pandas as pd
from babel.numbers import format_decimal

from lkjip.errors import RawDataError

Convention = Literal["id", "en"]

LOCALE = "id_ID"

# No figure of an LKjIP comes near this (Rp 1.000 triliun, above any regional budget); beyond it
# a float also stops holding whole rupiah exactly. A larger cell is a typo or a glued column.
MAX_ABS = 1e15

# Spellings that mean "no value" in a number cell.
NULL_SPELLINGS = frozenset({"", "-", "–", "—", "--", "n/a", "na", "nihil"})

# Decorations stripped before a number is read: currency, percent, trailing ",-".
_DECORATION = r"(?i)^\s*(?:rp\.?\s*)|\s*%\s*$|(?<=\d),-+$|(?<=\d)\s*,?-+\s*$"

# Digits are ASCII digits: Python's \d also takes other scripts' digits ("١"), which Arrow's
# number parser refuses, and which no LKjIP prints.
_INT = r"-?[0-9]+"
_ID_GROUPED = r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"
_ID_DECIMAL = r"-?[0-9]+,[0-9]+"
_EN_GROUPED = r"-?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?"
_EN_DECIMAL = r"-?[0-9]+\.[0-9]+"


def _strip(values: pd.Series) -> pd.Series:
    """Return the text of each cell without currency, percent and spaces."""
    text = values.astype("str")
    if text.str.contains("[Rr%\\- \u00a0]", regex=True).any():  # only then can a decoration be present
        text = text.str.replace("\u00a0", " ", regex=False).str.strip()
        text = text.str.replace(_DECORATION, "", regex=True).str.replace(" ", "", regex=False)
    return text


def _text_cells(values: pd.Series) -> pd.Series:
    """Return, per cell, whether it holds text (not a typed number or a missing value)."""
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        return values.notna()
    return values.map(lambda v: isinstance(v, str))


_ID = f"{_ID_GROUPED}|{_ID_DECIMAL}"
_EN = f"{_EN_GROUPED}|{_EN_DECIMAL}"


def _classify(text: pd.Series) -> pd.DataFrame:
    """Return, per cell, whether it reads as an integer, Indonesian or other number."""
    return pd.DataFrame(
        {
            "int": text.str.fullmatch(_INT).fillna(False).astype(bool),
            "id": text.str.fullmatch(_ID).fillna(False).astype(bool),
            "en": text.str.fullmatch(_EN).fillna(False).astype(bool),
        }
    )


def _prepare(values: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Return the stripped non-null text cells of a column and their classification."""
    text = _strip(values[_text_cells(values)])
    text = text[~text.str.lower().isin(NULL_SPELLINGS)]
    return text, _classify(text)


def detect_convention(
    values: pd.Series,
    *,
    column: str | None = None,
    rows: pd.Series | None = None,
    prepared: tuple[pd.Series, pd.DataFrame] | None = None,
) -> Convention | None:
    """Return the number convention of a column of raw cells.

    ``None`` means every value is a plain integer (or empty), so the convention
    does not matter. Raises :class:`RawDataError` when the column mixes both
    conventions or when only ambiguous values such as ``2.600`` are present.
    ``rows`` holds each cell's spreadsheet row number, for the error message.
    """
    text, kind = prepared if prepared is not None else _prepare(values)
    if text.empty:
        return None
    only_id = kind["id"] & ~kind["en"]
    only_en = kind["en"] & ~kind["id"]
    if only_id.any() and only_en.any():
        idx = only_en[only_en].index[0]
        first_id = values[only_id[only_id].index[0]]
        raise RawDataError(
            f"column mixes Indonesian ({first_id!r}) and other number formats",
            row=None if rows is None else int(rows[idx]),
            column=column,
            value=values[idx],
        )
    if only_id.any():
        return "id"
    if only_en.any():
        return "en"
    ambiguous = kind["id"] & kind["en"]
    if ambiguous.any():
        idx = ambiguous[ambiguous].index[0]
        raise RawDataError(
            "ambiguous number: it reads differently in the Indonesian and the other "
            "convention and nothing else in the column tells which is meant; write it "
            "unambiguously or set 'format_angka' in metadata",
            row=None if rows is None else int(rows[idx]),
            column=column,
            value=values[idx],
        )
    return None


def parse_series(
    values: pd.Series,
    *,
    convention: Convention | None = None,
    column: str | None = None,
    rows: pd.Series | None = None,
) -> pd.Series:
    """Return the cells of one raw column as float64, one value per input cell.

    Null spellings (``""``, ``"-"``) become NaN. Non-string cells (typed numbers
    from XLSX) are taken as they are. The convention is detected from the column
    when not given. Raises :class:`RawDataError` naming the first cell that is
    not a number in that convention.
    """
    fast = _parse_arrow(values, convention)
    if fast is not None:
        return _refuse_absurd(fast, values, column, rows)
    is_text = _text_cells(values)
    out = pd.Series(float("nan"), index=values.index, dtype="float64")
    typed = values[~is_text & values.notna()]
    if not typed.empty:
        out[typed.index] = pd.to_numeric(typed).astype("float64")
    if not is_text.any():
        return _refuse_absurd(out, values, column, rows)
    prepared = _prepare(values)
    if convention is None:
        convention = detect_convention(values, column=column, rows=rows, prepared=prepared)
    text, kind = prepared
    ok = kind["int"] | (kind["id"] if convention == "id" else kind["en"])
    if convention is None:
        ok = kind["int"]
    if not ok.all():
        idx = ok[~ok].index[0]
        raise RawDataError(
            f"not a number{'' if convention is None else f' in the {convention} convention'}",
            row=None if rows is None else int(rows[idx]),
            column=column,
            value=values[idx],
        )
    out[text.index] = _as_float(text, convention)
    return _refuse_absurd(out, values, column, rows)


# A cell that reads the same in both conventions ("2.600", "1,234"), or a plain integer.
_NOT_ONLY_ONE = r"-?(?:[0-9]+|[1-9][0-9]{0,2}[.,][0-9]{3})"


def is_arrow_text(dtype: object) -> bool:
    """Return whether a column's dtype is text held by Arrow (what the CSV reader gives)."""
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def arrow_cells(values: pd.Series) -> object:
    """Return a text column's cells as an Arrow chunked array, one value per cell (no copy for Arrow text).

    Arrow's functions, called on it directly, cost a few microseconds each where
    the same test through pandas costs tens: on a year's many small tables that
    overhead is most of the reading.
    """
    import pyarrow as pa

    return pa.chunked_array(pa.array(values.array))


def _parse_arrow(values: pd.Series, convention: Convention | None) -> pd.Series | None:
    """Return an Arrow-backed text column as float64 when every cell is plainly a number, else ``None``.

    The common case of a machine export, in one validating pass per convention
    tried: every cell is missing, a null spelling or a number without
    decoration (no "Rp", "%", spaces) in one convention. The result is what the
    general path gives for such a column; anything else (a decoration, an
    error to report, an ambiguous column) returns ``None`` for the general path.
    """
    if not is_arrow_text(values.dtype) or values.empty:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = arrow_cells(values)
    blank = pc.or_kleene(pc.is_null(cells), pc.is_in(cells, value_set=pa.array(sorted(NULL_SPELLINGS))))
    blank = pc.fill_null(blank, True)
    for tried in (convention,) if convention else ("id", "en"):
        pattern = f"^(?:{_INT}|{_ID if tried == 'id' else _EN})$"
        ok = pc.or_(blank, pc.fill_null(pc.match_substring_regex(cells, pattern), False))
        if not pc.all(ok).as_py():
            continue
        if convention is None and not _decides(cells, blank):
            if pc.any(pc.match_substring_regex(cells, "[.,]")).as_py():
                return None  # an ambiguous value: the general path names it
            tried = None  # only integers: the convention does not matter
        floats = _arrow_floats(cells, tried, blank=blank)
        return pd.Series(floats, index=values.index, dtype="float64")
    return None


def _decides(cells: object, blank: object) -> bool:
    """Return whether a validated cell reads in one convention only (neither an integer nor "2.600")."""
    import pyarrow.compute as pc

    def found(cells: object, blank: object) -> bool:
        plain = pc.fill_null(pc.match_substring_regex(cells, f"^{_NOT_ONLY_ONE}$"), True)
        return bool(pc.any(pc.invert(pc.or_(plain, blank))).as_py())

    # The first rows usually decide it; the whole column is read only when they do not.
    return found(cells.slice(0, 1000), blank.slice(0, 1000)) or found(cells, blank)


_PIECE = 1 << 16  # rows converted at a time: each step's intermediate text stays this small


def _arrow_floats(values: object, convention: Convention | None, blank: object = None) -> np.ndarray:
    """Return validated Arrow number text as a float64 NumPy array, one value per cell (missing cells NaN).

    Group separators are dropped and the decimal mark made a point, then Arrow's
    own parser reads the numbers; cells marked in ``blank`` (a null spelling)
    are NaN. The steps run piece by piece, so the text they make in between
    is never a whole column's size.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.empty(len(values), dtype="float64")
    for start in range(0, len(values), _PIECE):
        piece = values.slice(start, _PIECE)
        if blank is not None:
            piece = pc.if_else(blank.slice(start, _PIECE), pa.scalar(None, piece.type), piece)
        if convention == "id":
            piece = pc.replace_substring(pc.replace_substring(piece, ".", ""), ",", ".")
        elif convention == "en":
            piece = pc.replace_substring(piece, ",", "")
        out[start : start + len(piece)] = pc.cast(piece, pa.float64()).to_numpy(zero_copy_only=False)
    return out


def _as_float(text: pd.Series, convention: Convention | None) -> pd.Series:
    """Return validated number text as float64: group separators dropped, the decimal mark made a point.

    Arrow-backed text (what the CSV reader gives) is converted by Arrow's own
    parser in one pass per step; other text (XLSX cells) by pandas.
    """
    if hasattr(text.array, "__arrow_array__"):
        import pyarrow as pa

        floats = _arrow_floats(pa.array(text.array), convention)
        return pd.Series(floats, index=text.index, dtype="float64")
    if convention == "id":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    elif convention == "en":
        text = text.str.replace(",", "", regex=False)
    return text.astype("float64")


def _refuse_absurd(
    out: pd.Series, values: pd.Series, column: str | None, rows: pd.Series | None
) -> pd.Series:
    """Return ``out``; raise on the first value beyond :data:`MAX_ABS` (an infinity included)."""
    absurd = (out > MAX_ABS) | (out < -MAX_ABS)  # compared as they are: no copy of the column
    if absurd.any():
        idx = absurd[absurd].index[0]
        raise RawDataError(
            "number too large for an LKjIP (above 1.000.000.000.000.000); check for a typo or glued cells",
            row=None if rows is None else int(rows[idx]),
            column=column,
            value=values[idx],
        )
    return out


def parse_number(text: str, convention: Convention | None = None) -> float | None:
    """Return one cell as a float, or ``None`` for a null spelling.

    Without a convention, an ambiguous value raises :class:`RawDataError`.
    """
    cells = pd.Series([text], dtype="str" if isinstance(text, str) else object)  # text: the Arrow path
    value = parse_series(cells, convention=convention).iloc[0]
    return None if pd.isna(value) else float(value)


def round_half_up(value: float, digits: int = 2) -> Decimal:
    """Return ``value`` rounded half up (123,465 -> 123,47), from its shortest repr."""
    quantum = Decimal(1).scaleb(-digits)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def format_angka(value: float | int | None, digits: int = 0, *, trim: bool = False) -> str:
    """Return ``value`` in Indonesian notation: ``4.962.111.000``, ``123,47``.

    ``digits`` decimals, rounded half up; ``trim`` drops trailing zeros the way
    reports print percentages ("99,9", "100"). ``None``/NaN gives "-".
    """
    if value is None or pd.isna(value):
        return "-"
    rounded = round_half_up(value, digits)
    pattern = "#,##0" if digits == 0 else "#,##0." + ("#" if trim else "0") * digits
    return format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=False)


def format_rupiah(value: float | int | None, *, prefix: bool = True) -> str:
    """Return an amount as the report writes it: ``Rp 4.962.111.000``; "-" when missing."""
    text = format_angka(value, 0)
    return f"Rp {text}" if prefix and text != "-" else text


def format_persen(value: float | None, digits: int = 2) -> str:
    """Return a percentage as ``123,47 %``; "-" when undefined."""
    text = format_angka(value, digits)
    return text if text == "-" else f"{text} %"
