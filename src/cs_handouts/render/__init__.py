"""Documents -> bytes: PDF (ReportLab) and, later, HTML."""
