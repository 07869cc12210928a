"""Build the BAB III reports of one or more years: fast, incremental, parallel, safe.

For each year: clean the raw tables, execute every section notebook with
papermill (parameter ``tahun``), keep the executed notebook in
``reports/<tahun>/notebooks/``, render it to HTML with nbconvert (code hidden,
images embedded, a template that loads nothing from the network) and export the
tables to XLSX.

* **Incremental**: each output is recorded in ``reports/<tahun>/.build.json`` with
  the content hash of everything it depends on (the raw files of every year up to
  ``tahun``, its notebook, the ``lkjip`` source and templates, ``lkjip.toml``, its
  parameters) and the hash of the output itself. A section is skipped only when
  both still match, so an edited input or a hand-edited output is rebuilt, and a
  crash (which writes no record) never leaves a false hit.
* **Safe**: every file is written beside its target and renamed into place; a
  failed section keeps its last good HTML. One build per year at a time, through
  a lock file in ``reports/.locks/``.
* **Parallel**: sections (and years) run in worker processes, each reusing one
  HTML exporter and one warm kernel, reset between notebooks (:mod:`lkjip.kernels`).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import multiprocessing.util
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from lkjip import config, kernels
from lkjip.cache import (
    data_date,
    file_hash,
    input_hash,
    is_current,
    lock,
    processed_is_fresh,
    read_manifest,
    update_manifest,
    write_atomic,
    year_lock,
)
from lkjip.errors import BuildError, BusyError
from lkjip.sections import SECTIONS, Section

# nbformat validates with jsonschema, whose format checkers import rfc3987-syntax when it is
# installed (it comes with JupyterLab); that compiles about 35 Lark grammars at import, a second
# of CPU in every build process (python-jsonschema/jsonschema#1428). No notebook schema uses the
# IRI formats it checks, so the processes that import the build do without it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]

__all__ = ["BusyError", "SectionResult", "build", "build_section", "write_index", "year_lock"]

log = logging.getLogger("lkjip.build")
TEMPLATES = config.PACKAGE_DIR / "templates"
KERNEL = kernels.KERNEL
CELL_TIMEOUT = 600


@dataclass(frozen=True)
class SectionResult:
    """What happened to one output (a section, or the XLSX export) of one year."""

    tahun: int
    section: str
    seconds: float
    error: str | None = None
    cached: bool = False
    inputs: str = ""
    output: str = ""
    payload: dict | None = field(default=None, repr=False)  # what a worker made, for the lock holder to write

    @property
    def ok(self) -> bool:
        """Return whether the output is in place and current."""
        return self.error is None


# --- executing and rendering -----------------------------------------------------------------------


@cache
def exporter():  # noqa: ANN201 - nbconvert's HTMLExporter, imported lazily
    """Return the HTML exporter (one per process, reused): code hidden, offline template."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    settings = Config({"TagRemovePreprocessor": {"remove_cell_tags": {"remove_cell"}, "enabled": True}})
    return HTMLExporter(
        config=settings,
        template_name="lkjip",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def render(notebook) -> str:  # noqa: ANN001 - an nbformat.NotebookNode
    """Return the HTML page of an executed notebook; stderr streams are left out of the page."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    body, _ = exporter().from_notebook_node(notebook)
    return body


def execute(
    section: Section, tahun: int, root: Path, parameters: dict | None = None
) -> tuple[str, str | None]:
    """Return (the executed notebook as JSON text, error or ``None``) of ``section`` for ``tahun``.

    The notebook is executed into a private temporary folder and returned as
    text; this function writes nothing under the project (the process holding
    the year lock does, :func:`write_result`). Papermill's exception decides
    success, never the state written into the output notebook.
    """
    import tempfile

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    p = config.paths(root)
    os.environ["LKJIP_ROOT"] = str(p.root)
    kernels.register()
    with tempfile.TemporaryDirectory(prefix="lkjip-") as scratch:
        out = Path(scratch) / section.notebook
        error = None
        try:
            pm.execute_notebook(
                str(p.notebooks / section.notebook),
                str(out),
                parameters={"tahun": tahun, **(parameters or {})},
                kernel_name=KERNEL,
                cwd=str(p.notebooks),
                progress_bar=False,
                request_save_on_cell_execute=False,  # written once, at the end or on failure
                execution_timeout=CELL_TIMEOUT,
                engine_name=kernels.ENGINE,
                warm=kernels.kernel(p.root, p.notebooks),
            )
        except PapermillExecutionError as err:
            kernels.discard(p.root, p.notebooks)  # a failed notebook's kernel is never reused
            error = f"{tahun} {section.judul}: cell {err.exec_count} raised {err.ename}: {err.evalue}"
        except Exception as err:  # kernel missing or dead, timeout, unreadable notebook
            kernels.discard(p.root, p.notebooks)
            return "", f"{tahun} {section.judul}: {type(err).__name__}: {err}"
        return (out.read_text(encoding="utf-8") if out.exists() else ""), error


def stable(notebook):  # noqa: ANN001, ANN201 - an nbformat.NotebookNode
    """Return an executed notebook without what changes from run to run: timings and the injected cell's random id.

    Two builds of unchanged inputs then give byte-identical notebooks and pages.
    """
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    return notebook


def build_section(section: Section, tahun: int, root: Path, parameters: dict | None = None) -> SectionResult:
    """Execute and render one section; return its result with the page and notebook to write (nothing written)."""
    import nbformat

    start = time.perf_counter()
    inputs = input_hash(tahun, root, [config.paths(root).notebooks / section.notebook], parameters)
    text, error = execute(section, tahun, root, parameters)
    payload: dict[str, str | bytes] = {"notebook": text}
    if error is None:
        notebook = stable(nbformat.reads(text, as_version=4))
        payload["notebook"] = nbformat.writes(notebook)
        notebook.metadata["title"] = f"{section.judul} · LKjIP {tahun}"
        payload["page"] = render(notebook)
    return SectionResult(
        tahun, section.key, time.perf_counter() - start, error, inputs=inputs, payload=payload
    )


def build_export(tahun: int, root: Path) -> SectionResult:
    """Make the year's XLSX workbook; return its result with the bytes to write (nothing written)."""
    from lkjip.export import workbook_bytes
    from lkjip.laporan import muat

    start = time.perf_counter()
    inputs = input_hash(tahun, root)
    try:
        content = workbook_bytes(muat(tahun, root), data_date(tahun, root))
    except Exception as err:  # an export failure must not hide the sections' results
        return SectionResult(
            tahun, "xlsx", time.perf_counter() - start, f"{tahun} XLSX: {type(err).__name__}: {err}"
        )
    return SectionResult(tahun, "xlsx", time.perf_counter() - start, inputs=inputs, payload={"xlsx": content})


def write_result(result: SectionResult, root: Path) -> SectionResult:
    """Write what a worker returned (page, executed or failed notebook, workbook); return the result without it.

    Only the process that holds the year lock calls this. A failed section
    keeps its last good page; its notebook is kept as ``*.failed.ipynb``, which
    a later success removes.
    """
    p = config.paths(root)
    payload = result.payload or {}
    out = _output_path(result.tahun, result.section, p.root)
    if result.section == "xlsx":
        if result.ok:
            write_atomic(out, payload["xlsx"])
        return replace(result, payload=None, output=file_hash(out) if result.ok else "")
    section = next(s for s in SECTIONS if s.key == result.section)
    kept = p.reports_year(result.tahun) / "notebooks" / section.notebook
    failed = kept.with_name(kept.stem + ".failed.ipynb")
    if not result.ok:
        if payload.get("notebook"):
            write_atomic(failed, payload["notebook"])
        where = f" (executed notebook: {failed.relative_to(p.root).as_posix()})" if failed.exists() else ""
        return replace(result, payload=None, error=f"{result.error}{where}")
    write_atomic(kept, payload["notebook"])
    write_atomic(out, payload["page"])
    failed.unlink(missing_ok=True)
    return replace(result, payload=None, output=file_hash(out))


def _warm_up() -> None:
    """Import what a worker needs and build its exporter."""
    import papermill  # noqa: F401

    exporter()


def _warm_document() -> None:
    """Import what the year's document needs and build this process's exporter, while the workers execute.

    Only a head start, in the main thread (imports in two threads at once can see a module half
    initialised): a failure here is left for the document step to report.
    """
    with contextlib.suppress(Exception):
        import lkjip.dokumen  # noqa: F401
        import lkjip.word  # noqa: F401

        exporter()


def _watch(parent: int, started: float) -> None:
    """End this worker, and the kernels it started, as soon as the build process that owns it is gone.

    Runs in a daemon thread of every pool worker: a killed build must leave
    nothing running that could write after its lock is released.
    """
    import psutil

    def alive() -> bool:
        try:
            return psutil.Process(parent).create_time() == started
        except psutil.Error:
            return False

    while alive():
        time.sleep(0.5)
    me = psutil.Process()
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            child.kill()
    kernels.forget_all()  # their private folders (IPC sockets): nothing else will remove them
    os._exit(1)


def _worker_init(parent: int, started: float, warm: str | None) -> None:
    """Set up a pool worker while the main process cleans: the watchdog, imports, exporter, a warm kernel for ``warm``.

    A kernel that cannot start here is left for the first notebook to report.
    """
    threading.Thread(target=_watch, args=(parent, started), daemon=True, name="lkjip-watch-parent").start()
    multiprocessing.util.Finalize(None, kernels.close_all, exitpriority=10)  # at the worker's exit
    if warm is None:
        _warm_up()
        return
    with contextlib.suppress(Exception):  # the notebook's own start reports it, with its section
        kernels.start(warm, config.paths(warm).notebooks, meanwhile=_warm_up)


def _run(task: tuple[str, int, str, dict | None]) -> SectionResult:
    key, tahun, root, parameters = task
    if key == "xlsx":
        return build_export(tahun, Path(root))
    section = next(s for s in SECTIONS if s.key == key)
    return build_section(section, tahun, Path(root), parameters)


def _output_path(tahun: int, key: str, root: Path) -> Path:
    folder = config.paths(root).reports_year(tahun)
    if key == "xlsx":
        return folder / f"lkjip-bab3-{tahun}.xlsx"
    return folder / next(s.html for s in SECTIONS if s.key == key)


# --- the build ---------------------------------------------------------------------------------------


def years_needed(years: Iterable[int], root: Path) -> list[int]:
    """Return every year the reports of ``years`` read: each of them and every earlier year with a raw folder."""
    years = sorted(set(years))
    return sorted(set(years) | {y for y in config.paths(root).raw_years() if years and y < years[-1]})


def _document(tahun: int, root: Path, results: list[SectionResult]) -> list[SectionResult]:
    """Write the year's document (HTML, Word, PDF) when every section is in place and one changed.

    Returns one result ("dokumen"), or none when nothing had to be written. A
    missing PDF engine is a warning, not a failure (see :func:`lkjip.dokumen.tulis_pdf`).
    """
    from lkjip import dokumen

    sections = [r for r in results if r.section != "xlsx"]
    if not sections or not all(r.ok for r in sections):
        return []
    folder = config.paths(root).reports_year(tahun)
    present = all((folder / dokumen.nama_berkas(tahun, ext)).is_file() for ext in ("html", "docx"))
    if present and all(r.cached for r in sections):
        return []
    start = time.perf_counter()
    try:
        dokumen.tulis(tahun, root)
    except Exception as err:  # the document must not hide the sections' results
        return [
            SectionResult(
                tahun, "dokumen", time.perf_counter() - start, f"{tahun} dokumen: {type(err).__name__}: {err}"
            )
        ]
    return [SectionResult(tahun, "dokumen", time.perf_counter() - start)]


def _remove_leftovers(tahun: int, root: Path) -> None:
    """Remove temporary files a killed build left in the year's report folder (call under its lock)."""
    folder = config.paths(root).reports_year(tahun)
    if folder.is_dir():
        for leftover in [
            *folder.glob(".*.tmp"),
            *folder.glob("notebooks/.*.tmp"),
            *folder.glob("notebooks/.*.tmp.ipynb"),
        ]:
            leftover.unlink(missing_ok=True)


def _log_line(tahun: int, root: Path, text: str) -> None:
    path = config.paths(root).reports_year(tahun) / "build.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{datetime.now().isoformat(timespec='seconds')} {text}\n")


