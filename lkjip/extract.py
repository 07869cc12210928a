"""Draft a raw data folder from an LKjIP document (``lkjip extract``).

A document is read as a sequence of blocks (headings, paragraphs, tables) from a
``.docx`` (python-docx: Word tables are tables) or from plain text / Markdown as
copied from a PDF or Word file (tab-separated lines are table rows). Tables are
recognised by their header against the raw contract (:data:`lkjip.raw.RAW_TABLES`)
and written with their values exactly as printed; the budget tables are laid out
in the contract's columns; ``metadata.csv``, ``belanja_ringkasan.csv`` and
``angka_narasi.csv`` are drafted from the cover and the prose. The phrasings are
data (``extract.toml``). Extraction is deterministic: no model, no network.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lkjip import config, prosa
from lkjip.errors import LkjipError
from lkjip.raw import RAW_TABLES, RawTable, normalize_header
from lkjip.text import name_key

RULES_FILE = config.PACKAGE_DIR / "extract.toml"

# Raw tables a document prints as tables (metadata, the prose figures and the analyst text are drafted otherwise).
TABLE_KINDS = [k for k in RAW_TABLES if k not in ("metadata", "angka_narasi", "penjelasan_indikator")]
NARASI_HEADER = ["Besaran", "Objek", "Nilai", "Satuan", "Terbilang", "Letak"]
_NUMBER_CELL = re.compile(r"^-?(?:Rp\.? ?)?\d[\d.]*(?:,\d+)?$")
_CODE_CELL = re.compile(r"^\d{1,4}(?:\.\d{1,4})*\.?$")
_PROGRAM_HEADING = re.compile(r"^\d+\.\s+Program")  # a numbered heading of the budget section's prose


class ExtractError(LkjipError):
    """The document cannot be read (missing, not a document lkjip reads)."""


@dataclass
class Blok:
    """One block of the document, in order: a heading, a paragraph or a table."""

    jenis: str  # "judul", "paragraf", "keterangan" (a table's caption) or "tabel"
    teks: str = ""
    baris: list[list[str]] = field(default_factory=list)
    sumber: str = ""  # where in the file: "baris 289" (text) or "paragraf 12" / "tabel 3" (docx)
    letak: str = ""  # where in the report: "Ikhtisar Eksekutif, paragraf 2"


@dataclass
class Draf:
    """What was drafted: raw tables (name -> rows, header first), where each came from, and what was not placed."""

    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


# --- rules -----------------------------------------------------------------------------------------


@cache
def rules() -> dict:
    """Return ``extract.toml`` as loaded (patterns still as text)."""
    with RULES_FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def pattern(text: str) -> re.Pattern:
    """Return a rule compiled: ``{angka}``, ``{rupiah}``, ``{pagu}``, ``{realisasi}`` filled in.

    A space in a rule matches any run of spaces, an optional space (" ?") any run or none.
    """
    r = rules()
    money = r["rupiah"]
    text = (
        text.replace("{pagu}", money.replace("?P<angka>", "?P<pagu>"))
        .replace("{realisasi}", money.replace("?P<angka>", "?P<realisasi>"))
        .replace("{rupiah}", money)
        .replace("{angka}", prosa.angka_pattern())
    )
    return re.compile(text.replace(" ?", r"\s*").replace(" ", r"\s+"), re.IGNORECASE)


# --- reading ---------------------------------------------------------------------------------------


def _clean_text(line: str) -> str:
    """Return a line without Markdown emphasis and list marks ("**", "*", leading "- ")."""
    line = line.replace("**", "").replace("*", "")
    return re.sub(r"^\s*[-•]\s+", "", line).strip()


def _is_heading(text: str) -> bool:
    r = rules()["judul"]
    return any(pattern(p).fullmatch(text.strip()) for p in r["bab"] + r["sub"]) and len(text) < 120


def baca_teks(text: str) -> list[Blok]:
    """Return the blocks of a text copied from a PDF or Word file: tab-separated lines are table rows.

    Consecutive table lines (blank lines between them included) form one table; a
    paragraph or heading ends it.
    """
    blocks: list[Blok] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw:
            row = [_clean_text(c) for c in raw.split("\t")]
            if blocks and blocks[-1].jenis == "tabel":
                blocks[-1].baris.append(row)
            else:
                blocks.append(Blok("tabel", baris=[row], sumber=f"baris {number}"))
            continue
        line = _clean_text(raw)
        if not line:
            continue
        kind = "judul" if _is_heading(line) else "paragraf"
        blocks.append(Blok(kind, teks=line, sumber=f"baris {number}"))
    return _place(blocks)


def baca_docx(path: Path) -> list[Blok]:
    """Return the blocks of a Word document: its paragraphs and tables in order (merged cells read once)."""
    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    blocks: list[Blok] = []
    n_par = n_tab = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            n_tab += 1
            rows = []
            for row in item.rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                rows.append(cells)
            if blocks and blocks[-1].jenis == "tabel":  # a table split across pages
                blocks[-1].baris.extend(rows)
            else:
                blocks.append(Blok("tabel", baris=rows, sumber=f"tabel {n_tab}"))
            continue
        n_par += 1
        for line in item.text.split("\n"):  # a line break inside a paragraph starts a new line
            line = _clean_text(line)
            if not line:
                continue
            style = (item.style.name or "").lower() if item.style is not None else ""
            kind = (
                "judul"
                if style.startswith(("heading", "judul", "title")) or _is_heading(line)
                else "paragraf"
            )
            blocks.append(Blok(kind, teks=line, sumber=f"paragraf {n_par}"))
    return _place(blocks)


def baca(path: Path) -> list[Blok]:
    """Return the blocks of ``path``: a ``.docx``, or text (UTF-8) for any other name."""
    if not path.is_file():
        raise ExtractError(f"{path}: no such file")
    if path.suffix.lower() == ".docx":
        try:
            return baca_docx(path)
        except Exception as err:  # python-docx raises several kinds on a broken file
            raise ExtractError(f"{path}: not a Word document lkjip can read ({type(err).__name__})") from None
    if path.suffix.lower() in (".pdf", ".doc", ".xlsx"):
        raise ExtractError(
            f"{path}: lkjip reads .docx or text; copy the text of a {path.suffix} file into a .txt"
        )
    try:
        return baca_teks(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ExtractError(f"{path}: not UTF-8 text (save it as UTF-8)") from None


def _mark_captions(blocks: list[Blok]) -> None:
    """Mark a table's caption ("Tabel 3.1" and its title lines up to the table) as ``keterangan``, not prose."""
    caption = pattern(rules()["tabel"]["keterangan"])
    for i, b in enumerate(blocks):
        if b.jenis != "paragraf" or not caption.fullmatch(b.teks):
            continue
        j = i + 1
        while j < len(blocks) and j - i <= 4 and blocks[j].jenis == "paragraf":
            j += 1
        if j < len(blocks) and blocks[j].jenis == "tabel":
            for c in blocks[i:j]:
                c.jenis = "keterangan"


