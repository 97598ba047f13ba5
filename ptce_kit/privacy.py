"""Personal data (RGPD): what is personal, leaving it out, pseudonyms, and retention.

What is personal:

* every field the format marks with ``x-personal-data`` (:data:`~ptce_kit.model.PERSONAL_MARK`):
  the contact persons of actors (name, role, e-mail, phone), which go as a whole;
* every field the pole declares under ``privacy.personal_fields`` (e.g. ``actors.description``);
* natural persons among the actors (``category: person``): their name, their id (often
  made from their name), and what identifies them (SIREN/SIRET, address-like fields).

:func:`strip_personal` makes the copy of a pole that exports meant for sharing use;
:func:`anonymize` makes a copy for a network or a researcher, where natural persons get
stable pseudonyms from a keyed hash (HMAC-SHA-256 with a secret the pole keeps);
:func:`purge` removes in place the personal data of actors who left before a date.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PoleError
from .i18n import Message, N_

if TYPE_CHECKING:
    from .model import Pole

__all__ = [
    "personal_data_note",
    "personal_paths",
    "strip_personal",
    "for_sharing",
    "for_sharing_together",
    "NameScrubber",
    "has_personal_data",
    "pseudonym",
    "anonymize",
    "load_secret",
    "SECRET_FILE_NAME",
    "PERSON_FIELDS",
]

#: The secret of a pole's pseudonyms, next to its pole.yaml (keep it out of git).
SECRET_FILE_NAME = ".ptce-secret"
#: Fields of a natural person that identify them beyond their name, left out with it.
PERSON_FIELDS = ("siren", "siret", "description", "website", "coordinates", "address", "contacts")


# --- what is personal ------------------------------------------------------------

def _marked_paths(model: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    from pydantic import BaseModel

    from .model import PERSONAL_MARK
    from .model.privacy import record_type

    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        inner = record_type(info.annotation)
        if extra.get(PERSONAL_MARK):
            yield (*prefix, name)
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not model:
            inner_fields = inner.model_fields
            personal = [n for n, f in inner_fields.items()
                        if isinstance(f.json_schema_extra, dict) and f.json_schema_extra.get(PERSONAL_MARK)]
            # A record made only of personal data and flags (a contact person) goes whole.
            if personal and all(f.annotation is bool for n, f in inner_fields.items() if n not in personal):
                yield (*prefix, name)
            else:
                yield from _marked_paths(inner, (*prefix, name))


def personal_paths(pole: Pole | None = None) -> list[tuple[str, ...]]:
    """The field paths holding personal data: marked by the format, then declared by ``pole``.

    Examples
    --------
    >>> personal_paths()
    [('actors', 'contacts')]
    """
    from .model import Pole

    found = list(dict.fromkeys(_marked_paths(Pole)))
    if pole is not None:
        found += [tuple(p.split(".")) for p in pole.privacy.personal_fields if tuple(p.split(".")) not in found]
    return found


def _remove(data: Any, path: tuple[str, ...]) -> int:
    """Delete the field at ``path`` (through lists) in plain or round-trip data; how many went."""
    if not path:
        return 0
    if isinstance(data, list):
        return sum(_remove(item, path) for item in data)
    if not isinstance(data, dict) or path[0] not in data:
        return 0
    if len(path) == 1:
        del data[path[0]]
        return 1
    return _remove(data[path[0]], path[1:])


def personal_data_note(included: bool, language: str = "fr") -> str:
    """The sentence a shared output puts in its header about personal data.

    Examples
    --------
    >>> personal_data_note(False)
    'Sans données personnelles : les contacts et les données déclarées personnelles ont été laissés de côté.'
    >>> personal_data_note(True, "en")
    'Contains personal data (contacts): do not share.'
    """
    if language == "fr":
        return ("Contient des données personnelles (contacts) : à ne pas diffuser." if included else
                "Sans données personnelles : les contacts et les données déclarées personnelles ont été "
                "laissés de côté.")
    return ("Contains personal data (contacts): do not share." if included else
            "Without personal data: contacts and fields declared personal were left out.")


# --- pseudonyms -------------------------------------------------------------------

def pseudonym(secret: bytes, actor_id: str) -> tuple[str, str]:
    """The stable pseudonym ``(id, name)`` of a natural person, from a keyed hash of its id.

    The same secret gives the same pseudonym in every copy, so that a researcher can
    follow a person across years; without the secret, the hash cannot be reversed by
    trying names.

    Examples
    --------
    >>> pseudonym(b"k" * 32, "jeanne-exemple")
    ('personne-88979497cd', 'Personne 889794')
    """
    digest = hmac.new(secret, actor_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"personne-{digest[:10]}", f"Personne {digest[:6].upper()}"


def _rename(data: Any, renames: dict[str, tuple[str, str]], names: dict[str, str], *,
            refs: Iterable[tuple[Any, ...]], report: bool = True,
            contacts: Iterable[str] = ()) -> list[str]:
    """Give actors new ids and names everywhere: references, and their names and ids in free text.

    ``refs`` are the paths of actor references in ``data`` (``Pole.iter_actor_refs``).  Returns what free text still holds of the renamed persons' names, as
    ``"field.path: Word"`` lines (see :meth:`NameScrubber.parts_pattern`), with the whole
    names of the removed contact persons in ``contacts``; nothing without ``report``.
    """
    refs = list(refs)
    for i, tie in enumerate(data.get("partnerships") or []):
        refs += [("partnerships", i, key) for key in ("source", "target") if key in tie]
    skip: set[tuple[int, Any]] = set()
    for path in refs:
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            value = node[path[-1]]
        except (KeyError, IndexError, TypeError):  # under a field left out as personal
            continue
        skip.add((id(node), path[-1]))
        if value in renames:
            node[path[-1]] = renames[value][0]
    for actor in data.get("actors") or []:
        if actor.get("id") in renames:
            new_id, new_name = renames[actor["id"]]
            actor["id"], actor["name"] = new_id, new_name
    # Names first: where a name and an id read the same, the name's pseudonym wins.
    replacements = {old: renames[actor_id][1] for actor_id, old in names.items() if old}
    for actor_id in renames:
        replacements.setdefault(actor_id, renames[actor_id][0])
    found: list[str] = []
    leftover = NameScrubber.parts_pattern(names.values(), whole=contacts) if report else None
    _scrub_strings(data, [], skip, NameScrubber(replacements), leftover, found)
    return found


def _scrub_strings(node: Any, path: list[Any], skip: set[tuple[int, Any]], scrub: NameScrubber,
                   leftover: re.Pattern[str] | None, found: list[str]) -> None:
    """Scrub every string of plain or round-trip data in place, but references and ids.

    Ids are not rewritten (a record's id is not free text) but are searched for what
    remains of a name, like every other string.
    """
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, str):
            if (id(node), key) in skip:
                continue
            new = value if key == "id" else scrub(value)
            if new != value:
                node[key] = type(value)(new) if type(value) is not str else new
            if leftover is not None and leftover.search(new):
                words = dict.fromkeys(m.group() for m in leftover.finditer(new))
                found.append(f"{_dotted((*path, key))}: {', '.join(words)}")
        elif isinstance(value, (dict, list)):
            path.append(key)
            _scrub_strings(value, path, skip, scrub, leftover, found)
            path.pop()


def _dotted(path: tuple[Any, ...]) -> str:
    """``('actors', 3, 'description')`` as ``actors[3].description``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _normal(text: str) -> str:
    """A name as the pattern of :class:`NameScrubber` compares it: spaces collapsed, lower case."""
    return " ".join(text.split()).lower()


def _alternation(keys: Iterable[str]) -> str:
    """One regular expression matching any of ``keys`` (normalised), the longest first.

    The keys are merged into a trie, so that a match costs the length of the name, not the
    number of names; a space stands for any run of whitespace.
    """
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: the longer name is tried first, the shorter one if the longer does not fit.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


#: Particles of names, too common to report alone when left in free text.
NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da",
                            "del", "dos", "das", "ben", "ibn", "mac", "saint", "sainte"})


