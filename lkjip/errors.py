"""Domain exceptions. Each message names what a user needs to find the problem."""

from __future__ import annotations

from pathlib import Path


class LkjipError(Exception):
    """Base class of every error lkjip raises on purpose."""


class RawDataError(LkjipError):
    """A raw table cannot be read or cleaned.

    Carries the file, the row as a spreadsheet user counts it (header = row 1),
    the column and the offending value, any of which may be unknown.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.value = value
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        if self.value is not None:
            text = str(self.value)
            where.append(f"value {(text if len(text) <= 80 else text[:79] + '…')!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def located(self, **kwargs: object) -> RawDataError:
        """Return a copy with the missing location fields filled from ``kwargs``."""
        fields = {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
        }
        for key, val in kwargs.items():
            if fields.get(key) is None:
                fields[key] = val
        return RawDataError(self.reason, **fields)  # type: ignore[arg-type]


class ConfigError(LkjipError):
    """A setting in ``lkjip.toml``, a year's metadata or a parameter is unknown or out of range."""


class SchemaError(LkjipError):
    """A processed table does not match its declaration."""


class YearNotFoundError(LkjipError):
    """No raw data folder exists for the requested year."""


class BuildError(LkjipError):
    """A report section failed to execute or render."""


class BusyError(LkjipError):
    """Another process holds the lock (a build of the same year, or a cleaning)."""


class LockUnavailableError(LkjipError):
    """The file system cannot provide a lock (``ENOLCK`` on some network shares); a retry cannot help."""
