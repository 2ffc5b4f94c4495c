"""The live preview: serve output/, watch the series, rebuild what an edit touches."""
