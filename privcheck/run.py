"""One pipeline for every command: configuration, checklists, checks, suppressions and gates.

`check`, `scan`, `diff` and `fix-draft` all go through here, so a suppression, a configuration
file and a gate give the same outcome whichever command reports the items:

    from privcheck.run import Settings, check_paths

    run = check_paths(["docs/privacy.md"], Settings(checklists=("gdpr",)))
    for document in run.report.documents:
        ...
    if not run.outcome.passed:
        ...

`Settings` holds what a command line gives (every field optional); the configuration in force
(`.privcheck.yaml` or `[tool.privcheck]` discovered from the working directory, `config_file`, or
none with `isolated`) fills what the settings leave open. `Pipeline` is the prepared run: the
configuration, the compiled checklists, the gates and the suppressions, ready to check documents
one at a time (`check`, `check_path`) or a list of paths (`check_paths`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privcheck import __version__
from privcheck.baseline import read_baseline
from privcheck.config import Config, discover, load_config
from privcheck.document.loaders import DEFAULT_MAX_SIZE
from privcheck.errors import ConfigError, DocumentError, PrivcheckError
from privcheck.gates import FailOn, FailUnder, GateOutcome, Gates, evaluate
from privcheck.results import DocumentResult, Report, UnusedSuppression
from privcheck.suppressions import Suppression, apply_suppressions, inline_suppressions, unused

if TYPE_CHECKING:  # the checking machinery is imported when a check runs
    from privcheck.checklist.model import Checklist
    from privcheck.document.model import Document


@dataclass(frozen=True)
class Settings:
    """What the command line (or a caller) chose; None and empty values defer to the configuration."""

    checklists: tuple[str, ...] = ()  # bundled IDs or YAML files; default: the configuration's, else all bundled
    config_file: str | None = None  # this configuration instead of the discovered one
    isolated: bool = False  # ignore every configuration file
    suppressions: bool = True  # False: ignore every suppression, in the configuration and in the policies
    fail_on: str | None = None  # STATUS[:SEVERITY] or none; default: the configuration's, else fail:required
    fail_under: str | None = None  # a score or grade; default: the configuration's
    baseline: str | None = None  # a baseline file; default: the configuration's
    config_baseline: bool = True  # False: leave the configuration's baseline out (a run that records one)
    encoding: str | None = None
    input_format: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    include: tuple[str, ...] = ()  # globs for files in directories
    exclude: tuple[str, ...] = ()
    regex_timeout: float = 2.0
    use_cache: bool | None = None  # None: the compiled-checklist cache unless PRIVCHECK_NO_CACHE is set

    def __post_init__(self) -> None:
        for name in ("checklists", "include", "exclude"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))


def find_config(config_file: str | None = None, isolated: bool = False) -> Config | None:
    """The configuration in force: `config_file`, else discovered, none when `isolated`."""
    if config_file and isolated:
        raise ConfigError("--config and --isolated cannot be used together (--isolated ignores every configuration file)")
    if isolated:
        return None
    if config_file:
        return load_config(config_file)
    found = discover()
    return load_config(found) if found else None


def checklist_references(settings: Settings, config: Config | None) -> list[str]:
    """The checklists to run: the settings', else the configuration's, else every bundled one."""
    from privcheck.checklist import bundled_ids

    return list(settings.checklists) or (config.checklists() if config else []) or bundled_ids()


def gates_for(settings: Settings, config: Config | None) -> Gates:
    """The gates: each setting given wins over the configuration's."""
    spec = config.spec if config else None
    baseline = None
    if settings.baseline:
        baseline = read_baseline(settings.baseline)
    elif config and spec and spec.baseline and settings.config_baseline:
        baseline = read_baseline(config.resolve(spec.baseline))
    fail_under = settings.fail_under or (spec.fail_under if spec and spec.fail_under else None)
    return Gates(
        fail_on=FailOn.parse(settings.fail_on or (spec.fail_on if spec else None) or "fail:required"),
        fail_under=FailUnder.parse(fail_under) if fail_under else None,
        baseline=baseline,
    )


def read_source(path: str) -> bytes | None:
    """The policy file's bytes (already read once by the loader), for inline suppressions."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


class SuppressionSet:
    """The configuration's suppressions plus the inline ones of each policy, applied as documents
    are checked; remembers which were used, for the unused-suppression warnings."""

    def __init__(self, config: Config | None = None, enabled: bool = True,
                 from_config: list[Suppression] | None = None) -> None:
        self.enabled = enabled
        if from_config is None:
            from_config = config.suppressions() if config and enabled else []
        self.from_config: list[Suppression] = from_config if enabled else []
        self.inline: list[Suppression] = []

    def apply(self, document: Document, result: DocumentResult, checklists: list[Checklist],
              data: bytes | None = None) -> None:
        """Apply suppressions to one result; `data` is the policy file's bytes, for inline comments."""
        if not self.enabled:
            return
        from privcheck.document.decoding import decode_bytes

        source = None
        if data is not None:
            source = decode_bytes(data, document.path, document.encoding)[0] if document.encoding else None
        own = inline_suppressions(document, source)
        self.inline.extend(own)
        apply_suppressions(result, own + self.from_config, checklists)

    def unused(self) -> list[UnusedSuppression]:
        return unused(self.from_config + self.inline)


