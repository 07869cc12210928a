"""One pure cleaner per raw table: raw frame in, processed frame out.

Every cleaner ends with :func:`lkjip.schema.check` against its declaration.
Cleaners raise :class:`RawDataError` naming the spreadsheet row, the column and
the value; :func:`clean_year` adds the file name and writes the year's tables
atomically.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lkjip import config, schema
from lkjip.errors import RawDataError, YearNotFoundError
from lkjip.numbers import Convention, parse_series
from lkjip.raw import IS_TOTAL, RAW_TABLES, ROW, SECTION, read_table

# Messy labels, as data: a new spelling is a one-line change.
POLARITAS_LABELS = {
    "": "positif",
    "positif": "positif",
    "+": "positif",
    "naik": "positif",
    "maksimal": "positif",
    "negatif": "negatif",
    "-": "negatif",
    "turun": "negatif",
    "minimal": "negatif",
    "rentang": "rentang",
    "range": "rentang",
    "stabil": "rentang",
}
TINGKAT_LABELS = {"tujuan": "tujuan", "sasaran": "sasaran", "sasaranstrategis": "sasaran"}
JENIS_BELANJA_LABELS = {
    "belanjatidaklangsung": "belanja_tidak_langsung",
    "belanjalangsung": "belanja_langsung",
    "jumlah": "total",
    "total": "total",
    "jumlahbelanja": "total",
    "totalbelanja": "total",
}
KELOMPOK_RUTIN = re.compile(r"(?i)rutin|non\s*iku")
TOTAL_TABLE_LABELS = {"pegawai": "1.1", "aset": "1.2", "kesehatan_ksp": "3.5"}
_RANGE = re.compile(r"^\s*([\d.,]+)\s*(?:-|–|—|s/d|sampai)\s*([\d.,]+)\s*$")
_GLUED_CODE = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")


def name_key(text: object) -> str:
    """Return the matching key of a name: casefold, spaces and punctuation removed."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def _blank_to_na(series: pd.Series) -> pd.Series:
    """Return text cells with "" as missing."""
    text = series.astype("string")
    return text.mask(text.eq(""))


