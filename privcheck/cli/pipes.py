"""A reader that closes standard output early (`privcheck matchers | head -1`): end quietly.

Kept apart from the other command-line helpers so that `privcheck --version` imports nothing more.
"""

from __future__ import annotations

import os
import sys

EXIT_BROKEN_PIPE = 128 + 13  # as a program ended by SIGPIPE: what a shell reports for `cmd | head`


def quiet_broken_pipe() -> None:
    """Stop without a word, with exit status 141.

    Standard output is pointed at /dev/null so that the flush at exit does not fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(EXIT_BROKEN_PIPE)