class NameScrubber:
    """Replaces persons' names and ids in free text, with one compiled pattern.

    Every name (or id) is matched whole, case-insensitively, with any run of whitespace
    between its words, and never inside a longer word: letters with accents, digits,
    ``_`` and ``-`` continue a word, so ``Jean Martin`` is not found in
    ``Jean Martin-Dupont`` and ``jean`` not in ``saint-jean``.  Where several names
    overlap, the longest wins.

    Examples
    --------
    >>> scrub = NameScrubber({"Jean Martin": "Personne 1", "Jean Martin-Dupont": "Personne 2"})
    >>> scrub("JEAN  MARTIN-Dupont et jean martin, pas Jean Martinez")
    'Personne 2 et Personne 1, pas Jean Martinez'
    """

    def __init__(self, replacements: dict[str, str]) -> None:
        self._map: dict[str, str] = {}
        for old, new in replacements.items():
            self._map.setdefault(_normal(old), new)
        self._map.pop("", None)
        self._pattern = (re.compile(rf"(?<![\w-])(?:{_alternation(self._map)})(?![\w-])", re.IGNORECASE)
                         if self._map else None)

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._map.get(_normal(m.group()), m.group()), text)

    @staticmethod
    def parts_pattern(names: Iterable[str], whole: Iterable[str] = ()) -> re.Pattern[str] | None:
        """The words of ``names`` (split at spaces and hyphens), and the ``whole`` names, as one pattern.

        What searches the free text for what remains of people's names.  Words of one or
        two letters and particles (:data:`NAME_PARTICLES`) are left out.
        """
        words = {w.lower() for name in names for w in re.split(r"[\s\-\u2010\u2011]+", name or "")
                 if len(w) > 2 and w.lower() not in NAME_PARTICLES}
        words |= {_normal(name) for name in whole if name and len(_normal(name)) > 2}
        if not words:
            return None
        return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.IGNORECASE)


