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

import dataclasses
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import PoleError

__all__ = [
    "personal_data_note",
    "personal_paths",
    "strip_personal",
    "has_personal_data",
    "pseudonym",
    "anonymize",
    "anonymize_file",
    "load_secret",
    "purge",
    "PurgeReport",
    "SECRET_FILE_NAME",
    "PERSON_FIELDS",
]

#: The secret of a pole's pseudonyms, next to its pole.yaml (keep it out of git).
SECRET_FILE_NAME = ".ptce-secret"
#: Fields of a natural person that identify them beyond their name, left out with it.
PERSON_FIELDS = ("siren", "siret", "description", "website", "coordinates", "contacts")


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


def personal_paths(pole: Any = None) -> list[tuple[str, ...]]:
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


def _rename(data: Any, renames: dict[str, tuple[str, str]], names: dict[str, str]) -> None:
    """Give actors new ids and names everywhere: references, and their names in free text."""
    from .model import Pole

    plain = _as_plain(data)
    paths = [path for path, ref in Pole.model_validate(plain).iter_actor_refs() if ref in renames]
    for i, tie in enumerate(plain.get("partnerships") or []):
        paths += [("partnerships", i, key) for key in ("source", "target") if tie.get(key) in renames]
    for path in paths:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = renames[node[path[-1]]][0]
    for actor in data.get("actors") or []:
        if actor.get("id") in renames:
            new_id, new_name = renames[actor["id"]]
            actor["id"], actor["name"] = new_id, new_name
    replacements = {old: renames[actor_id][1] for actor_id, old in names.items() if old}
    _replace_text(data, replacements)


