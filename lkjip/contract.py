"""The raw data contract (``data/raw/README.md``), generated from the declarations it describes.

Every accepted header spelling comes from :data:`lkjip.raw.RAW_TABLES`, every
accepted value of a category column from the label maps of :mod:`lkjip.text`,
the metadata keys from :data:`lkjip.raw.METADATA_KEYS`; a test fails when the
committed file is out of date (``make dictionary`` rewrites it).
"""

from __future__ import annotations

from collections import defaultdict

from lkjip.raw import METADATA_KEYS, RAW_TABLES, RawTable, shown_spelling
from lkjip.schema import BESARAN
from lkjip.text import (
    JENIS_BELANJA_JUDUL,
    JENIS_BELANJA_LABELS,
    POLARITAS_DEFAULT,
    POLARITAS_LABELS,
    PREDIKAT_KSP,
    RANGE_SEPARATORS,
)

INTRO = """# Raw data contract

Generated from `lkjip/raw.py` and `lkjip/text.py` by `make dictionary`; do not edit by hand.

`data/raw/<year>/` holds one year's source tables **exactly as the report writes them**.
lkjip only reads this folder; cleaned tables go to `data/processed/<year>/`
(`lkjip clean --year <year>`, or any build or notebook, which re-clean a year whose raw
files changed), and nothing here is ever rewritten.

To prepare another year or another agency, copy a year folder, keep the file names, and
paste your own tables over the rows. Every rule below is checked; a file that breaks one
gives an error naming the file, the row (as a spreadsheet counts it: the header is row 1),
the column (as your header writes it) and the value.

## File format

- CSV in UTF-8 (with or without BOM; "CSV UTF-8" in Excel), separated by comma, semicolon
  or tab; or an `.xlsx` workbook (first sheet) with the same stem. Not both.
- XLSX cells may be typed numbers, numbers as text, blank, `-`, dates (read as `YYYY-MM-DD`)
  or formulas; a formula is read by the result the spreadsheet saved with it, and a formula
  with no saved result (a file written by a program, never opened and saved) is refused.
- The first non-empty row is the header. Header spellings are matched ignoring case, spaces
  and punctuation; the accepted spellings are listed below (first one = the usual one).
  A column with an unknown header is refused.
- Noise from PDF/Word copy-paste is removed: HTML tags such as `<i>…</i>`, names wrapped over
  lines, empty rows, a header row repeated after a page break, and rows of column numbers
  (`(1) (2) (3)` or `1 2 3 4 5`).
- **Blank cells under a name** (merged cells) repeat the value above: Tujuan, Sasaran,
  Kelompok, Program, Indikator. In a count column (staff, KSP/USP) a blank means 0.
- A row whose label is `Total` or `Jumlah` is the table's printed total; it is kept apart
  (`total_tabel.csv`) and checked against the rows, never added to them.
- A required table must have at least one row; an optional table with a header only counts as
  absent (its section says which file is missing).
- A file of the year folder that is no table below is named in a warning, with the closest
  accepted name (`target_renstra_2024.csv`: did you mean `target_renstra.csv`?). A file that links
  to a place outside the project is refused.
- A number beyond 1.000.000.000.000.000 (above any regional budget) is refused as a typo.
- Indicator names in every other table must match an indicator of Tabel 2.2 and 3.1
  (case, spaces and punctuation aside).

## Numbers

Indonesian (`4.962.111.000,00`, `Rp.4.962.111.000,00`, `Rp 1.000.000`, `123,46`, `0,043`,
`37,04 %`, `Rp.15.000.000,--`) or the other convention (`1,004,422,800`, `99.66`,
`20000000.00`). `-` or an empty cell means "no value". Each column uses one convention,
detected from its values; a column that mixes them is refused, and so is a column whose only
values could be read both ways (`2.600` is 2600 in Indonesian and 2.6 otherwise): write such a
value with its decimals (`2.600,00`) or set `format_angka` in `metadata.csv`.

## Indicators: polarity and targets

- Polarity may be given in Tabel 2.2, in Tabel 3.1, or in both (then they must agree; if they
  do not, the error names both files and rows). Accepted values: {polaritas}.
  An indicator whose polarity is stated nowhere is {default}, unless its target is a range.
- A **range target** is written `80 - 90`; accepted separators: {separators}. A range target
  makes the indicator `rentang`; a range target with another stated polarity, or `rentang`
  without a range target, is refused. Renstra targets and history rows of a `rentang`
  indicator must be ranges too.
- A target of `0`, `-` or an empty target leaves the capaian undefined ("tidak dinilai").
- How capaian is computed for a negative indicator, and which predikat scale applies, is set
  in `lkjip.toml`; a year's `metadata.csv` may fix either for that year (`rumus_negatif`,
  `skala_predikat`), so that a new global default never recomputes a published year.

## Budget codes and groups

- Codes are either **full Permendagri 90 codes** (`2.17.02` program, `2.17.02.2.01` kegiatan,
  `2.17.02.2.01.0001` sub kegiatan; each must sit under the row above it) or **local numbers**
  (`01`, `01.02`), detected from the values; a table must not mix the two. Readers see the
  codes as the table prints them.
- A row with a pagu or realisasi is a sub kegiatan line (whichever code column its number sits
  in); a row without amounts is a program (code in the program column) or a kegiatan header
  (code in the kegiatan column, or glued to the name as in `01 Perencanaan…`). A kegiatan
  printed without a code is allowed. A sub kegiatan line must state both pagu and realisasi
  (write `0` for none).
- Every **group heading** (the Kelompok column) must either name a sasaran of Tabel 2.2 (as
  Tabel 2.2 writes it, case and punctuation aside) or be declared routine with the metadata
  key `kelompok_rutin` (the heading as written; several separated by `;`). Any other heading
  is refused, whatever its words.
"""