# --- copies for sharing -------------------------------------------------------------

def _persons(data: Any) -> list[Any]:
    return [a for a in data.get("actors") or [] if a.get("category") == "person"]


def _strip(data: Any, pole: Pole, renames: dict[str, tuple[str, str]], *, report: bool = True) -> list[str]:
    """Remove the personal fields of ``data`` (the plain dump of ``pole``) and rename its persons.

    Returns what free text still holds of their names (see :func:`_rename`).
    """
    contacts = [c.name for a in pole.actors for c in a.contacts if c.name] if report else []
    for path in personal_paths(pole):
        _remove(data, path)
    names = {}
    for actor in _persons(data):
        names[actor["id"]] = actor.get("name", "")
        for key in PERSON_FIELDS:
            if key in actor:
                del actor[key]
    return _rename(data, renames, names, refs=[path for path, _ in pole.iter_actor_refs()], report=report,
                   contacts=contacts)


def has_personal_data(pole: Pole) -> bool:
    """Whether :func:`strip_personal` would change anything: persons, contacts or declared fields.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> has_personal_data(Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise"}]))
    False
    >>> has_personal_data(Pole(id="p", name="P", actors=[{"id": "j", "name": "J", "category": "person"}]))
    True
    """
    from .model import pole_to_data

    if any(a.category.value == "person" or a.contacts for a in pole.actors):
        return True
    if not pole.privacy.personal_fields:
        return False
    data = pole_to_data(pole)  # our own copy: removing from it tells whether a declared field is filled
    return any(_remove(data, path) for path in personal_paths(pole))


def strip_personal(pole: Pole, *, numbers: dict[str, int] | None = None) -> Pole:
    """A copy of ``pole`` without personal data, for exports meant for sharing.

    Personal fields are removed; natural persons are renamed ``personne-1``,
    ``personne-2``… in the order of the file, or by ``numbers`` (person id to number) when
    given (use :func:`anonymize` for pseudonyms that stay the same from one copy to the
    next).  Their names and ids are replaced in every free text too (see :class:`NameScrubber`).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole.model_validate({"id": "p", "name": "P", "actors": [
    ...     {"id": "jeanne", "name": "Jeanne Exemple", "category": "person"},
    ...     {"id": "a", "name": "A", "category": "enterprise", "description": "Avec jeanne exemple.",
    ...      "contacts": [{"name": "Jeanne Exemple", "email": "j@example.org"}]}]})
    >>> shared = strip_personal(pole)
    >>> [(a.id, a.name, a.contacts) for a in shared.actors]
    [('personne-1', 'Personne 1', []), ('a', 'A', [])]
    >>> shared.actors[1].description
    'Avec Personne 1.'
    """
    from .model import Pole, pole_to_data

    data = pole_to_data(pole)
    numbers = dict(numbers or {})
    last = max(numbers.values(), default=0)
    for actor in _persons(data):  # persons not numbered yet come after the others
        if actor["id"] not in numbers:
            last += 1
            numbers[actor["id"]] = last
    renames = {a["id"]: (f"personne-{numbers[a['id']]}", f"Personne {numbers[a['id']]}") for a in _persons(data)}
    _strip(data, pole, renames, report=False)
    return Pole.model_validate(data)


def for_sharing(pole: Pole, *, include_personal_data: bool = False) -> Pole:
    """The pole as every output meant for sharing shows it: the one stripping point.

    Without ``include_personal_data``, :func:`strip_personal` of ``pole`` (or ``pole``
    itself when it holds no personal data); with it, ``pole`` unchanged.  Every command
    that prints or writes pole content starts from it.
    """
    return for_sharing_together([pole], include_personal_data=include_personal_data)[0]


