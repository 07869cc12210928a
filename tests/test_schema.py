import pandas as pd
import pytest

from lkjip import schema
from lkjip.errors import SchemaError


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
