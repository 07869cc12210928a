"""Every processed table declared once, as data, and the check each cleaner ends with.

A :class:`Field` describes one column name wherever it appears (the same
quantity has the same name in every table); a :class:`Table` is an ordered
list of field names with a primary key. :func:`check` compares a frame with its
declaration; :func:`data_dictionary` prints the declarations as Markdown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lkjip.errors import SchemaError
from lkjip.text import PREDIKAT_KSP

PENDIDIKAN = ("S3", "S2", "D4/S1", "D3", "D2/SMA", "SMP", "SD")
POLARITAS = ("positif", "negatif", "rentang")
TINGKAT_IKU = ("tujuan", "sasaran")
TINGKAT_ANGGARAN = ("program", "kegiatan", "sub_kegiatan")
KELOMPOK_JENIS = ("rutin", "sasaran")
JENIS_BELANJA = ("belanja_tidak_langsung", "belanja_langsung", "total")
BESARAN = (
    "capaian",
    "realisasi",
    "target",
    "pagu",
    "serapan",
    "jumlah_program",
    "jumlah_kegiatan",
    "jumlah_sub_kegiatan",
    "jumlah_ksp",
)


@dataclass(frozen=True)
class Field:
    """One column: pandas dtype, unit, description and, for categories, allowed values."""

    dtype: str
    description: str
    unit: str = ""
    allowed: tuple[str, ...] | None = None


FIELDS: dict[str, Field] = {
    "tahun": Field("int64", "Fiscal year of the report", "year"),
    "kunci": Field("string", "Metadata key"),
    "nilai": Field("string", "Metadata value, as written"),
    "golongan": Field("string", "Civil-service rank (pangkat/golongan ruang), e.g. III/d"),
    "pendidikan": Field("string", "Highest education level", allowed=PENDIDIKAN),
    "jumlah": Field("int64", "Count", "count"),
    "aset_no": Field("int64", "Row number of the asset in Tabel 1.2"),
    "aset_nama": Field("string", "Name or kind of the asset item"),
    "kondisi": Field("string", "Condition of the asset as written (Baik, ...)"),
    "keterangan": Field("string", "Remark column as written"),
    "tabel": Field("string", "Source table of the row, e.g. '1.2' or '3.2'"),
    "kolom": Field("string", "Column of the source table"),
    "nilai_total": Field("float64", "Total as stated in the table's total row"),
    "strategi": Field("string", "Renstra strategy"),
    "arah_kebijakan": Field("string", "Renstra policy direction"),
    "tujuan": Field("string", "Tujuan (goal) the indicator belongs to"),
    "sasaran": Field("string", "Sasaran strategis; empty for a tujuan-level indicator"),
    "indikator_no": Field("int64", "Position of the indicator in Tabel 2.2 (1 = first)"),
    "indikator": Field("string", "Indicator name as written in Tabel 3.1"),
    "tingkat": Field("string", "Level of the indicator: tujuan or sasaran", allowed=TINGKAT_IKU),
    "satuan": Field("string", "Unit of the indicator or output, as written"),
    "polaritas": Field("string", "Polarity: positif (higher is better), negatif, rentang", allowed=POLARITAS),
    "polaritas_tertulis": Field(
        "string", "Polarity as Tabel 2.2 states it; empty where it states none", allowed=POLARITAS
    ),
    "baris_sumber": Field("int64", "Row of the indicator in its raw file, as a spreadsheet counts it"),
    "target": Field("float64", "Target; for a range target its lower bound", "satuan"),
    "target_atas": Field("float64", "Upper bound of a range target; empty otherwise", "satuan"),
    "realisasi": Field("float64", "Realised value", "satuan"),
    "capaian_pct_laporan": Field("float64", "Capaian as printed in the report (not recomputed)", "%"),
    "realisasi_kolom_capaian": Field(
        "float64",
        "The 'Capaian <tahun> (%)' column of Tabel 3.2/3.3, which holds realisasi",
        "satuan",
    ),
    "kelompok": Field("string", "Budget group heading: the sasaran served, or the routine group"),
    "kelompok_jenis": Field("string", "rutin (non-IKU) or sasaran", allowed=KELOMPOK_JENIS),
    "program_kode": Field("string", "Program code as printed (local number, two digits, or full code)"),
    "program_nama": Field("string", "Program name"),
    "kegiatan_kode": Field("string", "Kegiatan code as printed; empty where the report prints none"),
    "kegiatan_nama": Field("string", "Kegiatan name"),
    "sub_kegiatan_kode": Field("string", "Sub kegiatan code as printed (local number or full code)"),
    "sub_kegiatan_nama": Field("string", "Sub kegiatan name"),
    "kode": Field("string", "Code of the row exactly as the report prints it; empty where it prints none"),
    "kode_induk": Field("string", "Full code of the parent row; empty for a program"),
    "kode_lengkap": Field(
        "string",
        "Full path of the row within its group: the Permendagri 90 code where the report prints full codes, "
        "else program.kegiatan.sub_kegiatan composed from local numbers ('?' for a kegiatan printed without "
        "a number). A key, never shown to readers",
    ),
    "tingkat_anggaran": Field("string", "Level in the budget hierarchy", allowed=TINGKAT_ANGGARAN),
    "nama": Field("string", "Name of the row"),
    "pagu_rp": Field("float64", "Budget ceiling after revision", "Rp"),
    "realisasi_rp": Field("float64", "Amount spent", "Rp"),
    "serapan_pct_laporan": Field("float64", "Serapan (realisasi / pagu) as printed in the report", "%"),
    "jenis_belanja": Field("string", "Spending kind", allowed=JENIS_BELANJA),
    "predikat": Field("string", "KSP/USP health predikat", allowed=PREDIKAT_KSP),
    "keluaran_no": Field("int64", "Position of the output in the prose (1 = first)"),
    "keluaran_nama": Field("string", "Output (keluaran) as the prose names it"),
    "volume": Field("float64", "Output volume", "satuan"),
    "anggaran_rp": Field("float64", "Budget the prose states for the output", "Rp"),
    "biaya_satuan_rp": Field("float64", "Unit cost the prose states for the output", "Rp"),
    "narasi_no": Field("int64", "Position of the stated figure in angka_narasi (1 = first)"),
    "besaran": Field("string", "What the stated figure measures", allowed=BESARAN),
    "objek": Field(
        "string",
        "What the figure is about: an indicator, 'total', a spending kind, a program, "
        "a sub kegiatan, 'seluruh' or a budget group",
    ),
    "nilai_angka": Field("float64", "The stated figure as a number"),
    "nilai_tertulis": Field("string", "The stated figure exactly as written"),
    "terbilang": Field("string", "The amount in words that accompanies the figure, as written"),
    "letak": Field("string", "Where the figure stands: chapter and paragraph"),
    "sumber": Field("string", "Where the figure stands in the report"),
    "penjelasan": Field("string", "Analyst's explanation of the result"),
    "permasalahan": Field("string", "Analyst's text on problems and solutions tried"),
    "tahun_target": Field("int64", "Year a Renstra target applies to", "year"),
    "standar": Field("float64", "National standard value", "satuan"),
    "periode": Field("string", "Year of a history row, or 'kondisi_awal' for the Renstra baseline"),
    "tahun_data": Field(
        "Int64", "Year the history row reports on; empty for a baseline without a year", "year"
    ),
    "berkas": Field(
        "string", "Raw file as the project holds it, e.g. 'data/raw/2025/tabel_3_5_kesehatan_ksp.csv'"
    ),
    "judul": Field("string", "A column's header exactly as the raw file writes it"),
}


@dataclass(frozen=True)
class Table:
    """A processed table: ordered columns (field names), primary key, grain."""

    columns: tuple[str, ...]
    key: tuple[str, ...]
    description: str
    nullable: tuple[str, ...] = ()


TABLES: dict[str, Table] = {
    "metadata": Table(("tahun", "kunci", "nilai"), ("tahun", "kunci"), "One row per metadata key."),
    "pegawai": Table(
        ("tahun", "golongan", "pendidikan", "jumlah"),
        ("tahun", "golongan", "pendidikan"),
        "Tabel 1.1: one row per rank x education level (blank cells count as 0).",
    ),
    "pegawai_golongan": Table(
        ("tahun", "golongan", "jumlah"),
        ("tahun", "golongan"),
        "Tabel 1.1: one row per rank, with the 'Jumlah' column as printed.",
    ),
    "aset": Table(
        ("tahun", "aset_no", "aset_nama", "jumlah", "kondisi", "keterangan"),
        ("tahun", "aset_no"),
        "Tabel 1.2: one row per kind of asset.",
    ),
    "total_tabel": Table(
        ("tahun", "tabel", "kolom", "nilai_total"),
        ("tahun", "tabel", "kolom"),
        "One row per figure of a table's printed total row.",
    ),
    "tujuan_sasaran": Table(
        ("tahun", "strategi", "arah_kebijakan", "tujuan", "sasaran", "indikator"),
        ("tahun", "indikator"),
        "Tabel 2.1: one row per indicator with its strategy, tujuan and sasaran.",
        nullable=("strategi", "arah_kebijakan", "sasaran"),
    ),
    "iku_rencana": Table(
        (
            "tahun",
            "indikator_no",
            "tingkat",
            "tujuan",
            "sasaran",
            "indikator",
            "satuan",
            "polaritas_tertulis",
            "target",
            "target_atas",
            "baris_sumber",
        ),
        ("tahun", "indikator_no"),
        "Tabel 2.2: one row per indicator with its planned target and the polarity it states.",
        nullable=("tujuan", "sasaran", "polaritas_tertulis", "target", "target_atas"),
    ),
    "iku": Table(
        (
            "tahun",
            "indikator_no",
            "tingkat",
            "tujuan",
            "sasaran",
            "indikator",
            "satuan",
            "polaritas",
            "target",
            "target_atas",
            "realisasi",
            "capaian_pct_laporan",
        ),
        ("tahun", "indikator_no"),
        "Tabel 3.1: one row per indicator with target, realisasi and the printed capaian.",
        nullable=("tujuan", "sasaran", "target", "target_atas", "realisasi", "capaian_pct_laporan"),
    ),
    "iku_analisis": Table(
        (
            "tahun",
            "tabel",
            "indikator_no",
            "indikator",
            "satuan",
            "realisasi_kolom_capaian",
            "target",
            "realisasi",
            "capaian_pct_laporan",
        ),
        ("tahun", "tabel", "indikator_no"),
        "Tabel 3.2 and 3.3: one row per table x indicator, as restated in 3.1.2.",
        nullable=(
            "satuan",
            "realisasi_kolom_capaian",
            "target",
            "realisasi",
            "capaian_pct_laporan",
        ),
    ),
    "anggaran": Table(
        (
            "tahun",
            "kelompok",
            "kelompok_jenis",
            "program_kode",
            "program_nama",
            "kegiatan_kode",
            "kegiatan_nama",
            "sub_kegiatan_kode",
            "sub_kegiatan_nama",
            "kode_lengkap",
            "pagu_rp",
            "realisasi_rp",
            "serapan_pct_laporan",
        ),
        ("tahun", "kelompok", "kode_lengkap"),
        "Realisasi anggaran: one row per sub kegiatan line, with its program and kegiatan.",
        nullable=("kegiatan_kode", "serapan_pct_laporan"),
    ),
    "anggaran_hierarki": Table(
        (
            "tahun",
            "kelompok",
            "kelompok_jenis",
            "tingkat_anggaran",
            "kode",
            "kode_induk",
            "kode_lengkap",
            "nama",
        ),
        ("tahun", "kelompok", "kode_lengkap"),
        "Realisasi anggaran: one row per program, kegiatan and sub kegiatan row.",
        nullable=("kode", "kode_induk"),
    ),
    "belanja": Table(
        ("tahun", "jenis_belanja", "pagu_rp", "realisasi_rp"),
        ("tahun", "jenis_belanja"),
        "Spending summary of section 3.2: one row per spending kind.",
    ),
    "kesehatan_ksp": Table(
        ("tahun", "predikat", "jumlah"),
        ("tahun", "predikat"),
        "Tabel 3.5: one row per KSP/USP health predikat.",
    ),
    "keluaran": Table(
        (
            "tahun",
            "keluaran_no",
            "program_nama",
            "keluaran_nama",
            "sub_kegiatan_nama",
            "volume",
            "satuan",
            "anggaran_rp",
            "biaya_satuan_rp",
            "sumber",
        ),
        ("tahun", "keluaran_no"),
        "Outputs stated in the BAB III prose: one row per output.",
        nullable=("sub_kegiatan_nama", "volume", "satuan", "anggaran_rp", "biaya_satuan_rp", "sumber"),
    ),
    "indikator_program": Table(
        ("tahun", "indikator_no", "program_nama", "kegiatan_nama"),
        ("tahun", "indikator_no", "program_nama", "kegiatan_nama"),
        "One row per indicator x supporting program x kegiatan (from the report's text).",
    ),
    "penjelasan_indikator": Table(
        ("tahun", "indikator_no", "penjelasan", "permasalahan"),
        ("tahun", "indikator_no"),
        "One row per indicator: the analyst's explanation.",
        nullable=("permasalahan",),
    ),
    "angka_narasi": Table(
        (
            "tahun",
            "narasi_no",
            "besaran",
            "objek",
            "nilai_tertulis",
            "nilai_angka",
            "satuan",
            "terbilang",
            "letak",
        ),
        ("tahun", "narasi_no"),
        "Figures stated in the prose: one row per statement of a figure.",
        nullable=("satuan", "terbilang"),
    ),
    "target_renstra": Table(
        ("tahun", "indikator_no", "tahun_target", "target", "target_atas"),
        ("tahun", "indikator_no", "tahun_target"),
        "One row per indicator x Renstra year.",
        nullable=("target_atas",),
    ),
    "riwayat_iku": Table(
        (
            "tahun",
            "indikator_no",
            "periode",
            "tahun_data",
            "target",
            "target_atas",
            "realisasi",
            "capaian_pct_laporan",
        ),
        ("tahun", "indikator_no", "periode"),
        "History as printed in this year's report: one row per indicator x earlier year, "
        "plus one per indicator for the Renstra baseline (periode 'kondisi_awal').",
        nullable=("tahun_data", "target", "target_atas", "realisasi", "capaian_pct_laporan"),
    ),
    "standar_nasional": Table(
        ("tahun", "indikator_no", "standar", "sumber"),
        ("tahun", "indikator_no"),
        "One row per indicator with a national standard.",
        nullable=("sumber",),
    ),
    "judul_kolom": Table(
        ("tahun", "berkas", "kolom", "judul"),
        ("tahun", "berkas", "kolom"),
        "One row per column lkjip read from a raw file: the header as the user wrote it (the audit reads the "
        "years it names).",
    ),
}


def empty(name: str) -> pd.DataFrame:
    """Return an empty frame of table ``name`` with its declared dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=FIELDS[c].dtype) for c in TABLES[name].columns})


