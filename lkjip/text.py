"""Names and labels, as data: how a name is matched, and every label map of the package.

A new spelling in a user's table is a one-line change here. Cleaners read the
raw-spelling maps; the report, the audit and the XLSX export read the display
labels; the raw contract (``data/raw/README.md``) is generated from the same maps.
"""

from __future__ import annotations

import re

# --- matching names ------------------------------------------------------------------------------


def name_key(text: object) -> str:
    """Return the matching key of a name: casefold, spaces and punctuation removed.

    Two names that differ only in case, spacing or punctuation ("Program UMKM" and
    "program  U.M.K.M") have the same key; every join on a name uses it.
    """
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


# --- polarity --------------------------------------------------------------------------------------

# Raw spelling (lower case, trimmed) -> polaritas. An empty cell means "not stated here".
POLARITAS_LABELS: dict[str, str] = {
    "positif": "positif",
    "positive": "positif",
    "+": "positif",
    "naik": "positif",
    "maksimal": "positif",
    "maksimum": "positif",
    "max": "positif",
    "semakin tinggi semakin baik": "positif",
    "negatif": "negatif",
    "negative": "negatif",
    "-": "negatif",
    "turun": "negatif",
    "minimal": "negatif",
    "minimum": "negatif",
    "min": "negatif",
    "semakin rendah semakin baik": "negatif",
    "rentang": "rentang",
    "range": "rentang",
    "stabil": "rentang",
    "stabilisasi": "rentang",
}
POLARITAS_DEFAULT = "positif"  # when neither Tabel 2.2 nor Tabel 3.1 states one
POLARITAS_JUDUL = {
    "positif": "positif (semakin tinggi semakin baik)",
    "negatif": "negatif (semakin rendah semakin baik)",
    "rentang": "rentang (realisasi di dalam rentang target)",
}
# A range target: "80 - 90", "80 – 90", "80 s.d. 90", "80 s/d 90", "80 sampai 90".
RANGE_SEPARATORS = ("-", "–", "—", "s.d.", "s.d", "s/d", "sd", "sampai", "hingga")
RANGE_PATTERN = re.compile(
    r"^\s*(\d[\d.,]*)\s*(?:"
    + "|".join(re.escape(s) for s in sorted(RANGE_SEPARATORS, key=len, reverse=True))
    + r")\s*(\d[\d.,]*)\s*$",
    re.IGNORECASE,
)

# --- levels of indicators and of Tabel 3.2 / 3.3 --------------------------------------------------

# Header text of a Tabel 2.2 part (name_key) -> level of the indicators below it.
TINGKAT_LABELS = {"tujuan": "tujuan", "sasaran": "sasaran", "sasaranstrategis": "sasaran"}
TINGKAT_JUDUL = {"tujuan": "Tujuan", "sasaran": "Sasaran Strategis"}
# The BAB III table that restates each level.
TABEL_TINGKAT = {"tujuan": "3.2", "sasaran": "3.3"}

# --- spending kinds ----------------------------------------------------------------------------------

# Raw spelling (name_key) -> jenis_belanja.
JENIS_BELANJA_LABELS = {
    "belanjatidaklangsung": "belanja_tidak_langsung",
    "btl": "belanja_tidak_langsung",
    "belanjalangsung": "belanja_langsung",
    "bl": "belanja_langsung",
    "jumlah": "total",
    "total": "total",
    "jumlahbelanja": "total",
    "totalbelanja": "total",
}
JENIS_BELANJA_JUDUL = {
    "belanja_tidak_langsung": "Belanja Tidak Langsung",
    "belanja_langsung": "Belanja Langsung",
    "total": "Jumlah",
}

# --- budget groups -------------------------------------------------------------------------------------

KELOMPOK_JENIS_JUDUL = {"rutin": "Rutin (non IKU)", "sasaran": "Sasaran", "total": "Jumlah"}
# Words of the metadata key ``kelompok_rutin`` that separate several routine headings.
KELOMPOK_RUTIN_SEPARATOR = ";"

# --- history (riwayat_iku) --------------------------------------------------------------------------

# A 'Tahun' cell of riwayat_iku that marks the Renstra baseline, optionally followed by its year.
KONDISI_AWAL_PATTERN = re.compile(r"(?i)^\s*(?:kondisi\s*awal|baseline)\s*(?:\(?\s*(\d{4})\s*\)?)?\s*$")

# --- KSP/USP -------------------------------------------------------------------------------------------

PREDIKAT_KSP = ("SEHAT", "CUKUP SEHAT", "DALAM PENGAWASAN", "DALAM PENGAWASAN KHUSUS")

# --- text a spreadsheet would execute ----------------------------------------------------------

# OWASP "CSV injection": a cell starting with one of these is read as a formula by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"


def escape_csv_text(value: str) -> str:
    """Return ``value`` safe for a CSV a spreadsheet may open: a leading ``'`` before a formula start.

    A value that already starts with ``'`` gets one more, so :func:`unescape_csv_text`
    always gives the original back.
    """
    return CSV_ESCAPE + value if value.startswith((*FORMULA_START, CSV_ESCAPE)) else value


def unescape_csv_text(value: str) -> str:
    """Return the value :func:`escape_csv_text` was given."""
    return value[1:] if value.startswith(CSV_ESCAPE) else value
