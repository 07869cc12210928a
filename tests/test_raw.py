import csv
import io
import tempfile
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from lkjip import raw
from lkjip.errors import RawDataError
from lkjip.raw import RAW_TABLES, read_table

KSP = RAW_TABLES["kesehatan_ksp"]
ASET = RAW_TABLES["aset"]


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_any_of_the_three_delimiters_is_read(tmp_path, sep):
    write(
        tmp_path,
        "tabel_3_5_kesehatan_ksp.csv",
        f"No.{sep}Predikat{sep}Tahun 2023\n1{sep}SEHAT{sep}37\n",
    )
    frame = read_table(tmp_path, KSP)
    assert frame[["predikat", "jumlah"]].to_numpy().tolist() == [["SEHAT", "37"]]


def test_a_byte_order_mark_is_accepted(tmp_path):
    write(tmp_path, "tabel_3_5_kesehatan_ksp.csv", "\ufeffNo.,Predikat,Jumlah\n1,SEHAT,37\n")
    assert read_table(tmp_path, KSP)["jumlah"].tolist() == ["37"]


def test_pdf_noise_is_removed_and_rows_keep_their_spreadsheet_number(tmp_path):
    text = (
        "No.,Nama/Jenis Barang,Jumlah,Kondisi,Ket.\n"
        "<i>1</i>,<i>2</i>,<i>3</i>,<i>4</i>,<i>5</i>\n"
        "1,<i>Audio  amplifier</i>,1,Baik,v\n"
        "No.,Nama/Jenis Barang,Jumlah,Kondisi,Ket.\n"
        "(1),(2),(3),(4),(5)\n"
        '2,"Kursi\nlipat",40,Baik,v\n'
        "Total,,41,,\n"
    )
    write(tmp_path, "tabel_1_2_aset.csv", text)
    frame = read_table(tmp_path, ASET)
    assert frame["nama"].tolist() == ["Audio amplifier", "Kursi lipat", ""]
    assert frame["_baris"].tolist() == [3, 6, 7]
    assert frame["_is_total"].tolist() == [False, False, True]


def test_xlsx_is_read_with_typed_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["No.", "Predikat Penilaian KSP/USP", "Tahun 2023"])
    sheet.append([1, "SEHAT", 37])
    book.save(tmp_path / "tabel_3_5_kesehatan_ksp.xlsx")
    frame = read_table(tmp_path, KSP)
    assert frame["jumlah"].tolist() == [37]


def test_a_missing_required_column_is_named(tmp_path):
    write(tmp_path, "tabel_3_5_kesehatan_ksp.csv", "No.,Predikat\n1,SEHAT\n")
    with pytest.raises(RawDataError) as err:
        read_table(tmp_path, KSP)
    # "Predikat" is an accepted spelling of the predikat column; the count column is missing
    assert (err.value.row, err.value.column) == (1, "Tahun <tahun>")
    assert "accepted headers: Tahun <tahun>, Jumlah" in str(err.value) and "re:" not in str(err.value)


def test_an_unknown_column_is_refused(tmp_path):
    write(tmp_path, "tabel_3_5_kesehatan_ksp.csv", "No.,Predikat,Jumlah,Catatan\n1,SEHAT,37,x\n")
    with pytest.raises(RawDataError, match="unknown column") as err:
        read_table(tmp_path, KSP)
    assert err.value.column == "Catatan"


def test_an_empty_file_is_refused(tmp_path):
    write(tmp_path, "tabel_3_5_kesehatan_ksp.csv", "  \n")
    with pytest.raises(RawDataError, match="empty"):
        read_table(tmp_path, KSP)


def test_a_non_utf8_file_names_the_row(tmp_path):
    write(
        tmp_path,
        "tabel_3_5_kesehatan_ksp.csv",
        "No.,Predikat,Jumlah\n1,SEHAT,37\n2,CUKUP SEHAT é,1\n",
        "cp1252",
    )
    with pytest.raises(RawDataError, match="UTF-8") as err:
        read_table(tmp_path, KSP)
    assert err.value.row == 3


