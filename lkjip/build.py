"""Build the BAB III reports of one or more years.

For each year: clean the raw tables, execute every section notebook with
papermill (parameter ``tahun``), keep the executed notebook in
``reports/<tahun>/notebooks/``, and render it to HTML with nbconvert (code
hidden, images embedded, a template that loads nothing from the network).
Every file is written beside its target and moved into place only when
complete, so a failed section keeps its last good HTML.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

from lkjip import config
from lkjip.clean import clean
from lkjip.errors import BuildError
from lkjip.report import SECTIONS, Section

log = logging.getLogger("lkjip.build")
TEMPLATES = config.PACKAGE_DIR / "templates"
KERNEL = "python3"
CELL_TIMEOUT = 600


@dataclass(frozen=True)
class SectionResult:
    """What happened to one section of one year."""

    tahun: int
    section: str
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Return whether the section was built."""
        return self.error is None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary sibling and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@cache
def exporter():  # noqa: ANN201 - nbconvert's HTMLExporter, imported lazily
    """Return the HTML exporter (one per process, reused): code hidden, offline template."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config_ = Config({"TagRemovePreprocessor": {"remove_cell_tags": {"remove_cell"}, "enabled": True}})
    return HTMLExporter(
        config=config_,
        template_name="lkjip",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def render(notebook: nbformat.NotebookNode) -> str:
    """Return the HTML page of an executed notebook; stderr streams are left out of the page."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    body, _ = exporter().from_notebook_node(notebook)
    return body


def execute(
    section: Section, tahun: int, root: Path, parameters: dict | None = None
) -> nbformat.NotebookNode:
    """Return the executed notebook of ``section`` for ``tahun``; raise :class:`BuildError` on failure.

    The executed notebook (also when it failed) is kept under
    ``reports/<tahun>/notebooks/``. Papermill's exception decides success, never
    the state written into the output notebook.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    p = config.paths(root)
    source = p.notebooks / section.notebook
    kept = p.reports_year(tahun) / "notebooks" / section.notebook
    kept.parent.mkdir(parents=True, exist_ok=True)
    tmp = kept.with_name(f".{kept.name}.{os.getpid()}.tmp.ipynb")
    os.environ["LKJIP_ROOT"] = str(p.root)
    try:
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters={"tahun": tahun, **(parameters or {})},
            kernel_name=KERNEL,
            cwd=str(p.notebooks),
            progress_bar=False,
            execution_timeout=CELL_TIMEOUT,
        )
    except PapermillExecutionError as err:
        failed = kept.with_name(kept.stem + ".failed.ipynb")
        if tmp.exists():
            tmp.replace(failed)
        raise BuildError(
            f"{tahun} {section.judul}: cell {err.exec_count} raised {err.ename}: {err.evalue} "
            f"(executed notebook: {failed.relative_to(p.root)})"
        ) from None
    except Exception as err:  # kernel missing or dead, timeout, unreadable notebook
        tmp.unlink(missing_ok=True)
        raise BuildError(f"{tahun} {section.judul}: {type(err).__name__}: {err}") from None
    tmp.replace(kept)
    kept.with_name(kept.stem + ".failed.ipynb").unlink(missing_ok=True)
    return nbformat.read(kept, as_version=4)


def build_section(section: Section, tahun: int, root: Path, parameters: dict | None = None) -> SectionResult:
    """Execute and render one section; return its result (errors are caught and reported)."""
    start = time.perf_counter()
    try:
        notebook = execute(section, tahun, root, parameters)
        notebook.metadata["title"] = f"{section.judul} · LKjIP {tahun}"
        write_atomic(config.paths(root).reports_year(tahun) / section.html, render(notebook))
    except BuildError as err:
        return SectionResult(tahun, section.key, time.perf_counter() - start, str(err))
    return SectionResult(tahun, section.key, time.perf_counter() - start)


def _run(args: tuple[Section, int, str, dict | None]) -> SectionResult:
    section, tahun, root, parameters = args
    return build_section(section, tahun, Path(root), parameters)


def write_index(root: Path | str | None = None) -> Path:
    """Write ``reports/index.html`` linking every year that has a report; return its path."""
    p = config.paths(root)
    years = (
        sorted(
            (
                int(d.name)
                for d in p.reports.iterdir()
                if d.is_dir() and d.name.isdigit() and (d / "index.html").exists()
            ),
            reverse=True,
        )
        if p.reports.is_dir()
        else []
    )
    items = "".join(f'<li><a href="{y}/index.html">LKjIP Tahun {y}</a></li>' for y in years)
    css = (TEMPLATES / "lkjip" / "lkjip.css").read_text(encoding="utf-8")
    page = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>LKjIP: BAB III</title>'
        f"<style>{css}</style></head><body><h1>Laporan Kinerja: BAB III Akuntabilitas Kinerja</h1>"
        f"<p>{html.escape('Pilih tahun:')}</p><ul>{items}</ul></body></html>\n"
    )
    out = p.reports / "index.html"
    write_atomic(out, page)
    return out


def build(
    years: Iterable[int],
    root: Path | str | None = None,
    *,
    jobs: int | None = None,
    sections: Iterable[Section] = SECTIONS,
    parameters: dict | None = None,
) -> list[SectionResult]:
    """Clean and build every section of ``years``; return one result per year x section.

    Raises :class:`RawDataError` (before any notebook runs) when a year's raw
    data is bad, and :class:`BuildError` naming every failed section after the
    others were built.
    """
    p = config.paths(root)
    years = list(years)
    for tahun in years:
        clean(tahun, p.root)
        log.info("cleaned %s", tahun)
    tasks = [(s, t, str(p.root), parameters) for t in years for s in sections]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if jobs == 1:
        results = [_run(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_run, tasks))
    for r in results:
        log.info("%s %-10s %6.1f s %s", r.tahun, r.section, r.seconds, "ok" if r.ok else "FAILED")
    write_index(p.root)
    failed = [r for r in results if not r.ok]
    if failed:
        raise BuildError("; ".join(r.error or "" for r in failed))
    return results


def remove_year(tahun: int, root: Path | str | None = None) -> None:
    """Delete ``reports/<tahun>`` (used by tests and ``make distclean``)."""
    shutil.rmtree(config.paths(root).reports_year(tahun), ignore_errors=True)
