"""Write a synthetic realisasi anggaran table in the raw format (Indonesian numbers).

Programs of 20 kegiatan of 10 sub kegiatan each (program codes stay within four
digits up to 1.999.800 lines), a kelompok heading every 100
programs; amounts like ``3.500.000`` and percentages like ``98,82``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HEADER = "Kelompok,No.,Kegiatan,Sub Kegiatan,Program/Kegiatan/Sub Kegiatan,Pagu (Rp.),Realisasi (Rp.),Capaian (%)\n"


def rupiah(value: int) -> str:
    """Return an amount with dots as thousands separators."""
    return f"{value:,}".replace(",", ".")


def write(path: Path, n_lines: int, seed: int = 1) -> int:
    """Write at least ``n_lines`` sub kegiatan lines to ``path``; return how many."""
    rnd = random.Random(seed)
    lines = program = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        while lines < n_lines:
            program += 1
            kelompok = f"Kelompok {program // 100}" if program % 100 == 1 else ""
            out.write(f"{kelompok},{program:02d}.,,,Program {program},,,\n")
            for k in range(1, 21):
                out.write(f",,{k:02d},,Kegiatan {program}.{k},,,\n")
                for s in range(1, 11):
                    pagu = rnd.randrange(1_000, 5_000_000) * 1000
                    real = pagu - rnd.randrange(0, pagu // 10 + 1)
                    pct = f"{real / pagu * 100:.2f}".replace(".", ",")
                    out.write(
                        f',,,{s:02d},"Sub kegiatan {program}.{k}.{s}, uraian",{rupiah(pagu)},{rupiah(real)},"{pct}"\n'
                    )
                    lines += 1
    return lines


if __name__ == "__main__":
    print(write(Path(sys.argv[1]), int(sys.argv[2])))
