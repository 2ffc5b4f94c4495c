"""Minutes and ranges, the agenda, clock times, sessions and breaks."""
