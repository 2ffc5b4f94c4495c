"""The accessible name of every form field of a web page, as a screen reader announces it.

WeasyPrint names a PDF field after the first ``<label>`` it finds and knows neither
``aria-label``, ``aria-labelledby`` nor a fieldset's legend; for a radio group it takes
the first button's label, with the spaces of a wrapped label lost. The names here follow
the web page instead (WAI-ARIA's order: labelledby, label, wrapping label, title), and a
radio group is named by its question: the legend of its fieldset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html as lxml_html


@dataclass
class FieldNames:
    """What a page's fields are called: each field, and each radio button or box by its value."""

    fields: dict[str, str] = field(default_factory=dict)  # field name -> accessible name
    options: dict[tuple[str, str], str] = field(default_factory=dict)  # (group, value) -> label


def field_names(page: bytes) -> FieldNames:
    """The accessible names of the fields of the web page ``page``."""
    root = lxml_html.document_fromstring(page)
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    for_labels = {label.get("for"): label for label in root.iter("label") if label.get("for")}
    names = FieldNames()
    for control in root.iter("input", "textarea", "select"):
        name = control.get("name")
        kind = (control.get("type") or "text").lower()
        if not name or kind in ("button", "submit", "reset", "hidden"):
            continue
        own = _own_name(control, by_id, for_labels)
        legend = _legend(control)
        if kind == "radio":
            names.fields.setdefault(name, legend or own)
            names.options[(name, control.get("value") or "on")] = own
        elif kind == "checkbox" and legend:
            names.fields[name] = f"{legend}: {own}"  # one box of a choose-any-of question
        else:
            names.fields[name] = own or legend
    return names


def _own_name(control: lxml_html.HtmlElement, by_id: dict[str, lxml_html.HtmlElement],
              for_labels: dict[str, lxml_html.HtmlElement]) -> str:
    """The control's own name: aria-labelledby, aria-label, its label, title, placeholder."""
    labelled_by = [by_id[ref] for ref in (control.get("aria-labelledby") or "").split()
                   if ref in by_id]
    if labelled_by:
        return " ".join(_text(element) for element in labelled_by)
    if control.get("aria-label"):
        return _squeeze(control.get("aria-label") or "")
    label = for_labels.get(control.get("id") or "")
    if label is None:
        label = next(control.iterancestors("label"), None)
    if label is not None:
        return _text(label)
    return _squeeze(control.get("title") or control.get("placeholder") or "")


def _legend(control: lxml_html.HtmlElement) -> str:
    fieldset = next(control.iterancestors("fieldset"), None)
    legend = fieldset.find("legend") if fieldset is not None else None
    return _text(legend) if legend is not None else ""


def _text(element: lxml_html.HtmlElement) -> str:
    return _squeeze(element.text_content())


def _squeeze(text: str) -> str:
    return " ".join(text.split())
