"""A workspace: a folder of agency project roots, built together and summarised on one page.

Each subfolder with ``data/raw/`` is an agency (its own ``lkjip.toml`` and
``reports/``; notebooks come from lkjip). Agencies and years are found in the
folders, never listed in code. :func:`build` builds every agency x year and
writes ``WORKSPACE/index.html`` and ``index.xlsx``: one row per agency and year,
the page a Bappeda analyst opens first.
"""

from __future__ import annotations

import html
import io
import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lkjip import anggaran as ang
from lkjip import audit, cache, config
from lkjip import capaian as cap
from lkjip.errors import BuildError, BusyError, LkjipError, LockUnavailableError
from lkjip.present import Tabel, bulat, persen, teks

log = logging.getLogger("lkjip.workspace")

KOLOM_RINGKASAN = {
    "instansi": ("Instansi", teks),
    "tahun": ("Tahun", lambda v: str(int(v))),
    "jumlah_indikator": ("Indikator", bulat),
    "tercapai_pct": ("Mencapai target (%)", persen),
    "capaian_pct": ("Rata-rata capaian (%)", persen),
    "predikat": ("Predikat", teks),
    "serapan_pct": ("Serapan (%)", persen),
    "kesalahan_audit": ("Kesalahan audit", bulat),
    "status": ("Status", teks),
}
EXIT_ORDER = {"ok": 0, "data": 2, "section": 3, "busy": 4, "nolock": 5}


@dataclass(frozen=True)
class Hasil:
    """What happened to one agency's build."""

    agency: str
    status: str  # ok, data, section, busy, nolock
    message: str = ""


def agencies(workspace: Path) -> list[Path]:
    """Return the agency folders of a workspace (those with ``data/raw/``), sorted by name."""
    if not workspace.is_dir():
        raise LkjipError(f"workspace {workspace} is not a folder")
    return sorted(p for p in workspace.iterdir() if p.is_dir() and (p / "data" / "raw").is_dir())


def build(
    workspace: Path,
    years: list[int] | None = None,
    *,
    jobs: int | None = None,
    force: bool = False,
    wait: bool = False,
) -> list[Hasil]:
    """Build every agency x year (all raw years when ``years`` is ``None``), then the workspace index.

    One worker pool serves every agency: each agency's years are locked, planned
    and cleaned, then the sections of all agencies run in the pool together.
    Returns one result per agency; a failing agency does not stop the others, and
    its message starts with the agency's folder name.
    """
    from lkjip import build as b
    from lkjip.errors import YearNotFoundError

    outcome: dict[str, Hasil] = {}
    plans: list[b.Plan] = []

    def attempt(root: Path, step: Callable[[], object]) -> bool:
        try:
            step()
            return True
        except BusyError as err:
            outcome[root.name] = Hasil(root.name, "busy", f"{root.name}: {err}")
        except LockUnavailableError as err:
            outcome[root.name] = Hasil(root.name, "nolock", f"{root.name}: {err}")
        except BuildError as err:
            outcome[root.name] = Hasil(root.name, "section", f"{root.name}: {err}")
        except LkjipError as err:
            outcome[root.name] = Hasil(root.name, "data", f"{root.name}: {err}")
        log.warning("%s", outcome[root.name].message)
        return False

    with ExitStack() as held:
        for root in agencies(workspace):
            p = config.paths(root)
            wanted = [y for y in (years or p.raw_years()) if p.raw_year(y).is_dir()]

            def lock_and_plan(root: Path = root, wanted: list[int] = wanted) -> None:
                if not wanted:
                    raise YearNotFoundError(f"no data/raw/<year>/ for {years}")
                locks = b.year_locks(wanted, root, wait=wait)
                try:
                    plans.append(b.plan(wanted, root, b.SECTIONS, None, force=force, export_xlsx=True))
                except BaseException:
                    locks.close()
                    raise
                held.enter_context(locks)

            attempt(root, lock_and_plan)
        with b.worker_pool(
            b.workers_for(jobs, sum(w.notebooks() for w in plans)),
            warm=next((w.root for w in plans if w.notebooks()), None),
        ) as pool:
            ready = [w for w in plans if attempt(w.root, lambda w=w: b.prepare(w, force=force))]
            b.run(ready, pool)
        for w in ready:
            if attempt(w.root, lambda w=w: b.finish(w)):
                outcome[w.root.name] = Hasil(w.root.name, "ok")
    results = [outcome[root.name] for root in agencies(workspace) if root.name in outcome]
    tulis_indeks(workspace, {r.agency: r for r in results})
    return results


