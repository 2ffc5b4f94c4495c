"""The layers of the package, checked: data flows cli -> build/printday -> render -> text, timing -> content.

Every import is read from the source with ``ast``, including the ones inside functions,
and followed through the package, so a rule also holds for what a module imports by way
of another one.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cs_handouts"

# The top-level folders of the package, one per stage.
STAGES = ("cli", "scaffold", "preview", "build", "printday", "render", "text", "timing", "content")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


@cache
def direct_imports(module: str) -> frozenset[str]:
    """Every module named by an import statement anywhere in ``module``'s source."""
    path = _modules()[module]
    tree = ast.parse(path.read_text("utf-8"), str(path))
    # Imports under ``if TYPE_CHECKING:`` never run: they are no dependency at run time.
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                   for child in node.body for inner in ast.walk(child)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # ``from cs_handouts.cli import build`` imports the submodule cs_handouts.cli.build
            names.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in _modules())
    return frozenset(names)


@cache
def reachable(module: str) -> frozenset[str]:
    """Everything ``module`` imports, directly or through other modules of the package."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for name in direct_imports(current):
            if name in seen:
                continue
            seen.add(name)
            if name in _modules():
                todo.append(name)
    return frozenset(seen)


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def _in(module: str, *prefixes: str) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def _modules_of(stage: str) -> list[str]:
    return sorted(name for name in _modules() if _stage(name) == stage)


def test_every_stage_is_a_folder() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
    loose = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "entry.py", "errors.py", "project.py"]


@pytest.mark.parametrize("module", _modules_of("content"))
def test_content_never_reaches_rendering(module: str) -> None:
    bad = {name for name in reachable(module)
           if _in(name, "reportlab", "svglib", "jinja2", "cs_handouts.render", "cs_handouts.build",
                  "cs_handouts.printday", "cs_handouts.cli")}
    # The loader checks {{ variables }} with the text stage's sandbox, which is Jinja2.
    if _in(module, "cs_handouts.content.load"):
        bad -= {name for name in bad if _in(name, "jinja2")}
    assert not bad, f"{module} imports {sorted(bad)}"


@pytest.mark.parametrize("module", _modules_of("render"))
def test_render_never_reads_yaml(module: str) -> None:
    readers = ("yaml", "cs_handouts.content.load", "cs_handouts.content.yamlsource",
               "cs_handouts.content.theme_file")
    bad = {name for name in reachable(module) if _in(name, *readers)}
    assert not bad, f"{module} reaches {sorted(bad)}"
    above = {name for name in direct_imports(module)
             if _in(name, "cs_handouts.build", "cs_handouts.printday", "cs_handouts.cli")}
    assert not above, f"{module} imports the stages that call it: {sorted(above)}"


@pytest.mark.parametrize("stage", ["text", "timing"])
def test_text_and_timing_stay_below_render(stage: str) -> None:
    for module in _modules_of(stage):
        bad = {name for name in reachable(module)
               if _in(name, "reportlab", "cs_handouts.render", "cs_handouts.build",
                      "cs_handouts.printday", "cs_handouts.cli", "cs_handouts.content.load")}
        assert not bad, f"{module} reaches {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(name for name in _modules() if not _in(name, "cs_handouts.cli")))
def test_typer_and_rich_only_in_cli(module: str) -> None:
    bad = {name for name in direct_imports(module) if _in(name, "typer", "rich", "click")}
    assert not bad, f"{module} imports {sorted(bad)}: terminal output belongs in cli/"


@pytest.mark.parametrize("module", _modules_of("cli"))
def test_rich_only_in_the_console_module(module: str) -> None:
    if module == "cs_handouts.cli.console":
        return
    assert not {name for name in direct_imports(module) if _in(name, "rich")}


def test_the_entry_point_stays_light() -> None:
    heavy = ("reportlab", "pydantic", "typer", "jinja2", "yaml")
    top_level = ast.parse((PACKAGE / "entry.py").read_text("utf-8")).body
    imported = {alias.name for node in top_level if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in top_level if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if _in(name, *heavy, "cs_handouts.cli")}


def test_the_rules_catch_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: a module of content that imports reportlab is found."""
    tree = ast.parse("def f():\n    from reportlab.platypus import Paragraph\n")
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert any(_in(name or "", "reportlab") for name in found)
    assert _stage("cs_handouts.content.model") == "content"
    assert "yaml" in reachable("cs_handouts.content.yamlsource")
    assert "cs_handouts.content.model" in reachable("cs_handouts.render.pdf.guide")


def test_the_builtin_body_size_is_the_theme_files() -> None:
    from cs_handouts.content.theme import BUILTIN_BODY
    from cs_handouts.content.theme_file import builtin_theme

    assert builtin_theme().sizes.body == BUILTIN_BODY


def test_ruff_bans_typer_and_rich_outside_cli() -> None:
    """The same rule as ruff's banned-api setting in pyproject.toml, run as CI runs it."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "TID251", "src"],
                            capture_output=True, text=True, cwd=PACKAGE.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
