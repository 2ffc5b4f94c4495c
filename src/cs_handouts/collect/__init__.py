"""Answers collected: filled forms and saved answers read back, counted and reported."""
