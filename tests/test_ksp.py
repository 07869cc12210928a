import pandas as pd

from lkjip.ksp import rekap_ksp


def test_ksp_recap_shares_and_change():
    now = pd.DataFrame({"predikat": ["SEHAT", "CUKUP SEHAT"], "jumlah": [3, 1]})
    before = pd.DataFrame({"predikat": ["SEHAT", "CUKUP SEHAT"], "jumlah": [1, 1]})
    out = rekap_ksp(now, before)
    assert out["persen"].tolist() == [75, 25] and out["perubahan"].tolist() == [2, 0]
