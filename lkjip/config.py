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

from lkjip.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
SHARED_NOTEBOOKS = PACKAGE_DIR.parent / "notebooks"
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
        """Return the parameterised BAB III sections: the project's own ``notebooks/``, else lkjip's.

        An agency folder of a workspace holds only its data and settings; its reports
        are made from the notebooks shipped with lkjip.
        """
        own = self.root / "notebooks"
        return own if own.is_dir() else SHARED_NOTEBOOKS

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


# Settings a year's metadata.csv may fix for that year, so that a new global default
# does not silently recompute a capaian already published.
YEAR_SETTINGS = ("skala_predikat", "rumus_negatif")


def _choices() -> dict[str, tuple[str, ...]]:
    from lkjip.skala import RUMUS_NEGATIF, SCALES

    return {"skala_predikat": tuple(SCALES), "rumus_negatif": RUMUS_NEGATIF}


def validate_setting(key: str, value: Any, where: str) -> Any:
    """Return ``value`` checked for setting ``key``; raise :class:`ConfigError` naming ``where``.

    Known keys: ``skala_predikat`` and ``rumus_negatif`` (one of their names),
    ``batas_wajar_pct`` (a number above 0).
    """
    if key not in DEFAULT_SETTINGS:
        raise ConfigError(f"{where}: unknown setting '{key}'; known: {', '.join(DEFAULT_SETTINGS)}")
    if key == "batas_wajar_pct":
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise ConfigError(f"{where}: setting 'batas_wajar_pct' must be a number above 0, not {value!r}")
        return float(value)
    choices = _choices()[key]
    if value not in choices:
        raise ConfigError(f"{where}: setting '{key}' is {value!r}; use one of {', '.join(choices)}")
    return value


def read_config(root: Path | str | None = None) -> dict[str, Any]:
    """Return the validated ``[analisis]`` settings of ``lkjip.toml`` (empty when there is no file).

    Raises :class:`ConfigError` for a file that is not TOML, an unknown table or
    key, or a value outside its choices.
    """
    file = paths(root).root / CONFIG_FILE
    if not file.is_file():
        return {}
    try:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{CONFIG_FILE}: not valid TOML ({err})") from None
    unknown = [k for k in data if k != "analisis"]
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: unknown table or key '{unknown[0]}'; only [analisis] is read")
    section = data.get("analisis", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{CONFIG_FILE}: 'analisis' must be a table ([analisis])")
    return {k: validate_setting(k, v, f"{CONFIG_FILE} [analisis]") for k, v in section.items()}


def settings(
    root: Path | str | None = None, *, tahun_settings: dict[str, Any] | None = None, **overrides: Any
) -> dict[str, Any]:
    """Return the analysis settings and where each came from.

    Order: defaults, then ``lkjip.toml``, then the year's own settings
    (``tahun_settings``, from its metadata), then ``overrides`` (notebook
    parameters; ``None`` = not given). The returned dict also holds
    ``"sumber"``: setting -> "bawaan", "lkjip.toml", "metadata" or "parameter".
    Raises :class:`ConfigError` for an unknown key or value.
    """
    merged = dict(DEFAULT_SETTINGS)
    source = dict.fromkeys(DEFAULT_SETTINGS, "bawaan")
    layers = (
        ("lkjip.toml", read_config(root)),
        ("metadata", tahun_settings or {}),
        ("parameter", {k: v for k, v in overrides.items() if v is not None}),
    )
    for name, layer in layers:
        for key, value in layer.items():
            merged[key] = validate_setting(key, value, name)
            source[key] = name
    return {**merged, "sumber": source}
