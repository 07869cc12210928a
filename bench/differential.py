"""Compare this checkout's reader and budget cleaner with another revision's on random raw tables.

For a change to ``read_table`` or ``clean_anggaran`` that must not change any
output. Random budget tables (local and Permendagri 90 codes, codes glued to
names, kegiatan printed without a code, codes that already carry their
parent's, codes slipped into the wrong column, damaged cells, ambiguous
numbers) are cleaned by both revisions; random raw files of four tables
(header spellings, delimiters, repeated header rows, rows of column numbers,
blank rows, stray spaces and tags, a value under no header, quoted cells,
digits other than ASCII) are read by both, and the budget files cleaned too.
Each revision runs in its own process, and every case whose outputs or
one-line error differ is reported. Most random cases are refused, so the
errors are compared as closely as the outputs.

Usage: ``python bench/differential.py REV [--tables 3000] [--seed 1]``; exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["kelompok", "program", "kegiatan", "sub_kegiatan", "uraian", "pagu", "realisasi", "capaian"]
GROUPS = {"kela", "kelb"}  # the generated groups, declared routine (name keys of "Kel A", "Kel B")

CHILD = r"""
import pickle, sys, tempfile
from pathlib import Path
import lkjip
from lkjip.clean import clean_anggaran
from lkjip.errors import RawDataError, SchemaError
from lkjip.raw import RAW_TABLES, read_table
assert lkjip.__file__.startswith(sys.argv[1]), lkjip.__file__
tables, groups = pickle.load(open(sys.argv[2], "rb"))
out = []
with tempfile.TemporaryDirectory() as folder:
    for table in tables:
        try:
            if isinstance(table, tuple):  # (table key, file name, bytes): read the file, clean a budget
                key, name, data = table
                for old in Path(folder).iterdir():
                    old.unlink()
                (Path(folder) / name).write_bytes(data)
                frame = read_table(Path(folder), RAW_TABLES[key], relative_to=Path(folder))
                read = (frame.to_csv(index=False), repr(frame.attrs), repr(frame.dtypes.to_dict()))
                if key != "anggaran":
                    out.append(read)
                    continue
                table = frame
            lines, tree = clean_anggaran(table, 2023, rutin=groups)
            out.append((lines.to_csv(index=False), tree.to_csv(index=False)))
        except (RawDataError, SchemaError) as err:
            out.append(("error", f"{type(err).__name__}: {err}"))
        except Exception as err:  # a traceback where a one-line error is due: reported as such
            out.append(("crash", f"{type(err).__name__}: {err}"))
pickle.dump(out, open(sys.argv[3], "wb"))
"""


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Return rows as the reader gives them: Arrow text, spreadsheet row numbers, no sections or totals."""
    frame = pd.DataFrame(rows, columns=COLUMNS).astype("str")
    frame["_baris"] = range(2, len(frame) + 2)
    frame["_bagian"] = None
    frame["_is_total"] = False
    return frame


def scattered(rnd: random.Random) -> pd.DataFrame:
    """Return up to 25 rows of random kinds and codes in random order: mostly refused, each for its own reason."""
    permendagri = rnd.random() < 0.3
    rows = []
    for i in range(rnd.randint(1, 25)):
        kind = rnd.choice(["program", "kegiatan", "sub", "sub", "sub", "glued"])
        row = dict.fromkeys(COLUMNS, "")
        row["kelompok"] = (
            rnd.choice(["", "", "", "Kel A", "Kel B"]) if i else rnd.choice(["Kel A", "Kel B", ""])
        )
        row["uraian"] = rnd.choice(["Nama x", "Nama y", "Nama z"])
        if permendagri:
            program = rnd.choice(["2.17.01", "2.17.02", "X.XX.01"])
            if kind == "program":
                row["program"] = program
            elif kind == "kegiatan":
                row["kegiatan"] = rnd.choice([program + ".2.01", program + ".2.02", "", "2.17.03.2.01"])
            else:
                row["sub_kegiatan"] = rnd.choice(
                    [
                        program + ".2.01.0001",
                        program + ".2.01.0002",
                        program + ".2.02.0001",
                        "2.17.01.2.01.01",
                        "01",
                    ]
                )
        elif kind == "program":
            row["program"] = rnd.choice(["1", "01", "02", "2."])
        elif kind == "kegiatan":
            row["kegiatan"] = rnd.choice(["01", "1", "02", "01.02", ""])
        elif kind == "glued":
            row["uraian"] = rnd.choice(["01 Perencanaan", "02 Umum", "Tanpa kode"])
        else:
            row["sub_kegiatan"] = rnd.choice(["01", "1", "02", "01.02.03", "1.1.1", "", "03"])
        if kind == "sub" or rnd.random() < 0.05:
            row["pagu"] = rnd.choice(["1.000", "2.500.000", "", "0", "3.000,5"])
            row["realisasi"] = rnd.choice(["900", "2.400.000", "", "0"])
            if rnd.random() < 0.1 and row["sub_kegiatan"]:  # a line's code slipped into the Kegiatan column
                row["sub_kegiatan"], row["kegiatan"] = "", row["sub_kegiatan"]
        row["capaian"] = rnd.choice(["", "90,5", "100"])
        rows.append(row)
    return _frame(rows)


