"""The HTML companion: the guide and each handout as accessible web pages, from the same model.

Pages are Jinja2 templates (``guide.html``, ``handout.html``, ``module-index.html``,
``series-index.html``, all extending ``page.html``); a series may override any of them in
its ``templates/`` folder. The logo is embedded as a data URI so every page stands alone.
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from cs_handouts.content.media import Image
from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.theme import Theme
from cs_handouts.render.agendarows import agenda_footer, agenda_lines
from cs_handouts.render.templates import Labels, environment, located
from cs_handouts.render.webfonts import WebFont, web_fonts
from cs_handouts.text.markup import to_html
from cs_handouts.text.scripts import rtl_language
from cs_handouts.timing.agenda import agenda

PAGE_TEMPLATES = ("page.html", "guide.html", "handout.html", "blocks.html", "media.html",
                  "steps.html",
                  "module-index.html", "series-index.html", "style.css", "accessible.css")


@dataclass(frozen=True)
class RenderedPage:
    """A finished web page in memory (pages counts printed pages, none for HTML)."""

    data: bytes
    pages: int = 0
    copied: bool = False  # a file copied as it is (a web font): no document of its own


@dataclass(frozen=True)
class PlannedPage:
    """One web page to make: its path inside the module's folder and how to render it."""

    filename: str
    title: str
    render: Callable[[], RenderedPage]


class HtmlRenderer:
    """Renders a series' web pages with the project's templates over the built-in ones."""

    def __init__(self, series: Series, theme: Theme) -> None:
        self.series = series
        self.theme = theme
        self.env = environment(series.project.templates_dir, html=True)

    def common(self) -> dict[str, Any]:
        """What every page template may use: the series, its brand and the theme."""
        config = self.series.config
        brand = config.brand
        name = brand.name or config.organization
        return {
            "config": config,
            "brand": {
                "name": name,
                "logo": _data_uri(self.series.logo) if self.series.logo else None,
                "logo_alt": brand.logo_alt or f"{name} logo",
                "footer": brand.footer or "",
            },
            "theme": self.theme,
            "language": config.language,
            "direction": "rtl" if rtl_language(config.language) else "ltr",
            "image_src": image_src,
        }

    def render(self, name: str, **context: Any) -> RenderedPage:
        """Render the template ``name`` with the common context and ``context``."""
        with located(name):
            text = self.env.get_template(name).render(**self.common(), **context)
        return RenderedPage(text.encode("utf-8"))

    def compile_all(self) -> None:
        """Load every page template, so that a syntax error shows before anything is built."""
        for name in PAGE_TEMPLATES:
            with located(name):
                self.env.get_template(name)

    def module_pages(self, loaded: LoadedModule, labels: Labels, start: dt.time | None,
                     pdfs: list[str]) -> list[PlannedPage]:
        """The module's pages: its index, the facilitator guide and one page per handout."""

        def label(block: str, **values: Any) -> Markup:
            return Markup(to_html(labels(block, **values)))

        fonts = web_fonts(self.theme.font)
        module = {"loaded": loaded, "module": loaded.module, "label": label,
                  "header": labels("page_header"), "font_base": "fonts/", "web_fonts": fonts}

        def twin(name: str) -> str | None:
            """The page's printable PDF beside the html/ folder, when this build makes it."""
            return f"../{name}.pdf" if f"{name}.pdf" in pdfs else None

        def guide() -> RenderedPage:
            rows = agenda(loaded.module, start, loaded.context.get("language", "en-US"))
            total, note = agenda_footer(rows, labels)
            return self.render("guide.html", **module, agenda=agenda_lines(rows, labels),
                               agenda_total=total, agenda_note=note, clock=start is not None,
                               pdf=twin("facilitator-guide"))

        def handout(handout_id: str) -> Callable[[], RenderedPage]:
            def render() -> RenderedPage:
                return self.render("handout.html", **module, handout_id=handout_id,
                                   handout=loaded.handouts[handout_id], pdf=twin(handout_id))
            return render

        pages = list(loaded.handouts)

        def index() -> RenderedPage:
            return self.render("module-index.html", **module, handout_pages=pages, pdfs=pdfs)

        planned = [PlannedPage("html/index.html", "Index", index),
                   PlannedPage("html/facilitator-guide.html", "Facilitator Guide", guide)]
        planned += [PlannedPage(f"html/{hid}.html", loaded.handouts[hid].title, handout(hid))
                    for hid in pages]
        # The PDFs' font beside the pages, so that a page printed from a browser looks the same.
        planned += [PlannedPage(f"html/fonts/{font.name}", font.name, _font_file(font))
                    for font in fonts]
        return planned

    def series_index(self, output_dir: Path, building: set[str]) -> RenderedPage:
        """The series' index page: every module, linked when its web pages exist."""
        modules = [{"loaded": loaded,
                    "built": loaded.id in building
                    or (output_dir / loaded.id / "html" / "index.html").is_file()}
                   for loaded in self.series.modules]
        series = self.series
        context = series.modules[0].context if series.modules else {
            "language": series.config.language}
        labels = Labels(series.project.templates_dir, dict(context))

        def label(block: str, **values: Any) -> Markup:
            return Markup(to_html(labels(block, **values)))

        return self.render("series-index.html", modules=modules, label=label)


def _font_file(font: WebFont) -> Callable[[], RenderedPage]:
    def read() -> RenderedPage:
        return RenderedPage(font.source.read_bytes(), copied=True)
    return read


def image_src(image: Image) -> str:
    """A content image as a data URI, so that each page stands alone."""
    if not isinstance(image, Image):  # templates may call this; only with a loaded image
        raise TypeError("image_src() takes an image of the content")
    return _data_uri(Path(image.file))


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