def _replace_text(node: Any, replacements: dict[str, str]) -> None:
    """Replace each name by its pseudonym in every string, keeping the string's YAML style."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, str):
            new = value
            for old, repl in replacements.items():
                new = new.replace(old, repl)
            if new != value:
                node[key] = type(value)(new) if type(value) is not str else new
        else:
            _replace_text(value, replacements)


def _as_plain(data: Any) -> Any:
    from .io.edit import as_plain

    return as_plain(data)


# --- copies for sharing -------------------------------------------------------------

def _persons(data: Any) -> list[Any]:
    return [a for a in data.get("actors") or [] if a.get("category") == "person"]


def _strip(data: Any, pole: Any, renames: dict[str, tuple[str, str]]) -> dict[str, int]:
    removed: dict[str, int] = {}
    for path in personal_paths(pole):
        count = _remove(data, path)
        if count:
            removed[".".join(path)] = count
    names = {}
    for actor in _persons(data):
        names[actor["id"]] = actor.get("name", "")
        for key in PERSON_FIELDS:
            if key in actor:
                del actor[key]
    _rename(data, renames, names)
    return removed


def has_personal_data(pole: Any) -> bool:
    """Whether :func:`strip_personal` would change anything: persons, contacts or declared fields.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> has_personal_data(Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise"}]))
    False
    >>> has_personal_data(Pole(id="p", name="P", actors=[{"id": "j", "name": "J", "category": "person"}]))
    True
    """
    from .io.files import _plain

    if any(a.category.value == "person" or a.contacts for a in pole.actors):
        return True
    if not pole.privacy.personal_fields:
        return False
    data = _plain(pole)  # our own copy: removing from it tells whether a declared field is filled
    return any(_remove(data, path) for path in personal_paths(pole))


def strip_personal(pole: Any) -> Any:
    """A copy of ``pole`` without personal data, for exports meant for sharing.

    Personal fields are removed; natural persons are renamed ``personne-1``,
    ``personne-2``… in the order of the file (use :func:`anonymize` for pseudonyms that
    stay the same from one copy to the next).

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole.model_validate({"id": "p", "name": "P", "actors": [
    ...     {"id": "jeanne", "name": "Jeanne Exemple", "category": "person"},
    ...     {"id": "a", "name": "A", "category": "enterprise",
    ...      "contacts": [{"name": "Jeanne Exemple", "email": "j@example.org"}]}]})
    >>> shared = strip_personal(pole)
    >>> [(a.id, a.name, a.contacts) for a in shared.actors]
    [('personne-1', 'Personne 1', []), ('a', 'A', [])]
    """
    from .io.files import _plain
    from .model import Pole

    data = _plain(pole)
    renames = {a["id"]: (f"personne-{i}", f"Personne {i}") for i, a in enumerate(_persons(data), start=1)}
    _strip(data, pole, renames)
    return Pole.model_validate(data)


def anonymize(pole: Any, secret: bytes) -> Any:
    """A copy of ``pole`` safe to send to a network or a researcher.

    Personal fields are removed and natural persons get stable pseudonyms
    (:func:`pseudonym`); everything else is kept, and the copy is a valid pole.
    """
    from .io.files import _plain
    from .model import Pole

    data = _plain(pole)
    renames = {a["id"]: pseudonym(secret, a["id"]) for a in _persons(data)}
    _strip(data, pole, renames)
    return Pole.model_validate(data)


def load_secret(path: str | os.PathLike[str], *, create: bool = True) -> bytes:
    """The pseudonym secret kept in ``path``; made (and said) when it does not exist yet."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            raise PoleError.single("no pseudonym secret", file=path,
                                   hint="give --secret-file, or run 'ptce anonymize' once to make one") from None
        text = secrets.token_hex(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            raise PoleError.single(f"cannot write the pseudonym secret ({exc.strerror or exc})", file=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PoleError.single(f"cannot read the pseudonym secret ({exc})", file=path) from None
    if len(text) < 32:
        raise PoleError.single("the pseudonym secret is too short (at least 32 characters)", file=path,
                               hint="delete it to have a new one made (pseudonyms will change)")
    return text.encode("ascii")


def anonymize_file(source: str | os.PathLike[str], output: str | os.PathLike[str], *,
                   secret_file: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """Write the anonymised copy of the pole in ``source`` to ``output``.

    The secret comes from ``secret_file``, by default ``.ptce-secret`` next to the pole's
    data file, made on first use.  Comments of the source are not copied (they may name
    people).  Returns ``(output, secret_file)``.
    """
    from .io import find_pole_file, load_pole, save_pole
    from .io.files import atomic_write, dump_pole

    file = find_pole_file(source)
    if Path(output).resolve() == file.resolve():
        raise PoleError.single("the anonymised copy would replace the pole's own data file", file=output,
                               hint="write the copy to another file; to remove data from pole.yaml use 'ptce purge'")
    pole = load_pole(file)
    secret_path = Path(secret_file) if secret_file else file.parent / SECRET_FILE_NAME
    copy = anonymize(pole, load_secret(secret_path))
    output = Path(output)
    if output.suffix.lower() == ".json":
        save_pole(copy, output)
    else:
        header = ("# Anonymised copy made by 'ptce anonymize': personal fields removed, natural persons\n"
                  "# replaced by pseudonyms. Safe to share; the pole keeps the key of the pseudonyms.\n")
        try:
            atomic_write(output, header + dump_pole(copy))
        except OSError as exc:
            raise PoleError.single(f"cannot write the file ({exc.strerror or exc})", file=output) from None
    return output, secret_path


# --- retention ----------------------------------------------------------------------

@dataclasses.dataclass
class PurgeReport:
    """What :func:`purge` removed: per actor, the fields that went."""

    left_before: str
    removed: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    renamed: dict[str, str] = dataclasses.field(default_factory=dict)
    edit: Any = None

    def summary(self) -> str:
        if not self.removed and not self.renamed:
            return f"no personal data of actors who left before {self.left_before}"
        lines = [f"personal data of {len(set(self.removed) | set(self.renamed))} actor(s) who left before "
                 f"{self.left_before}:"]
        for actor_id in sorted(set(self.removed) | set(self.renamed)):
            what = list(self.removed.get(actor_id, []))
            if actor_id in self.renamed:
                what.append(f"name and id (now {self.renamed[actor_id]})")
            lines.append(f"  {actor_id}: removed {', '.join(what)}")
        return "\n".join(lines)


def purge(path: str | os.PathLike[str], left_before: str, *, secret: bytes | None = None,
          dry_run: bool = False) -> PurgeReport:
    """Remove in place the personal data of actors who left before ``left_before``.

    Their contacts and declared personal fields go; a natural person who left also gets
    a pseudonym for name and id (which needs ``secret``).  The file keeps its layout and
    is written atomically, under its lock; see :func:`~ptce_kit.io.edit.edit_pole`.
    """
    from .io.edit import edit_pole
    from .model import Pole, check_partial_date, earliest, latest

    try:
        check_partial_date(left_before)
    except ValueError as exc:
        raise PoleError.single(f"--left-before: {exc}", hint="write a date as YYYY, YYYY-MM or YYYY-MM-DD") from None
    report = PurgeReport(left_before)

    def change(data: Any) -> list[str]:
        pole = Pole.model_validate(_as_plain(data))
        gone = [a for a in pole.actors if a.left and latest(a.left) < earliest(left_before)]
        paths = [p[1:] for p in personal_paths(pole) if p[0] == "actors"]
        renames: dict[str, tuple[str, str]] = {}
        names: dict[str, str] = {}
        for actor in gone:
            node = next(a for a in data["actors"] if a.get("id") == actor.id)
            fields = [".".join(p) for p in paths if _remove(node, p)]
            if actor.category.value == "person":
                if secret is None:
                    raise PoleError.single(f"{actor.id!r} is a natural person: a pseudonym needs the pole's secret",
                                           hint="give --secret-file (the one 'ptce anonymize' uses)")
                fields += [key for key in PERSON_FIELDS if key in node and _remove(node, (key,))]
                renames[actor.id] = pseudonym(secret, actor.id)
                names[actor.id] = actor.name
                report.renamed[actor.id] = renames[actor.id][0]
            if fields:
                report.removed[actor.id] = sorted(set(fields))
        if renames:
            _rename(data, renames, names)
        return []

    report.edit = edit_pole(path, change, dry_run=dry_run)
    return report
