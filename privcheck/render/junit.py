"""`--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One test suite per document and checklist, one test case per item. A `fail` is a failure, a
`partial` a passed case with the gap in `system-out`, `not_applicable` and `suppressed` are
skipped (with the reason). Suite properties carry the score and grade.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from privcheck.drafts import LazyFacts, fix_text
from privcheck.paths import normalised_path, printable
from privcheck.render.base import Renderer
from privcheck.results import Report, Status


def _text(value: str) -> str:
    # XML 1.0 cannot hold most control characters; keep tabs and newlines.
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)


class JunitRenderer(Renderer):
    name = "junit"

    def render(self, report: Report) -> str:
        root = ET.Element("testsuites", name="privcheck")
        totals: dict[str, int] = {"tests": 0, "failures": 0, "skipped": 0}
        for document in report.documents:
            facts = LazyFacts(document)
            path = printable(normalised_path(document.path))  # XML 1.0 cannot hold control characters
            for checklist in document.checklists:
                counts = checklist.counts()
                suite = ET.SubElement(root, "testsuite", {
                    "name": f"{path} [{checklist.id}]", "tests": str(len(checklist.items)),
                    "failures": str(counts["fail"]), "errors": "0",
                    "skipped": str(counts["not_applicable"] + counts["suppressed"]),
                })
                properties = ET.SubElement(suite, "properties")
                for name, value in (("checklist", f"{checklist.id} {checklist.version}"), ("score", f"{checklist.score:g}"),
                                    ("grade", checklist.grade)):
                    ET.SubElement(properties, "property", name=name, value=value)
                for item in checklist.items:
                    case = ET.SubElement(suite, "testcase", {
                        "classname": f"{path}.{checklist.id}", "name": _text(f"{item.id}: {item.title}"), "file": path,
                        **({"line": str(item.evidence[0].line)} if item.evidence else {}),
                    })
                    detail = _text(f"{item.message}\nSeverity: {item.severity}\nLegal reference: {item.reference}")
                    fix = fix_text(item, document.language, facts)
                    if item.status is Status.FAIL:
                        failure = ET.SubElement(case, "failure", message=_text(item.message), type=item.severity)
                        failure.text = detail + (f"\nFix: {_text(fix.strip())}" if fix else "")
                    elif item.status is Status.NOT_APPLICABLE:
                        ET.SubElement(case, "skipped", message="not applicable: " + _text(item.message))
                    elif item.status is Status.SUPPRESSED:
                        ET.SubElement(case, "skipped", message="suppressed: " + _text(item.suppression_reason or ""))
                    elif item.status is Status.PARTIAL:
                        ET.SubElement(case, "system-out").text = "partial: " + detail
                totals["tests"] += len(checklist.items)
                totals["failures"] += counts["fail"]
                totals["skipped"] += counts["not_applicable"] + counts["suppressed"]
        for key, total in totals.items():
            root.set(key, str(total))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
