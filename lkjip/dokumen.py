"""The chapter people receive: one document per year, as offline HTML, PDF and Word.

The document is made from the executed section notebooks (``reports/<tahun>/notebooks/``),
so it holds exactly what the section pages show: a cover, a table of contents,
every section in order (navigation left out), a signature block from the
metadata and a colophon (the date of the data's last change or ``$SOURCE_DATE_EPOCH``,
lkjip version, a short hash of the input data). :func:`tulis` writes ``lkjip-bab3-<tahun>.html``, ``.docx`` and, when a
Chromium or Edge browser is found, ``.pdf``.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lkjip import cache, config
from lkjip.sections import SECTIONS

log = logging.getLogger("lkjip.dokumen")
JUDUL = "BAB III Akuntabilitas Kinerja"
BROWSERS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "msedge",
    "microsoft-edge",
)
WINDOWS_BROWSERS = (
    r"Microsoft\Edge\Application\msedge.exe",
    r"Google\Chrome\Application\chrome.exe",
)


def nama_berkas(tahun: int, ext: str) -> str:
    """Return the document's file name for ``ext`` ("html", "pdf", "docx")."""
    return f"lkjip-bab3-{tahun}.{ext}"


def lkjip_version() -> str:
    """Return the installed lkjip version ("?" when it is not installed)."""
    try:
        return version("lkjip")
    except PackageNotFoundError:
        return "?"


def sidik_data(tahun: int, root: Path | str | None = None) -> str:
    """Return a short hash of the raw data the year's report reads (this year and every earlier year)."""
    p = config.paths(root)
    h = hashlib.sha256()
    for y in p.raw_years():
        if y <= tahun:
            h.update(f"{y}:{cache.raw_hash(y, p.root)}".encode())
    return h.hexdigest()[:12]


def _metadata(tahun: int, root: Path) -> dict[str, str]:
    from lkjip.store import read_processed

    meta = read_processed(tahun, root)["metadata"]
    return dict(zip(meta["kunci"], meta["nilai"], strict=True))


def _html_cell(text: str):  # noqa: ANN202 - an nbformat code cell
    import nbformat

    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": text})]
    return cell


def _without_navigation(output: dict, anchor: str) -> dict | None:
    """Return a display output rebuilt from its lkjip data without navigation parts (``None`` if nothing is left)."""
    from lkjip.present import MIME, html_bagian  # pandas: only when a document is written

    data = output.get("data", {})
    if MIME not in data:
        return output
    parts = [
        html_bagian(p, anchor if p.get("jenis") == "judul" and p.get("tingkat") == 1 else None)
        for p in data[MIME]["bagian"]
    ]
    text = "".join(parts)
    if not text:
        return None
    return {**output, "data": {"text/html": text, MIME: data[MIME]}}


def notebook(tahun: int, root: Path | str | None = None):  # noqa: ANN201 - an nbformat.NotebookNode
    """Return the year's document as one notebook: cover, contents, every executed section, signature, colophon.

    Raises ``FileNotFoundError`` when a section has not been built.
    """
    import nbformat

    p = config.paths(root)
    meta = _metadata(tahun, p.root)
    instansi = " ".join(v for v in (meta.get("instansi", ""), meta.get("kabupaten", "")) if v)
    doc = nbformat.v4.new_notebook()
    doc.metadata["title"] = f"LKjIP {instansi} Tahun {tahun}: {JUDUL}"
    doc.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    doc.metadata["lkjip"] = {"tahun": tahun, "instansi": instansi, **meta}
    cover = (
        '<div class="sampul"><p>LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)</p>'
        f"<h1>{html.escape(JUDUL)}</h1><p>Tahun {tahun}</p>"
        f"<p><strong>{html.escape(meta.get('instansi', ''))}</strong></p><p>{html.escape(meta.get('kabupaten', ''))}</p>"
        + (f"<p>{html.escape(meta['alamat'])}</p>" if meta.get("alamat") else "")
        + "</div>"
    )
    toc = "".join(f'<li><a href="#{s.key}">{html.escape(s.judul)}</a></li>' for s in SECTIONS)
    doc.cells.append(_html_cell(cover))
    doc.cells.append(_html_cell(f'<div class="daftar-isi"><h2>Daftar Isi</h2><ol>{toc}</ol></div>'))
    for section in SECTIONS:
        executed = nbformat.read(p.reports_year(tahun) / "notebooks" / section.notebook, as_version=4)
        doc.cells.append(_html_cell(f'<section class="bagian" id="bagian-{section.key}"></section>'))
        for cell in executed.cells:
            tags = set(cell.metadata.get("tags", []))
            if tags & {"remove_cell", "parameters", "injected-parameters"}:
                continue
            if cell.cell_type == "markdown":
                doc.cells.append(nbformat.v4.new_markdown_cell(cell.source))
                continue
            if cell.cell_type != "code":
                continue
            outputs = []
            for output in cell.outputs:
                if output.get("output_type") not in ("display_data", "execute_result"):
                    continue
                kept = _without_navigation(output, section.key)
                if kept is not None:
                    outputs.append(nbformat.v4.new_output("display_data", data=kept["data"]))
            if outputs:
                new = nbformat.v4.new_code_cell("")
                new.outputs = outputs
                doc.cells.append(new)
    signer = meta.get("kepala", "")
    place = meta.get("tempat_tanggal", "")
    doc.cells.append(
        _html_cell(
            f'<div class="ttd"><p>{html.escape(place)}</p><p>{html.escape(signer)}</p>'
            '<p class="nama">(............................................)</p></div>'
        )
    )
    doc.cells.append(
        _html_cell(
            f'<p class="kolofon">Dibuat {cache.data_date(tahun, p.root).date().isoformat()} dengan lkjip '
            f"{html.escape(lkjip_version())} "
            f"dari data berkode {sidik_data(tahun, p.root)}.</p>"
        )
    )
    for i, cell in enumerate(doc.cells):
        cell.id = f"dokumen-{i:03d}"  # fixed ids: the same sections give the same page
    return doc


