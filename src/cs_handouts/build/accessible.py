"""The accessible edition of a module's documents: each web page as a tagged, fillable PDF.

The facilitator guide and every handout have a web page; each becomes
``accessible/<name>.pdf`` beside the edition's ``html/`` folder (so
``output/module4/accessible/`` by default, ``output/module4/es/accessible/`` for the
Spanish edition). The module's index page is a list of links, not a document: it has none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import PurePosixPath

from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.theme import Theme
from cs_handouts.render.html import HtmlRenderer, PlannedPage
from cs_handouts.render.rendered import RenderedPdf
from cs_handouts.render.templates import Labels

FOLDER = "accessible"
PAGE_SIZES = {"letter": "letter", "a4": "A4"}  # CSS @page sizes


def accessible_documents(series: Series, loaded: LoadedModule, labels: Labels,
                         start: dt.time | None, theme: Theme
                         ) -> list[tuple[str, str, Callable[[], RenderedPdf]]]:
    """(file name, title, render) of the module's accessible PDFs, in the web pages' order."""
    html = HtmlRenderer(series, theme)
    # No "printable version" links (pdfs=[]): the accessible PDF is itself the document.
    pages = [page for page in html.module_pages(loaded, labels, start, [])
             if page.filename.endswith(".html") and page.filename != "html/index.html"]

    def render(page: PlannedPage) -> Callable[[], RenderedPdf]:
        def pdf() -> RenderedPdf:
            from cs_handouts.render.accessible.weasy import accessible_pdf

            stylesheet = html.render("accessible.css", paper=PAGE_SIZES[series.config.paper])
            return accessible_pdf(page.render().data, stylesheet.data.decode("utf-8"))
        return pdf

    return [(f"{FOLDER}/{PurePosixPath(page.filename).stem}.pdf", page.title, render(page))
            for page in pages]