@dataclass
class Plan:
    """One project's part of a build: its years, what is current and what must run.

    ``todo`` holds one task per output to build (``_run``'s argument), ``results``
    the outputs found current and, after the run, every result.
    """

    root: Path
    years: list[int]
    sections: list[Section]
    parameters: dict | None
    todo: list[tuple[str, int, str, dict | None]] = field(default_factory=list)
    results: list[SectionResult] = field(default_factory=list)

    def notebooks(self) -> int:
        """Return how many of the tasks execute a notebook (the pool's work; workbooks are made in this process)."""
        return sum(1 for t in self.todo if t[0] != "xlsx")


def plan(
    years: Iterable[int],
    root: Path,
    sections: Iterable[Section],
    parameters: dict | None,
    *,
    force: bool,
    export_xlsx: bool,
) -> Plan:
    """Return what a build of ``years`` must run (call under the years' locks); current outputs are results already."""
    p = config.paths(root)
    out = Plan(p.root, sorted(set(years)), list(sections), parameters)
    keys = [s.key for s in out.sections] + (["xlsx"] if export_xlsx else [])
    for tahun in out.years:  # what is current is known from the inputs alone, before cleaning
        record = read_manifest(tahun, p.root)
        for key in keys:
            notebook = (
                []
                if key == "xlsx"
                else [p.notebooks / next(s.notebook for s in out.sections if s.key == key)]
            )
            inputs = input_hash(tahun, p.root, notebook, None if key == "xlsx" else parameters)
            if not force and is_current(record, key, inputs, _output_path(tahun, key, p.root)):
                out.results.append(SectionResult(tahun, key, 0.0, cached=True, inputs=inputs))
            else:
                out.todo.append((key, tahun, str(p.root), parameters))
    return out