def _place(blocks: list[Blok]) -> list[Blok]:
    """Give each block its place in the report: the current chapter and section, and the paragraph's number.

    Table captions are no paragraphs (see :func:`_mark_captions`).
    """
    _mark_captions(blocks)
    bab, sub, count = "", "", 0
    for b in blocks:
        if b.jenis == "judul":
            text = b.teks.strip()
            m = pattern(rules()["judul"]["sub"][0]).fullmatch(text)
            if m:
                sub = m.group("nomor")
            elif text.upper() != "PENUTUP" or not bab.startswith("BAB"):
                bab, sub = text.title() if not text.upper().startswith("BAB") else text.upper(), ""
            count = 0
            b.letak = " ".join(x for x in (bab, sub) if x)
            continue
        if b.jenis == "keterangan":
            b.letak = f"{' '.join(x for x in (bab, sub) if x) or 'Sampul'}, keterangan tabel"
        elif b.jenis == "paragraf":
            count += 1
            b.letak = f"{' '.join(x for x in (bab, sub) if x) or 'Sampul'}, paragraf {count}"
        else:
            b.letak = f"{' '.join(x for x in (bab, sub) if x) or 'Sampul'}, tabel"
    return blocks


# --- tables ----------------------------------------------------------------------------------------


def _matched(spec: RawTable, header: list[str]) -> tuple[int, set[str]]:
    """Return (score, columns matched) of a header row against a raw table: matched minus unknown cells."""
    names, unknown = set(), 0
    for cell in header:
        if not cell.strip():
            continue
        name = spec.match(cell)
        if name is None or name in names:
            unknown += 1
        else:
            names.add(name)
    return len(names) - unknown, names


