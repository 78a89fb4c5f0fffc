"""The reference page of the bundled checklists' items (`docs/items.md`), and links into it.

Each item has a heading of its own (`### PIPL-CONTACT`), so `docs/items.md#pipl-contact` is a
stable anchor: SARIF rules point at it as their `helpUri`. `python -m privcheck.itemdocs` prints
the page; `docs/items.md` is that output, committed, and a test checks they agree.
"""

from __future__ import annotations

import os

from privcheck import __version__
from privcheck.checklist import bundled_ids, load_checklist

# Where docs/items.md is published. PRIVCHECK_DOCS_URL overrides it (the GitHub Action sets it to
# the action's own repository and version).
DOCS_URL = f"https://github.com/privcheck/privcheck/blob/v{__version__}/docs/items.md"


def docs_url() -> str:
    return os.environ.get("PRIVCHECK_DOCS_URL") or DOCS_URL


def anchor(item_id: str) -> str:
    """The anchor GitHub gives the heading `### ITEM-ID`."""
    return item_id.lower()


def help_uri(item_id: str, base: str | None = None) -> str:
    return f"{base or docs_url()}#{anchor(item_id)}"


def items_page() -> str:
    """docs/items.md: every item of every bundled checklist, with its reference and model clause."""
    lines = ["# The items of the bundled checklists", "",
             "Generated from the checklists by `python -m privcheck.itemdocs > docs/items.md`; each item",
             "has a heading of its own, the anchor SARIF rules link to (`helpUri`). `privcheck explain ID`",
             "shows the same and more (what the check looks for, examples) in the terminal.", ""]
    for reference in bundled_ids():
        checklist = load_checklist(reference)
        lines += [f"## {checklist.title} (`{checklist.id}` {checklist.version})", ""]
        for item in checklist.items:
            spec = item.spec
            severity = spec.severity.value + (" (applies only when the policy raises the topic)" if item.is_conditional else "")
            lines += [f"### {spec.id}", "", f"**{spec.title}**", "",
                      f"- Severity: {severity}", f"- Legal reference: {spec.reference}"]
            if spec.threshold:
                lines.append(f"- Threshold: {' '.join(spec.threshold.split())}")
            lines.append("")
            if spec.description:
                lines += [" ".join(spec.description.split()), ""]
            for language, name in (("en", "Model clause"), ("zh", "Model clause (Chinese)")):
                text = getattr(spec.remediation, language)
                if text:
                    clause = " ".join(text.split()) if language == "en" else "".join(t.strip() for t in text.splitlines())
                    lines += [f"{name}:", "", f"> {clause}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(items_page())
