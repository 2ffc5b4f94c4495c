"""The reference for the cold build: a plain ReportLab script laying out module4's ten pages.

It reads module4 and its three handouts with PyYAML and writes the same five PDFs
(the guide, three handouts, the participant packet) the way a plain ReportLab user
would: the Noto Sans faces registered from TTF files, the SVG logo in every header
(svglib), an AcroForm text field on every writing line and chart cell, radio buttons on
the scale, and "Page N of M" found in two passes (lay out once to count, then again).
No validation, no located errors, no web pages: what handouts does on top is the cost
to measure against this.

    .venv/bin/python bench/reference_reportlab.py SERIES_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import yaml
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
from svglib.svglib import svg2rlg

rl_config.invariant = 1
FONTS = Path(__file__).resolve().parents[1] / "src" / "cs_handouts" / "fonts"
for face in ("Regular", "Bold", "Italic"):
    pdfmetrics.registerFont(TTFont(f"NotoSans-{face}", str(FONTS / f"NotoSans-{face}.ttf")))
BODY = ParagraphStyle("body", fontName="NotoSans-Regular", fontSize=10.5, leading=14, spaceAfter=6)
TITLE = ParagraphStyle("title", parent=BODY, fontName="NotoSans-Bold", fontSize=22, leading=27)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="NotoSans-Bold", fontSize=14, leading=18,
                         spaceBefore=10, textColor=colors.HexColor("#2E5E3E"))


class Field(Flowable):
    """A writing line with a text field over it."""

    def __init__(self, name: str, width: float = 460, height: float = 22) -> None:
        super().__init__()
        self.name, self.width, self.height = name, width, height

    def draw(self) -> None:
        self.canv.line(0, 2, self.width, 2)
        self.canv.acroForm.textfield(name=self.name, x=0, y=2, width=self.width, height=18,
                                     borderWidth=0, fillColor=colors.white, relative=True)


class Scale(Flowable):
    """One statement's row of radio buttons."""

    def __init__(self, name: str, points: int) -> None:
        super().__init__()
        self.name, self.points, self.width, self.height = name, points, 460, 20

    def draw(self) -> None:
        for point in range(self.points):
            self.canv.acroForm.radio(name=self.name, value=str(point + 1), x=240 + point * 44, y=2,
                                     size=12, relative=True)