def _needs(kind: str) -> set[str]:
    spec = RAW_TABLES[kind]
    if kind == "anggaran":  # the budget layout is rebuilt: codes and groups come from the rows
        return {"uraian", "pagu", "realisasi"}
    return set(spec.required)


def _merge_rows(upper: list[str], lower: list[str]) -> list[str]:
    """Return a two-row header as one: the lower cell where it has text, else the upper one."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return [b if b.strip() else a for a, b in zip(upper, lower, strict=True)]


@dataclass
class _Found:
    kind: str
    score: int
    header: list[str]
    body: list[list[str]]
    leading: dict[str, str]  # label rows above the header ("Strategi | ..."), as columns


def _recognise(rows: list[list[str]], nomor: str | None) -> _Found | None:
    """Return which raw table ``rows`` are, with the header row(s) merged, or ``None``."""
    best: _Found | None = None
    for kind in TABLE_KINDS:
        spec = RAW_TABLES[kind]
        leading: dict[str, str] = {}
        start = 0
        while start < len(rows) - 1:  # label rows: "Strategi | Peningkatan ..." above the header
            cells = [c for c in rows[start] if c.strip()]
            name = spec.match(cells[0]) if len(cells) == 2 else None
            if name is None:
                break
            leading[cells[0]] = cells[1]
            start += 1
        if start >= len(rows):
            continue
        candidates = [(rows[start], start + 1)]
        if start + 1 < len(rows) and not any(_NUMBER_CELL.match(c.strip()) for c in rows[start + 1]):
            candidates.append((_merge_rows(rows[start], rows[start + 1]), start + 2))
        for header, body_at in candidates:
            score, names = _matched(spec, header + list(leading))
            if not _needs(kind) <= names:
                continue
            if nomor and spec.stem.startswith(f"tabel_{nomor.replace('.', '_')}_"):
                score += 2  # the caption names this table
            if best is None or score > best.score:
                best = _Found(kind, score, header, rows[body_at:], leading)
    return best


def _caption(blocks: list[Blok], at: int) -> tuple[str | None, str]:
    """Return (number, caption) of the table at ``at`` from the paragraphs just above it."""
    for b in reversed(blocks[max(0, at - 5) : at]):
        if b.jenis == "tabel":
            break
        m = pattern(rules()["tabel"]["keterangan"]).fullmatch(b.teks)
        if m:
            return m.group("nomor"), b.teks
    return None, ""


def _group_heading(blocks: list[Blok], at: int) -> str | None:
    """Return the short paragraph right above a budget table: its group (sasaran) heading."""
    if at == 0 or blocks[at - 1].jenis != "paragraf":
        return None
    text = blocks[at - 1].teks.strip()
    limit = int(rules()["tabel"]["panjang_kelompok"])
    if len(text) > limit or text.endswith((":", ".")) or pattern(rules()["tabel"]["keterangan"]).match(text):
        return None
    return text


def _trim(rows: list[list[str]], width: int) -> list[list[str]]:
    """Return rows cut or padded to ``width`` cells (cells beyond it must be empty)."""
    out = []
    for row in rows:
        extra = [c for c in row[width:] if c.strip()]
        base = row[:width] + [""] * (width - len(row))
        out.append(base + extra)
    return out


def _budget_rows(found: _Found, kelompok: str | None, first: bool) -> list[list[str]]:
    """Return budget rows in the contract's layout: Kelompok, No., Kegiatan, Sub Kegiatan, uraian, amounts.

    A row with amounts is a sub kegiatan; one whose name starts with "Program" a
    program; any other a kegiatan. Codes stay as printed; a code glued to the name
    stays in the name (the cleaner reads it).
    """
    spec = RAW_TABLES["anggaran"]
    header_names = [spec.match(c) if c.strip() else None for c in found.header]
    out = []
    if first:
        label = {n: c for n, c in zip(header_names, found.header, strict=True) if n}
        out.append(
            [label.get(n, spellings[0]) for n, spellings in spec.columns.items()]  # the contract's order
        )
    group = kelompok or ""
    for row in found.body:
        cells = [c.strip() for c in row if c.strip()]
        if not cells:
            continue
        if sum(spec.match(c) is not None for c in cells) >= 2:
            continue  # a header repeated after a page break
        amounts: list[str] = []
        while cells and _NUMBER_CELL.match(cells[-1]) and len(amounts) < 3 and len(cells) > 1:
            amounts.insert(0, cells.pop())
        code = cells.pop(0) if len(cells) > 1 and _CODE_CELL.match(cells[0]) else ""
        name = " ".join(cells)
        pagu, realisasi, capaian = (amounts + ["", "", ""])[:3] if len(amounts) >= 2 else ("", "", "")
        if len(amounts) == 1:  # one figure: not a budget line, keep it in the name
            name = f"{name} {amounts[0]}"
        if pagu:
            level = "sub_kegiatan"
        elif name.lower().startswith("program"):
            level = "program"
        else:
            level = "kegiatan"
        codes = {"program": "", "kegiatan": "", "sub_kegiatan": ""}
        codes[level] = code
        out.append(
            [
                group,
                codes["program"],
                codes["kegiatan"],
                codes["sub_kegiatan"],
                name,
                pagu,
                realisasi,
                capaian,
            ]
        )
        group = ""
    return out


def _table_rows(found: _Found) -> list[list[str]]:
    """Return a recognised table as written, its header first; label rows above the header become columns."""
    header = list(found.header)
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    header = header[:width]
    body = _trim([r for r in found.body if any(c.strip() for c in r)], width)
    if found.leading:
        header = list(found.leading) + header
        body = [
            [*(found.leading.values() if i == 0 else [""] * len(found.leading)), *row]
            for i, row in enumerate(body)
        ]
    return [header, *body]


def tables(blocks: list[Blok], draf: Draf) -> None:
    """Recognise every table of ``blocks`` into ``draf`` (a table printed in parts is joined)."""
    for at, b in enumerate(blocks):
        if b.jenis != "tabel":
            continue
        nomor, caption = _caption(blocks, at)
        found = _recognise(b.baris, nomor)
        if found is None:
            draf.unplaced.append(
                f"{b.sumber}: a table whose header lkjip does not know: {' | '.join(b.baris[0])}"
            )
            continue
        where = f"{b.sumber}" + (f" ({caption})" if caption else "")
        if found.kind == "anggaran":
            rows = _budget_rows(found, _group_heading(blocks, at), "anggaran" not in draf.tables)
            draf.tables.setdefault("anggaran", []).extend(rows)
            draf.sources["anggaran"] = ", ".join(filter(None, [draf.sources.get("anggaran"), where]))
            continue
        rows = _table_rows(found)
        if found.kind in draf.tables:  # printed again further on (a part after a page break)
            draf.tables[found.kind].extend(rows)
            draf.sources[found.kind] += f", {where}"
        else:
            draf.tables[found.kind] = rows
            draf.sources[found.kind] = where


# --- prose -----------------------------------------------------------------------------------------


def paragraphs(blocks: list[Blok]) -> Iterator[Blok]:
    """Yield the paragraphs of the body (after the cover)."""
    yield from (b for b in blocks if b.jenis == "paragraf")


def metadata(blocks: list[Blok], tahun: int, draf: Draf) -> None:
    """Draft ``metadata.csv`` from the cover (instansi, kabupaten, year) and the text (Renstra, address, place and date)."""
    r = rules()["metadata"]
    cover = " ".join(b.teks for b in blocks[:12] if b.jenis != "tabel")
    body = "\n".join(b.teks for b in blocks if b.jenis != "tabel")
    after_cover = "\n".join(b.teks for b in blocks[12:] if b.jenis != "tabel")
    found: dict[str, str] = {}
    for key in ("instansi", "kabupaten"):
        m = pattern(r[key]).search(cover)
        if m:
            words = m.group("nilai").strip()
            written = re.search(re.escape(words).replace(r"\ ", r"\s+"), after_cover, re.IGNORECASE)
            found[key] = written.group(0) if written and not written.group(0).isupper() else words.title()
    m = pattern(r["tahun"]).search(cover)
    found["tahun"] = m.group("nilai") if m else str(tahun)
    if found["tahun"] != str(tahun):
        draf.unplaced.append(f"the cover says year {found['tahun']}, not {tahun}: metadata.csv has {tahun}")
        found["tahun"] = str(tahun)
    for key in ("renstra", "alamat", "tempat_tanggal"):
        m = re.search(pattern(r[key]).pattern, body, re.IGNORECASE | re.MULTILINE)
        if m:
            found[key] = (
                re.sub(r"\s+", "", m.group("nilai")) if key == "renstra" else m.group("nilai").strip()
            )
    kepala = _kepala(blocks, found)
    if kepala:
        found["kepala"] = kepala
    order = ["instansi", "kabupaten", "tahun", "kepala", "renstra", "alamat", "tempat_tanggal"]
    draf.tables["metadata"] = [["Kunci", "Nilai"]] + [[k, found[k]] for k in order if k in found]
    draf.sources["metadata"] = "cover and text"


def _kepala(blocks: list[Blok], found: dict[str, str]) -> str | None:
    """Return the signatory's title from the lines after the place and date ("KEPALA DINAS ... / ... PATI")."""
    if "tempat_tanggal" not in found:
        return None
    at = next((i for i, b in enumerate(blocks) if b.teks.strip() == found["tempat_tanggal"]), None)
    if at is None:
        return None
    lines = []
    for b in blocks[at + 1 : at + 4]:
        if b.jenis == "tabel" or (lines and not b.teks.isupper()):
            break
        lines.append(b.teks.strip())
    text = " ".join(lines)
    if not text.upper().startswith("KEPALA"):
        return None
    agency = " ".join(found[k] for k in ("instansi", "kabupaten") if k in found)
    if normalize_header(text) == normalize_header(f"Kepala {agency}"):
        return f"Kepala {agency}"
    return text if not text.isupper() else text.title()