def _fill_down(frame: pd.DataFrame, columns: list[str], by: str | None = None) -> pd.DataFrame:
    """Return ``frame`` with blank (merged) cells of ``columns`` filled from the row above."""
    out = frame.assign(**{c: _blank_to_na(frame[c]) for c in columns})
    filled = out.groupby(by)[columns].ffill() if by else out[columns].ffill()
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
    """Return metadata: one row per key. Raises when 'tahun' disagrees with the folder."""
    frame = raw.assign(kunci=raw["kunci"].str.strip().str.lower())
    _require(frame, ["kunci"])
    stated = frame[frame["kunci"] == "tahun"]
    if not stated.empty and str(stated["nilai"].iloc[0]).strip() != str(tahun):
        raise _fail(stated.iloc[0], "nilai", f"metadata year differs from the folder year {tahun}")
    dup = frame["kunci"].duplicated()
    if dup.any():
        raise _fail(frame[dup].iloc[0], "kunci", "duplicate key")
    out = frame.assign(tahun=tahun)[["tahun", "kunci", "nilai"]]
    return schema.check(out, "metadata")


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
    raw: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (pegawai: one row per golongan x pendidikan, pegawai_golongan, totals).

    A blank count cell means zero staff.
    """
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
    """Return ``frame`` with ``target`` parsed and ranges ("10 - 20") split into ``target_atas``."""
    text = frame["target"].map(lambda v: v if isinstance(v, str) else None)
    ranges = text.map(lambda v: _RANGE.match(v) if v else None)
    lower = frame["target"].where(ranges.isna(), ranges.map(lambda m: m.group(1) if m else None))
    upper = ranges.map(lambda m: m.group(2) if m else "")
    parsed = frame.assign(target=lower, target_atas=upper)
    return parsed.pipe(_numbers, ["target", "target_atas"], convention)


def clean_iku_rencana(raw: pd.DataFrame, tahun: int, convention: Convention | None = None) -> pd.DataFrame:
    """Return Tabel 2.2: one row per indicator (in printed order) with level and target."""
    frame = raw.assign(tingkat=lambda d: _tingkat(d)).pipe(_fill_down, ["uraian"], by=SECTION)
    _require(frame, ["indikator", "satuan", "uraian"])
    frame = frame.pipe(_targets, convention)
    out = frame.assign(
        tahun=tahun,
        indikator_no=range(1, len(frame) + 1),
        tujuan=frame["uraian"].where(frame["tingkat"] == "tujuan"),
        sasaran=frame["uraian"].where(frame["tingkat"] == "sasaran"),
    )[list(schema.TABLES["iku_rencana"].columns)]
    return schema.check(out, "iku_rencana")


def clean_iku(
    raw: pd.DataFrame,
    rencana: pd.DataFrame,
    tujuan_sasaran: pd.DataFrame,
    tahun: int,
    convention: Convention | None = None,
) -> pd.DataFrame:
    """Return Tabel 3.1: one row per indicator with target, realisasi and printed capaian.

    Level and order come from Tabel 2.2, the tujuan from Tabel 2.1; an
    indicator missing from either raises :class:`RawDataError`.
    """
    _require(raw, ["indikator"])
    plan = rencana.assign(_key=rencana["indikator"].map(name_key))
    goals = dict(zip(tujuan_sasaran["indikator"].map(name_key), tujuan_sasaran["tujuan"], strict=True))
    frame = raw.assign(_key=raw["indikator"].map(name_key))
    for _, row in frame.iterrows():
        if row["_key"] not in set(plan["_key"]):
            raise _fail(row, "indikator", "indicator not in Tabel 2.2 (tabel_2_2_iku)")
        if row["_key"] not in goals:
            raise _fail(row, "indikator", "indicator not in Tabel 2.1 (tabel_2_1_tujuan_sasaran)")
    polar = frame["polaritas"].map(lambda v: POLARITAS_LABELS.get(str(v).strip().lower()))
    if polar.isna().any():
        raise _fail(
            frame[polar.isna()].iloc[0],
            "polaritas",
            f"unknown polarity; use one of {schema.POLARITAS}",
        )
    frame = (
        frame.assign(polaritas=polar)
        .pipe(_targets, convention)
        .pipe(_numbers, ["realisasi", "capaian"], convention)
        .merge(
            plan[["_key", "indikator_no", "tingkat", "sasaran"]],
            on="_key",
            how="left",
            validate="1:1",
        )
    )
    is_range = frame["target_atas"].notna()
    out = frame.assign(
        tahun=tahun,
        tujuan=frame["_key"].map(goals),
        polaritas=frame["polaritas"].where(~is_range, "rentang"),
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


def clean_anggaran(
    raw: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (anggaran: one row per sub kegiatan line, anggaran_hierarki: one row per printed row).

    Kelompok cells are filled down. A row with pagu or realisasi is a sub
    kegiatan line, whichever code column its number slipped into; a row without
    amounts is a program (code in 'No.') or a kegiatan header (code in
    'Kegiatan', or glued to the name as in "01 Perencanaan", as PDFs print it).
    A kegiatan printed without a code keeps an empty code and '?' in its full
    code. Raises :class:`RawDataError` for a line without code, amounts or
    parent, and for a duplicate code within a group.
    """
    frame = raw.pipe(_fill_down, ["kelompok"]).pipe(_numbers, ["pagu", "realisasi", "capaian"], convention)
    _require(frame, ["kelompok", "uraian"])
    cells = {
        c: frame[c].astype(str).str.strip().str.rstrip(".") for c in ("program", "kegiatan", "sub_kegiatan")
    }
    uraian = frame["uraian"].astype(str)
    # Codes glued to the name ("01 Perencanaan") only matter where no code column is filled.
    no_code = cells["program"].eq("") & cells["kegiatan"].eq("") & cells["sub_kegiatan"].eq("")
    glued = uraian[no_code].str.extract(_GLUED_CODE.pattern).reindex(frame.index)
    has_glued = glued[0].notna()
    is_sub = frame["pagu"].notna() | frame["realisasi"].notna()
    is_program = ~is_sub & cells["program"].ne("")
    is_kegiatan = ~is_sub & ~is_program
    _first_bad(
        frame,
        is_kegiatan & cells["sub_kegiatan"].ne(""),
        "pagu",
        "sub kegiatan line without pagu and realisasi",
    )

    code = (
        cells["sub_kegiatan"]
        .where(cells["sub_kegiatan"].ne(""), cells["kegiatan"])
        .where(is_sub | cells["kegiatan"].ne("") | ~is_kegiatan, "")
    )
    code = code.where(code.ne("") | ~has_glued, glued[0]).where(~is_program, cells["program"])
    name = uraian.where(~(has_glued & cells["sub_kegiatan"].eq("") & cells["kegiatan"].eq("")), glued[1])
    code = code.where(code.eq(""), code.str.zfill(2))
    _first_bad(frame, is_sub & code.eq(""), "sub_kegiatan", "sub kegiatan line without a code")
    for column in ("pagu", "realisasi"):
        _first_bad(
            frame,
            is_sub & frame[column].isna(),
            column,
            "a sub kegiatan line needs both pagu and realisasi (write 0 for none)",
        )

    group = frame["kelompok"]
    group_codes = pd.factorize(group)[0]  # factorised once; grouping by integers is fast
    reset = "\x00"  # a program row ends the kegiatan above it

    def carry(values: pd.Series, rows: pd.Series, reset_rows: pd.Series | None = None) -> pd.Series:
        marked = values.where(rows)
        if reset_rows is not None:
            marked = marked.mask(reset_rows, reset)
        filled = marked.groupby(group_codes, sort=False).ffill()
        return filled.mask(filled.eq(reset))

    program_kode = carry(code, is_program)
    program_nama = carry(name, is_program)
    kegiatan_nama = carry(name, is_kegiatan, is_program)
    kegiatan_kode = carry(code.mask(code.eq(""), "?"), is_kegiatan, is_program)
    _first_bad(frame, (is_kegiatan | is_sub) & program_nama.isna(), "uraian", "row before any program row")
    _first_bad(frame, is_sub & kegiatan_nama.isna(), "uraian", "sub kegiatan line before any kegiatan row")

    kegiatan_part = kegiatan_kode.fillna("?")
    full = (program_kode + "." + kegiatan_part + "." + code).where(is_sub)
    full = full.mask(is_kegiatan, program_kode + "." + kegiatan_part).mask(is_program, program_kode)
    parent = (program_kode + "." + kegiatan_part).where(is_sub).mask(is_kegiatan, program_kode)
    level = (
        pd.Series("sub_kegiatan", index=frame.index).mask(is_kegiatan, "kegiatan").mask(is_program, "program")
    )

    both = pd.DataFrame({"kelompok": group, "full": full})
    suspects = schema.duplicated_keys(both, ["kelompok", "full"])
    dup = suspects & both[suspects].astype(object).duplicated().reindex(both.index, fill_value=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise RawDataError(
            "duplicate code in its group", row=int(first[ROW]), column="kode", value=full[dup].iloc[0]
        )

    real_kegiatan_kode = kegiatan_kode.mask(kegiatan_kode.eq("?"))
    lines = pd.DataFrame(
        {
            "tahun": tahun,
            "kelompok": group,
            "kelompok_jenis": group.map(
                {g: "rutin" if KELOMPOK_RUTIN.search(str(g)) else "sasaran" for g in group.unique()}
            ),
            "program_kode": program_kode,
            "program_nama": program_nama,
            "kegiatan_kode": real_kegiatan_kode,
            "kegiatan_nama": kegiatan_nama,
            "sub_kegiatan_kode": code,
            "sub_kegiatan_nama": name,
            "kode_lengkap": full,
            "pagu_rp": frame["pagu"],
            "realisasi_rp": frame["realisasi"],
            "serapan_pct_laporan": frame["capaian"],
        }
    )[is_sub.to_numpy()]
    tree = pd.DataFrame(
        {
            "tahun": tahun,
            "kelompok": group,
            "tingkat_anggaran": level,
            "kode": code.mask(is_kegiatan & code.eq("")),
            "kode_induk": parent,
            "kode_lengkap": full,
            "nama": name,
        }
    )
    return schema.check(lines, "anggaran"), schema.check(tree, "anggaran_hierarki")


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
    unknown = ~predikat.isin(schema.PREDIKAT_KSP)
    if unknown.any():
        raise _fail(
            items[unknown].iloc[0],
            "predikat",
            f"unknown predikat; expected one of {schema.PREDIKAT_KSP}",
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


def clean_target_renstra(
    raw: pd.DataFrame, iku: pd.DataFrame, tahun: int, convention: Convention | None = None
) -> pd.DataFrame:
    """Return Renstra targets: one row per indicator x Renstra year."""
    frame = raw.pipe(_fill_down, ["indikator"]).pipe(_numbers, ["tahun_target", "target"], convention)
    _require(frame, ["indikator", "tahun_target", "target"])
    out = frame.assign(tahun=tahun, indikator_no=_match_indicators(frame, iku))
    return schema.check(out[list(schema.TABLES["target_renstra"].columns)], "target_renstra")


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
    :class:`RawDataError` (with the file name) for the first bad input found.
    """
    p = config.paths(root)
    year_dir = p.raw_year(tahun)
    if not year_dir.is_dir():
        raise YearNotFoundError(f"no raw data for {tahun}: folder {year_dir} does not exist")

    def read(name: str) -> pd.DataFrame | None:
        return read_table(year_dir, RAW_TABLES[name], relative_to=p.root)

    def run(name: str, func: Callable[..., object], *args: object) -> object:
        try:
            return func(*args)
        except RawDataError as err:
            spec = RAW_TABLES[name]
            file = next((f for f in year_dir.glob(f"{spec.stem}.*")), year_dir / f"{spec.stem}.csv")
            raise err.located(file=file.relative_to(p.root)) from None

    metadata = run("metadata", clean_metadata, read("metadata"), tahun)
    conv = run("metadata", number_convention, metadata)
    pegawai, pegawai_golongan, total_pegawai = run("pegawai", clean_pegawai, read("pegawai"), tahun, conv)
    aset, total_aset = run("aset", clean_aset, read("aset"), tahun, conv)
    tujuan_sasaran = run("tujuan_sasaran", clean_tujuan_sasaran, read("tujuan_sasaran"), tahun)
    rencana = run("iku_rencana", clean_iku_rencana, read("iku_rencana"), tahun, conv)
    iku = run("iku", clean_iku, read("iku"), rencana, tujuan_sasaran, tahun, conv)
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
        run(name, clean_iku_analisis, raw, tabel, iku, tahun, conv)
        for name, tabel in (("iku_tujuan", "3.2"), ("iku_sasaran", "3.3"))
        if (raw := read(name)) is not None
    ]
    tables["iku_analisis"] = schema.check(
        pd.concat(restated, ignore_index=True) if restated else schema.empty("iku_analisis"), "iku_analisis"
    )
    tables["anggaran"], tables["anggaran_hierarki"] = run(
        "anggaran", clean_anggaran, read("anggaran"), tahun, conv
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
    }
    for name, (func, args) in optional.items():
        raw = read(name)
        tables[name] = schema.empty(name) if raw is None else run(name, func, raw, *args)
    return tables


def write_processed(tables: dict[str, pd.DataFrame], out_dir: Path) -> Path:
    """Write each table to ``out_dir/<name>.csv``, replacing the folder atomically.

    The tables go to a temporary sibling folder first; only when all are written
    is the old folder swapped out, so a failure leaves the last good output.
    Returns ``out_dir``.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp"
    old = out_dir.parent / f".{out_dir.name}.old"
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    tmp.mkdir()
    for name, frame in tables.items():
        frame.to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n")
    if out_dir.exists():
        out_dir.rename(old)
    tmp.rename(out_dir)
    if old.exists():
        shutil.rmtree(old)
    return out_dir


def load_processed(tahun: int, root: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Return the processed tables of one year read back with their declared dtypes."""
    folder = config.paths(root).processed_year(tahun)
    if not folder.is_dir():
        raise YearNotFoundError(f"no processed data for {tahun}: run 'lkjip clean --year {tahun}'")
    out = {}
    for name, table in schema.TABLES.items():
        file = folder / f"{name}.csv"
        frame = (
            pd.read_csv(file, dtype={c: schema.FIELDS[c].dtype for c in table.columns})
            if file.exists()
            else schema.empty(name)
        )
        out[name] = frame
    return out


def clean(tahun: int, root: Path | str | None = None) -> Path:
    """Clean one year and write ``data/processed/<tahun>/``; return that folder."""
    tables = clean_year(tahun, root)
    return write_processed(tables, config.paths(root).processed_year(tahun))