def structured(rnd: random.Random) -> pd.DataFrame:
    """Return a table printed in order (groups, programs, kegiatan, lines), sometimes with one damaged cell."""
    permendagri = rnd.random() < 0.35
    rows = []

    def add(**cells: str) -> None:
        row = dict.fromkeys(COLUMNS, "")
        row.update({"uraian": "Nama", "capaian": rnd.choice(["", "90,5", "100"]), **cells})
        rows.append(row)

    for _ in range(rnd.randint(1, 3)):
        group = rnd.choice(["Kel A", "Kel B", "Kel A"])  # a group may be printed in two places
        for p in range(rnd.randint(1, 3)):
            if permendagri:
                program = rnd.choice(["2.17.0", "X.XX.0"]) + str(p + 1)
            else:
                program = rnd.choice([f"{p + 1:02d}", str(p + 1), f"{p + 1}.", "01"])
            add(
                kelompok=group if p == 0 else "",
                program=program,
                uraian=rnd.choice(["Program a", "Program b"]),
            )
            for k in range(rnd.randint(0, 3)):
                if permendagri:
                    kegiatan = rnd.choice([f"{program}.2.0{k + 1}", f"{program}.2.0{k + 1}", ""])
                else:
                    kegiatan = rnd.choice(
                        [f"{k + 1:02d}", str(k + 1), "", program.rstrip(".") + f".0{k + 1}"]
                    )
                if not permendagri and rnd.random() < 0.15:
                    add(uraian=rnd.choice(["01 Perencanaan", "02 Umum"]))  # a code glued to the name
                else:
                    add(kegiatan=kegiatan, uraian=rnd.choice(["Keg a", "Keg b", "Keg c"]))
                for s in range(rnd.randint(0, 4)):
                    if permendagri:
                        code = (kegiatan or program + rnd.choice([".2.07", ".2.08"])) + f".000{s + 1}"
                    else:
                        code = rnd.choice([f"{s + 1:02d}", str(s + 1), (kegiatan or "9") + f".0{s + 1}"])
                    if rnd.random() < 0.1:  # the line's code slipped into the Kegiatan column
                        add(kegiatan=code, uraian="Sub", pagu="1.500.000", realisasi="1.000.000")
                    else:
                        add(
                            sub_kegiatan=code,
                            uraian=rnd.choice(["Sub a", "Sub b"]),
                            pagu=rnd.choice(["1.000.000", "2.500.000,50", "0"]),
                            realisasi=rnd.choice(["900.000", "0", "2.400.000"]),
                        )
    if rows and rnd.random() < 0.2:
        rows[rnd.randrange(len(rows))][rnd.choice(COLUMNS)] = rnd.choice(
            ["", "01", "2.17.09", "abc", "1.000"]
        )
    return _frame(rows)


# Cells a raw file may hold besides its data: what the reader must tidy or refuse.
_NOISE = [
    " ",
    "  a",
    "a  b",
    "a\tb",
    "a\u00a0b",
    "<b>Jumlah</b>",
    "a < 5",
    "\u0661",
    "(1)",
    "(\u0662)",
    "12",
    "x",
]
_READ = {  # table key: file stem, the columns written (canonical names)
    "anggaran": ("realisasi_anggaran", COLUMNS),
    "kesehatan_ksp": ("tabel_3_5_kesehatan_ksp", ["no", "predikat", "jumlah"]),
    "iku_rencana": ("tabel_2_2_iku", ["no", "uraian", "indikator", "satuan", "target"]),
    "pegawai": ("tabel_1_1_pegawai", ["golongan", "jumlah"]),
}


