"""Run privcheck in a subprocess under a memory ceiling (for the bomb tests)."""

from __future__ import annotations

import subprocess
import sys

_PRELUDE = (
    "import resource, sys\n"
    "limit = int(sys.argv[1]) * 1024 * 1024\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "sys.argv = ['privcheck', *sys.argv[2:]]\n"
    "from privcheck.cli import main\n"
    "main()\n"
)


def run_limited(*args: str, memory_mb: int = 512, timeout: float = 120, cwd: str | None = None
                ) -> subprocess.CompletedProcess[str]:
    """`privcheck ARGS` with its address space capped at `memory_mb`; raises on a time-out.

    A run that needs more memory than the ceiling fails with MemoryError (a traceback, exit 1),
    which the callers' assertions on exit code 2 and the message then catch.
    """
    return subprocess.run(
        [sys.executable, "-c", _PRELUDE, str(memory_mb), *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd,
    )
