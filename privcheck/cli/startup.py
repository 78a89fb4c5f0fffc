"""Start-up of the command line without the garbage collector's repeated walks.

Start-up (imports, Typer, the command's parameters, compiled checklists) creates a great many
objects that live as long as the process. The cyclic garbage collector, run every few hundred
allocations, walks them again and again while they are made: about a tenth of a short check.
`main()` pauses it before anything is imported and every command resumes it as it starts (in
`privcheck.cli.common.guarded`), freezing what start-up made out of later collections. A command's
own start-up, the checking machinery it imports and the checklists it loads, is done `loading()`:
paused and frozen the same way. Code that embeds the application (tests, `from privcheck.cli
import app`) never pauses it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from privcheck import collector

_paused = False
_started = False  # main() paused collection at start-up


def pause_gc() -> None:
    global _paused, _started
    if gc.isenabled():
        gc.disable()
        _paused = _started = True


def resume_gc() -> None:
    """Turn collection back on if `pause_gc` turned it off; what exists now is frozen."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """For a command's own start-up under `main()`: collection paused for the block, and what the
    block made (modules, compiled checklists, which live as long as the process) frozen after."""
    if not _started or not gc.isenabled():
        yield
        return
    with collector.paused():
        yield
    gc.freeze()
