"""A web page laid out by WeasyPrint as a tagged, fillable PDF/UA-1 document."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from typing import Any

from cs_handouts.render.accessible import load_problem, missing_extra
from cs_handouts.render.accessible.names import field_names
from cs_handouts.render.accessible.repair import repair
from cs_handouts.render.rendered import RenderedPdf

# The pages' relative addresses resolve under this base (.invalid: a name that never
# resolves), and the fetcher below serves only the package's own font files (fonts/...)
# and the pages' data: URIs: nothing is read from disk or the network.
BASE = "https://handouts.invalid/html/"


def accessible_pdf(page: bytes, stylesheet: str) -> RenderedPdf:
    """The web page ``page`` as a PDF/UA-1 document whose form fields can be filled.

    ``stylesheet`` (the built-in accessible.css, filled with the theme) sets the paper
    and the print layout over the page's own styles.
    """
    problem = load_problem()
    if problem:
        raise missing_extra(problem)
    import weasyprint

    # WeasyPrint logs what it skips (an image with empty alt text: decoration, made an
    # artifact by repair()); the PDF is checked by the tests, not by its log.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    # Last in the head, so that it wins over the page's own styles (WeasyPrint's own
    # stylesheets= are user styles, which every author style overrides).
    text = page.decode("utf-8").replace("</head>", f"<style>\n{stylesheet}\n</style>\n</head>", 1)
    document = weasyprint.HTML(string=text, base_url=BASE, url_fetcher=_fetcher()).render(
        pdf_forms=True, pdf_variant="pdf/ua-1")
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True)
    return RenderedPdf(repair(bytes(data), field_names(page)), len(document.pages))


@cache
def _fetcher() -> Any:
    """Data URIs, and the package's fonts under fonts/; nothing from disk or the network."""
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    class PageFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            name = url.removeprefix(BASE + "fonts/")
            if url.startswith(BASE + "fonts/") and name and "/" not in name:
                font = resources.files("cs_handouts").joinpath("fonts", name)
                if font.is_file():
                    return URLFetcherResponse(url, font.read_bytes(),
                                              {"Content-Type": "font/ttf"})
            raise ValueError(f"not fetched for an accessible PDF: {url}")

    return PageFetcher(allowed_protocols=("data", "https"))
