"""Plan, batch, manifest, checks, series documents: from a loaded series to files in output/."""
