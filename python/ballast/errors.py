"""ballast's exceptions, mirroring the C++ tree (``ballast::Error`` and its children).

Every failure the library reports is a :class:`Error`. Bad input is an :class:`InputError`
(also a :class:`ValueError`) that says what is wrong, where and what to do; when the problem is
in a file it keeps ``file``, ``line`` and ``column``.
"""

from __future__ import annotations

__all__ = ["Error", "InputError", "InfeasibleError", "InternalError"]


class Error(Exception):
    """Base of every ballast error (C++ ``ballast::Error``)."""


class InputError(Error, ValueError):
    """Bad user input: a malformed file, an out-of-range parameter, a bad array.

    ``reason`` says what is wrong and what to do; ``file``, ``line`` and ``column`` name the
    place in an input file (empty / 0 when the input was not a file). ``str()`` gives
    ``file:line:column: reason`` as the command line prints it.
    """

    def __init__(self, reason: str, *, file: str = "", line: int = 0, column: int = 0) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self._message())

    @property
    def location(self) -> str:
        """``file:line:column`` with the unknown parts left out ("" when no file)."""
        if self.line <= 0:
            return self.file
        if self.column <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def _message(self) -> str:
        return f"{self.location}: {self.reason}" if self.location else self.reason

    def __reduce__(self):  # keyword-only arguments: pickle through a helper
        return (_input_error, (self.reason, self.file, self.line, self.column))


def _input_error(reason: str, file: str, line: int, column: int) -> InputError:
    return InputError(reason, file=file, line=line, column=column)


class InfeasibleError(Error):
    """A well-formed question with no answer (C++ ``ballast::InfeasibleError``)."""


class InternalError(Error, RuntimeError):
    """A solver or other internal component failed (C++ ``ballast::InternalError``)."""
