"""Policies and helpers shared by the CI-gating tests (our own sentences, not from any corpus)."""

from __future__ import annotations

import json
import pathlib

DATA = pathlib.Path(__file__).resolve().parent / "data"
HOUSE = str(DATA / "ci-checklist.yaml")

GOOD = (
    "# Lantern Books privacy notice\n"
    "\n"
    "Email our privacy desk at privacy@lanternbooks.cn.\n"
    "We answer every request within 15 working days.\n"
    "We use cookies to keep you signed in.\n"
)
SLOW = GOOD.replace("within 15 working days", "within 30 days")  # HOUSE-REPLY partial
NO_EMAIL = GOOD.replace(" at privacy@lanternbooks.cn", " through the help centre")  # HOUSE-CONTACT fail
NO_COOKIES = GOOD.replace("We use cookies to keep you signed in.\n", "")  # HOUSE-COOKIES (recommended) fail
ABROAD = GOOD + "Some of your data is stored overseas.\n"  # HOUSE-ABROAD triggered and failing


def statuses(report_json: str) -> dict[str, str]:
    report = json.loads(report_json)
    return {i["id"]: i["status"] for d in report["documents"] for c in d["checklists"] for i in c["items"]}
