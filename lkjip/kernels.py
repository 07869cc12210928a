"""Warm kernels: each process keeps one kernel, imports once, and resets it between notebooks.

A fresh kernel pays its start-up and the imports of pandas, matplotlib and lkjip
(about two seconds of CPU) before the first cell of a notebook runs. A build runs
several notebooks of one project in each process, so :func:`kernel` keeps one
kernel for a (project root, notebooks folder), started ahead by :func:`start` and
imported once. A notebook of another project replaces it: one kernel per process,
so a workspace of many agencies does not pile up warm kernels.

Before each notebook :func:`kernel` returns the kernel to the state a fresh one has
after those imports (:func:`reset`, run inside the kernel): an empty namespace,
execution count 1 in a new history session; matplotlib settings, pandas options,
warning filters, environment variables and ``sys.path`` as after the imports; no open
figure; the notebooks folder as working folder. (A module a notebook changes in place
keeps the change: the section notebooks only call lkjip.) A kernel whose notebook failed, timed out or died is shut down and
never reused (:func:`discard`). :func:`register` adds the papermill engine that
executes on the kernel (``engine_name="lkjip"``, ``warm=``).

The kernel-side functions (:func:`snapshot`, :func:`reset`) import nothing at
module level, so the kernel imports this module for free.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

KERNEL = "python3"
ENGINE = "lkjip"  # papermill's name of the engine :func:`register` adds
STARTUP_TIMEOUT = 60
RESET_TIMEOUT = 10  # a kernel that takes longer to reset is replaced
WARM_CODE = "import matplotlib.pyplot, pandas, lkjip.report, lkjip.kernels\nlkjip.kernels.snapshot()"
RESET_CODE = "import lkjip.kernels\nlkjip.kernels.reset()"

# --- inside the kernel --------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def snapshot() -> None:
    """Record (inside a kernel, after the imports) what :func:`reset` restores."""
    import warnings

    import matplotlib

    _STATE["rc"] = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    _STATE["filters"] = list(warnings.filters)
    _STATE["cwd"] = Path.cwd()
    _STATE["environ"] = dict(os.environ)
    _STATE["path"] = list(sys.path)


def reset() -> None:
    """Return this kernel to the state of a fresh one after the imports (run inside a kernel)."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    plt.close("all")
    # namespace, In/Out and the output cache; execution count 1 in a new history session
    shell.reset(new_session=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_STATE["rc"])
        pd.reset_option("all")
    warnings.filters[:] = _STATE["filters"]
    mutated = getattr(warnings, "_filters_mutated", None)  # a warning shown once is shown again
    if mutated is not None:
        mutated()
    os.chdir(_STATE["cwd"])
    os.environ.clear()
    os.environ.update(_STATE["environ"])
    sys.path[:] = _STATE["path"]


# --- in the process that executes notebooks -----------------------------------------------------------


@dataclass
class Warm:
    """A started kernel, its client and its private folder (IPC sockets); ``used`` once it ran a notebook."""

    km: Any  # jupyter_client.KernelManager
    kc: Any  # jupyter_client.BlockingKernelClient
    folder: str
    used: bool = False

    def alive(self) -> bool:
        """Return whether the kernel process is still running."""
        return bool(self.km.has_kernel and self.km.is_alive())

    def close(self) -> None:
        """Stop the client and the kernel now; remove the private folder."""
        try:
            self.kc.stop_channels()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


_KERNELS: dict[tuple[str, str], Warm] = {}


def _call(kc: Any, code: str, timeout: float) -> None:
    """Run ``code`` silently in the kernel and wait until it is idle again; raise ``RuntimeError`` if it failed."""
    import queue

    msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
    try:
        while True:
            reply = kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        while True:  # leave no message of this call on IOPub for the notebook's client
            msg = kc.get_iopub_msg(timeout=timeout)
            if (
                msg["parent_header"].get("msg_id") == msg_id
                and msg["msg_type"] == "status"
                and msg["content"].get("execution_state") == "idle"
            ):
                break
    except queue.Empty:
        raise RuntimeError(f"the kernel did not answer within {timeout:g} s") from None
    if reply["content"].get("status") != "ok":
        content = reply["content"]
        raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")


