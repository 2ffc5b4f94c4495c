"""PDF documents with ReportLab: page frame, flowables, one builder per document kind."""

from cs_handouts.render.pdf import addresses, bidi, harfbuzz

bidi.install()  # before any ReportLab text module: it checks for rlbidi when imported
harfbuzz.load_when_used()  # before ReportLab's font module, which imports it
addresses.import_paragraph()