def prepare(work: Plan, *, force: bool) -> None:
    """Clean every year the plan's reports read (once, before any notebook) and remove a killed build's leftovers.

    Raises :class:`RawDataError` when a year's raw data is bad.
    """
    stale = [y for y in years_needed(work.years, work.root) if force or not processed_is_fresh(y, work.root)]
    if stale:
        from lkjip import store  # pandas: only when a year must be cleaned
    for tahun in stale:
        if store.ensure_fresh(tahun, work.root, force=force):
            log.info("%s cleaned", tahun)
    for tahun in work.years:  # we hold the year's lock
        _remove_leftovers(tahun, work.root)


@contextlib.contextmanager
def worker_pool(workers: int, warm: Path | None = None):  # noqa: ANN201 - a context manager yielding a ProcessPoolExecutor or None
    """Yield a pool of ``workers`` processes (``None`` for one worker: this process runs the tasks).

    Each worker imports papermill and nbconvert and, when ``warm`` names a project,
    starts its kernel for that project's notebooks, while this process cleans.
    Workers end themselves, and their kernels, when this process is gone.
    """
    if workers <= 1:
        try:
            yield None
        finally:
            kernels.close_all()  # the kernel this process kept for its notebooks
        return
    import psutil

    # forkserver: workers never inherit a parent's live ZeroMQ context (unsafe across fork);
    # spawn where there is no forkserver (Windows)
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    me = os.getpid()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_worker_init,
        initargs=(me, psutil.Process(me).create_time(), None if warm is None else str(warm)),
    ) as pool:
        for _ in range(workers):
            pool.submit(int)  # start every worker now: their set-up overlaps the cleaning
        yield pool