def test_csv_and_xlsx_of_the_same_table_is_refused(tmp_path):
    write(tmp_path, "tabel_3_5_kesehatan_ksp.csv", "No.,Predikat,Jumlah\n")
    (tmp_path / "tabel_3_5_kesehatan_ksp.xlsx").write_bytes(b"")
    with pytest.raises(RawDataError, match="keep one"):
        read_table(tmp_path, KSP)


def test_xlsx_cells_of_any_type_read_like_their_csv(tmp_path):
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Indikator Kinerja", "Tahun", "Target", "Realisasi", "Capaian (%)"])
    sheet.append(["A", 2022, 30, "37,04", None])  # typed year and target, text realisasi, blank capaian
    sheet.append(["B", "Kondisi Awal", "-", 2.5, "-"])
    sheet.append(["C", 2023, "80 s.d. 90", datetime.datetime(2024, 1, 31), True])
    book.save(tmp_path / "riwayat_iku.xlsx")
    frame = read_table(tmp_path, RAW_TABLES["riwayat_iku"])
    assert frame["tahun_data"].tolist() == [2022, "Kondisi Awal", 2023]
    assert frame["target"].tolist() == [30, "-", "80 s.d. 90"]
    assert frame["realisasi"].tolist() == ["37,04", 2.5, "2024-01-31"]  # a date reads as its ISO text
    assert frame["capaian"].tolist() == ["", "-", "TRUE"]


def test_an_xlsx_formula_without_a_saved_result_is_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["No.", "Predikat Penilaian KSP/USP", "Tahun 2023"])
    sheet.append([1, "SEHAT", 37])
    sheet.append([2, "CUKUP SEHAT", "=C2*3"])  # written by a program: no saved result
    book.save(tmp_path / "tabel_3_5_kesehatan_ksp.xlsx")
    with pytest.raises(RawDataError, match="formula without a saved result") as err:
        read_table(tmp_path, KSP)
    assert (err.value.row, err.value.column, err.value.value) == (3, "#3", "=C2*3")


@given(
    data=st.data(),
    alphabet=st.sampled_from(
        ["ab ", "ab \t", 'ab ,"\n', "ab \r\n", "ab \x0b\x0c", "ab \u00a0é°", 'ab ,"\t\n\r\u00a0é<>']
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_the_file_wide_whitespace_check_tidies_exactly_as_scanning_every_column(
    data, alphabet, delimiter, newline
):
    """A file the byte check calls clean reads exactly as when every column is scanned."""
    cell = st.text(alphabet=alphabet, max_size=6)
    rows = data.draw(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows([["h1", "h2", "h3"], *rows])
    with tempfile.TemporaryDirectory() as folder:  # one per example: hypothesis and tmp_path do not mix
        path = Path(folder) / "t.csv"
        path.write_bytes(buffer.getvalue().encode())
        fast = raw._read_cells(path)
        with mock.patch.object(raw, "_no_inner_whitespace", return_value=False):
            scanned = raw._read_cells(path)
    pd.testing.assert_frame_equal(fast, scanned)


@pytest.mark.parametrize(
    ("data", "delimiter", "records", "clean"),
    [
        (b'h1,h2\n"a, b",c\n', ",", 2, True),  # a comma and a single space inside a quoted cell
        (b"h1,h2\r\na b,c\r\n", ",", 2, True),  # Windows line ends
        (b"h1\th2\na b\tc\n", "\t", 2, True),  # tab-separated, nothing quoted
        (b"h1,h2\na  b,c\n", ",", 2, False),  # a doubled space
        (b'h1,h2\n"a\nb",c\n', ",", 2, False),  # a line break inside a quoted cell: 3 lines, 2 records
        (b'h1,h2\n"a\tb",c\n', ",", 2, False),  # a tab inside a cell of a comma file
        (b'h1\th2\n"a\tb"\tc\n', "\t", 2, False),  # a quoted tab in a tab-separated file
        (b'h1,h2\n"a\rb",c\n', ",", 2, False),  # a carriage return that ends no line
        (b"h1,h2\na\xc2\xa0b,c\n", ",", 2, False),  # a non-breaking space
        (b"h1,h2\na\x0bb,c\n", ",", 2, False),  # a vertical tab
    ],
)
def test_the_bytes_tell_when_no_cell_can_hold_inner_whitespace(data, delimiter, records, clean):
    assert raw._no_inner_whitespace(data, delimiter, records) is clean