def for_sharing_together(poles: Iterable[Pole], *, include_personal_data: bool = False) -> list[Pole]:
    """:func:`for_sharing` of several versions of a pole, with the same number for the same person.

    A person keeps one name (``Personne 2``) in every version, numbered in the order
    persons first appear, so that comparing the versions (``ptce diff OLD NEW``) compares
    the same people.
    """
    poles = list(poles)
    if include_personal_data:
        return poles
    numbers: dict[str, int] = {}
    for pole in poles:
        for actor in pole.actors:
            if actor.category.value == "person":
                numbers.setdefault(actor.id, len(numbers) + 1)
    return [strip_personal(pole, numbers=numbers) if has_personal_data(pole) else pole for pole in poles]


def anonymize(pole: Pole, secret: bytes) -> Pole:
    """A copy of ``pole`` safe to send to a network or a researcher.

    Personal fields are removed and natural persons get stable pseudonyms
    (:func:`pseudonym`), in references and in free text; everything else is kept, and the
    copy is a valid pole.  :func:`anonymize_file` also says what free text still holds.
    """
    return _anonymize(pole, secret)[0]


def _anonymize(pole: Pole, secret: bytes) -> tuple[Pole, list[str]]:
    from .model import Pole, pole_to_data

    data = pole_to_data(pole)
    renames = {a["id"]: pseudonym(secret, a["id"]) for a in _persons(data)}
    left = _strip(data, pole, renames)
    return Pole.model_validate(data), left


def _secret_error(message: str | Message, path: Path, hint: str | Message | None = None) -> PoleError:
    return PoleError.single(message, file=path, hint=hint, code="PTCE-E420")


def load_secret(path: str | os.PathLike[str], *, create: bool = True) -> bytes:
    """The pseudonym secret kept in ``path``; made (and said) when it does not exist yet.

    The key must be a regular file readable by its owner only, not a symbolic link, and
    one line of at least 32 ASCII characters.  A new key is written whole or not at all
    (a private temporary file linked into place), readable by its owner only.
    """
    path = Path(path)
    link = _secret_error(N_("the pseudonym secret is a symbolic link"), path,
                         N_("give the key file itself (--secret-file), not a link to it"))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if os.path.islink(path):  # a dangling link: never followed to make a key where it points
            raise link from None
        if not create:
            raise _secret_error(N_("no pseudonym secret"), path,
                                N_("give --secret-file, or run 'ptce anonymize' once to make one")) from None
        return _new_secret(path)
    except OSError as exc:
        if os.path.islink(path):  # O_NOFOLLOW refused it
            raise link from None
        raise _secret_error(Message("cannot read the pseudonym secret ({reason})", reason=exc.strerror or str(exc)),
                            path) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _secret_error(N_("the pseudonym secret is not a regular file"), path,
                                N_("give a file made by 'ptce anonymize' (--secret-file)"))
        if stat.S_IMODE(info.st_mode) & 0o077 and sys.platform != "win32":
            raise _secret_error(Message("the pseudonym secret can be read by others (mode {mode})",
                                        mode=f"{stat.S_IMODE(info.st_mode):o}"),
                                path, Message("make it private to you: chmod 600 {path}", path=str(path)))
        raw = handle.read(4097)
    try:
        text = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        text = None
    if text is None or len(raw) > 4096 or "\n" in text or not text.isprintable():
        raise _secret_error(N_("this is not a pseudonym secret (one line of ASCII characters expected)"), path,
                            N_("give the file 'ptce anonymize' made (.ptce-secret), not another file"))
    if len(text) < 32:
        raise _secret_error(N_("the pseudonym secret is too short (at least 32 characters)"), path,
                            N_("delete it to have a new one made (pseudonyms will change)"))
    return text.encode("ascii")


def _new_secret(path: Path) -> bytes:
    """Write a new key at ``path`` whole, or nothing: never an empty or half-written key."""
    text = secrets.token_hex(32)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temporary, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write((text + "\n").encode("ascii"))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, path)  # fails if a key appeared meanwhile: it is never replaced
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: rename, unless a key appeared
                if os.path.lexists(path):
                    raise FileExistsError(path) from None
                os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    except FileExistsError:
        return load_secret(path, create=False)
    except OSError as exc:
        raise _secret_error(Message("cannot write the pseudonym secret ({reason})", reason=exc.strerror or str(exc)),
                            path) from None
    return text.encode("ascii")


# --- retention ----------------------------------------------------------------------

def left_in_text_lines(left: list[str]) -> list[str]:
    """The warning about words of persons' names left in free text, one line per field.

    Examples
    --------
    >>> lines = left_in_text_lines(["actors[0].description: Martin"])
    >>> lines[0].startswith("warning: free text may still name people"), lines[1]
    (True, '  actors[0].description: Martin')
    """
    if not left:
        return []
    warning = Message("warning: free text may still name people (a renamed person's first name or surname alone, "
                      "or a removed contact person's name); read and mend it:")
    return [warning] + [f"  {line}" for line in left]
