"""Start-up of the command line without the garbage collector's repeated walks.

Start-up (imports, Typer, the command's parameters, compiled checklists) creates a great many
objects that live as long as the process. The cyclic garbage collector, run every few hundred
allocations, walks them again and again while they are made: about a tenth of a short check.
`main()` pauses it before anything is imported and every command resumes it as it starts (in
`privcheck.cli.common.guarded`), freezing what start-up made out of later collections. Code that
embeds the application (tests, `from privcheck.cli import app`) never pauses it.
"""

from __future__ import annotations

import gc

_paused = False


def pause_gc() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_gc() -> None:
    """Turn collection back on if `pause_gc` turned it off; what exists now is frozen."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
