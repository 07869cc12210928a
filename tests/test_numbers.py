from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from lkjip.errors import RawDataError
from lkjip.numbers import (
    detect_convention,
    format_angka,
    format_persen,
    format_rupiah,
    parse_number,
    parse_series,
    round_half_up,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.962.111.000,00", 4962111000.0),
        ("Rp.4.962.111.000,00", 4962111000.0),
        ("Rp. 2.005.360.000,00", 2005360000.0),
        ("Rp 1.000.000", 1000000.0),
        ("Rp.15.000.000,--", 15000000.0),
        ("123,46", 123.46),
        ("0,043", 0.043),
        ("37,04 %", 37.04),
        ("10582", 10582.0),
        ("-", None),
        ("", None),
    ],
)
def test_indonesian_spellings_parse_to_their_value(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,004,422,800", 1004422800.0), ("99.66", 99.66), ("20000000.00", 20000000.0)],
)
def test_other_convention_parses_when_unambiguous(text, expected):
    assert parse_number(text) == expected


def test_a_lone_ambiguous_value_is_refused_not_guessed():
    with pytest.raises(RawDataError, match="ambiguous"):
        parse_number("2.600")


def test_an_ambiguous_value_follows_the_rest_of_its_column():
    column = pd.Series(["2.600", "1.500,50"], dtype=object)
    assert parse_series(column).tolist() == [2600.0, 1500.5]
    column = pd.Series(["2.600", "99.66", "1,004,422"], dtype=object)
    assert parse_series(column).tolist() == [2.6, 99.66, 1004422.0]


def test_a_column_mixing_conventions_names_the_row():
    column = pd.Series(["1.000,50", "1,000.50"], dtype=object)
    with pytest.raises(RawDataError) as err:
        parse_series(column, column="Pagu", rows=pd.Series([7, 8]))
    assert err.value.row == 8 and err.value.column == "Pagu" and err.value.value == "1,000.50"


def test_text_in_a_number_column_names_the_cell():
    with pytest.raises(RawDataError) as err:
        parse_series(
            pd.Series(["3.500.000", "tiga juta"], dtype=object),
            column="pagu",
            rows=pd.Series([4, 5]),
        )
    assert (err.value.row, err.value.value) == (5, "tiga juta")


@pytest.mark.parametrize("dtype", ["str", object])  # a CSV's cells, an XLSX's cells
@pytest.mark.parametrize("digits", ["\u0661\u0662", "\uff11\uff12", "1\u0662"])  # Arabic-Indic, fullwidth
def test_digits_of_other_scripts_are_not_numbers(dtype, digits):
    with pytest.raises(RawDataError) as err:
        parse_series(pd.Series(["3.500.000", digits], dtype=dtype), column="pagu", rows=pd.Series([4, 5]))
    assert (err.value.row, err.value.value) == (5, digits) and "not a number" in err.value.reason


def test_typed_numbers_from_a_spreadsheet_pass_through():
    assert parse_series(pd.Series([1500000, 0.043, "1.000.000"], dtype=object)).tolist() == [
        1500000,
        0.043,
        1e6,
    ]


def test_integers_alone_need_no_convention():
    assert detect_convention(pd.Series(["1", "24", "589"], dtype=object)) is None


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_babel_indonesian_format_parses_back(value: Decimal):
    text = format_decimal(value, format="#,##0.00", locale="id_ID")
    assert Decimal(repr(parse_number(text, "id"))).quantize(Decimal("0.01")) == value


@given(amounts)
def test_babel_english_format_parses_back(value: Decimal):
    text = format_decimal(value, format="#,##0.00", locale="en_US")
    assert Decimal(repr(parse_number(text, "en"))).quantize(Decimal("0.01")) == value


@given(st.integers(min_value=1000, max_value=10**12))
def test_grouped_integers_detect_indonesian_when_two_or_more_groups(value: int):
    text = format_decimal(value, locale="id_ID")
    if text.count(".") >= 2:
        assert detect_convention(pd.Series([text], dtype=object)) == "id"
        assert parse_number(text) == value


def test_half_up_rounding_for_display():
    assert round_half_up(123.465) == Decimal("123.47")
    assert round_half_up(0.125) == Decimal("0.13")
    assert round_half_up(2.675) == Decimal("2.68")  # float 2.675 is 2.67499..., its repr is not


def test_report_style_formatting():
    assert format_rupiah(4962111000) == "Rp 4.962.111.000"
    assert format_angka(4962111000) == "4.962.111.000"
    assert format_persen(123.4666) == "123,47 %"
    assert format_angka(99.90, 2, trim=True) == "99,9"
    assert format_angka(100.0, 2, trim=True) == "100"
    assert format_persen(None) == "-"


def _arrow(cells: list[str]) -> pd.Series:
    return pd.Series(cells, dtype=pd.StringDtype("pyarrow"))


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["3.500.000", "98,82", "-", ""], [3500000.0, 98.82, None, None]),
        (["2.600", "1.500,5", "nihil"], [2600.0, 1500.5, None]),
        (["1,004,422,800", "99.66", "7"], [1004422800.0, 99.66, 7.0]),
        (["1", "24", "--", "589"], [1.0, 24.0, None, 589.0]),
        (["Rp 1.000.000", "37,04 %"], [1000000.0, 37.04]),  # decorated: the general path
    ],
)
def test_arrow_text_columns_parse_to_their_values(cells, expected):
    got = parse_series(_arrow(cells)).tolist()
    assert [None if pd.isna(v) else v for v in got] == expected


def test_arrow_text_column_of_ambiguous_values_is_refused_naming_the_cell():
    with pytest.raises(RawDataError, match="ambiguous") as err:
        parse_series(_arrow(["12", "2.600"]), column="Pagu", rows=pd.Series([4, 5]))
    assert (err.value.row, err.value.value) == (5, "2.600")


def _spelled(value: int, cents: int, style: str) -> str:
    whole = f"{abs(value):,}"
    sign = "-" if value < 0 else ""
    return {
        "plain": f"{sign}{abs(value)}",
        "id": sign + whole.replace(",", ".") + (f",{cents:02d}" if cents else ""),
        "en": sign + whole + (f".{cents:02d}" if cents else ""),
        "id_dec": f"{sign}{abs(value)},{cents:02d}",
        "en_dec": f"{sign}{abs(value)}.{cents:02d}",
    }[style]


_CELLS = st.one_of(
    st.builds(
        _spelled,
        st.integers(-(10**6), 10**13),
        st.integers(0, 99),
        st.sampled_from(["plain", "id", "en", "id_dec", "en_dec"]),
    ),
    st.sampled_from(["", "-", "--", "n/a", "NA", "2.600", "1,234", "Rp 5", "12 %", " 7", "x", "1.2.3"]),
)


@given(st.lists(_CELLS, min_size=1, max_size=8), st.sampled_from([None, "id", "en"]))
def test_arrow_fast_path_agrees_with_the_general_path(cells, convention):
    """The same column as Arrow text (fast path) and as Python objects (general path): same floats or same error."""

    def outcome(values):
        try:
            return parse_series(
                values, convention=convention, column="c", rows=pd.Series(range(2, 2 + len(cells)))
            )
        except RawDataError as err:
            return str(err)

    fast, general = outcome(_arrow(cells)), outcome(pd.Series(cells, dtype=object))
    if isinstance(general, str):
        assert fast == general
    else:
        pd.testing.assert_series_equal(fast, general)
