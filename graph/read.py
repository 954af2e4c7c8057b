"""Reading the bytes of a debate file or of its source text, safely.

Only regular files are read (a FIFO would block, a device like ``/dev/zero``
never ends, and stat gives them all size 0, so a size limit alone does not
hold them), and never more than the limit plus one byte: a file over the
limit is refused before its bytes are used, even if it grows while it is
read.  :func:`resolve_within` says whether a name written in a file stays
inside a folder once symbolic links are resolved.

What the problems are called in a message is the caller's business; this
module only raises :class:`NotRegularFile`, :class:`TooLarge`,
:class:`NotUtf8` and ``OSError``.
"""

from __future__ import annotations

import os
import stat

__all__ = [
    "NotRegularFile",
    "NotUtf8",
    "TooLarge",
    "decode_utf8",
    "read_capped",
    "resolve_within",
]

# Non-blocking open: a FIFO swapped in after the stat cannot hang the open.
# No controlling terminal from a tty.  (Flags missing on a platform are 0.)
_O_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS: int = os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_O_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)


class NotRegularFile(Exception):
    """The path names no regular file; ``str()`` says what it is instead
    ("it is a directory, not a regular file")."""


class TooLarge(Exception):
    """The file is over the limit; ``size`` is its size from stat, or None
    when it grew past the limit while it was read."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


class NotUtf8(ValueError):
    """Bytes that are not UTF-8: ``byte`` is the first bad byte, ``line``
    (1-based) the line holding it."""

    def __init__(self, line: int, byte: int) -> None:
        super().__init__(f"byte 0x{byte:02x} at line {line} is not UTF-8")
        self.line = line
        self.byte = byte


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a symbolic link"
        if stat.S_ISLNK(mode)  # seen only when links are not followed
        else None
    )
    raise NotRegularFile(f"it is {kind}, not a regular file" if kind else "it is not a regular file")


def read_capped(path: str, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at ``path``: at most ``limit`` bytes.

    With ``follow_symlinks=False`` a symbolic link at ``path`` itself is not
    followed (the open fails with ``OSError``), for a path already resolved.
    Raises ``OSError`` (missing, unreadable), :class:`NotRegularFile` or
    :class:`TooLarge`; never blocks on a FIFO or reads a device."""
    # Before the open: opening a FIFO blocks (until the fstat below, this
    # only keeps the common case quick and its message plain).
    _require_regular(os.stat(path, follow_symlinks=follow_symlinks).st_mode)
    flags = _OPEN_FLAGS if follow_symlinks else _OPEN_FLAGS | _O_NOFOLLOW
    fd = os.open(path, flags)
    with open(fd, "rb") as f:  # owns fd from here
        st = os.fstat(fd)
        _require_regular(st.st_mode)  # the file stat saw may have been replaced
        if st.st_size > limit:
            raise TooLarge(st.st_size)
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        # At most one byte over: a file that grows is still bounded.
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(None)
    return data


def decode_utf8(data: bytes, *, strip_bom: bool = False) -> str:
    """``data`` as UTF-8 text, every character kept (no newline translation);
    with ``strip_bom``, a leading byte order mark is dropped.

    Raises :class:`NotUtf8` naming the first bad byte and its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotUtf8(data.count(b"\n", 0, e.start) + 1, data[e.start]) from None
    if strip_bom and text.startswith("\ufeff"):
        text = text[1:]
    return text


def resolve_within(folder: str, name: str) -> str | None:
    """The real path of ``name``, relative to ``folder``, when it lies in
    ``folder`` (or is ``folder`` itself) both as written and after every
    symbolic link is resolved; None when it is absolute or lies anywhere else.

    An absolute name, or one whose ``..`` climbs out as written, is refused
    before anything is looked up; otherwise only links are read, nothing is
    opened, and the answer does not depend on whether the file exists, so
    it tells nothing about files outside ``folder``.  Raises ``ValueError``
    for a name holding a NUL character (no file has one)."""
    if "\0" in name:
        raise ValueError("a file name cannot contain a NUL character")
    root = os.path.realpath(folder)
    if os.path.isabs(name) or not _inside(os.path.normpath(os.path.join(root, name)), root):
        return None
    target = os.path.realpath(os.path.join(root, name))
    return target if _inside(target, root) else None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
