"""Command line: ``lkjip clean``, ``build``, ``export``, ``audit``, ``extract``, ``workspace``, ``dictionary``.

Exit codes: 0 success, 2 bad input data (or no such year), 3 a report section
failed, 4 another build of the same year is running, 5 the file system cannot
lock, 1 audit found new errors under ``--strict``.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from lkjip import config
from lkjip.errors import BuildError, LkjipError

EXIT_OK = 0
EXIT_AUDIT = 1
EXIT_DATA = 2
EXIT_SECTION = 3
EXIT_BUSY = 4
EXIT_NO_LOCK = 5


def parse_years(text: str | None, *, all_years: bool = False) -> list[int]:
    """Return the years named by ``--year``: ``2023``, ``2022-2023`` or ``2022,2023``.

    With ``all_years``, every year that has a raw folder.
    """
    if all_years or text is None:
        years = config.paths().raw_years()
        if not years:
            raise LkjipError(f"no year folders in {config.paths().raw}")
        return years
    years: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", part)
        if match is None:
            raise LkjipError(
                f"--year {text!r}: write a year (2023), a range (2022-2023) or a list (2022,2023)"
            )
        lo, hi = int(match.group(1)), int(match.group(2) or match.group(1))
        if hi < lo:
            raise LkjipError(f"--year {text!r}: the range {lo}-{hi} runs backwards; write {hi}-{lo}")
        years.extend(range(lo, hi + 1))
    return sorted(set(years))


def _cmd_clean(args: argparse.Namespace) -> int:
    from lkjip.store import clean

    for tahun in parse_years(args.year, all_years=args.all):
        out = clean(tahun)
        print(f"lkjip: cleaned {tahun} -> {out.relative_to(config.paths().root)}")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    import logging
    import time

    from lkjip.build import SectionResult, build

    logging.getLogger("lkjip").setLevel(logging.INFO if not sys.stderr.isatty() else logging.WARNING)
    start = time.perf_counter()
    years = parse_years(args.year, all_years=args.all)

    def progress(r: SectionResult, done: int, total: int) -> None:
        if sys.stderr.isatty():
            state = "cached" if r.cached else ("ok" if r.ok else "FAILED")
            end = "\n" if done == total or not r.ok else ""
            print(
                f"\r[{done}/{total}] {r.tahun} {r.section:<10} {state:<6} {r.seconds:5.1f} s",
                end=end,
                file=sys.stderr,
            )

    results = build(years, jobs=args.jobs, force=args.force, wait=args.wait, progress=progress)
    rebuilt = sum(not r.cached for r in results)
    where = config.paths().reports
    print(
        f"lkjip: built {', '.join(map(str, years))} in {time.perf_counter() - start:.1f} s "
        f"({rebuilt} rebuilt, {len(results) - rebuilt} unchanged) -> {where}/index.html"
    )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from lkjip.export import export

    for tahun in parse_years(args.year, all_years=args.all):
        print(f"lkjip: wrote {export(tahun).relative_to(config.paths().root)}")
    return EXIT_OK


def _read_baseline(name: str) -> set[tuple]:
    """Return the keys a baseline file knows; a missing or malformed file is a one-line error."""
    import json

    from lkjip.audit import baseline_keys
    from lkjip.errors import ConfigError

    path = Path(name)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{name}: baseline cannot be read ({err.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ConfigError(f"{name}: baseline is not JSON ({err})") from None
    return baseline_keys(records, name)


def _cmd_audit(args: argparse.Namespace) -> int:
    import json

    from lkjip.audit import SEVERITY_LABEL, is_new, ringkasan, to_records
    from lkjip.laporan import muat

    known = _read_baseline(args.baseline) if args.baseline else None
    worst = EXIT_OK
    out = []
    for tahun in parse_years(args.year, all_years=args.all):
        slips = muat(tahun).slips
        records = [{"tahun": tahun, **r} for r in to_records(slips)]
        for r in records:
            r["baru"] = True if known is None else is_new(r, tahun, known)
        new_errors = sum(r["baru"] and r["tingkat"] == "error" for r in records)
        if args.json:
            out += records
        else:
            counts = ringkasan(slips)
            line = f"Audit LKjIP {tahun}: {counts['error']} kesalahan, {counts['warning']} peringatan, {counts['info']} catatan"
            if known is not None:
                line += f" ({sum(r['baru'] for r in records)} baru terhadap {args.baseline})"
            print(line)
            for r in records:
                mark = " [baru]" if known is not None and r["baru"] else ""
                values = f"tertulis {_show(r['nilai_tertulis'])}; pembanding {_show(r['nilai_pembanding'])}"
                print(
                    f"[{SEVERITY_LABEL[r['tingkat']]}]{mark} {r['pemeriksaan']} | {r['letak']} | {values}\n    {r['keterangan']}"
                )
        if args.strict and new_errors:
            worst = EXIT_AUDIT
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return worst


def _show(value: object) -> str:
    from lkjip.numbers import format_angka

    if value is None:
        return "-"
    if isinstance(value, int | float):
        return format_angka(value, 4, trim=True)
    return str(value)


def _cmd_extract(args: argparse.Namespace) -> int:
    from lkjip import extract as ex
    from lkjip.errors import ConfigError

    years = parse_years(args.year)
    if len(years) != 1:
        raise ConfigError(f"--year {args.year}: extract drafts one year at a time")
    tahun = years[0]
    p = config.paths()
    folder = Path(args.output_dir).resolve() if args.output_dir else p.raw_year(tahun)
    draf = ex.extract(Path(args.document), tahun)
    written, skipped = ex.write(draf, folder)
    shown = folder.relative_to(p.root) if folder.is_relative_to(p.root) else folder
    print(f"lkjip: extract {args.document} -> {shown}")
    for kind, rows in draf.tables.items():
        where = draf.sources.get(kind, "")
        count = len(rows) - 1
        what = "figures" if kind == "angka_narasi" else "rows"
        print(f"  {ex.RAW_TABLES[kind].stem}.csv: {count} {what} from {where}")
    for path in written:
        print(f"  wrote {path.name}")
    for path in skipped:
        print(f"  skipped {path.name}: already there (lkjip never replaces a file of the raw folder)")
    if draf.unplaced:
        print(f"  could not place {len(draf.unplaced)}:")
        for line in draf.unplaced:
            print(f"    {line}")
    missing = ex.still_to_write(draf, folder)
    if missing:
        print("  still to write by hand:")
        for line in missing:
            print(f"    {line}")
    return EXIT_OK


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from lkjip.contract import contract
    from lkjip.schema import data_dictionary

    text = contract() if args.contract else data_dictionary()
    if args.output:
        config.paths().root.joinpath(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


def _cmd_workspace(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lkjip import workspace

    folder = Path(args.workspace).resolve()
    years = None if args.all or args.year is None else parse_years(args.year)
    results = workspace.build(folder, years, jobs=args.jobs, force=args.force, wait=args.wait)
    for r in results:
        print(f"lkjip: {r.agency}: {'ok' if r.status == 'ok' else 'FAILED'}")
    print(f"lkjip: workspace index -> {folder / 'index.html'}")
    return workspace.exit_code(results)


def _cmd_workspace_index(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lkjip import workspace

    print(f"lkjip: workspace index -> {workspace.tulis_indeks(Path(args.workspace).resolve())}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``lkjip`` command."""
    parser = argparse.ArgumentParser(prog="lkjip", description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="the project folder (default: $LKJIP_ROOT, else the folder of lkjip)")
    sub = parser.add_subparsers(dest="command", required=True)

    def years(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", help="a year, a range (2022-2023) or a list (2022,2023)")
        p.add_argument("--all", action="store_true", help="every year that has data/raw/<year>/")

    p = sub.add_parser("clean", help="clean data/raw/<year>/ into data/processed/<year>/")
    years(p)
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("build", help="clean, execute the notebooks and render reports/<year>/")
    years(p)
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: CPUs)")
    p.add_argument("--force", action="store_true", help="rebuild every section, changed or not")
    p.add_argument(
        "--wait", action="store_true", help="wait for another build of the same year instead of exiting 4"
    )
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "export", help="write the year's BAB III tables to reports/<year>/lkjip-bab3-<year>.xlsx"
    )
    years(p)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("audit", help="check every figure the report states twice")
    years(p)
    p.add_argument(
        "--json", action="store_true", help="a JSON list, one object per slip with every place in 'tempat'"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when an error-severity slip exists")
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="a previous --json output: only slips not in it are new, and --strict fails only on new ones",
    )
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser(
        "workspace", help="a folder of agency projects: build them all and the cross-agency index"
    )
    wsub = p.add_subparsers(dest="action", required=True)
    w = wsub.add_parser("build", help="build every agency x year, then WORKSPACE/index.html and index.xlsx")
    w.add_argument("workspace", help="the folder whose subfolders are agency projects")
    years(w)
    w.add_argument(
        "--jobs", type=int, default=None, help="parallel workers, one pool for all agencies (default: CPUs)"
    )
    w.add_argument("--force", action="store_true", help="rebuild every section, changed or not")
    w.add_argument("--wait", action="store_true", help="wait for a running build instead of failing with 4")
    w.set_defaults(func=_cmd_workspace)
    w = wsub.add_parser("index", help="only write WORKSPACE/index.html and index.xlsx from what is built")
    w.add_argument("workspace", help="the folder whose subfolders are agency projects")
    w.set_defaults(func=_cmd_workspace_index)

    p = sub.add_parser("extract", help="draft data/raw/<year>/ from an LKjIP document (.docx or its text)")
    p.add_argument("document", help="the report as .docx, or its text copied from a PDF or Word file")
    p.add_argument("--year", required=True, help="the report's year")
    p.add_argument("--output-dir", help="write here instead of data/raw/<year>/ (existing files are kept)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("dictionary", help="print the data dictionary of the processed tables")
    p.add_argument("--output", help="write to this file (relative to the project root)")
    p.add_argument(
        "--contract", action="store_true", help="the raw data contract (data/raw/README.md) instead"
    )
    p.set_defaults(func=_cmd_dictionary)
    return parser


class _Stderr(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is at the time of the record."""

    @property
    def stream(self):  # noqa: ANN201 - a text stream
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = "warning: " if record.levelno >= logging.WARNING else ""
        return f"lkjip: {level}{record.getMessage()}"


def _log_to_stderr() -> None:
    """Send lkjip's log lines (warnings by default) to stderr as ``lkjip: warning: ...``."""
    logger = logging.getLogger("lkjip")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(_Format())
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from lkjip.errors import BusyError, LockUnavailableError

    args = build_parser().parse_args(argv)
    if args.root:  # one place knows the root: config.project_root reads it from here
        os.environ["LKJIP_ROOT"] = os.path.abspath(args.root)  # noqa: PTH100
    _log_to_stderr()
    try:
        config.read_config()  # a typo in lkjip.toml stops every command before any work
        return args.func(args)
    except BrokenPipeError:  # output piped into a pager or head that closed early
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115, PTH123 - silences the flush at exit
        return EXIT_OK
    except BusyError as err:
        print(f"lkjip: busy: {err}", file=sys.stderr)
        return EXIT_BUSY
    except LockUnavailableError as err:
        print(f"lkjip: cannot lock: {err}", file=sys.stderr)
        return EXIT_NO_LOCK
    except BuildError as err:
        print(f"lkjip: section failed: {err}", file=sys.stderr)
        return EXIT_SECTION
    except LkjipError as err:
        print(f"lkjip: error: {err}", file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main())