def ringkasan(workspace: Path, hasil: dict[str, Hasil] | None = None) -> pd.DataFrame:
    """Return one row per agency and raw year: indicators, targets met, capaian, serapan, audit errors.

    A year whose data cannot be read has a row naming the error in ``status``; the
    failure of an agency's last build (``hasil``) shows in the status of its rows;
    an agency without any year gets one row.
    """
    from lkjip.laporan import muat

    rows = []
    for root in agencies(workspace):
        outcome = (hasil or {}).get(root.name)
        status = "ok" if outcome is None or outcome.status == "ok" else outcome.message
        years = config.paths(root).raw_years()
        for tahun in years:  # a year whose raw data changed is cleaned again; bad data shows as its status
            try:
                lap = muat(tahun, root)
            except LkjipError as err:
                rows.append({"agency": root.name, "instansi": root.name, "tahun": tahun, "status": str(err)})
                continue
            jumlah = cap.jumlah_tercapai(lap.nilai)
            total = ang.per_kelompok(lap.tabel["anggaran"]).iloc[-1]
            mean = lap.nilai["capaian_pct"].mean()
            rows.append(
                {
                    "agency": root.name,
                    "instansi": lap.instansi or root.name,
                    "tahun": tahun,
                    "jumlah_indikator": jumlah["total"],
                    "tercapai_pct": jumlah["tercapai"] / jumlah["dinilai"] * 100
                    if jumlah["dinilai"]
                    else float("nan"),
                    "capaian_pct": mean,
                    "predikat": cap.predikat(mean, lap.settings["skala_predikat"]),
                    "serapan_pct": total["serapan_pct"],
                    "kesalahan_audit": audit.ringkasan(lap.slips)["error"],
                    "status": status,
                }
            )
        if not years:
            rows.append({"agency": root.name, "instansi": root.name, "tahun": float("nan"), "status": status})
    return pd.DataFrame(rows, columns=["agency", *KOLOM_RINGKASAN])


_SORT_SCRIPT = """
document.querySelectorAll("table.lkjip th").forEach(function (th, col) {
  th.style.cursor = "pointer";
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], rows = Array.from(body.rows);
    var dir = th.dataset.dir === "asc" ? -1 : 1; th.dataset.dir = dir === 1 ? "asc" : "desc";
    var key = function (r) { var t = r.cells[col].innerText.replace(/\\./g, "").replace(",", ".");
                             var n = parseFloat(t); return isNaN(n) ? t : n; };
    rows.sort(function (a, b) { var x = key(a), y = key(b); return (x > y ? 1 : x < y ? -1 : 0) * dir; });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def tulis_indeks(workspace: Path, hasil: dict[str, Hasil] | None = None) -> Path:
    """Write ``WORKSPACE/index.html`` (sortable by a click on a heading, offline) and ``index.xlsx``; return the page."""
    from openpyxl import Workbook

    from lkjip.export import _sheet

    frame = ringkasan(workspace, hasil)
    table = Tabel(frame, KOLOM_RINGKASAN, judul="Ringkasan LKjIP per instansi dan tahun", nomor=False)
    links = []
    for row in frame.itertuples():
        year = "" if pd.isna(row.tahun) else int(row.tahun)
        doc = Path(row.agency) / "reports" / str(year) / f"lkjip-bab3-{year}.html"
        links.append(doc.as_posix() if year and (workspace / doc).is_file() else None)
    head, *rows = table.to_html().split("<tr")
    for i, link in enumerate(links, start=1):  # row i's instansi cell links to its document (row 0: headings)
        if link:
            name = html.escape(KOLOM_RINGKASAN["instansi"][1](frame["instansi"].iloc[i - 1]))
            rows[i] = rows[i].replace(
                f"<td>{name}</td>", f'<td><a href="{html.escape(link)}">{name}</a></td>', 1
            )
    body = "<tr".join([head, *rows])
    css = (config.PACKAGE_DIR / "templates" / "lkjip" / "lkjip.css").read_text(encoding="utf-8")
    page = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>LKjIP: ringkasan instansi</title><style>{css}</style></head><body>"
        "<h1>Ringkasan LKjIP seluruh instansi</h1>"
        "<p>Satu baris per instansi dan tahun. Klik judul kolom untuk mengurutkan; klik nama instansi untuk "
        "membuka laporannya.</p>"
        f"{body}<script>{_SORT_SCRIPT}</script></body></html>\n"
    )
    out = workspace / "index.html"
    with cache.lock(workspace / ".locks" / "index.lock", wait=True):
        cache.write_atomic(out, page)
        book = Workbook()
        book.remove(book.active)
        _sheet(book, "Ringkasan", table)
        buffer = io.BytesIO()
        book.save(buffer)
        cache.write_atomic(workspace / "index.xlsx", buffer.getvalue())
    return out


def exit_code(results: list[Hasil]) -> int:
    """Return the worst exit code of the agencies' builds (0, 2, 3, 4 or 5)."""
    return max((EXIT_ORDER[r.status] for r in results), default=0)


__all__ = ["Hasil", "agencies", "build", "exit_code", "ringkasan", "tulis_indeks"]