def belanja(blocks: list[Blok], draf: Draf) -> None:
    """Draft ``belanja_ringkasan.csv`` from the sentences stating pagu and realisasi per spending kind."""
    if "belanja" in draf.tables:
        return
    r = rules()["belanja"]
    rows: dict[str, list[str]] = {}
    for b in paragraphs(blocks):
        for p in r["rinci"]:
            for m in pattern(p).finditer(b.teks):
                label = " ".join(w.capitalize() for w in m.group("jenis").split())
                rows.setdefault(name_key(label), [label, m.group("pagu"), m.group("realisasi")])
        for p in r["total"]:
            for m in pattern(p).finditer(b.teks):
                rows.setdefault("total", [r["label_total"], m.group("pagu"), m.group("realisasi")])
    if rows:
        total = rows.pop("total", None)
        draf.tables["belanja"] = [
            ["Jenis Belanja", "Pagu (Rp.)", "Realisasi (Rp.)"],
            *rows.values(),
            *([total] if total else []),
        ]
        draf.sources["belanja"] = "prose"


def _names(draf: Draf, kind: str, column: str) -> list[str]:
    """Return the values of one column of a drafted table (e.g. the indicators of Tabel 3.1)."""
    rows = draf.tables.get(kind)
    if not rows:
        return []
    spec = RAW_TABLES[kind]
    at = next((i for i, h in enumerate(rows[0]) if spec.match(h) == column), None)
    return [] if at is None else [r[at] for r in rows[1:] if at < len(r) and r[at].strip()]