@dataclass
class Run:
    """What `check_paths` gives: the report, the gates' verdict and what could not be checked."""

    report: Report
    outcome: GateOutcome
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): files of a folder left out
    unreadable: list[str] = field(default_factory=list)  # one message per policy that could not be read


class Pipeline:
    """A prepared run: configuration, gates, compiled checklists and suppressions.

    Problems are raised as they are met, in this order: the configuration, the gates (and the
    baseline file), the checklists, the input format.
    """

    def __init__(self, settings: Settings | None = None, config: Config | None | bool = True) -> None:
        """`config`: the configuration already found by the caller, or True to find it from the settings."""
        from privcheck.checklist import load_checklist
        from privcheck.document import LoadOptions
        from privcheck.document.loaders import LOADERS

        self.settings = settings = settings or Settings()
        self.config: Config | None = find_config(settings.config_file, settings.isolated) if config is True \
            else (config or None)
        self.gates = gates_for(settings, self.config)
        self.references = checklist_references(settings, self.config)
        self.checklists: list[Checklist] = [
            load_checklist(reference, regex_timeout=settings.regex_timeout, use_cache=settings.use_cache)
            for reference in self.references
        ]
        if settings.input_format is not None and settings.input_format not in LOADERS:
            raise PrivcheckError(f"--input-format: unknown format {settings.input_format!r} (known: {', '.join(LOADERS)})")
        self.load_options = LoadOptions(encoding=settings.encoding, input_format=settings.input_format,
                                        max_size=settings.max_size)
        self.suppressions = SuppressionSet(self.config, enabled=settings.suppressions)

    def check(self, document: Document, data: bytes | None = None) -> DocumentResult:
        """Check one loaded document and apply the suppressions; `data` is its file's bytes."""
        from privcheck.engine import check_document

        result = check_document(document, self.checklists)
        self.suppressions.apply(document, result, self.checklists, data)
        return result

    def load(self, path: str) -> tuple[Document, bytes | None]:
        """Load one policy file ('-': standard input) and its bytes; DocumentError if unreadable."""
        from privcheck.document import load_bytes, load_document

        if path == "-":
            data = sys.stdin.buffer.read(self.load_options.max_size + 1)
            return load_bytes(data, "<stdin>", self.load_options), data
        document = load_document(path, self.load_options)
        return document, read_source(path) if self.suppressions.enabled else None

    def load_bytes(self, data: bytes, name: str) -> Document:
        """Load a policy from its bytes (a file as committed at a git revision, say)."""
        from privcheck.document import load_bytes

        return load_bytes(data, name, self.load_options)

    def check_path(self, path: str) -> DocumentResult:
        """Load and check one policy file."""
        document, data = self.load(path)
        return self.check(document, data)

    def check_paths(self, paths: list[str], on_skip: Callable[[str, str], None] | None = None) -> Run:
        """Check files and folders (searched with the settings' include and exclude globs).

        A policy that cannot be read is an error (DocumentError) when it is the only input; among
        several, it is recorded in `Run.unreadable` and the others are checked. Files of a folder
        that are not checked go into `Run.skipped`, and to `on_skip(path, reason)` as they are
        found (before any document is checked).
        """
        from privcheck.document.inputs import expand_inputs

        skipped: list[tuple[str, str]] = []
        inputs = []
        for entry in expand_inputs(paths, self.settings.include, self.settings.exclude):
            if entry.skipped is not None:
                skipped.append((entry.path or "", entry.skipped))
                if on_skip is not None:
                    on_skip(entry.path or "", entry.skipped)
            else:
                inputs.append(entry)
        documents = []
        unreadable = []
        for entry in inputs:
            try:
                if entry.error is not None:
                    raise entry.error
                documents.append(self.check_path(entry.path or ""))
            except DocumentError as exc:
                if len(inputs) == 1:
                    raise
                unreadable.append(str(exc))
        report = self.report(documents)
        return Run(report, self.evaluate(report), skipped, unreadable)

    def report(self, documents: list[DocumentResult]) -> Report:
        return Report(tool_version=__version__, documents=documents, unused_suppressions=self.suppressions.unused())

    def evaluate(self, report: Report) -> GateOutcome:
        return evaluate(report, self.gates)

    def item_ids(self) -> list[str]:
        return [item.id for checklist in self.checklists for item in checklist.items]


def check_paths(paths: list[str], settings: Settings | None = None) -> Run:
    """Check policy files and folders with `settings` (and the configuration in force)."""
    return Pipeline(settings).check_paths(paths)
