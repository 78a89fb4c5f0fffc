"""Prove that two versions of privcheck give the same results: statuses and evidence, item by item.

    python bench/compare_reports.py snapshot before.jsonl --privcheck "OLD-PRIVCHECK-COMMAND"
    python bench/compare_reports.py snapshot after.jsonl
    python bench/compare_reports.py compare before.jsonl after.jsonl

`snapshot` runs `privcheck check --format json` over the policies in samples/ (with both bundled
checklists) and over each folder of ../shared/corpus/dev (with that folder's checklist, when
../shared is there) and writes one line per document, checklist and item: `severity`, `status`,
`found`, `message`, `triggered`, `elements_found`, `elements_missing` and the evidence (line, column,
end line, end column, excerpt). It reads any schema version of the JSON report, as these fields are
under `documents[].checklists[].items[]` in all of them. `compare` prints how many results were
compared and every one that differs, and exits 1 if any does (or if a result is in only one file).

The command runs in the project folder, so an older version kept in another folder is best run as
`env PYTHONPATH=OLD_FOLDER python -P -m privcheck` (`-P`: not this folder's code first).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
FIELDS = ("severity", "status", "found", "message", "triggered", "elements_found", "elements_missing")
EVIDENCE = ("line", "column", "end_line", "end_column", "text")


def default_command() -> str:
    candidate = Path(sys.executable).parent / "privcheck"
    return str(candidate) if candidate.exists() else "privcheck"


def runs() -> list[tuple[str, list[str], list[Path]]]:
    """(label, checklists, policy files) for every batch the snapshot covers."""
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx"))
    out = [("samples", ["pipl", "gdpr"], samples)]
    if DEV.is_dir():
        for folder in sorted(p for p in DEV.iterdir() if p.is_dir()):
            labels = folder / "labels.jsonl"
            if not labels.exists():
                continue
            with labels.open(encoding="utf-8") as handle:
                checklist = json.loads(handle.readline())["checklist"]
            out.append((folder.name, [checklist], sorted((folder / "docs").glob("*.txt"))))
    else:
        print(f"note: {DEV} is absent; only samples/ is covered", file=sys.stderr)
    return out


def snapshot(target: str, command: str) -> None:
    count = 0
    with open(target, "w", encoding="utf-8") as out:
        for label, checklists, paths in runs():
            for start in range(0, len(paths), 50):
                chunk = [str(p) for p in paths[start:start + 50]]
                arguments = [*shlex.split(command), "check", "--format", "json", "--exit-zero", "--isolated"]
                for checklist in checklists:
                    arguments += ["--checklist", checklist]
                done = subprocess.run([*arguments, *chunk], capture_output=True, text=True, cwd=ROOT)
                if done.returncode != 0:
                    sys.exit(f"{label}: privcheck exited {done.returncode}: {done.stderr.strip()[-500:]}")
                for document in json.loads(done.stdout)["documents"]:
                    path = os.path.relpath(document["path"], ROOT)
                    for checklist in document["checklists"]:
                        for item in checklist["items"]:
                            record = {"batch": label, "path": path, "checklist": checklist["id"], "id": item["id"]}
                            record.update({key: item.get(key) for key in FIELDS})
                            record["evidence"] = [{key: e.get(key) for key in EVIDENCE} for e in item["evidence"]]
                            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                            count += 1
    print(f"{target}: {count} item results", file=sys.stderr)


def load(path: str) -> dict[tuple[str, str, str], dict]:
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out[(record["path"], record["checklist"], record["id"])] = record
    return out


def compare(before_path: str, after_path: str) -> int:
    before, after = load(before_path), load(after_path)
    only = sorted(set(before) ^ set(after))
    differ = [key for key in sorted(set(before) & set(after)) if before[key] != after[key]]
    for key in only:
        print(f"only in {'before' if key in before else 'after'}: {' '.join(key)}")
    for key in differ:
        changed = [k for k in before[key] if before[key][k] != after[key].get(k)]
        print(f"differs: {' '.join(key)}: {', '.join(changed)}")
    documents = len({key[0] for key in before})
    statuses = sum(1 for key in before if key in after and before[key]["status"] == after[key]["status"])
    evidence = sum(len(r["evidence"]) for r in before.values())
    print(f"compared {len(before)} item results ({documents} documents, {evidence} evidence passages): "
          f"{statuses} same status, {len(differ)} differ in any field, {len(only)} in one file only")
    return 1 if differ or only else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    take = sub.add_parser("snapshot", help="run privcheck and record every item result")
    take.add_argument("output")
    take.add_argument("--privcheck", default=default_command(), help="the privcheck command to run")
    check = sub.add_parser("compare", help="compare two snapshots; exit 1 if they differ")
    check.add_argument("before")
    check.add_argument("after")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.output, args.privcheck)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
