"""The page frame every PDF shares: header, footer with "Page X of Y", bookmarks, metadata.

A document is a list of parts. Each part starts on a new page and numbers its
own pages, so a packet of three handouts says "Page 1 of 2" on each handout's
first page. The total of a part is not known until its last page, so the footer
draws it from a PDF form XObject that is filled in when the document is saved.

For duplex printing (``PageLayout(duplex=True)``) every part starts on a front
(odd) page and the document ends on a back page; a page added for that says
"This page intentionally left blank" and is not counted in any part's numbers.
A binding gutter (``gutter``) widens the inside margin: the left one on front
pages and, in duplex, the right one on back pages, where the holes fall.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from cs_handouts import __version__
from cs_handouts.render.pdf.appearances import SharedLooks, shared_looks
from cs_handouts.render.pdf.furniture import footer_lines, header_rows, wrap
from cs_handouts.render.pdf.keep import KeepNearby
from cs_handouts.render.pdf.logo import load_logo
from cs_handouts.render.pdf.online import OnlineCode, address_line_count, address_lines
from cs_handouts.render.pdf.origin import MAX_PART_PAGES, LayoutProblem, OriginTracking, TooManyPages
from cs_handouts.render.pdf.pages import Drawn, page_templates, template_name
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import ScriptCanvas
from cs_handouts.render.pdf.writing import install as install_faster_writer
from cs_handouts.render.rendered import RenderedPdf
from cs_handouts.text.markup import plain
from cs_handouts.text.typography import smart_quotes

PAGE_SIZES = {"letter": LETTER, "a4": A4}
BLANK_NOTICE = "This page intentionally left blank"

# Same input, same bytes: no timestamps or random ids in the file.
rl_config.invariant = 1
install_faster_writer()  # the same bytes, written out in two thirds of the time


@dataclass(frozen=True)
class Part:
    """A run of pages with its own title in the header and its own page numbers."""

    title: str
    story: list[Flowable]
    # Its headings all sit below its own bookmark, as a guide's do in the binder.
    nested: bool = False
    landscape: bool = False  # laid out on landscape pages
    online: OnlineCode | None = None  # a QR code in the footer to its web twin (site-url:)
    # A bound on what hostile content can cost; a sign-in sheet of 2,000 names needs more.
    max_pages: int = MAX_PART_PAGES


@dataclass(frozen=True)
class DocumentInfo:
    """What the header, footer and PDF metadata say about a document."""

    title: str
    subject: str
    author: str  # the organization
    header: str  # left side of every page's header: series and module
    language: str = "en-US"
    keywords: Sequence[str] = field(default_factory=tuple)
    footer: str = ""  # the brand's footer line, such as contact details
    logo: Path | None = None  # the brand's logo, drawn at the left of every header
    grey_logo: bool = False  # draw the logo in greys (a --grayscale print set)
    marking: str = ""  # "Facilitator copy": in every page's header, on a band
    page_of: str = "Page {page} of"  # the footer's words before the page total (labels.txt)
    blank_notice: str = BLANK_NOTICE  # a duplex padding page's words (labels.txt)


@dataclass(frozen=True)
class PageLayout:
    """How the pages are laid out for printing: duplex padding and a binding gutter in points."""

    duplex: bool = False
    gutter: float = 0
    print_hints: bool = False  # tell the print dialog: actual size, and one side or both
    # Form fields make a viewer draw typed text in unembedded Helvetica; copies for a print
    # shop leave them out, so every font is embedded and preflight passes.
    fields: bool = True
    notes_pages: str = ""  # duplex padding as a ruled page with this heading ("Notes")


def set_print_hints(canvas: Canvas, duplex: bool) -> None:
    """Viewer preferences that preset the print dialog: no 'fit to page', and the sides."""
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", "DuplexFlipLongEdge" if duplex else "Simplex")


@dataclass(frozen=True)
class LaidOut:
    """A document's parts and, page by page, the flowables its frames drew and where."""

    parts: tuple[Part, ...]
    pages: tuple[tuple[Drawn, ...], ...]


class _PageMark(Flowable):
    """Takes no space; notes something about its page on the canvas where it lands (also in
    a layout only measured, which calls ``landed`` instead of drawing)."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def landed(self, canvas: Canvas) -> None:
        raise NotImplementedError

    def draw(self) -> None:
        self.landed(self.canv)


class PartStart(_PageMark):
    """Marks the page where a part begins."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def landed(self, canvas: Canvas) -> None:
        """The pages from here on are this part's."""
        canvas._handouts_part = self.index


