"""Draft fixes as Markdown (`privcheck fix-draft`): one section per item, the clause ready to paste."""

from __future__ import annotations

from privcheck.drafts import Draft
from privcheck.results import DocumentResult

_STATUS = {"fail": "missing", "partial": "incomplete"}


def render_drafts_markdown(documents: list[tuple[DocumentResult, list[Draft]]]) -> str:
    lines: list[str] = []
    for document, drafts in documents:
        lines.append(f"# Draft clauses for {document.path}")
        lines.append("")
        if not drafts:
            lines.append("No failed or partial item: nothing to draft.")
            lines.append("")
            continue
        lines.append(f"{len(drafts)} clause(s) for the items the policy misses or only partly covers. "
                     "Replace every remaining [bracketed] placeholder before publishing.")
        lines.append("")
        for draft in drafts:
            lines.append(f"## {draft.item_id}: {draft.title}")
            lines.append("")
            lines.append(f"*{_STATUS.get(draft.status.value, draft.status.value)}; {draft.reference}*")
            lines.append("")
            lines.extend("> " + line if line else ">" for line in draft.text.splitlines() or [""])
            lines.append("")
            if draft.filled:
                lines.append("Filled in from the policy: " + "; ".join(f"{k} → {v}" for k, v in draft.filled.items()))
                lines.append("")
            if draft.placeholders:
                lines.append("To fill: " + ", ".join(draft.placeholders))
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