def _indicators(draf: Draf) -> list[str]:
    """Return the indicators of Tabel 3.1, and those only Tabel 2.2 names, longest first (a name may begin another).

    Column-number cells ("(3)") are no names.
    """
    names: dict[str, str] = {}
    for name in _names(draf, "iku", "indikator") + _names(draf, "iku_rencana", "indikator"):
        if re.search(r"[A-Za-z]{3}", name):
            names.setdefault(name_key(name), name)
    return sorted(names.values(), key=len, reverse=True)


def _last_named(text: str, names: list[str], before: int) -> str | None:
    """Return the name of ``names`` written last before ``before`` in ``text``.

    A name may be shortened in the prose ("Cakupan Koperasi menuju modernisasi" for
    "... modernisasi Koperasi"): its first three quarters are enough when no name is
    written whole. At one place the longest name wins.
    """
    flat = normalize_header(text[:before])
    for share in (1.0, 0.75):
        best, best_end = None, -1
        for name in names:
            key = normalize_header(name)
            key = key[: max(12, int(len(key) * share))]
            at = flat.rfind(key) if key else -1
            end = at + len(key)
            if at >= 0 and (end > best_end or (end == best_end and len(name) > len(best or ""))):
                best, best_end = name, end
        if best is not None:
            return best
    return None


def _nearest(text: str, words: list[str], before: int) -> int:
    """Return where the last of ``words`` before ``before`` starts in ``text`` (-1: none)."""
    return max((m.start() for w in words for m in pattern(w).finditer(text[:before])), default=-1)


def _program_heading(text: str, programs: list[str]) -> str | None:
    """Return the program a numbered heading paragraph ("1. Program ...") names, or ``None``."""
    return _last_named(text, programs, len(text)) if _PROGRAM_HEADING.match(text) else None


