"""handouts: print-ready workshop materials from a training series written in YAML."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cs-handouts")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
