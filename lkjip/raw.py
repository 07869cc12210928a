"""Read the raw tables of a year folder as they come: CSV or XLSX, noisy headers.

Each raw table is declared once in :data:`RAW_TABLES`: its file stem, the
canonical name of each column with the header spellings accepted for it, and
which columns are required. Reading only locates and tidies cells (HTML tags,
wrapped text, repeated header rows, rows of column numbers); the meaning is
given by the cleaners in :mod:`lkjip.clean`.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lkjip.errors import RawDataError
from lkjip.numbers import arrow_cells

ROW = "_baris"  # spreadsheet row number of each raw row (header = 1)
SECTION = "_bagian"  # header text of the section column, for tables printed in parts
IS_TOTAL = "_is_total"

_TOTAL_LABELS = re.compile(r"(?i)(?:total|jumlah|jumlah total|total keseluruhan)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # a real tag, not "a < 5"
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


# How a header pattern is shown to a user (in the contract and in errors).
PATTERN_LABELS = {r"re:capaian\d{4}%?": "Capaian <tahun> (%)", r"re:tahun\d{4}": "Tahun <tahun>"}


def shown_spelling(spelling: str) -> str:
    """Return a header spelling as a user writes it (a pattern as its example, "Tahun <tahun>")."""
    return PATTERN_LABELS.get(spelling, spelling)


def normalize_header(text: str) -> str:
    """Return a header cell reduced to lowercase letters, digits and ``%``."""
    return re.sub(r"[^0-9a-z%]", "", _HTML_TAG.sub("", str(text)).casefold())


@dataclass(frozen=True)
class RawTable:
    """Declaration of one raw table: where it lives and which headers it accepts."""

    stem: str
    title: str
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    is_required_file: bool = True
    section_column: str | None = None
    total_column: str | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def match(self, header: str) -> str | None:
        """Return the canonical column a header cell names, or ``None``."""
        norm = normalize_header(header)
        for name, spellings in self.columns.items():
            for spelling in spellings:
                if spelling.startswith("re:"):
                    if re.fullmatch(spelling[3:], norm):
                        return name
                elif normalize_header(spelling) == norm:
                    return name
        return None


_NUMBER_COL = ("No", "No.", "Nomor")

# Keys of metadata.csv and what each holds; any other key is refused (a typo must not be ignored).
METADATA_KEYS: dict[str, str] = {
    "instansi": "name of the agency (Dinas ...)",
    "kabupaten": "the Pemda (Kabupaten Pati, Provinsi Jawa Tengah)",
    "tahun": "fiscal year; must equal the folder name",
    "kepala": "head of the agency (name, or title when the report gives no name)",
    "renstra": "Renstra period, e.g. 2023-2026",
    "alamat": "address of the agency",
    "tempat_tanggal": "place and date of signing, e.g. 'Pati, Januari 2024'",
    "format_angka": "optional: 'id' or 'en' forces the number convention of every table of the year",
    "skala_predikat": "optional: the predikat scale of this year (overrides lkjip.toml; keeps a published year fixed)",
    "rumus_negatif": "optional: the negative-polarity formula of this year (overrides lkjip.toml)",
    "kelompok_rutin": "the heading(s) of the routine (non-IKU) budget group(s) in realisasi_anggaran, "
    "separated by ';'; every other group heading must name a sasaran of Tabel 2.2",
}
RAW_TABLES: dict[str, RawTable] = {
    "metadata": RawTable(
        stem="metadata",
        title="Metadata instansi dan tahun",
        columns={"kunci": ("Kunci", "Key"), "nilai": ("Nilai", "Value")},
        required=("kunci", "nilai"),
        description="One row per key; unknown keys are refused.",
    ),
    "pegawai": RawTable(
        stem="tabel_1_1_pegawai",
        title="Tabel 1.1 Keragaan ASN",
        columns={
            "golongan": ("Pangkat/Golongan Ruang", "Pangkat/Golongan", "Golongan"),
            "jumlah": ("Jumlah",),
            "S3": ("S3",),
            "S2": ("S2",),
            "D4/S1": ("D4/S1", "S1/D4", "S1"),
            "D3": ("D3",),
            "D2/SMA": ("D2/SMA", "SMA/D2", "SMA", "SLTA"),
            "SMP": ("SMP", "SLTP"),
            "SD": ("SD",),
        },
        required=("golongan", "jumlah"),
        total_column="golongan",
    ),
    "aset": RawTable(
        stem="tabel_1_2_aset",
        title="Tabel 1.2 Rekapitulasi Asset",
        columns={
            "no": _NUMBER_COL,
            "nama": ("Nama/Jenis Barang", "Nama Barang", "Jenis Barang"),
            "jumlah": ("Jumlah",),
            "kondisi": ("Kondisi",),
            "keterangan": ("Ket.", "Keterangan"),
        },
        required=("no", "nama", "jumlah"),
        total_column="no",
    ),
    "tujuan_sasaran": RawTable(
        stem="tabel_2_1_tujuan_sasaran",
        title="Tabel 2.1 Tujuan, Sasaran Strategis dan Indikator Kinerja",
        columns={
            "strategi": ("Strategi",),
            "arah_kebijakan": ("Arah Kebijakan",),
            "tujuan": ("Tujuan",),
            "sasaran": ("Sasaran Strategis", "Sasaran"),
            "indikator": ("Indikator Kinerja", "Indikator"),
        },
        required=("tujuan", "sasaran", "indikator"),
    ),
    "iku_rencana": RawTable(
        stem="tabel_2_2_iku",
        title="Tabel 2.2 Indikator Kinerja Utama (target)",
        columns={
            "no": _NUMBER_COL,
            "uraian": ("Tujuan", "Sasaran", "Sasaran Strategis"),
            "indikator": ("Indikator Kinerja", "Indikator"),
            "satuan": ("Satuan",),
            "target": ("Target",),
            "polaritas": ("Polaritas", "Polaritas Indikator"),
        },
        required=("uraian", "indikator", "satuan", "target"),
        section_column="uraian",
        description="Printed in parts: a header row whose second column reads 'Tujuan' "
        "or 'Sasaran' starts the indicators of that level.",
    ),
    "iku": RawTable(
        stem="tabel_3_1_realisasi_iku",
        title="Tabel 3.1 Realisasi Indikator Kinerja Utama",
        columns={
            "uraian": ("Tujuan/ Sasaran Strategis", "Tujuan/Sasaran", "Sasaran Strategis"),
            "indikator": ("Indikator Kinerja", "Indikator"),
            "satuan": ("Satuan",),
            "target": ("Target",),
            "realisasi": ("Realisasi",),
            "capaian": ("Capaian (%)", "Capaian"),
            "polaritas": ("Polaritas", "Polaritas Indikator"),
        },
        required=("indikator", "satuan", "target", "realisasi"),
    ),
    "iku_tujuan": RawTable(
        stem="tabel_3_2_tujuan",
        title="Tabel 3.2 Realisasi Tujuan",
        columns={
            "uraian": ("Tujuan",),
            "indikator": ("Indikator Kinerja", "Indikator"),
            "satuan": ("Satuan",),
            "capaian_tahun": (r"re:capaian\d{4}%?",),
            "target": ("Target",),
            "realisasi": ("Realisasi",),
            "capaian": ("Capaian (%)", "Capaian"),
        },
        required=("indikator", "target", "realisasi"),
        is_required_file=False,
    ),
    "iku_sasaran": RawTable(
        stem="tabel_3_3_sasaran",
        title="Tabel 3.3 Realisasi Sasaran",
        columns={
            "uraian": ("Sasaran Strategis", "Sasaran"),
            "indikator": ("Indikator Kinerja", "Indikator"),
            "satuan": ("Satuan",),
            "capaian_tahun": (r"re:capaian\d{4}%?",),
            "target": ("Target",),
            "realisasi": ("Realisasi",),
            "capaian": ("Capaian (%)", "Capaian"),
        },
        required=("indikator", "target", "realisasi"),
        is_required_file=False,
    ),
    "anggaran": RawTable(
        stem="realisasi_anggaran",
        title="Realisasi Anggaran per program, kegiatan dan sub kegiatan",
        columns={
            "kelompok": ("Kelompok", "Sasaran", "Sasaran Strategis"),
            "program": ("No.", "No", "Program", "Kode Program"),
            "kegiatan": ("Kegiatan", "Kode Kegiatan"),
            "sub_kegiatan": ("Sub Kegiatan", "Kode Sub Kegiatan"),
            "uraian": ("Program/Kegiatan/Sub Kegiatan", "Uraian", "Nama"),
            "pagu": ("Pagu (Rp.)", "Pagu", "Pagu (Rp)", "Anggaran"),
            "realisasi": ("Realisasi (Rp.)", "Realisasi", "Realisasi (Rp)"),
            "capaian": ("Capaian (%)", "Capaian", "Serapan (%)", "Serapan"),
        },
        required=("kelompok", "program", "kegiatan", "sub_kegiatan", "uraian", "pagu", "realisasi"),
    ),
    "belanja": RawTable(
        stem="belanja_ringkasan",
        title="Ringkasan belanja (BAB III 3.2)",
        columns={
            "jenis": ("Jenis Belanja", "Uraian"),
            "pagu": ("Pagu (Rp.)", "Pagu", "Pagu (Rp)"),
            "realisasi": ("Realisasi (Rp.)", "Realisasi", "Realisasi (Rp)"),
        },
        required=("jenis", "pagu", "realisasi"),
    ),
    "kesehatan_ksp": RawTable(
        stem="tabel_3_5_kesehatan_ksp",
        title="Tabel 3.5 Rekapitulasi Penilaian KSP/USP",
        columns={
            "no": _NUMBER_COL,
            "predikat": ("Predikat Penilaian KSP/USP", "Predikat"),
            "jumlah": (r"re:tahun\d{4}", "Jumlah"),
        },
        required=("predikat", "jumlah"),
        total_column="predikat",
    ),
    "keluaran": RawTable(
        stem="keluaran",
        title="Keluaran (output) per kegiatan, from the BAB III prose",
        columns={
            "program": ("Program",),
            "keluaran": ("Keluaran", "Output"),
            "sub_kegiatan": ("Sub Kegiatan",),
            "volume": ("Volume", "Target Volume"),
            "satuan": ("Satuan",),
            "anggaran": ("Anggaran (Rp.)", "Anggaran", "Anggaran (Rp)"),
            "biaya_satuan": ("Biaya Satuan (Rp.)", "Biaya Satuan", "Biaya per Unit", "Harga Satuan"),
            "sumber": ("Sumber", "Letak"),
        },
        required=("program", "keluaran", "volume", "satuan", "anggaran"),
        is_required_file=False,
    ),
    "indikator_program": RawTable(
        stem="indikator_program",
        title="Program dan kegiatan pendukung per indikator",
        columns={
            "indikator": ("Indikator Kinerja", "Indikator"),
            "program": ("Program",),
            "kegiatan": ("Kegiatan / Sub Kegiatan", "Kegiatan", "Sub Kegiatan"),
        },
        required=("indikator", "program", "kegiatan"),
        is_required_file=False,
    ),
    "penjelasan_indikator": RawTable(
        stem="penjelasan_indikator",
        title="Penjelasan analis per indikator",
        columns={
            "indikator": ("Indikator Kinerja", "Indikator"),
            "penjelasan": ("Penjelasan", "Analisis"),
            "permasalahan": ("Permasalahan dan Solusi", "Permasalahan"),
        },
        required=("indikator", "penjelasan"),
        is_required_file=False,
    ),
    "angka_narasi": RawTable(
        stem="angka_narasi",
        title="Angka yang dinyatakan dalam narasi (Ikhtisar, BAB III, BAB IV)",
        columns={
            "besaran": ("Besaran",),
            "objek": ("Objek",),
            "nilai": ("Nilai",),
            "satuan": ("Satuan",),
            "terbilang": ("Terbilang",),
            "letak": ("Letak",),
        },
        required=("besaran", "objek", "nilai", "letak"),
        is_required_file=False,
        description="One row per figure the prose states, with the words that accompany it.",
    ),
    "target_renstra": RawTable(
        stem="target_renstra",
        title="Target Renstra per indikator",
        columns={
            "indikator": ("Indikator Kinerja", "Indikator"),
            "tahun_target": ("Tahun",),
            "target": ("Target",),
        },
        required=("indikator", "tahun_target", "target"),
        is_required_file=False,
        description="One row per indicator and year of the Renstra period; the last "
        "year's row is the period-end target.",
    ),
    "riwayat_iku": RawTable(
        stem="riwayat_iku",
        title="Riwayat IKU: realisasi tahun-tahun sebelumnya dan kondisi awal Renstra",
        columns={
            "indikator": ("Indikator Kinerja", "Indikator"),
            "tahun_data": ("Tahun",),
            "target": ("Target",),
            "realisasi": ("Realisasi",),
            "capaian": ("Capaian (%)", "Capaian"),
        },
        required=("indikator", "tahun_data", "realisasi"),
        is_required_file=False,
        description="One row per indicator and earlier year, as printed (a 'realisasi 2019-2023' table); "
        "'Tahun' may read 'Kondisi Awal' (optionally with its year) for the Renstra baseline. "
        "Where data/raw/<that year>/ also exists, its Tabel 3.1 wins and a disagreement is an audit finding.",
    ),
    "standar_nasional": RawTable(
        stem="standar_nasional",
        title="Standar nasional per indikator",
        columns={
            "indikator": ("Indikator Kinerja", "Indikator"),
            "nilai": ("Standar", "Nilai", "Standar Nasional"),
            "sumber": ("Sumber",),
        },
        required=("indikator", "nilai"),
        is_required_file=False,
    ),
}


def find_file(year_dir: Path, spec: RawTable) -> Path | None:
    """Return the CSV or XLSX file of ``spec`` in ``year_dir``, or ``None``.

    Raises :class:`RawDataError` when both a CSV and an XLSX of it exist.
    """
    found = [
        p
        for p in sorted(year_dir.iterdir())
        if p.is_file() and p.stem.casefold() == spec.stem and p.suffix.casefold() in {".csv", ".xlsx"}
    ]
    if len(found) > 1:
        raise RawDataError(f"both {found[0].name} and {found[1].name} exist; keep one", file=found[1])
    return found[0] if found else None


def unknown_files(year_dir: Path) -> list[tuple[str, str | None]]:
    """Return the files of a year folder that are no raw table, each with the closest accepted name.

    One pair per file (name, suggestion or ``None``); ``README*`` files are not listed.
    """
    stems = {spec.stem for spec in RAW_TABLES.values()}
    out = []
    for p in sorted(year_dir.iterdir()):
        known = p.suffix.casefold() in {".csv", ".xlsx"} and p.stem.casefold() in stems
        if known or p.name.startswith((".", "~$")) or p.stem.upper().startswith("README"):
            continue
        close = difflib.get_close_matches(p.stem.casefold(), sorted(stems), n=1, cutoff=0.6)
        out.append((p.name, f"{close[0]}.csv" if close else None))
    return out


def _decode(path: Path, data: bytes) -> str:
    """Return the UTF-8 text of a CSV file (a BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data[: err.start].count(b"\n") + 1
        raise RawDataError(
            f"not UTF-8 text (byte {data[err.start : err.start + 1]!r} at position {err.start}); "
            "save the file as 'CSV UTF-8'",
            file=path,
            row=row,
        ) from None


def _sniff_delimiter(path: Path, text: str) -> str:
    """Return the delimiter of a CSV: the most frequent of comma, semicolon, tab in its header."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    first = text[start : end if end != -1 else len(text)]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        raise RawDataError("no comma, semicolon or tab in the header row", file=path, row=1)
    return best


def _read_cells(path: Path) -> pd.DataFrame:
    """Return every cell of the file as text (typed numbers stay numbers in XLSX), one row per file row."""
    if path.suffix.casefold() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
            formulas = load_workbook(path, read_only=True, data_only=False)
        except Exception as err:  # openpyxl raises many kinds for a broken file
            raise RawDataError(f"cannot open as XLSX ({err})", file=path) from None
        try:
            rows = [
                [
                    _xlsx_cell(v, f, path, r, c)
                    for c, (v, f) in enumerate(zip(values, written, strict=False), start=1)
                ]
                for r, (values, written) in enumerate(
                    zip(
                        book.worksheets[0].iter_rows(values_only=True),
                        formulas.worksheets[0].iter_rows(values_only=True),
                        strict=False,
                    ),
                    start=1,
                )
            ]
        finally:
            book.close()
            formulas.close()
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    data = path.read_bytes()
    if not data or data.isspace():  # no copy of the file, unlike strip()
        raise RawDataError("the file is empty", file=path)
    text = _decode(path, data)
    delimiter = _sniff_delimiter(path, text)
    options = {
        "sep": delimiter,
        "header": None,
        "keep_default_na": False,
        "na_filter": False,
        "skip_blank_lines": False,
        "engine": "c",
        "encoding": "utf-8-sig",
    }
    try:  # the bytes, already checked to be UTF-8: the C parser reads them fastest
        frame = pd.read_csv(io.BytesIO(data), **options)
    except pd.errors.EmptyDataError:  # only line breaks and delimiters, e.g. "\r,"
        raise RawDataError("the file holds no rows", file=path) from None
    except pd.errors.ParserError:
        _check_quotes(path, text, delimiter)
        # A row wider than the first: give the parser the widest row; counting
        # delimiters overestimates (quoted ones count too), which only adds empty columns.
        width = max(line.count(delimiter) for line in text.splitlines()) + 1
        try:
            frame = pd.read_csv(io.BytesIO(data), names=range(width), **options)
        except pd.errors.ParserError as err:
            raise RawDataError(f"cannot be read as CSV ({str(err).splitlines()[-1]})", file=path) from None
    if not all(_is_text(t) for t in frame.dtypes):
        # The header row makes every labelled column text; a column the parser still
        # read as numbers (no header text) is read again as text, keeping "01" as written.
        frame = pd.read_csv(io.BytesIO(data), dtype="str", names=range(frame.shape[1]), **options)
    return _tidy(frame, text, inner_clean=_no_inner_whitespace(data, delimiter, len(frame)))


def _no_inner_whitespace(data: bytes, delimiter: str, records: int) -> bool:
    """Return whether the file's bytes show that no cell holds a doubled space or other whitespace.

    Other whitespace: a tab, a line break, a vertical tab, a form feed or a
    non-breaking space. A cell can hold a line break or the delimiter only when
    quoted: with quotes present, a file whose line count differs from its
    record count has a line break inside a cell. ``False`` means "perhaps"
    (each column is then scanned); one scan of the bytes per sign is far
    cheaper than scanning every column for each.
    """
    if b"\x0b" in data or b"\x0c" in data or (b"\xc2" in data and b"\xc2\xa0" in data):
        return False
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return False
    quoted = b'"' in data
    if b"\t" in data and (delimiter != "\t" or quoted):
        return False
    if quoted and data.count(b"\n") + (not data.endswith(b"\n")) != records:
        return False
    return b"  " not in data


def _check_quotes(path: Path, text: str, delimiter: str) -> None:
    """Raise on a quoted cell that is never closed, naming the spreadsheet row where it opens.

    The row is counted in records, as a spreadsheet does (a quoted cell may span lines).
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    records, lines_read = 0, 0
    try:
        for _ in reader:
            records, lines_read = records + 1, reader.line_num
    except csv.Error:
        opening = text.splitlines()[lines_read] if lines_read < len(text.splitlines()) else ""
        raise RawDataError(
            "a quoted cell is not closed properly (a '\"' without its partner); close it or remove the quote",
            file=path,
            row=records + 1,
            value=opening[:60],
        ) from None


def _tidy(frame: pd.DataFrame, text: str, *, inner_clean: bool = False) -> pd.DataFrame:
    """Return text cells without HTML tags, wrapped lines or surrounding spaces.

    Each column is first tested as a whole (one vectorised scan); only a column
    that holds a tag or stray whitespace is rewritten, so a clean machine export
    costs one scan per column. ``inner_clean``: the file is known to hold no
    doubled space or other whitespace inside a cell, so only each cell's ends
    are tested.
    """
    has_tags = "<" in text and _HTML_TAG.search(text) is not None
    out = {}
    for column in frame.columns:
        values = frame[column]
        cells = arrow_cells(values)
        tagged = has_tags and _any(pc.match_substring_regex(cells, _HTML_TAG.pattern))
        if tagged:
            values = values.str.replace(_HTML_TAG.pattern, "", regex=True)
        if tagged or _has_stray_space(cells, inner_clean=inner_clean):
            values = values.str.replace(r"[\s\u00a0]+", " ", regex=True).str.strip()
        out[column] = values
    return pd.DataFrame(out, copy=False)


def _any(mask: pa.ChunkedArray) -> bool:
    """Return whether any cell of an Arrow boolean column is true (missing ones are not)."""
    return bool(pc.any(mask).as_py())


def _bools(mask: pa.ChunkedArray) -> np.ndarray:
    """Return an Arrow boolean column as a NumPy array, a missing value as ``False``."""
    return pc.fill_null(mask, False).to_numpy()


def _has_stray_space(cells: pa.ChunkedArray, *, inner_clean: bool = False) -> bool:
    """Return whether any cell has leading, trailing, doubled or non-space whitespace.

    ``inner_clean``: the caller knows no cell holds doubled or non-space whitespace.
    """
    if _any(pc.starts_with(cells, " ")) or _any(pc.ends_with(cells, " ")):
        return True
    return not inner_clean and (
        _any(pc.match_substring(cells, "  "))
        or _any(pc.match_substring_regex(cells, "[\\t\\n\\r\\x0b\\x0c\u00a0]"))
    )


def _xlsx_cell(value: object, written: object, path: Path, row: int, column: int) -> object:
    """Return an XLSX cell as its CSV equivalent would read: text tidied, numbers typed, dates ISO.

    A formula gives its saved result; a formula whose result was never saved
    (the file was written by a program, not by a spreadsheet) is refused.
    """
    if value is None:
        if isinstance(written, str) and written.startswith("="):
            raise RawDataError(
                "formula without a saved result; open the file in a spreadsheet and save it",
                file=path,
                row=row,
                column=f"#{column}",
                value=written,
            )
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return float(value) if isinstance(value, float) else int(value)
    return _tidy_cell(str(value))


def _tidy_cell(value: object) -> object:
    """Return a cell without HTML tags, wrapped lines or surrounding spaces."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\s+", " ", _HTML_TAG.sub("", value).replace("\u00a0", " ")).strip()


def _column_number_rows(columns: list[pa.ChunkedArray], blank: list[np.ndarray]) -> np.ndarray:
    """Return, per row, whether it is the "(1) (2) (3)" row printed under a header.

    ``columns`` holds the body's cells, ``blank`` each column's empty cells.
    Columns are tested longest text first (in a long table), each only on the
    rows still in doubt, so a long table is scanned about once.
    """
    rows = len(blank[0]) if blank else 0
    order = list(range(len(columns)))
    if rows > 1000:
        mean = [pc.mean(pc.utf8_length(c.slice(0, 1000))).as_py() or 0 for c in columns]
        order.sort(key=lambda i: -mean[i])
    candidate = np.arange(rows)
    for i in order:
        cells = columns[i] if len(candidate) == rows else columns[i].take(candidate)
        candidate = candidate[blank[i][candidate] | _fullmatch(cells, r"\(?\d{1,2}\)?")]
        if len(candidate) == 0:
            break
    out = np.zeros(rows, dtype=bool)
    for row in candidate:
        values = [int(c[row].as_py().strip("()")) for c, b in zip(columns, blank, strict=True) if not b[row]]
        out[row] = (
            len(values) >= 3
            and values == list(range(values[0], values[0] + len(values)))
            and values[0] in (0, 1)
        )
    return out


def _fullmatch(cells: pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Return, per cell, whether the whole cell matches ``pattern``, as Python's ``re`` reads it.

    Arrow's RE2 reads a digit class as ASCII digits only, so text with other
    characters is matched by Python's ``re`` (as pandas does).
    """
    if pc.all(pc.string_is_ascii(cells)).as_py() is not False:
        return _bools(pc.match_substring_regex(cells, f"^(?:{pattern})$"))
    compiled = re.compile(pattern)
    return np.array(
        [v is not None and compiled.fullmatch(v) is not None for v in cells.to_pylist()], dtype=bool
    )


def read_table(year_dir: Path, spec: RawTable, *, relative_to: Path | None = None) -> pd.DataFrame | None:
    """Return one raw table with canonical column names, one row per data row.

    Cells are strings (typed numbers from XLSX stay numbers) with HTML tags and
    wrapped lines removed. Empty rows, repeated header rows and rows of column
    numbers are left out; ``_baris`` keeps each row's spreadsheet number,
    ``_bagian`` the current header text of the section column and ``_is_total``
    marks a "Total"/"Jumlah" row. Returns ``None`` for a missing optional file;
    raises :class:`RawDataError` for a missing required file or column, an
    unknown column, an empty or non-UTF-8 file.
    """

    def shown(p: Path) -> Path:
        return p.relative_to(relative_to) if relative_to else p

    try:
        path = find_file(year_dir, spec)
    except RawDataError as err:
        raise RawDataError(err.reason, file=shown(Path(err.file))) from None
    if (
        path is not None
        and relative_to is not None
        and not path.resolve().is_relative_to(relative_to.resolve())
    ):
        raise RawDataError(
            f"links to a file outside the project ({path.resolve()}); copy the file into the year folder",
            file=shown(path),
        )

    if path is None:
        if spec.is_required_file:
            raise RawDataError(
                f"required file missing ({spec.title}); expected {spec.stem}.csv or {spec.stem}.xlsx",
                file=shown(year_dir / f"{spec.stem}.csv"),
            )
        return None
    try:
        return _locate(_read_cells(path), spec, path)
    except RawDataError as err:
        raise RawDataError(
            err.reason, file=shown(path), row=err.row, column=err.column, value=err.value
        ) from None


def _is_text(dtype: object) -> bool:
    """Return whether a column's dtype is a text dtype (not object, which may hold numbers)."""
    return pd.api.types.is_string_dtype(dtype) and str(dtype) != "object"


def _locate(cells: pd.DataFrame, spec: RawTable, path: Path) -> pd.DataFrame:
    """Map the header row to canonical names and drop the rows that are not data."""
    all_text = all(_is_text(t) for t in cells.dtypes)
    text = cells if all_text else cells.astype(str)  # a copy only for XLSX cells holding numbers
    # The reader numbers rows 0, 1, ...: a row's label is its position.
    arrays = {pos: arrow_cells(text[pos]) for pos in text.columns}
    blank = {pos: _bools(pc.equal(a, "")) for pos, a in arrays.items()}
    non_empty = ~np.logical_and.reduce(list(blank.values())) if blank else np.zeros(len(text), dtype=bool)
    if not non_empty.any():
        raise RawDataError("the file holds no rows", file=path)
    header_at = int(np.argmax(non_empty))
    header = [str(h) for h in cells.iloc[header_at]]
    names: dict[int, str] = {}
    for pos, label in enumerate(header):
        if label == "":
            continue
        name = spec.match(label)
        if name is None:
            accepted = "; ".join(shown_spelling(s[0]) for s in spec.columns.values())
            raise RawDataError(
                f"unknown column in {spec.title}; accepted columns: {accepted}",
                row=header_at + 1,
                column=label,
            )
        if name in names.values():
            raise RawDataError("two columns mean the same thing", row=header_at + 1, column=label)
        names[pos] = name
    for name in spec.required:
        if name not in names.values():
            raise RawDataError(
                f"required column missing; accepted headers: {', '.join(map(shown_spelling, spec.columns[name]))}",
                row=header_at + 1,
                column=shown_spelling(spec.columns[name][0]),
            )
    start = header_at + 1
    body = cells.iloc[start:]
    body_text = body if all_text else text.iloc[start:]
    arrays = {pos: a.slice(start) for pos, a in arrays.items()}
    blank = {pos: b[start:] for pos, b in blank.items()}
    for pos in body.columns:
        if pos not in names and not blank[pos].all():
            first = start + int(np.argmin(blank[pos]))
            raise RawDataError(
                "value in a column without a header",
                row=first + 1,
                column=f"#{pos + 1}",
                value=body.loc[first, pos],
            )
    # A repeated header: at least two cells read as the header of their own column.
    header_hits = np.zeros(len(body), dtype="int64")
    for pos, name in names.items():
        spellings = pa.array(sorted(_spellings(spec, name, header[pos])), arrays[pos].type)
        header_hits += _bools(pc.is_in(arrays[pos], value_set=spellings))
    is_header = header_hits >= 2
    mapped = [arrays[pos] for pos in names]
    empty = np.logical_and.reduce([blank[pos] for pos in names]) if names else np.ones(len(body), dtype=bool)
    noise = empty | is_header | _column_number_rows(mapped, [blank[pos] for pos in names])
    data = {name: body[pos] for pos, name in names.items()}
    for name in spec.columns:
        if name not in data:
            data[name] = pd.Series("", index=body.index)
    section_pos = next((p for p, n in names.items() if n == spec.section_column), None)
    if section_pos is not None:
        marks = body_text[section_pos].where(pd.Series(is_header, index=body.index))
        if len(marks):  # a header-only table has no first row
            marks.iloc[0] = marks.iloc[0] if pd.notna(marks.iloc[0]) else header[section_pos]
        section = marks.ffill()
    else:
        section = pd.Series(None, index=body.index, dtype=object)
    if spec.total_column:
        total_pos = next(p for p, n in names.items() if n == spec.total_column)
        is_total = body_text[total_pos].str.fullmatch(_TOTAL_LABELS.pattern).astype(bool)
    else:
        is_total = pd.Series(False, index=body.index)
    frame = pd.DataFrame(
        {
            **{name: data[name] for name in spec.columns},
            ROW: body.index + 1,
            SECTION: section,
            IS_TOTAL: is_total,
        },
        copy=False,
    )
    # rows kept by position: much faster than a boolean mask on Arrow text
    frame = frame.take(np.flatnonzero(~noise)).reset_index(drop=True)
    frame.attrs["present"] = list(names.values())
    frame.attrs["headers"] = {name: header[pos] for pos, name in names.items()}
    return frame


def _spellings(spec: RawTable, name: str, header_text: str) -> set[str]:
    """Return the header spellings of a column in the usual casings (for spotting repeated headers)."""
    base = [s for s in spec.columns[name] if not s.startswith("re:")] + [header_text]
    return {v for s in base for v in (s, s.lower(), s.upper(), s.title())}