def render(doc) -> str:  # noqa: ANN001 - an nbformat.NotebookNode
    """Return the document notebook as one offline HTML page (the section pages' template)."""
    from lkjip.build import render as render_page

    return render_page(doc)


def browser() -> str | None:
    """Return a Chromium or Edge executable for printing to PDF (``$LKJIP_BROWSER`` first), or ``None``."""
    named = os.environ.get("LKJIP_BROWSER")
    if named:
        return named if Path(named).exists() or shutil.which(named) else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            for rel in WINDOWS_BROWSERS:
                if base and (Path(base) / rel).exists():
                    return str(Path(base) / rel)
    return None


def tulis_pdf(page: Path, out: Path, timeout: int = 180) -> bool:
    """Print ``page`` to ``out`` (A4, page numbers from the page's own styles) with a headless browser.

    Returns ``False``, after a warning naming what to install, when no browser
    is found or it fails; the build goes on without the PDF.
    """
    exe = browser()
    if exe is None:
        log.warning(
            "%s not written: no Chromium or Edge found (install one, or set LKJIP_BROWSER to its path)",
            out.name,
        )
        return False
    with tempfile.TemporaryDirectory(prefix="lkjip-pdf-") as profile:
        tmp = Path(profile) / out.name
        args = [
            exe,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={tmp}",
            page.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # the sandbox refuses to run as root
        try:
            subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            log.warning("%s not written: %s failed (%s)", out.name, Path(exe).name, err)
            return False
        if not tmp.is_file() or tmp.stat().st_size == 0:
            log.warning("%s not written: %s printed nothing", out.name, Path(exe).name)
            return False
        cache.write_atomic(out, tmp.read_bytes())
    return True


def tulis(tahun: int, root: Path | str | None = None) -> list[Path]:
    """Write the year's document as HTML and Word, and as PDF when a browser is found; return what was written.

    When the PDF cannot be printed, a PDF left by an earlier build is removed:
    it would show the figures of the document before this one.
    """
    from lkjip.word import docx_bytes

    p = config.paths(root)
    folder = p.reports_year(tahun)
    doc = notebook(tahun, p.root)
    page = folder / nama_berkas(tahun, "html")
    cache.write_atomic(page, render(doc))
    word = folder / nama_berkas(tahun, "docx")
    pdf = folder / nama_berkas(tahun, "pdf")
    with ThreadPoolExecutor(max_workers=1) as printer:  # the browser prints while the Word file is made
        printed = printer.submit(tulis_pdf, page, pdf)
        cache.write_atomic(word, docx_bytes(doc, cache.data_date(tahun, p.root)))
        written = [page, word, *([pdf] if printed.result() else [])]
    if pdf not in written and pdf.is_file():
        pdf.unlink()
        log.warning("%s of an earlier build removed: it no longer matches %s", pdf.name, page.name)
    return written
