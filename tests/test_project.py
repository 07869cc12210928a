"""Project-level promises: environment.yml matches pyproject, the data dictionary is current."""

import re
import tomllib
from pathlib import Path

import pytest

from lkjip.contract import contract
from lkjip.schema import data_dictionary

ROOT = Path(__file__).resolve().parents[1]


def requirement_set(lines):
    return {re.sub(r"\s+", "", line).lower() for line in lines}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = requirement_set(project["dependencies"] + project["optional-dependencies"]["dev"])
    text = (ROOT / "environment.yml").read_text()
    block = text.split("dependencies:", 1)[1].splitlines()
    listed = requirement_set(
        line.strip()[2:]
        for line in block
        if line.startswith("  - ") and re.split(r"[<>=!~: ]", line.strip()[2:])[0] not in ("python", "pip")
    )
    assert listed == wanted


def test_the_committed_data_dictionary_is_generated_from_the_schema():
    assert (ROOT / "docs" / "data_dictionary.md").read_text() == data_dictionary() + "\n"


def test_the_committed_raw_contract_is_generated_from_the_declarations():
    assert (ROOT / "data" / "raw" / "README.md").read_text() == contract() + "\n"


def test_importing_lkjip_makes_arrow_use_the_system_allocator_unless_told_otherwise():
    import os
    import subprocess
    import sys

    code = "import lkjip, pyarrow as pa; print(pa.default_memory_pool().backend_name)"
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}

    def backend(**extra):
        done = subprocess.run(
            [sys.executable, "-c", code], env={**env, **extra}, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert backend() == "system"
    assert backend(ARROW_DEFAULT_MEMORY_POOL="mimalloc") == "mimalloc"


def test_freed_memory_goes_back_to_the_system_with_glibc_and_nothing_happens_elsewhere(monkeypatch):
    import platform
    import sys

    import lkjip

    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert lkjip._malloc_trim() is not None  # found, so the cleaning's call does trim
    lkjip.release_freed_memory()  # callable as often as needed
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(lkjip, "_malloc_trim", lambda: pytest.fail("looked for glibc off Linux"))
    lkjip.release_freed_memory()
