"""Text that goes into a spreadsheet stays text (OWASP's CSV injection advice)."""

from __future__ import annotations

from typing import Final

__all__ = ["FORMULA_STARTS", "spreadsheet_text", "starts_like_a_formula"]

#: What Excel, LibreOffice and Google Sheets read as the start of a formula.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def starts_like_a_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def spreadsheet_text(text: str) -> str:
    """``text`` for a CSV cell: a leading apostrophe when it would start a formula, so
    that a task titled ``=HYPERLINK(...)`` is shown, not run, when an official opens
    the file. Apply it to text from people, never to numbers (``-3`` is a number).

    >>> spreadsheet_text('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> spreadsheet_text("Thẩm định")
    'Thẩm định'
    """
    return "'" + text if starts_like_a_formula(text) else text
