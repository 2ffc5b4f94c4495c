"""PDF documents with ReportLab: page frame, flowables, one builder per document kind."""

from cs_handouts.render.pdf import bidi

bidi.install()  # before any ReportLab text module: it checks for rlbidi when imported
