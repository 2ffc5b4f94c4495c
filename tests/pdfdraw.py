"""What a PDF page draws, read from its content stream: text with its size, lines and fills.

Enough of a PDF interpreter for ReportLab's output: the transformation matrix (``cm``,
``q``/``Q``), straight lines, rectangles, fills and strokes, and text with its font size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n  # noqa: N806 - the second matrix's entries
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass(frozen=True)
class Line:
    """A stroked straight segment, in page coordinates, in drawing order."""

    order: int
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    colour: tuple[float, ...]

    @property
    def horizontal(self) -> bool:
        return abs(self.y0 - self.y1) < 0.01 and abs(self.x1 - self.x0) > 1


@dataclass(frozen=True)
class Fill:
    """A filled rectangle, in page coordinates, in drawing order."""

    order: int
    x: float
    y: float
    width: float
    height: float
    colour: tuple[float, ...]


@dataclass(frozen=True)
class Text:
    """A run of text with its size in points and its position."""

    text: str
    size: float
    x: float
    y: float


@dataclass
class Page:
    """What one page draws."""

    lines: list[Line]
    fills: list[Fill]
    texts: list[Text]
    width: float
    height: float
    # Where ink lands: every painted path's extent, pictures and forms drawn (``Do``).
    images: list[Fill] = field(default_factory=list)


def pages(path: Path) -> list[Page]:
    """Every page of the PDF, interpreted."""
    reader = PdfReader(path)
    return [_page(reader, page) for page in reader.pages]


def _page(reader: PdfReader, page: object) -> Page:
    box = page.mediabox  # type: ignore[attr-defined]
    result = Page([], [], [], float(box.width), float(box.height))
    contents = page.get_contents()  # type: ignore[attr-defined]
    if contents is None:
        return result
    stream = ContentStream(contents, reader)
    ctm, stack = IDENTITY, []
    stroke_colour: tuple[float, ...] = (0,)
    fill_colour: tuple[float, ...] = (0,)
    width = 1.0
    path: list[tuple[str, list[float]]] = []
    text_matrix, size, order = IDENTITY, 0.0, 0
    for operands, operator in stream.operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else operator
        numbers = [float(o) for o in operands if isinstance(o, int | float) or
                   type(o).__name__ in ("FloatObject", "NumberObject")]
        if op == "q":
            stack.append((ctm, stroke_colour, fill_colour, width))
        elif op == "Q" and stack:
            ctm, stroke_colour, fill_colour, width = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(numbers), ctm)  # type: ignore[arg-type]
        elif op == "w":
            width = numbers[0]
        elif op in ("RG", "G", "K"):
            stroke_colour = tuple(numbers)
        elif op in ("rg", "g", "k"):
            fill_colour = tuple(numbers)
        elif op in ("m", "l", "re", "c", "v", "y"):
            path.append((op, numbers))
        elif op in ("S", "s", "f", "f*", "F", "B", "B*", "b", "b*", "n"):
            order += 1
            if op != "n" and path:  # painted: its extent, curves too (pictures drawn as paths)
                result.images += _extent(path, ctm, order)
            if op in ("S", "s", "B", "B*", "b", "b*"):
                result.lines += _lines(path, ctm, width, stroke_colour, order)
            if op in ("f", "f*", "F", "B", "B*", "b", "b*"):
                result.fills += _fills(path, ctm, fill_colour, order)
            path = []
        elif op == "Do":
            result.images += _placed(page, operands, ctm, order)
        elif op == "BT":
            text_matrix = IDENTITY
        elif op == "Tf":
            size = numbers[-1] if numbers else size
        elif op == "Tm":
            text_matrix = tuple(numbers)  # type: ignore[assignment]
        elif op == "Td":
            text_matrix = _multiply((1, 0, 0, 1, numbers[0], numbers[1]), text_matrix)
        elif op in ("Tj", "TJ", "'", '"'):
            text = _string(operands)
            if text.strip():
                matrix = _multiply(text_matrix, ctm)
                scale = (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5
                result.texts.append(Text(text, round(size * scale, 2), matrix[4], matrix[5]))
    return result


def _extent(path: list[tuple[str, list[float]]], ctm: Matrix, order: int) -> list[Fill]:
    points = []
    for op, numbers in path:
        corners = numbers if op != "re" else [numbers[0], numbers[1],
                                              numbers[0] + numbers[2], numbers[1] + numbers[3]]
        points += [_apply(ctm, x, y) for x, y in zip(corners[::2], corners[1::2], strict=False)]
    if not points:
        return []
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return [Fill(order, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys), ())]


def _placed(page: object, operands: list[object], ctm: Matrix, order: int) -> list[Fill]:
    """Where a picture (the unit square) or a form (its box) lands on the page."""
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    xobject = (resources.get("/XObject") or {}).get(str(operands[0])) if operands else None
    if xobject is None:
        return []
    xobject = xobject.get_object()
    box = [0.0, 0.0, 1.0, 1.0]
    if xobject.get("/Subtype") == "/Form":
        box = [float(v) for v in xobject.get("/BBox", box)]
    (x0, y0), (x1, y1) = _apply(ctm, box[0], box[1]), _apply(ctm, box[2], box[3])
    return [Fill(order, min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), ())]


def _string(operands: list[object]) -> str:
    parts = []
    for operand in operands:
        if isinstance(operand, list):
            parts += [str(o) for o in operand if isinstance(o, str)]
        elif isinstance(operand, str):
            parts.append(operand)
        elif isinstance(operand, bytes):
            parts.append(operand.decode("latin-1"))
    return "".join(parts)


def _lines(path: list[tuple[str, list[float]]], ctm: Matrix, width: float,
           colour: tuple[float, ...], order: int) -> list[Line]:
    lines, current = [], None
    scale = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
    for op, numbers in path:
        if op == "m":
            current = _apply(ctm, numbers[0], numbers[1])
        elif op == "l" and current is not None:
            end = _apply(ctm, numbers[0], numbers[1])
            lines.append(Line(order, *current, *end, width * scale, colour))
            current = end
        elif op in ("c", "v", "y"):  # a curve is not a rule, but the path goes on from its end
            current = _apply(ctm, numbers[-2], numbers[-1])
        elif op == "re":
            x, y, w, h = numbers
            corners = [_apply(ctm, x, y), _apply(ctm, x + w, y), _apply(ctm, x + w, y + h),
                       _apply(ctm, x, y + h)]
            for start, end in zip(corners, corners[1:] + corners[:1], strict=True):
                lines.append(Line(order, *start, *end, width * scale, colour))
    return lines


def _fills(path: list[tuple[str, list[float]]], ctm: Matrix, colour: tuple[float, ...],
           order: int) -> list[Fill]:
    fills = []
    for op, numbers in path:
        if op == "re":
            x, y, w, h = numbers
            (x0, y0), (x1, y1) = _apply(ctm, x, y), _apply(ctm, x + w, y + h)
            fills.append(Fill(order, min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0),
                              colour))
    return fills


def hidden_rules(page: Page) -> list[Line]:
    """Horizontal rules that a later fill paints over (a row rule lost under a label's fill)."""
    hidden = []
    for line in page.lines:
        if not line.horizontal:
            continue
        left, right = sorted((line.x0, line.x1))
        for fill in page.fills:
            if fill.order <= line.order or fill.colour in ((1, 1, 1), (1,)):
                continue
            # A fill that reaches the rule's middle hides at least half of it.
            inside_y = fill.y - 0.01 <= line.y0 <= fill.y + fill.height + 0.01
            overlap = min(right, fill.x + fill.width) - max(left, fill.x)
            if inside_y and overlap > 2:
                hidden.append(line)
                break
    return hidden
