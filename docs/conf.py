"""Sphinx configuration for the urbangov documentation.

Build the pages:   .venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html
Run the examples:  .venv/bin/sphinx-build -W --keep-going -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

DOCS = Path(__file__).resolve().parent

project = "urbangov"
author = "The urbangov developers"
copyright = "2026, The urbangov developers"
release = importlib.metadata.version("urbangov")
version = release
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]

# -- MyST ------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- HTML ------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"urbangov {release}"

# -- autodoc -----------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- doctest -----------------------------------------------------------------------------
# Every ``{doctest}`` block, and every ``>>>`` example in the docstrings that api.md pulls
# in, runs under ``-b doctest``. Each page imports what it uses (api.md in a testsetup
# block); this setup only says where the example files are.
doctest_global_setup = f"""
from pathlib import Path

DOCS = Path({str(DOCS)!r})
EXAMPLES = DOCS / "examples"
ROOT = DOCS.parent
"""
