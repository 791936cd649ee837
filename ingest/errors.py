"""The one exception a reader or parser raises for a file it cannot take, with a one-line reason."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be ingested. `str(err)` is the one-line reason shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(reason.split()))