class CoverPage(_PageMark):
    """Marks its page as a cover: counted, but without a running header or a page number."""

    def landed(self, canvas: Canvas) -> None:
        canvas._handouts_cover = True


class _PadToFront(ActionFlowable):
    """In duplex, after a page break: make the page just begun a blank back page if it is even."""

    def __init__(self) -> None:
        super().__init__(("padToFront",))


class Orientation(ActionFlowable):
    """Before a part: the pages from the next one on are landscape (or portrait)."""

    def __init__(self, landscape: bool) -> None:
        super().__init__(("orientation", landscape))


class _PadToBack(ActionFlowable):
    """In duplex, at the end: add a blank back page if the document ends on a front page."""

    def __init__(self) -> None:
        super().__init__(("padToBack",))


class _PagedCanvas(ScriptCanvas):
    """Counts pages per part and, on save, writes each part's total into its form XObject."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._handouts_part = 0
        self._handouts_blank = False
        self._handouts_cover = False
        self.part_totals: dict[int, int] = {}

    @property
    def acroForm(self) -> SharedLooks:  # noqa: N802 - ReportLab's name
        """The document's form, each field look made once (appearances.py)."""
        return shared_looks(self)

    def save(self) -> None:
        rtl = getattr(self, "_handouts_total_rtl", False)
        for part, total in self.part_totals.items():
            # Right to left the number ends at the origin: the form's box reaches left of it.
            self.beginForm(_total_form(part), lowerx=-200 if rtl else 0)
            self.setFont(*self._handouts_total_font)
            self.setFillColor(self._handouts_total_colour)
            if rtl:
                self.drawRightString(0, 0, str(total))
            else:
                self.drawString(0, 0, str(total))
            self.endForm()
        super().save()


def _total_form(part: int) -> str:
    return f"handouts-total-{part}"


