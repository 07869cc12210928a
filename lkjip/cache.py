"""Content hashes, the build record, atomic writes and locks: what makes a rerun safe and cheap.

* A **hash** of the inputs of an output decides whether it is current: the raw
  files of its year and every earlier year, the ``lkjip`` source and templates,
  ``lkjip.toml``, its notebook and parameters.
* The **build record** ``reports/<tahun>/.build.json`` keeps, per output, the hash
  of its inputs and of the output itself.
* Every file is written beside its target and renamed into place (:func:`write_atomic`).
* **Locks** are :mod:`filelock` locks (portable: Windows and POSIX), with the
  holder's host and pid written beside the lock file for the busy message.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import socket
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from lkjip import config
from lkjip.errors import BusyError, LockUnavailableError

MANIFEST = ".build.json"


def hash_files(files: Iterable[Path], base: Path) -> str:
    """Return one sha256 over the names (relative to ``base``) and bytes of ``files``."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.relative_to(base).as_posix()).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def file_hash(path: Path) -> str:
    """Return the sha256 of a file's bytes ("" when it does not exist)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def source_hash() -> str:
    """Return the hash of the ``lkjip`` package: every module and template."""
    files = [
        p
        for p in config.PACKAGE_DIR.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".j2", ".css", ".json", ".toml"}
        and "__pycache__" not in p.parts
    ]
    return hash_files(files, config.PACKAGE_DIR)


def raw_hash(tahun: int, root: Path | str | None = None) -> str:
    """Return the hash of the raw files of one year ("" when the folder does not exist)."""
    folder = config.paths(root).raw_year(tahun)
    if not folder.is_dir():
        return ""
    return hash_files([f for f in folder.rglob("*") if f.is_file()], folder)


def input_hash(tahun: int, root: Path, extra: Iterable[Path] = (), parameters: dict | None = None) -> str:
    """Return the hash of what a year's outputs depend on.

    The raw files of ``tahun`` and every earlier year (comparisons read them), the
    package source, ``lkjip.toml``, ``extra`` files (a notebook) and the parameters.
    """
    p = config.paths(root)
    h = hashlib.sha256()
    for part in (
        *(f"{y}:{raw_hash(y, p.root)}" for y in p.raw_years() if y <= tahun),
        source_hash(),
        file_hash(p.root / config.CONFIG_FILE),
        *(hash_files([Path(e)], Path(e).parent) for e in extra),  # a notebook may be lkjip's own
        json.dumps({"tahun": tahun, **(parameters or {})}, sort_keys=True),
    ):
        h.update(part.encode())
    return h.hexdigest()


# --- the build record ----------------------------------------------------------------------------


def read_manifest(tahun: int, root: Path) -> dict:
    """Return the build record of a year (empty when missing or unreadable)."""
    path = config.paths(root).reports_year(tahun) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def update_manifest(tahun: int, root: Path, entries: dict) -> None:
    """Merge ``entries`` (output -> {inputs, output}) into the year's build record."""
    record = read_manifest(tahun, root)
    record.update(entries)
    write_atomic(
        config.paths(root).reports_year(tahun) / MANIFEST, json.dumps(record, indent=1, sort_keys=True)
    )


def is_current(record: dict, key: str, inputs: str, output: Path) -> bool:
    """Return whether ``output`` was built from ``inputs`` and is unchanged since."""
    entry = record.get(key, {})
    return entry.get("inputs") == inputs and entry.get("output") == file_hash(output) != ""


# --- writing and locking ---------------------------------------------------------------------------


def stable_zip(data: bytes, when: datetime) -> bytes:
    """Return a ZIP file (XLSX, DOCX) with every entry dated ``when``, so unchanged content gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # the writer stamps "modified" with the clock
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", content
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


def data_date(tahun: int, root: Path | str | None = None) -> datetime:
    """Return the date the outputs of ``tahun`` carry: ``$SOURCE_DATE_EPOCH``, else the last change of its raw data.

    The raw data of ``tahun`` and every earlier year count; the time is UTC, to the second.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    p = config.paths(root)
    times = [
        f.stat().st_mtime
        for y in p.raw_years()
        if y <= tahun
        for f in p.raw_year(y).rglob("*")
        if f.is_file()
    ]
    newest = max(times) if times else 0.0
    return datetime.fromtimestamp(int(max(newest, 315532800)), tz=UTC).replace(
        tzinfo=None
    )  # ZIP starts in 1980


def temporary_name(path: Path) -> Path:
    """Return a hidden sibling of ``path`` that no other process or machine will pick."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` through a temporary sibling and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        tmp.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def lock(path: Path, *, wait: bool = False, what: str = "") -> Iterator[Path]:
    """Hold the lock ``path``; raise :class:`BusyError` when taken (unless ``wait``).

    A file system that cannot lock at all raises :class:`LockUnavailableError`.

    The holder (host, pid, start time) is written to ``<path>.info`` so the busy
    message can name it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    info = path.with_name(path.name + ".info")
    file_lock = FileLock(str(path), timeout=-1 if wait else 0)
    try:
        file_lock.acquire()
    except Timeout:
        try:
            holder = info.read_text(encoding="utf-8").strip()
        except OSError:
            holder = "another process"
        raise BusyError(f"{what or 'locked'} ({holder or 'another process'}; lock {path})") from None
    except OSError as err:  # a file system that cannot lock (ENOLCK on some network shares)
        raise LockUnavailableError(
            f"the file system cannot lock {path} ({err.strerror or err}); build from a local folder"
        ) from None
    try:
        info.write_text(
            f"host {socket.gethostname()} pid {os.getpid()} since {datetime.now().isoformat(timespec='seconds')}\n",
            encoding="utf-8",
        )
        yield path
    finally:
        file_lock.release()


def year_lock(tahun: int, root: Path, *, wait: bool = False):  # noqa: ANN201 - a context manager
    """Return the build lock of one year (``reports/.locks/<tahun>.lock``)."""
    folder = config.paths(root).reports / ".locks"
    return lock(
        folder / f"{tahun}.lock",
        wait=wait,
        what=f"another build of {tahun} is running; wait for it or use --wait",
    )


# --- the processed folder's record of what it was cleaned from (no pandas: the build checks it first) ---

SUMBER = "_sumber.json"


def processed_source(tahun: int, root: Path | str | None = None) -> dict[str, str]:
    """Return what a clean of ``tahun`` now would be made from: raw and source hashes."""
    return {"raw": raw_hash(tahun, root), "lkjip": source_hash()}


def processed_is_fresh(tahun: int, root: Path | str | None = None) -> bool:
    """Return whether ``data/processed/<tahun>`` was cleaned from today's raw folder and code."""
    folder = config.paths(root).processed_year(tahun)
    try:
        recorded = json.loads((folder / SUMBER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded == processed_source(tahun, root)
