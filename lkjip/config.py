"""One place that knows the project's paths and settings.

The project root is ``$LKJIP_ROOT`` when set (tests and scheduled runs point it
at another tree), else the folder that holds this package.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
CONFIG_FILE = "lkjip.toml"

DEFAULT_SETTINGS: dict[str, Any] = {
    "skala_predikat": "permendagri_86_2017",
    "rumus_negatif": "2t_minus_r",
    "batas_wajar_pct": 300.0,
}


@dataclass(frozen=True)
class Paths:
    """The folders of one project tree."""

    root: Path

    @property
    def raw(self) -> Path:
        """Return ``data/raw``: one folder per year, never written by lkjip."""
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        """Return ``data/processed``: cleaned tables, one folder per year."""
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        """Return ``reports``: rendered HTML, one folder per year."""
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        """Return ``notebooks``: the parameterised BAB III sections."""
        return self.root / "notebooks"

    def raw_year(self, tahun: int) -> Path:
        """Return the raw folder of one year."""
        return self.raw / str(tahun)

    def processed_year(self, tahun: int) -> Path:
        """Return the processed folder of one year."""
        return self.processed / str(tahun)

    def reports_year(self, tahun: int) -> Path:
        """Return the report folder of one year."""
        return self.reports / str(tahun)

    def raw_years(self) -> list[int]:
        """Return the years that have a raw folder, ascending."""
        if not self.raw.is_dir():
            return []
        return sorted(int(p.name) for p in self.raw.iterdir() if p.is_dir() and p.name.isdigit())


def project_root() -> Path:
    """Return the project root: ``$LKJIP_ROOT`` or the folder above the package."""
    env = os.environ.get("LKJIP_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def paths(root: Path | str | None = None) -> Paths:
    """Return the :class:`Paths` of ``root`` (default: :func:`project_root`)."""
    return Paths(Path(root).resolve() if root is not None else project_root())


def settings(root: Path | str | None = None, **overrides: Any) -> dict[str, Any]:
    """Return the analysis settings: defaults, then ``lkjip.toml``, then ``overrides``.

    ``overrides`` with value ``None`` are ignored, so notebook parameters left
    empty fall back to the config file.
    """
    merged = dict(DEFAULT_SETTINGS)
    file = paths(root).root / CONFIG_FILE
    if file.is_file():
        with file.open("rb") as fh:
            merged.update(tomllib.load(fh).get("analisis", {}))
    merged.update({k: v for k, v in overrides.items() if v is not None})
    return merged