class _Document(OriginTracking, BaseDocTemplate):
    """A BaseDocTemplate that adds a bookmark for every flowable with an ``outline``."""

    def __init__(self, buffer: io.BytesIO, info: DocumentInfo, parts: Sequence[Part],
                 styles: Styles, paper: str, layout: PageLayout = PageLayout(),
                 continuous: bool = False) -> None:
        margins = styles.theme.margins
        # A QR code's address takes a line of its own at the foot: the band grows by one line.
        small = styles.theme.sizes.small
        room = min(PAGE_SIZES[paper]) - margins.left - margins.right - layout.gutter  # portrait
        online_line = small * 1.3 * address_line_count([p.online.short for p in parts if p.online],
                                                       styles.regular, small, room)
        super().__init__(
            buffer, pagesize=PAGE_SIZES[paper],
            leftMargin=margins.left + layout.gutter, rightMargin=margins.right,
            topMargin=margins.top, bottomMargin=margins.bottom + online_line,
            title=info.title, author=info.author, subject=info.subject,
            creator=f"handouts {__version__}", producer=f"handouts {__version__} (ReportLab)",
            keywords=list(info.keywords), lang=info.language, invariant=1,
            initialFontName=styles.regular,
            # A heading kept with a long table or segment moves on with it only from near
            # the foot of a page.
            keepTogetherClass=KeepNearby,
        )
        self.info = info
        self.parts = parts
        # Headings of a part whose title is not one of them sit one level below its entry.
        self.outline_shift = [0 if _titled(part) and not part.nested else 1 for part in parts]
        self.styles = styles
        self.bookmark_count = 0
        self.outline_level = -1
        self.page_in_part = 0
        self.current_part = -1
        self.layout = layout
        self.continuous = continuous  # one page count for the whole document, not per part
        self.pages_in_this_part = 0
        self.part_pages: dict[int, int] = {}
        self.part_counts: dict[int, int] = {}
        self.part_fill: dict[int, float] = {}
        self.part_spare: dict[int, float] = {}
        self.page_fill: dict[int, float] = {}
        self.page_spare: dict[int, float] = {}
        # Back pages mirror front pages: same frame width, gutter on the right.
        self.mirrored = layout.duplex and bool(layout.gutter)
        self.landscape = bool(parts) and parts[0].landscape
        self.addPageTemplates(page_templates(PAGE_SIZES[paper], styles.theme, layout.gutter,
                                             self.mirrored, self.landscape, self.decorate,
                                             online_line))
        self.templates = {template.id: template for template in self.pageTemplates}

    def handle_orientation(self, landscape: bool) -> None:
        """Called by Orientation: the pages from the next one on are landscape or portrait."""
        self.landscape = landscape

    def _setPageTemplate(self) -> None:  # noqa: N802 - ReportLab's name
        # The page about to begin: its orientation, and its side when back pages mirror.
        back = self.mirrored and (self.page + 1) % 2 == 0
        self.pageTemplate = self.templates[template_name(self.landscape, back)]

    def handle_padToFront(self) -> None:
        """Called by _PadToFront: the page just begun is even, so leave it blank."""
        if self.page % 2 == 0:
            self.canv._handouts_blank = True
            self.handle_pageBreak()

    def handle_padToBack(self) -> None:
        """Called by _PadToBack: end on an even page so every copy is whole sheets."""
        if self._curPageFlowableCount == 0:
            # A page-break block at the very end began this page: it is padding, not a page.
            self.canv._handouts_blank = True
            if self.page % 2 == 0:
                return
        if self.page % 2 == 1:
            self.handle_pageBreak()
            self.clean_hanging()  # begin the back page now, so the build ends it
            self.canv._handouts_blank = True

    def page_margins(self, canvas: Canvas) -> tuple[float, float]:
        """Where the text of a page starts and ends: the gutter is on the inside edge."""
        page, width = canvas.getPageNumber(), canvas._pagesize[0]
        margins, gutter = self.styles.theme.margins, self.layout.gutter
        if self.layout.duplex and page % 2 == 0:
            return margins.left, width - margins.right - gutter
        return margins.left + gutter, width - margins.right

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PartStart):
            self.part_pages[flowable.index] = self.page
        if isinstance(flowable, PartStart) and len(self.parts) > 1:
            # A packet's outline has one entry per part at the top, so every top-level
            # bookmark is where a part (a handout, the guide) begins.
            self.add_bookmark(plain(self.parts[flowable.index].title), 0)
            return
        outline = getattr(flowable, "outline", None)
        if outline:
            text, level = outline
            if len(self.parts) > 1:
                part = self.canv._handouts_part
                if level == 0 and text == plain(self.parts[part].title):
                    return  # the part's own title: its part entry already stands for it
                level += self.outline_shift[part]
            self.add_bookmark(text, level)

    def add_bookmark(self, text: str, level: int) -> None:
        """A bookmark to the current position; sub-levels start closed."""
        # A heading split across pages loses its bookmark; never skip a level after one.
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        self.bookmark_count += 1
        key = f"section-{self.bookmark_count}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)

    def decorate(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """Draw the header and footer of the page that is ending."""
        if canvas._handouts_blank:
            canvas._handouts_blank = False
            if not canvas.handouts_measure:
                self.draw_blank_notice(canvas)
            return
        part = canvas._handouts_part
        if part != self.current_part:
            self.current_part = part
            self.page_in_part = self.page_in_part if self.continuous else 0
            self.pages_in_this_part = 0
        self.page_in_part += 1
        self.pages_in_this_part += 1  # per part even when numbering is continuous
        limit = self.parts[part].max_pages if part < len(self.parts) else MAX_PART_PAGES
        if self.pages_in_this_part > limit:
            raise TooManyPages(f"more than {limit} pages")
        counted = 0 if self.continuous else part  # whose "of Y" total this page shows
        frame = self.frame
        self.part_counts[part] = self.pages_in_this_part
        self.part_fill[part] = (frame._y2 - frame._y) / max(1.0, frame._y2 - frame._y1)
        self.part_spare[part] = frame._y - frame._y1
        self.page_fill[self.page] = self.part_fill[part]
        self.page_spare[self.page] = self.part_spare[part]
        canvas.part_totals[counted] = self.page_in_part
        cover, canvas._handouts_cover = canvas._handouts_cover, False
        if canvas.handouts_measure:
            return  # a layout only measured: its page is never seen
        styles = self.styles
        theme = styles.theme
        width, height = canvas._pagesize
        left, right = self.page_margins(canvas)
        small = theme.sizes.small
        canvas.saveState()
        rule_y = height - theme.margins.top + small * 1.8
        header_x, header_right = left, right
        if self.info.logo is not None:
            logo = load_logo(self.info.logo, self.info.grey_logo)
            # As tall as three lines of small text, but never closer than 18 pt to the edge.
            logo_height = min(small * 3, height - rule_y - 4 - 18)
            logo_width = logo.width_at(logo_height)
            if styles.rtl:  # the logo where the series' name starts: at the right
                logo.draw(canvas, right - logo_width, rule_y + 4, logo_height)
                header_right = right - logo_width - small
            else:
                logo.draw(canvas, left, rule_y + 4, logo_height)
                header_x = left + logo_width + small
        if not cover:  # a cover names the series itself, large
            self.draw_header(canvas, self.parts[part].title, header_x, header_right, rule_y)
        bottom = self.bottomMargin  # the theme's, and one line more under a QR code
        footer_y = bottom - small * 3.2
        online = self.parts[part].online
        if online:  # the code at the right of the band; the footer's text keeps to its left
            right -= online.draw(canvas, right, bottom - 4)
        label = "" if cover else self.info.page_of.replace("{page}", str(self.page_in_part)) + " "
        apart = bool(self.info.footer) and self.footer_line_apart(canvas, label, right - left)
        lines = self.footer_lines(canvas, right - left) if apart else []
        rule = footer_y + small * 1.4
        if len(lines) == 1:  # keep the second line well inside what a home printer prints
            footer_y += small * 0.9
            rule = footer_y + small * 1.4
        elif lines:  # the theme's bottom margin leaves room for every line (large print)
            rule = bottom - small * 0.9
            footer_y = rule - small * 1.4
        # Page furniture, not one more writing line: the header rule's colour and weight.
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setLineWidth(1.2)
        canvas.line(left, rule, right, rule)
        canvas.setFillColor(styles.colour("muted"))
        canvas.setFont(styles.regular, small)
        if styles.rtl:  # mirrored: "Page 1 of" at the right, its total read after it, leftwards
            label_width = canvas.stringWidth(label.strip(), styles.regular, small)
            canvas.drawString(right - label_width, footer_y, label.strip())
            total_x = right - label_width - canvas.stringWidth(" ", styles.regular, small)
        else:
            canvas.drawString(left, footer_y, label)
            total_x = left + canvas.stringWidth(label, styles.regular, small)
        if not cover:
            canvas.saveState()
            canvas.translate(total_x, footer_y)
            canvas.doForm(_total_form(counted))
            canvas.restoreState()
        if styles.rtl:
            canvas.drawString(left, footer_y, self.info.author)
        else:
            canvas.drawRightString(right, footer_y, self.info.author)
        if self.info.footer and not apart:
            canvas.drawCentredString((left + right) / 2, footer_y, self.info.footer)
        for index, line in enumerate(lines, start=1):
            canvas.drawCentredString((left + right) / 2, footer_y - small * 1.3 * index, line)
        if online:  # the address beside the code, on the band's lowest line
            self.draw_address(canvas, online, left, right, footer_y - small * 1.3 * (1 + len(lines)))
        canvas.restoreState()

    def draw_address(self, canvas: Canvas, online: OnlineCode, left: float, right: float,
                     baseline: float) -> None:
        """The web twin's address beside its QR code, linked, so it can be typed or clicked.

        A long address prints smaller rather than cut, but in large print never under the
        theme's small size: there it takes as many lines as it needs (the band has them).
        """
        styles = self.styles
        small = styles.theme.sizes.small
        lines, size = address_lines(online.short, styles.regular, small, right - left)
        canvas.setFont(styles.regular, size)
        for line in lines:
            canvas.drawRightString(right, baseline, line)
            width = canvas.stringWidth(line, styles.regular, size)
            canvas.linkURL(online.url, (right - width, baseline - 2, right, baseline + size),
                           relative=0)
            baseline -= small * 1.3
        canvas.setFont(styles.regular, small)

    def draw_header(self, canvas: Canvas, title: str, left: float, right: float,
                    rule_y: float) -> None:
        """The header's lines above the rule, wrapped or shortened to fit, never cut."""
        styles = self.styles
        small = styles.theme.sizes.small
        marking = self.info.marking
        chip = canvas.stringWidth(marking, styles.bold, small) + small * 1.2 if marking else 0.0

        def right_width(text: str) -> float:
            width: float = canvas.stringWidth(text, styles.bold, small)
            return width + (chip + small if chip and text != " " else 0.0)

        def left_lines(text: str, width: float) -> list[str]:
            return wrap(text, styles.regular, small, width)

        # Rows above the rule, as many as the top margin holds 18 pt clear of the paper's edge.
        room = self.styles.theme.margins.top - small * 3.35 - 18
        max_rows = 1 + max(0, int(room // (small * 1.2)))
        rows = header_rows(smart_quotes(self.info.header), smart_quotes(plain(title)),
                           right - left, right_width, left_lines, max_rows)
        baseline = rule_y + small * 0.8
        for index, row in enumerate(reversed(rows)):
            y = baseline + index * small * 1.2
            canvas.setFillColor(styles.colour("muted"))
            canvas.setFont(styles.regular, small)
            if styles.rtl:  # mirrored: the series' name at the right, the title at the left
                canvas.drawRightString(right, y, row.left)
            else:
                canvas.drawString(left, y, row.left)
            if row.right:
                canvas.setFont(styles.bold, small)
                if styles.rtl:
                    canvas.drawString(left + right_width(row.right)
                                      - canvas.stringWidth(row.right, styles.bold, small), y,
                                      row.right)
                    if marking:
                        self.draw_marking(canvas, left, y)
                else:
                    canvas.drawRightString(right, y, row.right)
                    if marking:
                        self.draw_marking(canvas, right - right_width(row.right), y)
        colour = styles.colour("accent" if marking else "primary")
        canvas.setStrokeColor(colour)
        # A facilitator's copy: a band across the page, not only a label.
        canvas.setLineWidth(4 if marking else 1.2)
        margin_left, margin_right = self.page_margins(canvas)
        canvas.line(margin_left, rule_y, margin_right, rule_y)

    def draw_marking(self, canvas: Canvas, x: float, y: float) -> None:
        """The copy's marking ("Facilitator copy") in white on the accent colour, at ``x``."""
        styles = self.styles
        small = styles.theme.sizes.small
        width = canvas.stringWidth(self.info.marking, styles.bold, small) + small * 1.2
        canvas.setFillColor(styles.colour("accent"))
        canvas.roundRect(x, y - small * 0.35, width, small * 1.3, small * 0.3, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#FFFFFF"))
        canvas.setFont(styles.bold, small)
        canvas.drawString(x + small * 0.6, y, self.info.marking)

    def footer_line_apart(self, canvas: Canvas, page_label: str, width: float) -> bool:
        """Whether the brand's footer line needs a line of its own below the page number."""
        styles = self.styles
        small = styles.theme.sizes.small

        def measure(text: str) -> float:
            width: float = canvas.stringWidth(text, styles.regular, small)
            return width

        sides = max(measure(page_label + "000"), measure(self.info.author)) + small * 2
        return bool(measure(self.info.footer) > width - 2 * sides)

    def footer_lines(self, canvas: Canvas, width: float) -> list[str]:
        """The brand's footer line below the page number, broken at " · " to fit, never cut."""
        styles = self.styles
        small = styles.theme.sizes.small
        return footer_lines(self.info.footer, width,
                            lambda text: float(canvas.stringWidth(text, styles.regular, small)))

    def draw_blank_notice(self, canvas: Canvas) -> None:
        """A padding page: the notice in the middle, nothing numbered; or a ruled notes page."""
        if self.layout.notes_pages:
            self.draw_notes_page(canvas)
            return
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(self.styles.colour("muted"))
        canvas.setFont(self.styles.italic, self.styles.theme.sizes.body)
        canvas.drawCentredString(width / 2, height / 2, self.info.blank_notice)
        canvas.restoreState()

    def draw_notes_page(self, canvas: Canvas) -> None:
        """A padding page as a page for notes: its heading, then ruled lines to the bottom margin."""
        styles = self.styles
        theme = styles.theme
        left, right = self.page_margins(canvas)
        top = canvas._pagesize[1] - theme.margins.top
        canvas.saveState()
        canvas.setFillColor(styles.colour("primary"))
        canvas.setFont(styles.bold, theme.sizes.heading)
        canvas.drawString(left, top - theme.sizes.heading, self.layout.notes_pages)
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        y = top - theme.sizes.heading - theme.line_spacing * 1.5
        while y >= theme.margins.bottom:
            canvas.line(left, y, right, y)
            y -= theme.line_spacing
        canvas.restoreState()


def _titled(part: Part) -> bool:
    """Whether a part's story has a top-level heading that is the part's own title."""
    title = plain(part.title)
    return any(getattr(flowable, "outline", None) == (title, 0) for flowable in part.story)


def render_pdf(parts: Sequence[Part], info: DocumentInfo, styles: Styles,
               paper: str = "letter", layout: PageLayout = PageLayout(), *,
               continuous: bool = False, record: bool = False, unsaved: bool = False,
               measure: bool = False) -> RenderedPdf:
    """Lay out the parts, each from a new page (a front page in duplex), into one PDF in memory.

    Each part numbers its own pages ("Page 1 of 2"), unless ``continuous``, as in a
    binder, where the pages are numbered through the whole document. With ``record``,
    the result keeps where each flowable was drawn (``laid_out``), so that a packet can
    reuse the pages instead of laying them out again. With ``measure``, the parts are laid
    out but not drawn: the result says where pages end, how full they are and where
    answers and charts landed (for choosing a layout), and has no PDF.
    """
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(Orientation(part.landscape))
            story.append(PageBreakIfNotEmpty())
            if layout.duplex:
                story.append(_PadToFront())
        story.append(PartStart(index))
        # A part's own closing page-break adds nothing, and would begin the next part's
        # first page in this part's orientation.
        content = list(part.story)
        while content and isinstance(content[-1], PageBreak):
            content.pop()
        story.extend(content)
    if layout.duplex:
        story.append(_PadToBack())
    return build_story(story, parts, info, styles, paper, layout, continuous=continuous,
                       record=record, unsaved=unsaved or measure, measure=measure)


def build_story(story: list[Flowable], parts: Sequence[Part], info: DocumentInfo, styles: Styles,
                paper: str, layout: PageLayout, *, continuous: bool = False,
                record: bool = False, unsaved: bool = False, measure: bool = False) -> RenderedPdf:
    """Build a story made of ``parts`` (each begun by its part-start mark) into a PDF in memory."""
    buffer = io.BytesIO()
    document = _Document(buffer, info, parts, styles, paper, layout, continuous)
    document._doSave = not unsaved  # ReportLab's own switch: lay out, keep the canvas unsaved
    drawn: list[Drawn] | None = [] if record else None

    def make_canvas(*args: Any, **kwargs: Any) -> _PagedCanvas:
        canvas = _PagedCanvas(*args, **kwargs)
        canvas.font_stack = styles.stack
        canvas._handouts_total_font = (styles.regular, styles.theme.sizes.small)
        canvas._handouts_total_colour = styles.colour("muted")
        canvas._handouts_total_rtl = styles.rtl
        canvas.handouts_fields = layout.fields
        canvas.handouts_answer_pages = {}
        canvas.handouts_chart_pages = {}
        canvas.handouts_drawn = drawn
        canvas.handouts_measure = measure
        if layout.print_hints:
            set_print_hints(canvas, layout.duplex)
        return canvas

    try:
        document.build(story, canvasmaker=make_canvas)
    except TooManyPages as error:
        advice = (f"the document runs past {MAX_PART_PAGES} pages at this point;"
                  " shorten it or split it")
        raise LayoutProblem(document.current_origin, str(error), advice) from error
    except LayoutError as error:
        raise LayoutProblem(document.current_origin, str(error)) from error
    indexes = range(len(parts))
    pages = range(1, document.page + 1)
    canvas = document.canv
    laid_out = None
    if drawn is not None:
        laid_out = LaidOut(tuple(parts), tuple(
            tuple(draw for draw in drawn if draw.page == page and not isinstance(draw.flowable,
                                                                                   PartStart))
            for page in pages))

    def save() -> bytes:
        canvas.save()
        return buffer.getvalue()

    return RenderedPdf(b"" if unsaved else buffer.getvalue(), document.page,
                       tuple(document.part_pages[index] for index in indexes),
                       tuple(document.part_counts.get(index, 0) for index in indexes),
                       tuple(document.part_fill.get(index, 1.0) for index in indexes),
                       tuple(document.part_spare.get(index, 0.0) for index in indexes),
                       tuple(sorted(getattr(canvas, "handouts_answer_pages", {}).items())),
                       tuple(sorted((name, *where) for name, where in
                                    getattr(canvas, "handouts_chart_pages", {}).items())),
                       tuple(document.page_fill.get(page, 1.0) for page in pages),
                       tuple(document.page_spare.get(page, 0.0) for page in pages),
                       laid_out, None if measure else save if unsaved else None, measure)
