"""One error type for everything a user can get wrong, so the CLI can print it in one line."""

from __future__ import annotations

from pathlib import Path


class PlankgError(Exception):
    """A problem with the user's input, located at a file and (where known) a line.

    The CLI prints ``str(error)`` and exits non-zero; nothing else is needed to act on it.
    """

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[PlankgError], tuple[str, Path | None, int | None]]:
        """Pickled with its parts, so that a worker process's error arrives whole."""
        return type(self), (self.message, self.path, self.line)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class PlankgErrors(PlankgError):
    """Several input problems found in one pass, so a curator can fix them all at once."""

    def __init__(self, errors: list[PlankgError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))

    def __reduce__(self) -> tuple[type[PlankgErrors], tuple[list[PlankgError]]]:  # type: ignore[override]
        return type(self), (self.errors,)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)
