"""Help text for the fields that do not carry their own ``description=``, by model and key.

``handouts schema`` puts a description on every field so that an editor shows help on
hover; a field added without one fails tests/test_schema.py until it has one here or in
its model.
"""

from __future__ import annotations

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "SeriesConfig": {
        "title": "The series' title, on every document",
        "subtitle": "A line under the series' title",
        "organization": "Who gives the training: the author of every PDF, and the footer",
        "facilitator": "The facilitator's name ({{ facilitator }} in text)",
        "date": "The date text shows as {{ date }} (YYYY-MM-DD); today by default",
        "language": "The documents' language, a BCP 47 code such as en-US or es",
        "paper": "letter or a4",
        "modules": "The module ids in teaching order (files in content/modules/);"
                   " by default every module, by number",
        "variables": "Your own variables: name: text, written {{ name }} in any text",
        "brand": "The district's look: name, logo, colours and a footer line",
        "sessions": "When the series is taught: dates, start times, modules and breaks",
        "languages": "Every language edition, the default first (en-US, es...)",
        "certificates": "Certificates of completion: who signs them, and which way up",
    },
    "CertificateSettings": {
        "signer": "The name printed under the signature line (the facilitator by default)",
        "signer-title": "The signer's title, under the name",
        "orientation": "landscape or portrait",
    },
    "Brand": {
        "name": "The name printed in headers (the organization by default)",
        "logo": "A PNG, JPG or SVG file, relative to handouts.yaml",
        "logo-alt": "The logo's alt text in web pages",
        "primary": "The main colour, #RRGGBB",
        "accent": "The second colour, #RRGGBB",
        "footer": "A line in every footer (address, phone, e-mail)",
    },
    "Session": {
        "title": "The session's name, such as Session 1: Who We Serve",
        "date": "The day, YYYY-MM-DD",
        "modules": "The module ids taught, in order",
        "breaks": "Pauses after modules: {after: module id, minutes, title}",
        "location": "Where the session is held (a room, a school): the calendar event's location",
    },
    "Break": {
        "after": "The module the break follows",
        "minutes": "How long the break is",
        "title": "What the agenda calls it (by default Break, in the series' language)",
    },
    "Module": {
        "number": "The module's number, as in Module 4",
        "title": "The module's title",
        "goals": "What participants will be able to do: one line each",
        "materials": "What to bring: handout ids, or anything else ({item, quantity, per,"
                     " optional, only})",
        "script": "Suggested words to say, before the activities: text or {title, minutes,"
                  " text}",
        "activities": "The timed segments, in order: {title, minutes, steps, ...}",
        "conclusion": "The last segment: {title, minutes, steps}",
        "handouts": "Handouts written inside this module file, each with an id:",
    },
    "Segment": {
        "title": "The segment's title (Activity N: title in the guide)",
        "grouping": "How participants work: individually, in pairs, table groups...",
        "steps": "What the facilitator does, in order: text, or a step's keys",
    },
    "Script": {
        "title": "The script's heading",
        "minutes": "Minutes the script takes (0: not in the agenda)",
        "text": "The words, paragraphs separated by blank lines",
    },
    "Material": {
        "item": "A handout id, or the thing to bring",
        "quantity": "How many",
        "per": "participant, table or session",
    },
    "Handout": {
        "kind": "worksheet, form or reading",
        "title": "The handout's title",
        "subtitle": "A line under the title",
        "fields": "Name, date and other fields at the top, each a line and a form field",
        "instructions": "What to do, in a shaded box under the title",
        "blocks": "The handout's content, top to bottom: one kind of block each",
        "id": "The handout's id, for distribute: and materials:",
    },
    "Block": {
        "text": "Paragraphs (inline markup and {{ blank }} allowed)",
        "chart": "A grid to fill in: {title, columns, rows or row-labels}",
        "questions": "Numbered questions with writing lines, or with options to choose",
        "lines": "Writing lines: a count, or {prompt, count}",
        "checklist": "Items with a box to tick: a list, or {title, items}",
        "scale": "Statements rated on a scale: {title, points, labels, statements}",
        "tips": "Bold leads and a sentence each: [{lead, text}]",
        "references": "Sources, one per item",
        "page-break": "Start a new page here",
    },
    "Chart": {
        "title": "A heading above the chart",
        "rows": "How many blank rows",
        "row-labels": "Labels for the rows' first cells, instead of blank rows",
        "row-height": "Each row's height in inches (0: the theme's)",
    },
    "Checklist": {"title": "A heading above the items", "items": "The items, each with a box"},
    "Lines": {"prompt": "A line above the writing lines", "count": "How many lines"},
    "Scale": {"title": "A heading above the scale", "statements": "The statements to rate"},
    "Question": {"text": "The question (inline markup and {{ blank }} allowed)",
                 "note": "A note for the facilitator's copy only"},
    "Tip": {"lead": "The bold lead", "text": "The sentence after it"},
    "HeadingBlock": {"text": "The heading's words"},
    "ListItem": {"text": "The item's words (inline markup allowed)"},
    "BulletList": {"items": "The items, each text or {text, list}"},
}