def _key(root: Path | str, cwd: Path | str) -> tuple[str, str]:
    return (str(Path(root).resolve()), str(Path(cwd).resolve()))


def start(root: Path | str, cwd: Path | str, meanwhile: Callable[[], object] | None = None) -> Warm:
    """Start (or return) this process's kernel for the project ``root`` running in ``cwd``, imports done.

    The kernel runs with ``LKJIP_ROOT`` set to ``root``; on systems with Unix
    sockets it talks over private IPC sockets (no ports to race for). ``meanwhile``
    is called while the kernel boots.
    """
    from jupyter_client.manager import KernelManager

    key = _key(root, cwd)
    if key in _KERNELS and _KERNELS[key].alive():
        return _KERNELS[key]
    close_all()  # one kernel per process: a workspace's agencies do not pile up warm kernels
    folder = tempfile.mkdtemp(prefix="lkjip-kernel-")
    options = {} if sys.platform == "win32" else {"transport": "ipc", "ip": str(Path(folder) / "kernel")}
    # The connection file in the private folder too: removing the folder removes it, even after a kill.
    km = KernelManager(kernel_name=KERNEL, connection_file=str(Path(folder) / "kernel.json"), **options)
    warm = None
    try:
        km.start_kernel(cwd=key[1], env={**os.environ, "LKJIP_ROOT": key[0]})
        kc = km.client()
        warm = Warm(km, kc, folder)
        kc.start_channels()
        if meanwhile is not None:
            meanwhile()
        kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        _call(kc, WARM_CODE, STARTUP_TIMEOUT)
    except BaseException:
        if warm is not None:
            warm.close()
        else:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
            shutil.rmtree(folder, ignore_errors=True)
        raise
    _KERNELS[key] = warm
    return warm


def kernel(root: Path | str, cwd: Path | str) -> Warm:
    """Return a kernel for the next notebook of project ``root`` in ``cwd``: warm, and reset if it ran one before."""
    warm = start(root, cwd)
    if warm.used:
        try:
            _call(warm.kc, RESET_CODE, RESET_TIMEOUT)
        except Exception:  # a kernel that cannot be reset is replaced
            discard(root, cwd)
            warm = start(root, cwd)
    warm.used = True
    return warm


def discard(root: Path | str, cwd: Path | str) -> None:
    """Shut down this process's kernel for ``root`` and ``cwd``, if any (after a failure: never reused)."""
    warm = _KERNELS.pop(_key(root, cwd), None)
    if warm is not None:
        warm.close()


def close_all() -> None:
    """Shut down every kernel this process keeps."""
    while _KERNELS:
        _, warm = _KERNELS.popitem()
        with contextlib.suppress(Exception):  # at exit, a kernel already gone is fine
            warm.close()


def forget_all() -> None:
    """Remove the private folders of this process's kernels, which were killed without a shutdown."""
    for warm in list(_KERNELS.values()):
        shutil.rmtree(warm.folder, ignore_errors=True)
    _KERNELS.clear()


@cache
def register() -> type:
    """Register (once per process) and return papermill's engine that executes on a :class:`Warm` kernel, as :data:`ENGINE`."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import remove_args

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine on a kernel that is already running (``warm=``); the kernel is left running."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,  # noqa: ANN001
            kernel_name: str,
            log_output: bool = False,
            stdout_file=None,  # noqa: ANN001
            stderr_file=None,  # noqa: ANN001
            start_timeout: int = 60,
            execution_timeout: int | None = None,
            **kwargs: Any,
        ):  # noqa: ANN206
            warm: Warm = kwargs.pop("warm")
            kwargs = remove_args(["input_path", "timeout", "startup_timeout", "km"], **kwargs)
            client = PapermillNotebookClient(
                nb_man,
                km=warm.km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            )
            client.kc = warm.kc
            return client.execute(cleanup_kc=False)

    papermill_engines.register(ENGINE, WarmEngine)
    return WarmEngine
