"""`--format github`: GitHub Actions workflow commands, shown as annotations on the policy file.

`::error` for a failed required or triggered conditional item, `::warning` for a partial item or a
failed recommended one, `::notice` for a suppressed one; then one plain summary line per checklist.
Values are escaped as the runner expects (`%`, CR, LF; also `:` and `,` in properties); any other
control character is written as `%XX` too, which the runner shows as is, so a file name holding a
newline or an escape sequence can never start a workflow command of its own.
"""

from __future__ import annotations

from privcheck.drafts import LazyFacts, fix_text
from privcheck.paths import normalised_path
from privcheck.render.base import Renderer
from privcheck.results import ItemResult, Report, Status


def escape_data(value: str) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if value.isprintable():
        return value
    return "".join(char if char.isprintable() else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
                   for char in value)


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(item: ItemResult) -> str | None:
    gating = item.severity in ("required", "conditional")
    if item.status is Status.FAIL:
        return "error" if gating else "warning"
    if item.status is Status.PARTIAL:
        return "warning" if gating else "notice"
    if item.status is Status.SUPPRESSED:
        return "notice"
    return None


class GithubRenderer(Renderer):
    name = "github"

    def render(self, report: Report) -> str:
        lines: list[str] = []
        for document in report.documents:
            facts = LazyFacts(document)
            path = normalised_path(document.path)
            for checklist in document.checklists:
                for item in checklist.items:
                    kind = command(item)
                    if kind is None:
                        continue
                    properties = {"file": path}
                    if item.evidence:
                        first = item.evidence[0]
                        properties.update(line=str(first.line), endLine=str(first.end_line), col=str(first.column))
                    else:
                        properties["line"] = "1"
                    properties["title"] = f"privcheck {item.id} ({item.severity}, {item.status.value})"
                    message = item.message
                    if item.status is Status.SUPPRESSED:
                        message = f"Suppressed: {item.suppression_reason}"
                    else:
                        fix = fix_text(item, document.language, facts)
                        message += f"\nLegal reference: {item.reference}"
                        if fix:
                            message += f"\nFix: {' '.join(fix.split())}"
                    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
                    lines.append(f"::{kind} {rendered}::{escape_data(message)}")
                counts = checklist.counts()
                lines.append(
                    f"{escape_data(path)}: {checklist.id} score {checklist.score:g}/100 grade {checklist.grade} "
                    f"(pass {counts['pass']}, partial {counts['partial']}, fail {counts['fail']}, "
                    f"n/a {counts['not_applicable']}, suppressed {counts['suppressed']})")
        return "\n".join(lines) + "\n"
