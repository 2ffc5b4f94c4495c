"""PDF documents with ReportLab: page frame, flowables, one builder per document kind."""