def raw_file(rnd: random.Random) -> tuple[str, str, bytes]:
    """Return (table key, file name, bytes): a raw CSV file with random headers, noise rows and cells."""
    import csv
    import io

    from lkjip.raw import RAW_TABLES

    key = rnd.choice(list(_READ))
    stem, names = _READ[key]
    spec = RAW_TABLES[key]
    names = names if rnd.random() < 0.9 else names[:-1]  # sometimes a required column is missing
    header = []
    for name in names:
        spelling = rnd.choice([s for s in spec.columns[name] if not s.startswith("re:")])
        header.append(rnd.choice([spelling, spelling.upper(), spelling.lower(), f" {spelling} "]))
    if rnd.random() < 0.05:
        header.append(rnd.choice(["", "Tak dikenal"]))  # an extra column, named or not
    if key == "anggaran":
        body = structured(rnd)[names].astype(str).to_numpy().tolist()
    else:
        cells = ["", "1", "2", "SEHAT", "Jumlah", "Total", "Program a", "4.962.111.000", "99,5", "IV/a", "%"]
        body = [[rnd.choice(cells) for _ in names] for _ in range(rnd.randint(0, 8))]
    body = [row + [""] * (len(header) - len(row)) for row in body]
    for _ in range(rnd.randint(0, 3)):  # rows that are not data, and noisy cells
        at = rnd.randint(0, len(body))
        kind = rnd.random()
        if kind < 0.25:
            body.insert(at, list(header))  # a repeated header
        elif kind < 0.5:
            first = rnd.choice([0, 1, 2])
            body.insert(at, [rnd.choice(["({})", "{}"]).format(first + i) for i in range(len(header))])
        elif kind < 0.65:
            body.insert(at, [""] * len(header))
        elif body:
            row = rnd.randrange(len(body))
            body[row][rnd.randrange(len(header))] = rnd.choice(_NOISE)
    lead = [[""] * len(header) for _ in range(rnd.choice([0, 0, 1]))]  # blank rows above the header
    delimiter = rnd.choice([",", ";", "\t"])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=rnd.choice(["\n", "\r\n"])).writerows(
        [*lead, header, *body]
    )
    return key, f"{stem}.csv", buffer.getvalue().encode()


def clean_all(roots: list[Path], tables_file: Path) -> list[list[tuple[str, str]]]:
    """Return, per lkjip checkout in ``roots``, each table's (lines CSV, tree CSV) or ("error", message).

    The checkouts clean at the same time, each in its own process.
    """
    children = []
    for n, root in enumerate(roots):
        out_file = tables_file.with_name(f"out-{n}.pkl")
        env = {
            **os.environ,
            "PYTHONPATH": str(root),
        }  # and run from root: "-c" puts the folder first on the path
        command = [sys.executable, "-c", CHILD, str(root / "lkjip"), str(tables_file), str(out_file)]
        children.append((subprocess.Popen(command, cwd=root, env=env), out_file))
    results = []
    for child, out_file in children:
        if child.wait() != 0:
            raise SystemExit(f"cleaning failed in {child.args[3]}")
        with out_file.open("rb") as f:
            results.append(pickle.load(f))
    return results


def main() -> int:
    """Generate the tables, clean them with both revisions, print the differences; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the revision to compare with (e.g. main, HEAD~3, a commit)")
    parser.add_argument("--tables", type=int, default=3000, help="tables of each kind (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    tables = [make(rnd) for make in (scattered, structured, raw_file) for _ in range(args.tables)]
    with tempfile.TemporaryDirectory(prefix="lkjip-differential-") as tmp:
        tmp = Path(tmp)
        other = tmp / "other"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(other), args.revision], cwd=ROOT, check=True
        )
        try:
            with (tmp / "tables.pkl").open("wb") as f:
                pickle.dump((tables, GROUPS), f)
            before, after = clean_all([other, ROOT], tmp / "tables.pkl")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    differ = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
    cleaned = sum(result[0] != "error" for result in after)
    print(
        f"{len(tables)} tables and files, {cleaned} read or cleaned, the rest refused; "
        f"{len(differ)} differ from {args.revision}"
    )
    for i in differ[:5]:
        shown = tables[i][2].decode() if isinstance(tables[i], tuple) else tables[i][COLUMNS].to_string()
        print(f"case {i}:\n{shown}")
        print(f"  {args.revision}: {str(before[i])[:300]}\n  now: {str(after[i])[:300]}")
    crashed = [i for i, result in enumerate(after) if result[0] == "crash"]
    for i in crashed[:5]:
        print(f"case {i} ends in a traceback now: {after[i][1][:300]}")
    return 1 if differ or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
