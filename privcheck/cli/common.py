"""What the commands share: error handling, console set-up, writing output files whole."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from privcheck.cli.pipes import quiet_broken_pipe
from privcheck.cli.startup import resume_gc
from privcheck.errors import PrivcheckError
from privcheck.files import replace_whole

EXIT_OK = 0
EXIT_GATE = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


def display_path(path: str | None) -> str:
    """A path as printed on stderr or in the text report: control characters escaped."""
    from privcheck.paths import printable

    return printable(path or "")


def error(message: str) -> None:
    """One clear message on stderr, prefixed so it stands out in CI logs."""
    typer.echo(f"privcheck: error: {message}", err=True)


def stdout_console(**options: Any) -> Any:
    """A Rich console for standard output that ends quietly when the reader closes the pipe."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            quiet_broken_pipe()

    return _Console(**options)


def guarded(func: F) -> F:
    """Turn library errors into exit code 2 and a message, never a traceback.

    Set PRIVCHECK_DEBUG=1 to see the traceback of an unexpected error.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        resume_gc()  # start-up is over (see privcheck.cli.startup)
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except PrivcheckError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_ERROR) from None
        except BrokenPipeError:
            quiet_broken_pipe()
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # the contract forbids tracebacks (re-raised with PRIVCHECK_DEBUG)
            if os.environ.get("PRIVCHECK_DEBUG"):
                raise
            error(f"internal error: {type(exc).__name__}: {exc} (run with PRIVCHECK_DEBUG=1 for details)")
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def write_atomically(path: str, content: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    directory = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(directory):
        raise PrivcheckError(f"{path}: cannot write the output: folder {directory} does not exist")
    # Text as open(path, "w") writes it: UTF-8 with the platform's line ends.
    data = content if isinstance(content, bytes) else content.replace("\n", os.linesep).encode("utf-8")
    try:
        replace_whole(path, data, ".privcheck-", shared=True)
    except OSError as exc:
        raise PrivcheckError(f"{path}: cannot write the output: {exc.strerror or exc}") from None


def use_color(color: bool | None, stream: Any = None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def terminal_width() -> int | None:
    try:
        return os.get_terminal_size().columns if sys.stdout.isatty() else None
    except OSError:
        return None


def parse_size(text: str, option: str = "--max-size") -> int:
    """A size such as 20MB, 500k or 1048576 (bytes), for --max-size and --memory-limit."""
    units = {"k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3, "b": 1, "": 1}
    value = text.strip().lower()
    number = value.rstrip("kmgb")
    unit = value[len(number):]
    try:
        return int(float(number) * units[unit])
    except (ValueError, KeyError):
        raise PrivcheckError(f"{option}: expected a size such as 20MB or 500k, got {text!r}") from None
