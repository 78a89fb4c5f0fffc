"""Writing a file whole or not at all: a temporary file in the same folder, then a rename.

Reports (`--output`, `--report`) and the user cache both need it, so that a reader never sees half
a file and a failed write leaves the old one in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_whole(path: str | os.PathLike[str], data: bytes, prefix: str, shared: bool = False) -> None:
    """Replace `path` with `data`, whole or not at all; OSError when that cannot be done.

    The file is private (0600, as `mkstemp` makes it) unless `shared`: then it gets the mode
    `open()` would give it under the umask, as a report for others to read should.
    """
    fd, temporary = tempfile.mkstemp(prefix=prefix, dir=Path(path).parent)
    try:
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