def angka_narasi(blocks: list[Blok], draf: Draf) -> None:
    """Draft ``angka_narasi.csv``: every figure the prose states that restates a table, with its objek and place.

    A figure whose objek cannot be told is listed in ``draf.unplaced`` with its sentence.
    """
    r = rules()["angka_narasi"]
    indicators = _indicators(draf)
    programs = [n for n in _names(draf, "anggaran", "uraian") if n.lower().startswith("program")]
    out: list[list[str]] = []
    # figures already drafted as an output's budget, unit cost or volume (keluaran.csv) are placed
    outputs = {
        (row[7], v) for row in draf.tables.get("keluaran", [])[1:] for v in (row[3], row[5], row[6]) if v
    }
    program_heading: str | None = None
    after_budget: str | None = None
    for i, b in enumerate(blocks):
        if b.jenis == "tabel":  # a count right below a budget table is about its group
            found = _recognise(b.baris, None)
            after_budget = _group_heading(blocks, i) if found and found.kind == "anggaran" else None
            continue
        if b.jenis != "paragraf":
            continue
        text = b.teks
        group, after_budget = after_budget, None
        heading = _program_heading(text, programs)
        if heading and len(text) < 200:
            program_heading = heading
            continue
        taken: set[int] = set()

        def add(
            besaran: str,
            objek: str | None,
            angka: str,
            at: int,
            satuan: str,
            terbilang: str = "",
            b: Blok = b,
            text: str = text,
            taken: set[int] = taken,
        ) -> None:
            if at in taken:
                return
            taken.add(at)
            if objek is None and (b.letak, angka) in outputs:
                return
            if objek is None:
                draf.unplaced.append(f"{b.letak} ({b.sumber}): {besaran} {angka} in '{_sentence(text, at)}'")
                return
            out.append([besaran, objek, angka, satuan, terbilang.strip(), b.letak])

        for m in pattern(r["jumlah"]).finditer(text):
            satuan = m.group("satuan").lower()
            besaran = {
                "sub kegiatan": "jumlah_sub_kegiatan",
                "kegiatan": "jumlah_kegiatan",
                "program": "jumlah_program",
            }.get(satuan, "jumlah_ksp")
            objek = "KSP/USP" if besaran == "jumlah_ksp" else (group or "seluruh")
            add(besaran, objek, m.group("angka"), m.start("angka"), m.group("satuan"), m.group("terbilang"))
        for m in pattern(r["jumlah_tanpa_terbilang"]).finditer(text):
            add("jumlah_ksp", "KSP/USP", m.group("angka"), m.start("angka"), m.group("satuan"))
        previous: tuple[str, int] | None = None
        for m in pattern(r["rupiah"]).finditer(text):
            start = m.start()
            pagu_at = _nearest(text, r["pagu"], start)
            real_at = _nearest(text, r["realisasi"], start)
            besaran = "realisasi" if real_at > pagu_at else "pagu" if pagu_at >= 0 else None
            clause = text[previous[1] if previous else 0 : start]
            kinds = [k for k in r["jenis"] if pattern(k).search(clause)]
            if len(kinds) >= 2:  # both spending kinds named: the total
                objek = "total"
            elif kinds:
                objek = kinds[0]
            elif any(pattern(w).search(text[:start]) for w in r["program_ini"]) and program_heading:
                objek = program_heading
            elif previous:
                objek = previous[0]
            else:
                objek = None
            if besaran is None:
                objek = None
            add(
                besaran or "rupiah",
                objek,
                m.group("angka"),
                m.start("angka"),
                "Rp",
                m.group("terbilang") or "",
            )
            if objek:
                previous = (objek, m.end())
        for st in prosa.pernyataan(text):
            if st.besaran == "serapan":  # of the amounts stated just before it, else of the whole budget
                before = (
                    out[-1] if out and out[-1][0] in ("pagu", "realisasi") and out[-1][5] == b.letak else None
                )
                add("serapan", before[1] if before else "total", st.angka, st.posisi, "persen")
            else:
                add(st.besaran, _last_named(text, indicators, st.posisi), st.angka, st.posisi, "persen")
    draf.tables["angka_narasi"] = [NARASI_HEADER, *out]
    draf.sources["angka_narasi"] = "prose"


_SENTENCE_END = re.compile(r"(?<!Rp)(?<!\bNo)\.\s+(?=[A-Z])")


