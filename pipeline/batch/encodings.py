"""Bytes to text: byte-order marks (UTF-8, UTF-16, UTF-32), binary content told apart from text,
gzip looked through, and JSON values read with a short reason for what is not one."""
from __future__ import annotations

import codecs
import gzip
import json
from dataclasses import dataclass
from pathlib import Path


def is_gz(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def open_bytes(path: Path):
    """``path`` opened for reading bytes, decompressed when its name ends in .gz."""
    return gzip.open(path, "rb") if is_gz(path) else path.open("rb")


# Byte-order marks, UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one. A file that
# starts with one is read in that encoding (the mark itself is no text: offsets count from after it).
BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
                    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
                    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
NUL_CHECK_BYTES = 8192             # UTF-8 text holds no NUL byte: one among the first bytes means binary


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes are text: the codec, the length of its byte-order mark, the name for messages."""
    codec: str = "utf-8"
    mark_bytes: int = 0
    name: str = "UTF-8"

    @property
    def wide(self) -> bool:
        """UTF-16 or UTF-32: NUL bytes are part of the text, and lines are not split on the byte 0x0A."""
        return self.name != "UTF-8"


def encoding_of(head: bytes) -> Encoding:
    """The encoding a file's first bytes declare by a byte-order mark; UTF-8 without one."""
    for mark, codec, name in BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return Encoding(codec, len(mark), name)
    return Encoding()


def decode_text(raw: bytes) -> tuple[str | None, str | None]:
    """``(text, None)`` for the bytes of a text file, or ``(None, why not)``: UTF-8 (a byte-order mark
    dropped), or UTF-16/UTF-32 with their mark; NUL bytes without a mark, or a NUL character in
    the decoded text, mean a binary file."""
    encoding = encoding_of(raw[:4])
    if not encoding.wide and b"\x00" in raw[:NUL_CHECK_BYTES]:
        return None, "binary file (NUL bytes), not text"
    body = memoryview(raw)[encoding.mark_bytes:]
    try:
        text = codecs.decode(body, encoding.codec)
    except UnicodeDecodeError as exc:
        return None, f"invalid {encoding.name} at byte {encoding.mark_bytes + exc.start}"
    if encoding.wide and "\x00" in text[:NUL_CHECK_BYTES]:
        return None, f"binary file (NUL characters after a {encoding.name} byte-order mark), not text"
    return text, None


def file_encoding(path: Path) -> Encoding:
    """The encoding ``path``'s byte-order mark declares (read from a handle of its own, so that a file
    too damaged to start fails where it did before: in the reader); UTF-8 when there is none."""
    try:
        with open_bytes(path) as handle:
            return encoding_of(handle.read(4))
    except (OSError, EOFError):
        return Encoding()


def open_after_mark(path: Path, encoding: Encoding):
    """``path`` opened as bytes, past its byte-order mark."""
    handle = open_bytes(path)
    if encoding.mark_bytes:
        handle.read(encoding.mark_bytes)
    return handle


def read_limited(path: Path, limit: int) -> tuple[bytes | None, int | None]:
    """The bytes of a file (decompressed for .gz); over ``limit``, None and the file's size (None for
    a .gz, whose size is not known without reading it whole). An oversized file is never read whole."""
    if not is_gz(path) and (size := path.stat().st_size) > limit:
        return None, size
    with open_bytes(path) as handle:
        raw = handle.read(limit + 1)
    return (raw, None) if len(raw) <= limit else (None, None)


def parse_json(raw: bytes | str):
    """A JSON value; ValueError with a short reason for anything that is not one (invalid UTF-8,
    nesting deeper than Python's recursion limit, an integer of more than 4,300 digits)."""
    try:
        return json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start}") from None
    except RecursionError:
        raise ValueError("malformed JSON (nested too deeply)") from None
    except ValueError as exc:
        reason = "a number too long to read" if "integer string conversion" in str(exc) else exc
        raise ValueError(f"malformed JSON ({reason})") from None
