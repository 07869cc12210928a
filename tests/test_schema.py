import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip import schema
from lkjip.errors import SchemaError
from lkjip.schema import duplicated_keys


def ksp(jumlah):
    return pd.DataFrame({"tahun": [2023, 2023], "predikat": ["SEHAT", "CUKUP SEHAT"], "jumlah": jumlah})


def test_whole_numbers_are_kept():
    assert schema.check(ksp([37.0, 112.0]), "kesehatan_ksp")["jumlah"].tolist() == [37, 112]


@pytest.mark.parametrize("bad", [1.5, float("inf")])
def test_a_fraction_or_infinity_is_never_truncated_into_a_count(bad):
    with pytest.raises(SchemaError, match="whole numbers"):
        schema.check(ksp([37.0, bad]), "kesehatan_ksp")


def test_a_value_outside_the_allowed_ones_and_a_duplicate_key_are_refused():
    with pytest.raises(SchemaError, match="allowed"):
        schema.check(ksp([1, 2]).assign(predikat=["SEHAT", "KURANG"]), "kesehatan_ksp")
    with pytest.raises(SchemaError, match="duplicate key"):
        schema.check(ksp([1, 2]).assign(predikat=["SEHAT", "SEHAT"]), "kesehatan_ksp")


def test_duplicated_keys_marks_repeats_with_missing_values_equal():
    frame = pd.DataFrame(
        {
            "kelompok": ["A", "A", "B", "A", None, None, "B"],
            "kode": ["1.01", "1.02", "1.01", "1.01", "1.01", "1.01", None],
        }
    )
    # rows 0 and 3 share (A, 1.01); rows 4 and 5 share (missing, 1.01); the rest are single
    assert duplicated_keys(frame, ["kelompok", "kode"]).tolist() == [
        True,
        False,
        False,
        True,
        True,
        True,
        False,
    ]
    assert duplicated_keys(frame, ["kelompok", "kode"], keep="first").tolist() == [
        False,
        False,
        False,
        True,
        False,
        True,
        False,
    ]


def test_duplicated_keys_of_python_objects_arrow_cannot_hold():
    frame = pd.DataFrame({"k": pd.Series([1, "1", 1, (2,)], dtype=object)})
    assert duplicated_keys(frame, ["k"], keep="first").tolist() == [False, False, True, False]


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", None]), st.one_of(st.none(), st.integers(0, 3))), max_size=30
    )
)
def test_duplicated_keys_agrees_with_pandas(rows):
    frame = pd.DataFrame(rows, columns=["teks", "angka"]).astype({"teks": "str", "angka": "Int64"})
    for keep in ("first", False):
        assert (
            duplicated_keys(frame, ["teks", "angka"], keep=keep).tolist()
            == frame.duplicated(keep=keep).tolist()
        )