def _sentence(text: str, at: int) -> str:
    """Return the sentence of ``text`` around position ``at`` (at most 200 characters)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end = _SENTENCE_END.search(text, at)
    return text[start : end.start() + 1 if end else len(text)].strip()[:200]


def penjelasan(blocks: list[Blok], draf: Draf) -> None:
    """Draft ``penjelasan_indikator.csv``: per indicator of Tabel 3.1, the paragraphs that explain it."""
    indicators = _indicators(draf)
    starts = rules()["penjelasan"]["awal"]
    found: dict[str, list[str]] = {}
    for b in paragraphs(blocks):
        if not any(pattern(s).match(b.teks) for s in starts):
            continue
        # one paragraph may explain several indicators: "Indikator A ... dan Indikator B ..."
        cuts = []
        for s in starts:
            for m in pattern(s).finditer(b.teks):
                name = _named_at(b.teks[m.end() :], indicators)
                if name:
                    cuts.append((m.start(), name))
        cuts.sort()
        if not cuts:
            continue
        for (at, name), (end, _) in zip(cuts, [*cuts[1:], (len(b.teks), "")], strict=True):
            found.setdefault(name, []).append(b.teks[at:end].strip().removesuffix(" dan").strip())
    if found:
        draf.tables["penjelasan_indikator"] = [["Indikator Kinerja", "Penjelasan"]] + [
            [name, " ".join(texts)] for name, texts in found.items()
        ]
        draf.sources["penjelasan_indikator"] = "prose"


def _named_at(text: str, names: list[str]) -> str | None:
    """Return the name of ``names`` that ``text`` starts with (whole, else its first three quarters)."""
    flat = normalize_header(text[:300])
    for share in (1.0, 0.75):
        for name in names:  # longest first
            key = normalize_header(name)
            if key and flat.startswith(key[: max(12, int(len(key) * share))]):
                return name
    return None


def _program_subs(draf: Draf) -> dict[str, list[str]]:
    """Return each program's sub kegiatan names (with amounts) from the drafted budget table."""
    rows = draf.tables.get("anggaran", [])
    out: dict[str, list[str]] = {}
    program = None
    for row in rows[1:]:
        name, pagu = row[4], row[5]
        if name.lower().startswith("program"):
            program = name
            out.setdefault(name, [])
        elif pagu and program:
            out[program].append(name)
    return out


