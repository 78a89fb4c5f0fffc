"""Fingerprints and baselines: fail only on what is new since a recorded run.

A fingerprint identifies a finding by what it is, not where it is: the checklist ID, the item ID,
the status and the policy's repository-relative path. Line numbers are left out, so an edit above
a passage does not make an old finding look new.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from privcheck.errors import PrivcheckError
from privcheck.paths import normalised_path
from privcheck.results import Report

BASELINE_VERSION = 1


def fingerprint(path: str, checklist_id: str, item_id: str, status: str | None = None) -> str:
    """A stable hash of a finding; `status=None` identifies the item whatever its status."""
    parts = [normalised_path(path), checklist_id, item_id.upper()]
    if status is not None:
        parts.append(status)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Baseline:
    """The fingerprints of the results recorded in a baseline file."""

    path: str
    fingerprints: frozenset[str]

    def __contains__(self, value: str) -> bool:
        return value in self.fingerprints


def baseline_json(report: Report) -> str:
    """The baseline file for a report: every item's result with its fingerprint, sorted."""
    entries: list[dict[str, Any]] = []
    for document in report.documents:
        for checklist in document.checklists:
            for item in checklist.items:
                entries.append({
                    "fingerprint": fingerprint(document.path, checklist.id, item.id, item.status.value),
                    "path": normalised_path(document.path), "checklist": checklist.id,
                    "item": item.id, "status": item.status.value,
                })
    entries.sort(key=lambda e: (e["path"], e["checklist"], e["item"]))
    content = {"privcheck_baseline": BASELINE_VERSION, "tool_version": report.tool_version, "results": entries}
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str) -> Baseline:
    """Read a file written by `--write-baseline`; any problem is a PrivcheckError naming the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            content = json.load(handle)
    except FileNotFoundError:
        raise PrivcheckError(f"{path}: no such baseline file (create one with --write-baseline {path})") from None
    except OSError as exc:
        raise PrivcheckError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PrivcheckError(f"{path}: not a privcheck baseline (invalid JSON: {exc})") from None
    if not isinstance(content, dict) or content.get("privcheck_baseline") != BASELINE_VERSION:
        raise PrivcheckError(f"{path}: not a privcheck baseline (expected the file written by --write-baseline)")
    results = content.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in results):
        raise PrivcheckError(f"{path}: not a privcheck baseline ('results' must be a list of entries with a fingerprint)")
    return Baseline(path, frozenset(r["fingerprint"] for r in results))
