"""The file formats of the documents and of the activity report, named where nothing heavy is imported.

The command line checks ``--formats`` against them before it imports the documents' module
(and with it the model and Jinja2).

>>> FORMATS, DEFAULT_FORMATS
(('md', 'html', 'csv', 'pdf', 'odt', 'docx'), ('md', 'html', 'csv'))
>>> set(REPORT_FORMATS) <= set(FORMATS)
True
"""

from __future__ import annotations

__all__ = ["DEFAULT_FORMATS", "FORMATS", "REPORT_FORMATS"]

#: What ``ptce build`` can write: Markdown, HTML, CSV (the registry), PDF, ODT, DOCX.
FORMATS = ("md", "html", "csv", "pdf", "odt", "docx")
#: What it writes unless told otherwise.
DEFAULT_FORMATS = ("md", "html", "csv")
#: What the activity report can be written as (no CSV: it has no one table).
REPORT_FORMATS = ("md", "html", "pdf", "odt", "docx")
