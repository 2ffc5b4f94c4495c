"""handouts: print-ready workshop materials from a training series written in YAML."""

# The one place the version is written; pyproject.toml reads it from here. A constant,
# not importlib.metadata, which costs about 35 ms of every command's start-up.
__version__ = "0.1.0"
