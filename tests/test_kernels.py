"""A warm kernel reused for the next notebook behaves as a fresh one; a failed notebook's kernel is never reused."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from lkjip import build, kernels
from lkjip.sections import Section

pytestmark = pytest.mark.slow

# Run twice in one kernel, this notebook fails unless the kernel was reset in between: it leaves a
# variable, a changed matplotlib setting, a pandas option, an open figure, a warning filter and another
# working folder behind, and checks at its start that none of them is there.
LEAVES_STATE = [
    "tahun = 0",
    "import os, sys, warnings\n"
    "import matplotlib, matplotlib.pyplot as plt, pandas as pd\n"
    "assert 'sisa' not in globals()\n"
    "assert matplotlib.rcParams['lines.linewidth'] == 1.5, matplotlib.rcParams['lines.linewidth']\n"
    "assert pd.get_option('display.max_rows') == 60\n"
    "assert plt.get_fignums() == []\n"
    "assert not [f for f in warnings.filters if f[2] is UserWarning and f[0] == 'error']\n"
    "assert os.getcwd() == NOTEBOOKS, os.getcwd()\n"
    "assert 'SISA' not in os.environ and '/sisa' not in sys.path",
    "sisa = 1\n"
    "matplotlib.rcParams['lines.linewidth'] = 9\n"
    "pd.set_option('display.max_rows', 5)\n"
    "plt.figure()\n"
    "warnings.simplefilter('error', UserWarning)\n"
    "os.chdir('/')\n"
    "os.environ['SISA'] = '1'\n"
    "sys.path.append('/sisa')\n"
    "print(tahun)",
]


def _project(root: Path, cells: list[str]) -> Section:
    book = nbformat.v4.new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = str((root / "notebooks").resolve())
    book.cells = [nbformat.v4.new_code_cell(c.replace("NOTEBOOKS", repr(folder))) for c in cells]
    book.cells[0].metadata["tags"] = ["parameters"]
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    nbformat.write(book, root / "notebooks" / "uji.ipynb")
    (root / "lkjip.toml").write_text("", encoding="utf-8")
    return Section("uji", "uji.ipynb", "uji.html", "Uji")


def test_a_reused_kernel_starts_each_notebook_as_a_fresh_one(tmp_path: Path) -> None:
    section = _project(tmp_path, LEAVES_STATE)
    try:
        first, error = build.execute(section, 2023, tmp_path)
        assert error is None, error
        pid = kernels._KERNELS[kernels._key(tmp_path, tmp_path / "notebooks")].km.provisioner.pid
        second, error = build.execute(section, 2024, tmp_path)
        assert error is None, error  # every check of the first cell held in the same kernel
        assert kernels._KERNELS[kernels._key(tmp_path, tmp_path / "notebooks")].km.provisioner.pid == pid
        one = nbformat.reads(first, as_version=4)
        two = nbformat.reads(second, as_version=4)
        # execution counts start at 1 again: the injected parameters cell is 1, the notebook's own 2, 3, 4
        assert (
            [c.execution_count for c in two.cells] == [c.execution_count for c in one.cells] == [1, 2, 3, 4]
        )
        assert two.cells[-1].outputs[0]["text"] == "2024\n" and one.cells[-1].outputs[0]["text"] == "2023\n"
    finally:
        kernels.close_all()


def test_the_kernel_of_a_failed_notebook_is_replaced(tmp_path: Path) -> None:
    section = _project(
        tmp_path, ["tahun = 0", "assert tahun != 2023, 'gagal'", "hasil = tahun * 2\nprint(hasil)"]
    )
    key = kernels._key(tmp_path, tmp_path / "notebooks")
    try:
        _, error = build.execute(section, 2023, tmp_path)
        assert error is not None and "AssertionError: gagal" in error
        assert key not in kernels._KERNELS  # shut down, not kept
        text, error = build.execute(section, 2024, tmp_path)
        assert error is None, error
        assert nbformat.reads(text, as_version=4).cells[-1].outputs[0]["text"] == "4048\n"
    finally:
        kernels.close_all()
    assert kernels._KERNELS == {}


def test_a_notebook_of_another_project_gets_that_projects_kernel_and_the_first_one_ends(
    tmp_path: Path,
) -> None:
    import psutil

    cells = ["tahun = 0", "import os\nprint(os.environ['LKJIP_ROOT'], os.getcwd())"]
    one, two = tmp_path / "satu", tmp_path / "dua"
    section = _project(one, cells)
    _project(two, cells)
    try:
        text, error = build.execute(section, 2023, one)
        assert error is None, error
        first = kernels._KERNELS[kernels._key(one, one / "notebooks")].km.provisioner.pid
        text, error = build.execute(section, 2023, two)
        assert error is None, error
        # the kernel runs in the project it serves, and it is the only one this process keeps
        printed = nbformat.reads(text, as_version=4).cells[-1].outputs[0]["text"].split()
        assert printed == [str(two.resolve()), str((two / "notebooks").resolve())]
        assert list(kernels._KERNELS) == [kernels._key(two, two / "notebooks")]
        assert not psutil.pid_exists(first) or psutil.Process(first).status() == psutil.STATUS_ZOMBIE
    finally:
        kernels.close_all()


def test_a_kernel_that_does_not_answer_is_named_so() -> None:
    import queue

    class Silent:  # a client whose kernel never replies
        def execute(self, *args: object, **kwargs: object) -> str:
            return "id-1"

        def get_shell_msg(self, timeout: float) -> dict:
            raise queue.Empty

    with pytest.raises(RuntimeError, match="the kernel did not answer within 10 s"):
        kernels._call(Silent(), "pass", 10)
