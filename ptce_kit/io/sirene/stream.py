"""Opening a SIRENE file as INSEE distributes it, and reading it row by row.

Plain CSV, gzip (``.csv.gz``) or a zip archive holding one CSV (``StockEtablissement_utf8.zip``),
recognised by their first bytes, not their name.  The rows are read one at a time by the
csv module over a text wrapper, so that a national file is filtered without being held in
memory; the encoding is settled from the first 64 KiB by :func:`ptce_kit.cells.csv_encoding`,
the rule of every CSV ptce-kit reads.  The company search service's JSON is small (pages of
results) and read whole.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ...cells import csv_delimiter, csv_encoding
from ...errors import FileProblemError, PoleError
from ...i18n import Message, N_

__all__ = ["Source", "open_source", "Progress"]

#: How the caller hears of the reading's progress: bytes done, bytes in all (``None`` if unknown).
Progress = Callable[[int, "int | None"], None]

_HINT = N_("export the units or establishments from INSEE as CSV (plain, gzip or zip), or the company search "
           "service's CSV or JSON")
_SAMPLE = 1 << 16


class _Counting(io.RawIOBase):
    """A binary stream that counts the bytes read from it (for the progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


@dataclass
class Source:
    """One opened file: its name, its rows with the line each starts on (JSON: the result's number)."""

    name: str
    columns: list[str] = field(default_factory=list)
    rows: Iterator[tuple[dict[str, Any], int]] = field(default_factory=lambda: iter(()))
    json: bool = False
    done: Callable[[], int] = lambda: 0
    total: int | None = None


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A JSON result with dotted keys for nested objects (``siege.siret``); lists of scalars keep their first item."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(_flatten(item, name + "."))
        elif isinstance(item, list):
            if item and not isinstance(item[0], (dict, list)):
                flat[name] = item[0]
        else:
            flat[name] = item
    return flat


@contextmanager
def open_source(path: str | os.PathLike[str]) -> Iterator[Source]:
    """Open one SIRENE file for reading, row by row; a problem names the file and the fix."""
    path = Path(path)
    name = str(path)
    with ExitStack() as stack:
        try:
            raw: IO[bytes] = stack.enter_context(path.open("rb"))
            magic = raw.read(4)
            raw.seek(0)
            total: int | None = os.fstat(raw.fileno()).st_size
            counted: _Counting
            if magic[:2] == b"\x1f\x8b":
                counted = _Counting(raw)  # the compressed bytes: their total is the file's size
                stream: IO[bytes] = stack.enter_context(gzip.GzipFile(fileobj=counted, mode="rb"))  # type: ignore[arg-type]
            elif magic == b"PK\x03\x04":
                archive = stack.enter_context(zipfile.ZipFile(raw))
                member = _member(archive, name)
                total = member.file_size
                counted = _Counting(stack.enter_context(archive.open(member)))
                stream = counted  # type: ignore[assignment]
            else:
                counted = _Counting(raw)
                stream = counted  # type: ignore[assignment]
            buffered = io.BufferedReader(stream, _SAMPLE)  # type: ignore[type-var]
            sample = buffered.peek(_SAMPLE)[:_SAMPLE]
        except FileNotFoundError:
            raise FileProblemError.single(N_("no such file"), file=name, hint=N_("check the path"),
                                          code="PTCE-E004") from None
        except IsADirectoryError:
            raise FileProblemError.single(N_("this is a folder, not a file"), file=name, code="PTCE-E002",
                                          hint=N_("give the SIRENE files inside it")) from None
        except PermissionError:
            raise FileProblemError.single(N_("the file cannot be read (permission denied)"), file=name,
                                          hint=N_("check its permissions"), code="PTCE-E005") from None
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            raise FileProblemError.single(
                Message("cannot read the SIRENE extract ({reason})", reason=getattr(exc, "strerror", None) or str(exc)),
                file=name, hint=N_("check the path, or download the file again"), code="PTCE-E320") from None
        encoding = csv_encoding(sample, name, hint=_HINT)
        head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
        if head[:1] in (b"{", b"["):
            yield _json_source(buffered, name, total, counted)
            return
        text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        try:
            first = text.readline()
        except (OSError, EOFError, zlib.error) as exc:
            raise FileProblemError.single(Message("cannot read the SIRENE extract ({reason})", reason=str(exc)),
                                          file=name, hint=N_("download the file again: the archive is damaged"),
                                          code="PTCE-E320") from None
        delimiter = csv_delimiter(first)
        try:
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error as exc:
            raise PoleError.single(Message("the first line is not CSV ({reason})", reason=_csv_reason(exc)), file=name,
                                   line=1,
                                   hint=N_("save the extract as CSV (comma or semicolon separated, UTF-8)"),
                                   code="PTCE-E320") from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        reader = csv.reader(text, delimiter=delimiter)

        def rows() -> Iterator[tuple[dict[str, Any], int]]:
            start = 2  # the line a row starts on: a quoted value may hold line breaks
            try:
                for values in reader:
                    yield dict(zip(header, values)), start
                    start = reader.line_num + 2
            except csv.Error as exc:
                raise PoleError.single(Message("this line is not valid CSV ({reason})", reason=_csv_reason(exc)), file=name,
                                       line=reader.line_num + 1, code="PTCE-E310",
                                       hint=N_("check the quotes of the line, or re-export the extract as CSV")) from None
            except (OSError, EOFError, zlib.error) as exc:
                raise FileProblemError.single(Message("the file ends in the middle ({reason})", reason=str(exc)),
                                              file=name, line=reader.line_num + 1, code="PTCE-E320",
                                              hint=N_("download the file again: the archive is damaged")) from None

        yield Source(name, header, rows(), done=lambda: counted.count, total=total)


#: Python's csv module's complaints, in words the catalogs translate.
_CSV_REASONS = {
    "field larger than field limit": N_("a cell is too long"),
    "line contains nul": N_("the line holds a NUL character"),
    "unexpected end of data": N_("the file ends inside quotes"),
    "new-line character seen in unquoted field": N_("a line break inside a cell without quotes"),
}


def _csv_reason(exc: Exception) -> str | Message:
    """Why the csv module refused a line, in the reader's language when it is a known complaint."""
    text = str(exc)
    known = next((msgid for words, msgid in _CSV_REASONS.items() if text.lower().startswith(words)), None)
    return Message(known) if known is not None else text


def _member(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith((".csv", ".json"))]
    if len(members) != 1:
        found = ", ".join(m.filename for m in archive.infolist())
        raise FileProblemError.single(
            Message("the zip archive should hold one CSV file; it holds {found}", found=found) if found
            else N_("the zip archive should hold one CSV file; it holds nothing"), file=name, code="PTCE-E320",
            hint=N_("unzip it and give the CSV file (INSEE's archives hold one, e.g. StockEtablissement_utf8.csv)"))
    return members[0]


def _json_source(stream: IO[bytes], name: str, total: int | None, counted: _Counting) -> Source:
    try:
        data = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileProblemError.single(N_("this JSON is not UTF-8 text"), file=name, code="PTCE-E007",
                                      hint=N_("save the company search service's answer as it came (UTF-8 JSON)")) from None
    except ValueError as exc:
        where = Message("line {line}, column {column}", line=getattr(exc, "lineno", 1), column=getattr(exc, "colno", 1))
        raise FileProblemError.single(Message("this is not valid JSON ({reason})", reason=where), file=name,
                                      hint=N_("save the company search service's answer as it came (UTF-8 JSON)"),
                                      code="PTCE-E320") from None
    results = data.get("results") if isinstance(data, dict) else data
    if isinstance(data, dict) and results is None and "siren" in data:
        results = [data]  # one company
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise FileProblemError.single(
            N_("this JSON is not an answer of the company search service: no list of results"),
            file=name, code="PTCE-E320", hint=N_("give the answer of recherche-entreprises.api.gouv.fr/search as it "
                                                 "came (an object with 'results'), or a list of its results"))
    flat = [_flatten(r) for r in results]
    columns = sorted({k for r in flat for k in r})
    return Source(name, columns, iter([(row, i) for i, row in enumerate(flat, 1)]), json=True,
                  done=lambda: counted.count, total=total)