SHIPPED = """## What the shipped 2023 folder holds

The 2023 LKjIP of Dinas Koperasi UMKM Kabupaten Pati, transcribed row for row: Tabel 1.1,
1.2 (both page halves, with the repeated header and column-number rows), 2.1, 2.2, 3.1, 3.2,
3.3, both realisasi anggaran tables (local numbering; the routine group is declared in
`metadata.csv`), the spending summary of section 3.2, Tabel 3.5, the outputs stated in
section 3.2's prose, the indicator-to-program links of section 3.1.2, the analyst's text per
indicator, the 47 figures the prose states (with their terbilang), and the metadata (the
report does not name the head of office, so `kepala` holds the title only)."""


def _values(labels: dict[str, str]) -> str:
    """Return "value (spellings)" for each value of a label map."""
    by_value: dict[str, list[str]] = defaultdict(list)
    for spelling, value in labels.items():
        by_value[value].append(spelling)
    return "; ".join(f"`{v}` ({', '.join(f'`{s}`' for s in spellings)})" for v, spellings in by_value.items())


def _column_notes() -> dict[tuple[str, str], str]:
    """Return extra text per (table, column): accepted values of category columns and what a column holds."""
    metadata = "; ".join(f"`{k}`: {v}" for k, v in METADATA_KEYS.items())
    return {
        ("metadata", "kunci"): f"keys: {metadata}",
        (
            "iku_rencana",
            "uraian",
        ): "the header cell (`Tujuan`, `Sasaran` or `Sasaran Strategis`) says the level "
        "of the rows below it; repeat the header row to start the other level",
        ("iku_rencana", "polaritas"): "see Indicators",
        ("iku", "polaritas"): "see Indicators",
        ("iku", "target"): "a number, or a range",
        (
            "anggaran",
            "kelompok",
        ): "group heading: a sasaran of Tabel 2.2 or a heading named in `kelompok_rutin`",
        ("anggaran", "program"): "program code",
        ("anggaran", "kegiatan"): "kegiatan code",
        ("anggaran", "sub_kegiatan"): "sub kegiatan code",
        ("belanja", "jenis"): "values: "
        + "; ".join(
            f"{JENIS_BELANJA_JUDUL[v]} ({', '.join(k for k, w in JENIS_BELANJA_LABELS.items() if w == v)})"
            for v in JENIS_BELANJA_JUDUL
        )
        + " (matched ignoring case, spaces and punctuation)",
        ("kesehatan_ksp", "predikat"): "values: " + ", ".join(f"`{p}`" for p in PREDIKAT_KSP),
        ("angka_narasi", "besaran"): "values: " + ", ".join(f"`{b}`" for b in BESARAN),
        (
            "riwayat_iku",
            "tahun_data",
        ): "a year up to the folder's year, or `Kondisi Awal` (optionally with its "
        "year, `Kondisi Awal (2021)`) for the Renstra baseline",
        ("target_renstra", "tahun_target"): "one row per Renstra year; the last is the period-end target",
    }


def _columns(name: str, spec: RawTable) -> str:
    """Return the columns of one raw table as Markdown: required ones in bold, spellings, notes."""
    notes = _column_notes()
    parts = []
    for column, spellings in spec.columns.items():
        shown = [shown_spelling(s) for s in spellings]
        label = f"**{shown[0]}**" if column in spec.required else shown[0]
        also = f" (also {', '.join(f'`{s}`' for s in shown[1:])})" if len(shown) > 1 else ""
        note = f": {notes[(name, column)]}" if (name, column) in notes else ""
        parts.append(f"{label}{also}{note}")
    return "<br>".join(parts)


def contract() -> str:
    """Return the Markdown raw data contract: the rules, then one table row per raw file."""
    text = INTRO.format(
        polaritas=_values(POLARITAS_LABELS),
        default=f"`{POLARITAS_DEFAULT}`",
        separators=", ".join(f"`{s}`" for s in RANGE_SEPARATORS),
    )
    lines = [text, "## Files", "", "Columns in **bold** are required; the others may be left out.", ""]
    for title, required in (("Required files", True), ("Optional files", False)):
        lines += [f"### {title}", "", "| file | what | columns (accepted headers) |", "| --- | --- | --- |"]
        for name, spec in RAW_TABLES.items():
            if spec.is_required_file != required:
                continue
            what = spec.title + (f". {spec.description}" if spec.description else "")
            lines.append(f"| `{spec.stem}.csv` | {what} | {_columns(name, spec)} |")
        lines.append("")
    lines += [SHIPPED, ""]
    return "\n".join(lines)
