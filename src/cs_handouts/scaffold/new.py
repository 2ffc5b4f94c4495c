"""Start a series, a module or a handout from the commented starter files shipped with handouts.

Nothing existing is ever overwritten: every target is checked before the first file
is written, and a clash writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cs_handouts.errors import HandoutsError, display_path
from cs_handouts.project import PROJECT_FILE, Project, outside_message, outside_series

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
KINDS = ("worksheet", "form", "reading")
FIRST_MODULE = "module1"
FIRST_WORKSHEET = "what-we-bring"
REFLECTION_FORM = "reflection-form"


@dataclass(frozen=True)
class Created:
    """What ``new`` wrote, and what the user might do next."""

    files: list[Path]
    next_steps: list[str]


def starter(name: str, **values: str) -> str:
    """A starter file's text with its ``__PLACEHOLDERS__`` filled in."""
    text = resources.files("cs_handouts.scaffold").joinpath("starters", name).read_text("utf-8")
    for key, value in values.items():
        text = text.replace(f"__{key.upper()}__", value)
    return text


def title_of(identifier: str) -> str:
    """A readable title from an id or folder name: ``my-series`` -> ``My Series``."""
    words = re.split(r"[-_\s]+", identifier.strip())
    return " ".join(word[:1].upper() + word[1:] for word in words if word) or "My Series"


def new_series(folder: Path) -> Created:
    """A series in ``folder``: handouts.yaml, one module, a worksheet and a reflection form."""
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise HandoutsError(f"{display_path(folder)}: a file, not a folder")
    worksheet = starter("worksheet.yaml", id=FIRST_WORKSHEET, title=title_of(FIRST_WORKSHEET))
    form = starter("form.yaml", id=REFLECTION_FORM, title="Reflection")
    files = {
        PROJECT_FILE: starter("handouts.yaml", title=title_of(folder.name), first=FIRST_MODULE),
        f"content/modules/{FIRST_MODULE}.yaml": starter("first-module.yaml", id=FIRST_MODULE,
                                                        worksheet=FIRST_WORKSHEET),
        f"content/handouts/{FIRST_WORKSHEET}.yaml": worksheet,
        f"content/handouts/{REFLECTION_FORM}.yaml": form,
        "templates/README.txt": starter("templates-readme.txt"),
        ".gitignore": "output/\n",
    }
    written = _write_new(folder, files)
    shown = display_path(folder)
    steps = [f"cd {shown}" if shown != "." else "", f"handouts build {FIRST_MODULE}",
             "handouts serve --open"]
    return Created(written, [step for step in steps if step])


def new_module(project: Project, module_id: str) -> Created:
    """A module file from the starter, appended to ``modules:`` in handouts.yaml if it lists them."""
    _check_id(module_id, "module")
    number = _next_number(project)
    text = starter("module.yaml", id=module_id, title=title_of(module_id), number=str(number))
    target = f"content/modules/{module_id}.yaml"
    if outside_series(project.root, project.config_file):
        raise HandoutsError(f"{display_path(project.config_file)}: "
                            f"{outside_message(project.config_file, project.root)}")
    config = project.config_file.read_text("utf-8")
    listed = add_to_module_list(config, module_id)
    written = _write_new(project.root, {target: text})
    if listed is not None and listed != config:
        project.config_file.write_text(listed, "utf-8")
        written.append(project.config_file)
    return Created(written, [f"handouts build {module_id}"])


def new_handout(project: Project, handout_id: str, kind: str) -> Created:
    """A handout file of ``kind`` (worksheet, form or reading) from its starter."""
    _check_id(handout_id, "handout")
    if kind not in KINDS:
        raise HandoutsError(f"--kind: expected {', '.join(KINDS)}, got '{kind}'")
    text = starter(f"{kind}.yaml", id=handout_id, title=title_of(handout_id))
    written = _write_new(project.root, {f"content/handouts/{handout_id}.yaml": text})
    hint = (f"hand it out in a module: add '{handout_id}' to its materials: and a step"
            f" '- distribute: {handout_id}'")
    return Created(written, [hint])


def add_to_module_list(config: str, module_id: str) -> str | None:
    """handouts.yaml with ``module_id`` added to its ``modules:`` list, keeping every comment.

    None when the file has no ``modules:`` key (every module file is then part of the series).
    """
    lines = config.splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = re.match(r"^modules:\s*(\[(?P<flow>[^\]]*)\])?\s*(#.*)?$", line.rstrip("\n"))
        if not match:
            continue
        if match.group(1) is not None:
            items = [item.strip() for item in (match.group("flow") or "").split(",") if item.strip()]
            if module_id in items:
                return config
            flow = ", ".join([*items, module_id])
            end = "\n" if line.endswith("\n") else ""
            lines[index] = line[:match.start(1)] + f"[{flow}]" + line[match.end(1):].rstrip("\n") + end
            return "".join(lines)
        last, indent = index, "  "
        for later in range(index + 1, len(lines)):
            item = re.match(r"^(\s*)-\s*([^#\s]*)", lines[later])
            if item:
                if item.group(2) == module_id:
                    return config
                last, indent = later, item.group(1)
            elif lines[later].strip() and not lines[later].lstrip().startswith("#"):
                break
        if not lines[last].endswith("\n"):
            lines[last] += "\n"
        lines.insert(last + 1, f"{indent}- {module_id}\n")
        return "".join(lines)
    return None


def _check_id(identifier: str, what: str) -> None:
    if not ID_PATTERN.match(identifier):
        raise HandoutsError(f"'{identifier}': a {what} id is lower-case letters, digits and"
                            " hyphens, starting with a letter or digit (such as module2)")


def _next_number(project: Project) -> int:
    """One more than the highest ``number:`` among the module files (read as text, not loaded)."""
    numbers = [0]
    for path in sorted(project.modules_dir.glob("*.y*ml")):
        found = re.search(r"^number:\s*(\d+)", path.read_text("utf-8", errors="replace"), re.M)
        if found:
            numbers.append(int(found.group(1)))
    return max(numbers) + 1


def _write_new(root: Path, files: dict[str, str]) -> list[Path]:
    """Write every file below ``root``, or none of them if any already exists."""
    targets = {root / name: text for name, text in files.items()}
    for path in targets:  # a folder linked out of the series: never write through it
        if outside_series(root, path):
            raise HandoutsError(f"{display_path(path)}: {outside_message(path, root)};"
                                " nothing was written")
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing:
        shown = ", ".join(display_path(path) for path in existing)
        raise HandoutsError(f"{shown}: already exists; nothing was written (handouts new never"
                            " overwrites a file)")
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never replace a file made meanwhile
            file.write(text)
    return list(targets)