def handout_story(handout_id: str, data: dict) -> list:
    story = [Paragraph(data["title"], TITLE)]
    story += [Field(f"{handout_id}.{label}", 150) for label in data.get("fields", [])]
    if data.get("instructions"):
        story.append(Paragraph(data["instructions"], BODY))
    for number, block in enumerate(data["blocks"]):
        if "text" in block:
            story.append(Paragraph(block["text"], BODY))
        if "chart" in block:
            chart = block["chart"]
            story.append(Paragraph(chart.get("title", ""), HEADING))
            rows = [chart["columns"]] + [[Field(f"{handout_id}.c{number}.{r}.{c}", 220, 20)
                                          for c in chart["columns"]] for r in range(chart["rows"])]
            story.append(Table(rows, colWidths=[230] * len(chart["columns"]),
                               style=[("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                      ("FONT", (0, 0), (-1, 0), "NotoSans-Bold")]))
        if "lines" in block:
            story.append(Paragraph(block["lines"].get("prompt", ""), BODY))
            story += [Field(f"{handout_id}.l{number}.{i}") for i in range(block["lines"]["count"])]
        for index, question in enumerate(block.get("questions", [])):
            text = question["text"] if isinstance(question, dict) else question
            story.append(Paragraph(f"{index + 1}. {text}", BODY))
            story += [Field(f"{handout_id}.q{index}.{i}") for i in range(question.get("lines", 3))]
        if "scale" in block:
            scale = block["scale"]
            story.append(Paragraph(scale["title"], HEADING))
            for index, statement in enumerate(scale["statements"]):
                story += [Paragraph(statement, BODY), Scale(f"{handout_id}.s{index}", scale["points"])]
    return story


def guide_story(module: dict, handouts: dict) -> list:
    story = [Paragraph(f"Module {module['number']}: {module['title']}", TITLE),
             Paragraph(f"<b>Estimated Time:</b> {module['minutes']} Minutes", BODY)]
    story += [Paragraph(goal, BODY) for goal in module["goals"]]
    story.append(Paragraph("Materials Needed", HEADING))
    story += [Paragraph(str(item), BODY) for item in module["materials"]]
    segments = [*module["activities"], module["conclusion"]]
    rows = [["Segment", "Minutes", "Running time", "Clock time"]]
    start = 0
    for segment in segments:
        rows.append([segment["title"], str(segment["minutes"]),
                     f"{start}–{start + segment['minutes']} min", "9:00–9:20 AM"])
        start += segment["minutes"]
    story += [Paragraph("Agenda", HEADING),
              Table(rows, colWidths=[230, 60, 90, 90],
                    style=[("FONT", (0, 0), (-1, -1), "NotoSans-Regular"),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)])]
    story += [Paragraph("Suggested Facilitator Script", HEADING),
              Paragraph(module["script"]["text"], BODY)]
    for number, segment in enumerate([*module["activities"], module["conclusion"]], start=1):
        story.append(Paragraph(f"Activity {number}: {segment['title']}", HEADING))
        for index, step in enumerate(segment["steps"], start=1):
            text = step if isinstance(step, str) else (
                step.get("text") or step.get("say") or f"Distribute the {step['distribute']} handout.")
            story.append(Paragraph(f"{index}. {text}", BODY))
            if isinstance(step, dict) and step.get("distribute") in handouts:
                notes = [q for block in handouts[step["distribute"]]["blocks"]
                         for q in block.get("questions", []) if isinstance(q, dict)
                         and (q.get("note") or q.get("answer"))]
                if notes:
                    story.append(Paragraph("Facilitator notes", HEADING))
                for question in notes:
                    story += [Paragraph(f"<b>Question.</b> {question['text']}", BODY),
                              Paragraph(question.get("note") or question.get("answer"), BODY)]
    return story


def write(path: Path, title: str, make_story, logo) -> int:
    """Lay the story out twice: once to count the pages, then with "Page N of M"."""
    total = [0]

    def decorate(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("NotoSans-Regular", 8.5)
        canvas.drawString(54 + 40, LETTER[1] - 40, f"Caring Customer Service in Schools · {title}")
        logo.drawOn(canvas, 54, LETTER[1] - 52)
        canvas.drawString(54, 30, f"Page {document.page} of {total[0] or '?'}")
        canvas.drawRightString(LETTER[0] - 54, 30, "Maple Valley School District")
        canvas.restoreState()

    for _ in range(2):
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=LETTER, title=title, author="Maple Valley",
                                     leftMargin=54, rightMargin=54, topMargin=72, bottomMargin=54)
        document.build(make_story(), onFirstPage=decorate, onLaterPages=decorate)
        total[0] = document.page
    path.write_bytes(buffer.getvalue())
    return total[0]


def main() -> None:
    series, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.mkdir(parents=True, exist_ok=True)
    module = yaml.safe_load((series / "content/modules/module4.yaml").read_text(encoding="utf-8"))
    ids = [m for m in module["materials"] if isinstance(m, str) and "-" in m]
    handouts = {hid: yaml.safe_load((series / f"content/handouts/{hid}.yaml").read_text("utf-8"))
                for hid in ids}
    logo = svg2rlg(str(series / "templates" / "maple-valley-logo.svg"))
    logo.scale(28 / logo.width, 28 / logo.height)
    logo.width = logo.height = 28
    pages = write(output / "facilitator-guide.pdf", "Facilitator Guide",
                  lambda: guide_story(module, handouts), logo)
    for hid, data in handouts.items():
        pages += write(output / f"{hid}.pdf", data["title"],
                       lambda hid=hid, data=data: handout_story(hid, data), logo)

    def packet() -> list:
        story: list = []
        for hid, data in handouts.items():
            story += [*handout_story(hid, data), PageBreak()]
        return story[:-1] + [Spacer(1, 1)]

    pages += write(output / "participant-packet.pdf", "Participant Packet", packet, logo)
    print(f"{pages} pages")


if __name__ == "__main__":
    main()