def check(frame: pd.DataFrame, name: str, *, key_checked: bool = False) -> pd.DataFrame:
    """Return ``frame`` cast to its declared dtypes after checking it against table ``name``.

    Raises :class:`SchemaError` on missing or extra columns, a fraction or an
    infinity in a whole-number column (never truncated), a null in a non-nullable column, a value outside a field's allowed values, or a
    duplicate primary key. ``key_checked``: the cleaner has already refused a duplicate key of
    exactly these rows (naming the user's row), so the key is not checked twice.
    """
    table = TABLES[name]
    if list(frame.columns) != list(table.columns):
        raise SchemaError(f"{name}: columns {list(frame.columns)} != declared {list(table.columns)}")
    for column in table.columns:
        if FIELDS[column].dtype in ("int64", "Int64") and pd.api.types.is_float_dtype(frame[column].dtype):
            values = frame[column].dropna()
            fractional = values[(values % 1 != 0) | ~values.map(math.isfinite)]
            if not fractional.empty:
                raise SchemaError(
                    f"{name}: column '{column}' must hold whole numbers, not {float(fractional.iloc[0])}"
                )
    wanted = {c: pd.api.types.pandas_dtype(FIELDS[c].dtype) for c in table.columns}
    out = (
        pd.DataFrame(  # column by column, only what differs: a frame's astype costs far more on small tables
            {c: frame[c] if frame[c].dtype == d else frame[c].astype(d) for c, d in wanted.items()},
            index=frame.index,
            copy=False,
        )
    )
    for column in table.columns:
        if column not in table.nullable and out[column].isna().any():
            raise SchemaError(f"{name}: column '{column}' has empty values")
        allowed = FIELDS[column].allowed
        if allowed is not None:
            values = out[column]  # masks only: dropping missing values would copy a text column twice
            bad = values[values.notna() & ~values.isin(allowed)]
            if not bad.empty:
                raise SchemaError(f"{name}: column '{column}' has {bad.iloc[0]!r}, allowed: {allowed}")
    dup = pd.Series(False, index=out.index) if key_checked else duplicated_keys(out, list(table.key))
    if dup.any():
        raise SchemaError(f"{name}: duplicate key {out.loc[dup, list(table.key)].iloc[0].tolist()}")
    return out.reset_index(drop=True)


