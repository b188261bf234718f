"""Generate a new urbangov plugin package from ``template/``.

    python generate.py NAME DIR

NAME is the plugin's short name (lowercase letters, digits, hyphens): the report format
it registers and the package ``urbangov-NAME`` with module ``urbangov_NAME``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "template"


def generate(name: str, target: Path) -> Path:
    """Write the plugin package for ``name`` into ``target`` (which must not exist)."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise SystemExit(f"error: plugin name {name!r}: use lowercase letters, digits, hyphens")
    if target.exists():
        raise SystemExit(f"error: {target} already exists")
    module = name.replace("-", "_")
    values = {"{{name}}": name, "{{module}}": module, "{{title}}": name.replace("-", " ").title()}
    for source in sorted(TEMPLATE.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = Path(
            *(part.replace("NAME", module) for part in source.relative_to(TEMPLATE).parts)
        )
        text = source.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(f"wrote {generate(sys.argv[1], Path(sys.argv[2]))}")


if __name__ == "__main__":
    main()
