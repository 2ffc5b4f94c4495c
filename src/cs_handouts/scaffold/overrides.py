"""Start an override: copy a built-in template, labels.txt or theme.yaml into the series' templates/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cs_handouts.errors import HandoutsError, display_path
from cs_handouts.project import Project, outside_message, outside_series
from cs_handouts.text.suggest import did_you_mean

DESCRIPTIONS = {
    "theme.yaml": "fonts, sizes, colours, spacing and margins of every document",
    "labels.txt": "the words the documents print around the content",
    "page.html": "the frame of every web page (header, footer)",
    "guide.html": "the facilitator guide's web page",
    "handout.html": "a handout's web page",
    "blocks.html": "the blocks of a handout on a web page",
    "module-index.html": "a module's index page",
    "series-index.html": "the series' index page, output/index.html",
    "style.css": "the web pages' style sheet",
}


def builtin_templates() -> dict[str, str]:
    """The built-in files a series may override, each with what it holds."""
    folder = resources.files("cs_handouts").joinpath("templates")
    names = sorted(entry.name for entry in folder.iterdir()
                   if entry.is_file() and not entry.name.startswith((".", "_")))
    return {name: DESCRIPTIONS.get(name, "") for name in names}


def copy_template(project: Project, name: str) -> Path:
    """Copy the built-in ``name`` into ``templates/``; an existing file is never overwritten."""
    known = builtin_templates()
    name = name.removeprefix("templates/")
    if name not in known:
        hint = did_you_mean(name, known) or f"; the templates are: {', '.join(known)}"
        raise HandoutsError(f"no built-in template '{name}'{hint}")
    target = project.templates_dir / name
    if outside_series(project.root, target):  # templates/ linked out of the series
        raise HandoutsError(f"{display_path(target)}: "
                            f"{outside_message(target, project.root)}; nothing was written")
    if target.exists() or target.is_symlink():
        raise HandoutsError(f"{display_path(target)}: already exists; nothing was written")
    text = resources.files("cs_handouts").joinpath("templates", name).read_text("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:
        file.write(text)
    return target