def duplicated_keys(frame: pd.DataFrame, key: list[str], keep: Literal["first", False] = False) -> pd.Series:
    """Return, per row, whether its ``key`` values occur in another row (``keep=False``) or an earlier one.

    ``keep="first"`` marks every occurrence after the first. One stable sort of
    the key columns, then each row compared with its neighbour (missing values
    equal each other): exact, and much faster than hashing long text columns.
    A column Arrow cannot hold (mixed Python objects) is factorised instead.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(frame) < 2:
        return pd.Series(False, index=frame.index)
    try:
        table = pa.table({str(i): pa.array(frame[c], from_pandas=True) for i, c in enumerate(key)})
    except (pa.ArrowException, TypeError, ValueError):
        codes = np.zeros(len(frame), dtype="int64")
        for column in key:
            values, uniques = pd.factorize(frame[column])
            codes = pd.factorize(codes * (len(uniques) + 1) + (values + 1))[0]
        return pd.Series(codes, index=frame.index).duplicated(keep=keep)
    order = pc.sort_indices(table, sort_keys=[(name, "ascending") for name in table.column_names])
    same = np.ones(len(frame) - 1, dtype=bool)
    for name in table.column_names:
        column = table[name].take(order)
        later, earlier = column.slice(1), column.slice(0, len(frame) - 1)
        equal = pc.or_kleene(pc.equal(later, earlier), pc.and_(pc.is_null(later), pc.is_null(earlier)))
        same &= pc.fill_null(equal, False).to_numpy(zero_copy_only=False)
    positions = order.to_numpy()
    out = np.zeros(len(frame), dtype=bool)
    out[positions[1:][same]] = True  # equal to the row before it in a stable order: a later occurrence
    if keep is False:
        out[positions[:-1][same]] = True
    return pd.Series(out, index=frame.index)


def data_dictionary() -> str:
    """Return the Markdown data dictionary of every processed table."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `lkjip/schema.py` by `lkjip dictionary`.",
        "",
        "Each table is `data/processed/<year>/<name>.csv` (UTF-8, comma-separated, header row). A text "
        "cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a "
        "carriage return) or that starts with `'` is written with one leading `'` (OWASP's advice for "
        "CSV files); lkjip's reader removes it, and another reader gets the original value back by "
        "removing one leading `'` from a text cell that has it.",
        "",
    ]
    for name, table in TABLES.items():
        lines += [
            f"## `{name}.csv`",
            "",
            table.description,
            "",
            f"Key: {', '.join(table.key)}.",
            "",
        ]
        lines += ["| column | type | unit | description |", "| --- | --- | --- | --- |"]
        for column in table.columns:
            f = FIELDS[column]
            desc = f.description + (f" Allowed: {', '.join(f.allowed)}." if f.allowed else "")
            opt = " (may be empty)" if column in table.nullable else ""
            lines.append(f"| `{column}` | {f.dtype} | {f.unit} | {desc}{opt} |")
        lines.append("")
    return "\n".join(lines)
