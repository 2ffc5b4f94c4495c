"""Form fields whose looks are made once per document: a scale's hundred radio buttons share a few.

Every checkbox, radio button and text field carries appearance streams (how it looks
on, off, pressed). ReportLab makes them afresh for each field and only then finds that
the document has the same one already; making them was a tenth of drawing a form. Here
a look asked for again with the same arguments, in the same document, is the one made
before (ReportLab then refers to it, as it would have after making it again).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.acroform import AcroForm


class SharedLooks(AcroForm):
    """ReportLab's AcroForm, each field look made once per document."""

    def __init__(self, canvas: Any, **kwargs: Any) -> None:
        super().__init__(canvas, **kwargs)
        self._looks: dict[tuple[Any, ...], Any] = {}

    def checkboxAP(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802 - ReportLab's name
        return self._look("checkbox", super().checkboxAP, args, kwargs)

    def txAP(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802 - ReportLab's name
        return self._look("text", super().txAP, args, kwargs)

    def _look(self, kind: str, make: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        # Colours and sizes print the same whenever they are equal and of the same class (an
        # RGB and a CMYK colour may be equal, and print differently): that is the key.
        try:
            key = (kind, *((type(value), value) for value in args),
                   *sorted((name, type(value), value) for name, value in kwargs.items()))
            look = self._looks.get(key)
        except TypeError:  # a value that cannot be a key (a list): made each time
            return make(*args, **kwargs)
        if look is None:
            look = self._looks[key] = make(*args, **kwargs)
        return look


def shared_looks(canvas: Any) -> SharedLooks:
    """The canvas's form, made on first use (as ReportLab's ``canvas.acroForm`` does)."""
    form = getattr(canvas, "AcroForm", None)
    if form is None:
        form = canvas._doc._catalog.AcroForm = canvas.AcroForm = SharedLooks(canvas)
    return form
