"""Inline markup, {{ variables }} and the bounded Jinja2 sandbox that fills them."""