def _words(text: str, common: set[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in common}


def _one_sub(name: str, subs: list[str], common: set[str]) -> str:
    """Return the one sub kegiatan sharing a distinctive word with an output's name, or "" (none or several)."""
    mine = _words(name, common)
    hits = [s for s in subs if mine & _words(s, common)]
    return hits[0] if len(hits) == 1 else ""


def _output_name(segment: str, ends: list[str]) -> str:
    """Return an output's name: the start of its words, up to the first word that ends a name."""
    segment = segment.strip() + " "
    cut = min((i for i in (segment.lower().find(e) for e in ends) if i > 0), default=len(segment))
    return segment[:cut].strip()


def keluaran(blocks: list[Blok], draf: Draf) -> None:
    """Draft ``keluaran.csv``: the outputs the budget section lists under each program, with volume and budget.

    An output is linked to a sub kegiatan only when exactly one sub kegiatan of its
    program shares a distinctive word with it; otherwise its sub kegiatan stays empty.
    """
    if "keluaran" in draf.tables or "anggaran" not in draf.tables:
        return
    r = rules()["keluaran"]
    common = set(r["umum"])
    subs = _program_subs(draf)
    programs = sorted(subs, key=len, reverse=True)
    rows: list[list[str]] = []
    program = None
    item = pattern(r["butir"])
    for b in paragraphs(blocks):
        if _PROGRAM_HEADING.match(b.teks):  # "1. Program ...": the outputs below are its
            program = _program_heading(b.teks, programs)
            continue
        m_item = item.match(b.teks)
        if program is None or not m_item or not b.letak.startswith("BAB III"):
            continue
        text = b.teks[m_item.end() :]
        if any(pattern(w).search(text) for w in rules()["angka_narasi"]["program_ini"]):
            continue  # a statement about the kegiatan itself (angka_narasi), not an output
        start, last, unit_cost = 0, 0, ""
        for m in pattern(rules()["rupiah"]).finditer(text):
            since_last, before, last = text[last : m.start()], text[start : m.start()], m.end()
            if any(pattern(w).search(since_last) for w in r["biaya_satuan"]):
                unit_cost = m.group("angka")
                continue
            if not any(pattern(w).search(before) for w in r["anggaran"]):
                continue
            segment = text[start : m.start()]
            if start:  # a second output of the item: its name follows the last "dan"
                segment = (
                    segment[segment.lower().rfind(" dan ") + 5 :] if " dan " in segment.lower() else segment
                )
            name = _output_name(segment, r["akhir_nama"])
            after = text[
                m.end() : next(
                    (x.start() for x in pattern(rules()["rupiah"]).finditer(text, m.end())), len(text)
                )
            ]
            volume, satuan = "", ""
            # the volume stated right after the amount, else the one before it in the output's words
            for place in (after.split(" dan ")[0], text[start : m.start()]):
                v = next((v for p in r["volume"] if (v := pattern(p).search(place))), None)
                if v:
                    volume, satuan = v.group("angka"), v.group("satuan").strip()
                    break
            if name:
                rows.append(
                    [
                        program,
                        name,
                        _one_sub(name, subs.get(program, []), common),
                        volume,
                        satuan,
                        m.group("angka"),
                        unit_cost,
                        b.letak,
                    ]
                )
            start, unit_cost = m.end(), ""
    if rows:
        header = [
            "Program",
            "Keluaran",
            "Sub Kegiatan",
            "Volume",
            "Satuan",
            "Anggaran (Rp.)",
            "Biaya Satuan (Rp.)",
            "Sumber",
        ]
        draf.tables["keluaran"] = [header, *rows]
        draf.sources["keluaran"] = "prose of the budget section"


def kelompok_rutin(draf: Draf) -> None:
    """Declare the budget groups that name no sasaran of Tabel 2.2 as routine (metadata ``kelompok_rutin``)."""
    groups = [g for g in _names(draf, "anggaran", "kelompok")]
    sasaran = {name_key(s) for s in _names(draf, "iku_rencana", "uraian")}
    sasaran |= {name_key(s) for s in _names(draf, "tujuan_sasaran", "sasaran")}
    sasaran |= {name_key(s) for s in _names(draf, "iku", "uraian")}
    rutin = [g for g in groups if name_key(g) not in sasaran]
    if rutin and "metadata" in draf.tables:
        draf.tables["metadata"].append(["kelompok_rutin", "; ".join(dict.fromkeys(rutin))])


# --- the whole document ----------------------------------------------------------------------------


def extract(path: Path, tahun: int) -> Draf:
    """Return the draft raw tables of the document at ``path`` for year ``tahun``."""
    blocks = baca(path)
    draf = Draf()
    tables(blocks, draf)
    metadata(blocks, tahun, draf)
    belanja(blocks, draf)
    kelompok_rutin(draf)
    penjelasan(blocks, draf)
    keluaran(blocks, draf)
    angka_narasi(blocks, draf)
    return draf


def csv_text(rows: list[list[str]]) -> str:
    """Return rows as CSV text (comma, minimal quoting, Unix newlines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    width = max(len(r) for r in rows)
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return buffer.getvalue()


def write(draf: Draf, folder: Path) -> tuple[list[Path], list[Path]]:
    """Write the drafted tables into ``folder`` (contract file names); return (written, skipped because present).

    An existing file is never replaced: a CSV or XLSX of the same table is left as it is.
    """
    from lkjip.cache import write_atomic
    from lkjip.raw import find_file

    folder.mkdir(parents=True, exist_ok=True)
    written, skipped = [], []
    for kind, rows in draf.tables.items():
        if len(rows) < 2:
            continue
        spec = RAW_TABLES[kind]
        existing = find_file(folder, spec)
        if existing is not None:
            skipped.append(existing)
            continue
        target = folder / f"{spec.stem}.csv"
        write_atomic(target, csv_text(rows))
        written.append(target)
    return written, skipped


def still_to_write(draf: Draf, folder: Path) -> list[str]:
    """Return the raw tables neither drafted nor already in ``folder``: required ones first, each with its title."""
    from lkjip.raw import find_file

    missing = [
        (
            not spec.is_required_file,
            f"{spec.stem}.csv ({spec.title}{'' if spec.is_required_file else ', optional'})",
        )
        for kind, spec in RAW_TABLES.items()
        if kind not in draf.tables and find_file(folder, spec) is None
    ]
    return [text for _, text in sorted(missing, key=lambda m: m[0])]
