"""The regular expressions of the bundled checklists: how many, how long, how many look-arounds.

    python bench/regex_sizes.py            # a table per checklist
    python bench/regex_sizes.py --json     # the same figures as JSON

Every `regex` matcher of every item (in `trigger`, `pass_if`, `topic`, `match` and `elements`) is
counted, with its item ID and its length in characters. A look-around is `(?=`, `(?!`, `(?<=` or
`(?<!`. Long patterns with many look-arounds are hard to read and to review; phrases, vocabularies,
`near` (with `ordered` and `unless`) and the typed matchers say the same more plainly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from privcheck.checklist.yamlsource import load_yaml

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 300
_LOOK_AROUND = re.compile(r"\(\?<?[=!]")


def patterns(node: Any, item: str = "") -> list[tuple[str, str]]:
    """(item ID, pattern) for every `regex` matcher under `node`."""
    found: list[tuple[str, str]] = []
    if isinstance(node, list):
        for value in node:
            found += patterns(value, item)
    elif isinstance(node, dict):
        item = str(node.get("id", item)) if "severity" in node else item
        for key, value in node.items():
            if key == "regex":
                pattern = value.get("pattern") if isinstance(value, dict) else value
                if isinstance(pattern, str):
                    found.append((item, pattern))
            elif key not in ("examples", "remediation", "messages"):
                found += patterns(value, item)
    return found


def figures(path: Path) -> dict[str, Any]:
    found = patterns(load_yaml(path.read_text(encoding="utf-8"), str(path)).get("items", []))
    sizes = [len(p) for _, p in found]
    return {
        "checklist": path.stem,
        "regexes": len(found),
        "max": max(sizes, default=0),
        "total": sum(sizes),
        f"over_{LIMIT}": [{"item": item, "size": len(p)} for item, p in found if len(p) > LIMIT],
        "with_look_arounds": sum(1 for _, p in found if _LOOK_AROUND.search(p)),
        "look_arounds": sum(len(_LOOK_AROUND.findall(p)) for _, p in found),
        "largest": sorted(({"item": item, "size": len(p)} for item, p in found), key=lambda r: -r["size"])[:8],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("checklists", nargs="*", help="checklist files (default: the bundled ones)")
    args = parser.parse_args()
    paths = [Path(p) for p in args.checklists] or sorted((ROOT / "checklists").glob("*.yaml"))
    result = [figures(path) for path in paths]
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return
    for r in result:
        over = ", ".join(f"{o['item']} ({o['size']})" for o in r[f"over_{LIMIT}"]) or "none"
        largest = ", ".join(f"{o['item']} ({o['size']})" for o in r["largest"])
        print(f"{r['checklist']}: {r['regexes']} regexes, {r['total']} characters, longest {r['max']}; "
              f"over {LIMIT}: {over}; {r['with_look_arounds']} with look-arounds ({r['look_arounds']} in all)")
        print(f"  largest: {largest}")


if __name__ == "__main__":
    main()
