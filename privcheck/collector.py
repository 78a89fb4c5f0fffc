"""Pausing Python's cycle collector while privcheck makes many objects and no garbage cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause Python's cycle collector for the block.

    A check makes hundreds of thousands of short-lived objects (matches, spans, hits), and
    compiling a checklist as many (YAML nodes, validated models, parsed patterns), with no
    reference cycles to free; the collector would walk the whole heap again and again for nothing
    (about a tenth of the time on a large policy, and of loading the bundled checklists from their
    YAML). Whatever it would have found is collected afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
