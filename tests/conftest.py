"""Shared fixtures: a copy of the example series, the CLI, and built PDFs to inspect."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cs_handouts.cli import app

# Accessible PDFs (WeasyPrint, about 0.3 s a page) only where a test asks for them with
# --format accessible: "all" leaves them out, in this process and in the builds it starts.
os.environ["HANDOUTS_ACCESSIBLE"] = "0"

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The build's own bookkeeping in output/, not outputs: a failed build may touch them.
BOOKKEEPING = frozenset({".handouts-manifest.json", ".handouts.lock"})

def copy_series(target: Path) -> Path:
    """Copy the repository's example series (project file, content, templates) to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "handouts.yaml", target / "handouts.yaml")
    shutil.copytree(REPO / "content", target / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", target / "templates")
    return target


def snapshot(folder: Path, leave_out: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to prove a build changed (or kept) them."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in leave_out}


def stamps(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder`` (links not followed) with its bytes and mtime: read or written?

    Access times are not compared: most mounts update them lazily (relatime).
    """
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


_OPENED: list[list[str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _OPENED and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED[-1].append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@contextlib.contextmanager
def opened_files() -> Iterator[list[str]]:
    """Every file Python opens in the block (PEP 578 audit events), to prove what was read."""
    _OPENED.append([])
    try:
        yield _OPENED[-1]
    finally:
        _OPENED.pop()


def run_cli(*args: str, expect_ok: bool = True) -> Any:
    """Run ``handouts ARGS`` in-process and check its exit code."""
    result = CliRunner().invoke(app, list(args))
    if expect_ok:
        assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


@pytest.fixture
def series(tmp_path: Path) -> Path:
    """A fresh, writable copy of the example series."""
    return copy_series(tmp_path / "series")


@pytest.fixture(scope="session")
def built_series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example series with module4 built once for every test that only reads the PDFs."""
    root = copy_series(tmp_path_factory.mktemp("built") / "series")
    run_cli("build", "module4", "--project", str(root))
    return root


@pytest.fixture(scope="session")
def module4_output(built_series: Path) -> Path:
    return built_series / "output" / "module4"