def run(
    plans: list[Plan],
    pool: ProcessPoolExecutor | None,
    progress: Callable[[SectionResult, int, int], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> None:
    """Run every plan's tasks; each result is written by this process.

    Notebooks run in ``pool`` (in this process when ``None``). While the pool
    executes them, this process calls ``meanwhile`` and makes the workbooks.
    """
    total = sum(len(w.results) + len(w.todo) for w in plans)
    done = 0
    if progress:
        for w in plans:
            for r in w.results:
                done += 1
                progress(r, done, total)
    owner = {}
    if pool is None:
        finished = ((w, _run(t)) for w in plans for t in w.todo)
    else:
        here = []
        for w in plans:
            for t in w.todo:
                if t[0] == "xlsx":
                    here.append((w, t))
                else:
                    owner[pool.submit(_run, t)] = w
        if meanwhile is not None and owner:
            meanwhile()
        finished = itertools.chain(
            ((w, _run(t)) for w, t in here), ((owner[f], f.result()) for f in as_completed(owner))
        )
    for w, result in finished:
        w.results.append(write_result(result, w.root))
        done += 1
        if progress:
            progress(w.results[-1], done, total)


def finish(work: Plan) -> list[SectionResult]:
    """Write the documents, the build records, the log and the index of years; return every result.

    Raises :class:`BuildError` naming every failed section.
    """
    p = config.paths(work.root)
    results = work.results
    if {s.key for s in work.sections} == {s.key for s in SECTIONS}:
        for tahun in work.years:
            results.extend(_document(tahun, p.root, [r for r in results if r.tahun == tahun]))
    for r in results:  # a section that is fine again (rebuilt or cached) keeps no failed notebook
        if r.ok and r.section not in ("xlsx", "dokumen"):
            notebook = next(s.notebook for s in SECTIONS if s.key == r.section)
            failed = p.reports_year(r.tahun) / "notebooks" / notebook.replace(".ipynb", ".failed.ipynb")
            failed.unlink(missing_ok=True)
    for tahun in work.years:
        mine = [r for r in results if r.tahun == tahun]
        update_manifest(
            tahun,
            p.root,
            {r.section: {"inputs": r.inputs, "output": r.output} for r in mine if r.ok and not r.cached},
        )
        for r in mine:
            status = "cached" if r.cached else ("ok" if r.ok else "FAILED")
            log.info("%s %-10s %6.2f s %s", r.tahun, r.section, r.seconds, status)
            _log_line(
                tahun, p.root, f"{r.section} {r.seconds:.2f}s {status}" + (f": {r.error}" if r.error else "")
            )
    write_index(p.root)
    failed = [r for r in results if not r.ok]
    if failed:
        raise BuildError("; ".join(r.error or "" for r in failed))
    return results


def year_locks(years: Iterable[int], root: Path, *, wait: bool) -> ExitStack:
    """Return the held locks of ``years`` (close the stack to release them); raise :class:`BusyError` when one is taken."""
    stack = ExitStack()
    try:
        for tahun in sorted(set(years)):
            stack.enter_context(year_lock(tahun, root, wait=wait))
    except BaseException:
        stack.close()
        raise
    return stack


def workers_for(jobs: int | None, tasks: int) -> int:
    """Return how many workers to start: ``jobs`` (default: CPUs), never more than there are tasks."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks or 1))


def build(
    years: Iterable[int],
    root: Path | str | None = None,
    *,
    jobs: int | None = None,
    sections: Iterable[Section] = SECTIONS,
    parameters: dict | None = None,
    force: bool = False,
    wait: bool = False,
    export_xlsx: bool = True,
    progress: Callable[[SectionResult, int, int], None] | None = None,
) -> list[SectionResult]:
    """Clean and build every section of ``years``; return one result per year x output.

    Raises :class:`BusyError` when a year is being built by another process,
    :class:`RawDataError` (before any notebook runs) when a year's raw data is
    bad, and :class:`BuildError` naming every failed section after the others
    were built. ``progress`` is called after each output with (result, done, total).
    """
    p = config.paths(root)
    with year_locks(years, p.root, wait=wait):
        work = plan(years, p.root, sections, parameters, force=force, export_xlsx=export_xlsx)
        notebooks = work.notebooks()
        with worker_pool(workers_for(jobs, notebooks), warm=p.root if notebooks else None) as pool:
            prepare(work, force=force)
            document = {s.key for s in work.sections} == {s.key for s in SECTIONS}
            run([work], pool, progress, meanwhile=_warm_document if document else None)
        return finish(work)


def write_index(root: Path | str | None = None) -> Path:
    """Write ``reports/index.html`` linking every year that has a report; return its path."""
    import html

    p = config.paths(root)
    years = (
        sorted(
            (
                int(d.name)
                for d in p.reports.iterdir()
                if d.is_dir()
                and d.name.isdigit()
                and (d / "index.html").exists()
                and p.raw_year(int(d.name)).is_dir()  # a year whose raw folder was deleted is not offered
            ),
            reverse=True,
        )
        if p.reports.is_dir()
        else []
    )
    items = "".join(
        f'<li><a href="{y}/index.html">LKjIP Tahun {y}</a> (<a href="{y}/lkjip-bab3-{y}.xlsx">XLSX</a>)</li>'
        for y in years
    )
    css = (TEMPLATES / "lkjip" / "lkjip.css").read_text(encoding="utf-8")
    page = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>LKjIP: BAB III</title>'
        f"<style>{css}</style></head><body><h1>Laporan Kinerja: BAB III Akuntabilitas Kinerja</h1>"
        f"<p>{html.escape('Pilih tahun:')}</p><ul>{items}</ul></body></html>\n"
    )
    out = p.reports / "index.html"
    with lock(p.reports / ".locks" / "index.lock", wait=True):  # shared by every year's build
        if not out.is_file() or out.read_text(encoding="utf-8") != page:
            write_atomic(out, page)
    return out
