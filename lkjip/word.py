"""The year's document as a Word file, paste-ready for the LKjIP's own Word report.

Made from the same document notebook as the HTML (:func:`lkjip.dokumen.notebook`):
headings, every sentence, every table as a real Word table (numbers as the report
prints them, right-aligned, header row repeated on each page, budget levels in
bold or italic, caption "Tabel 3.x ..." above it), charts as pictures.
"""

from __future__ import annotations

import base64
import io
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lkjip import cache
from lkjip.dokumen import JUDUL
from lkjip.present import MIME

BOLD_ROWS = {"kelompok", "program", "jumlah_kelompok", "jumlah"}
ITALIC_ROWS = {"kegiatan"}


def _repeat_header(row) -> None:  # noqa: ANN001 - a python-docx row
    """Mark a table row to repeat at the top of every page."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _no_split(row) -> None:  # noqa: ANN001 - a python-docx row
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))


CM_PER_CHAR, CELL_PADDING_CM = 0.19, 0.35  # 8,5 pt text


def _column_widths(data: dict, total_cm: float = 17.0) -> list:
    """Return a width per column: numbers and short codes never wrap, names share the rest.

    A column is as wide as its longest cell (its heading's longest word included)
    when the table fits; otherwise the text columns give up width in proportion,
    down to their longest word.
    """
    columns = range(len(data["kepala"]))
    cells = [[data["kepala"][i], *(row[i] for row in data["baris"])] for i in columns]
    longest = [max(len(c) for c in col[1:] or [""]) for col in cells]
    word = [max(len(w) for c in col for w in (c.split() or [""])) for col in cells]
    fixed = [data["angka"][i] or longest[i] <= 14 for i in columns]
    need = [max(longest[i], word[i]) * CM_PER_CHAR + CELL_PADDING_CM for i in columns]
    floor = [(need[i] if fixed[i] else word[i] * CM_PER_CHAR + CELL_PADDING_CM) for i in columns]
    if sum(need) <= total_cm:
        widths = need
    else:
        spare = max(total_cm - sum(floor), 0.0)
        extra = [0.0 if fixed[i] else need[i] - floor[i] for i in columns]
        share = spare / sum(extra) if sum(extra) else 0.0
        widths = [floor[i] + extra[i] * min(share, 1.0) for i in columns]
    return [Cm(w) for w in widths]


def _table(document, data: dict) -> None:  # noqa: ANN001 - a python-docx Document
    if data.get("judul"):
        caption = document.add_paragraph(data["judul"], style="Caption")
        caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(data["kepala"]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, data["kepala"], strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for cls, values in zip(data["kelas"], data["baris"], strict=True):
        row = table.add_row()
        _no_split(row)
        for cell, text, numeric in zip(row.cells, values, data["angka"], strict=True):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = cls in BOLD_ROWS
            run.italic = cls in ITALIC_ROWS
            if numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    widths = _column_widths(data)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the table grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    if data.get("sumber"):
        source = document.add_paragraph(f"Sumber: {data['sumber']}")
        source.runs[0].font.size = Pt(8)
    else:
        document.add_paragraph()


def _part(document, data: dict) -> None:  # noqa: ANN001 - a python-docx Document
    kind = data["jenis"]
    if kind == "judul":
        document.add_heading(data["teks"], level=min(max(int(data["tingkat"]), 1), 4))
    elif kind == "paragraf":
        document.add_paragraph(data["teks"])
    elif kind == "daftar":
        for item in data["butir"]:
            document.add_paragraph(item, style="List Bullet")
    elif kind == "tabel":
        _table(document, data)


def _markdown(document, source: str) -> None:  # noqa: ANN001 - a python-docx Document
    for line in source.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            document.add_heading(text.lstrip("#").strip(), level=min(level, 4))
        else:
            document.add_paragraph(text)


def docx_bytes(doc, when: datetime | None = None) -> bytes:  # noqa: ANN001 - lkjip.dokumen.notebook
    """Return the document notebook as DOCX bytes: cover, then every heading, sentence, table and chart in order.

    ``when`` (default: now) dates the file and its parts, so the same document gives the same bytes.
    """
    when = when or datetime.now().replace(microsecond=0)
    meta = doc.metadata.get("lkjip", {})
    document = Document()
    document.core_properties.created = document.core_properties.modified = when
    document.core_properties.title = doc.metadata.get("title", JUDUL)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.2), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    for line, size in (
        ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", 14),
        (JUDUL, 18),
        (f"Tahun {meta.get('tahun', '')}", 14),
        (meta.get("instansi", ""), 14),
        (meta.get("kabupaten", ""), 12),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.font.size = True, Pt(size)
    document.add_page_break()
    for cell in doc.cells:
        if cell.cell_type == "markdown":
            _markdown(document, cell.source)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                for part in data[MIME]["bagian"]:
                    _part(document, part)
            elif "image/png" in data:
                document.add_picture(io.BytesIO(base64.b64decode(data["image/png"])), width=Cm(16))
    closing = document.add_paragraph()
    closing.paragraph_format.left_indent = Cm(9)
    closing.add_run(
        f"{meta.get('tempat_tanggal', '')}\n{meta.get('kepala', '')}\n\n\n\n(............................)"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return cache.stable_zip(buffer.getvalue(), when)
