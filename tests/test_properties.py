"""Property tests: whatever bytes, dialect or cell values a raw file holds, `lkjip clean` exits 0 or 2.

Never a traceback; after a refusal the processed folder is byte-identical to before, after a
success it is complete and current.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjip import schema, store
from lkjip.cli import main

pytestmark = pytest.mark.slow  # hundreds of cleanings

FILES = [
    "tabel_3_1_realisasi_iku.csv",
    "realisasi_anggaran.csv",
    "tabel_2_2_iku.csv",
    "metadata.csv",
    "tabel_3_5_kesehatan_ksp.csv",
    "target_renstra.csv",
]
OUTCOMES: dict[int, int] = {}  # exit codes seen, printed at the end of the module (pytest -s)
# Examples per property and raw file (each one cleans the whole year); .ci/run takes more.
SETTINGS = settings(
    max_examples=int(os.environ.get("LKJIP_PROPERTY_EXAMPLES", "4")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from fixture_project import make_project

    root = make_project(tmp_path_factory.mktemp("prop"))
    old = os.environ.get("LKJIP_ROOT")
    os.environ["LKJIP_ROOT"] = str(root)
    assert main(["clean", "--year", "2023"]) == 0
    yield root
    if old is None:
        del os.environ["LKJIP_ROOT"]
    else:
        os.environ["LKJIP_ROOT"] = old


@pytest.fixture(scope="module", autouse=True)
def report_outcomes():
    yield
    print(f"\nlkjip clean exit codes over the examples: {OUTCOMES}")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@contextlib.contextmanager
def replaced(root: Path, name: str, content: bytes):
    path = root / "data" / "raw" / "2023" / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        yield
    finally:
        path.write_bytes(original)


def check_clean(root: Path, name: str, content: bytes, capsys) -> None:
    processed = root / "data" / "processed" / "2023"
    before = snapshot(processed)
    capsys.readouterr()
    with replaced(root, name, content):
        code = main(["clean", "--year", "2023"])  # any exception other than the domain ones fails the test
        err = capsys.readouterr().err
        assert code in (0, 2), err
        if code == 2:
            assert snapshot(processed) == before
            assert err.startswith("lkjip: error: ") and err.count("\n") == 1
        else:
            assert set(snapshot(processed)) == {f"{t}.csv" for t in schema.TABLES} | {store.SUMBER}
            assert store.is_fresh(2023, root)
    OUTCOMES[code] = OUTCOMES.get(code, 0) + 1


@pytest.mark.parametrize("name", FILES)
@SETTINGS
@given(content=st.binary(max_size=400))
def test_random_bytes(project, capsys, name, content):
    check_clean(project, name, content, capsys)


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "-", "0", "1.000", "2.600", "1,5", "99.66", "Rp.1.000,00", "1e400", "=1+1", '"', "Total"]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


@pytest.mark.parametrize("name", FILES)
@SETTINGS
@given(
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    rows=st.lists(st.lists(cells, min_size=1, max_size=9), max_size=6),
    keep_header=st.booleans(),
)
def test_random_dialects_and_rows(project, capsys, name, delimiter, rows, keep_header):
    path = project / "data" / "raw" / "2023" / name
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if keep_header:
        writer.writerow(header)
    writer.writerows(rows)
    check_clean(project, name, buffer.getvalue().encode("utf-8"), capsys)


@pytest.mark.parametrize("name", FILES)
@SETTINGS
@given(data=st.data())
def test_one_cell_of_a_real_table_replaced(project, capsys, name, data):
    path = project / "data" / "raw" / "2023" / name
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    row = data.draw(st.integers(0, len(table) - 1))
    column = data.draw(st.integers(0, len(table[row]) - 1))
    table[row][column] = data.draw(cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    check_clean(project, name, buffer.getvalue().encode("utf-8"), capsys)
