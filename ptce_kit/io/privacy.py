"""Personal data in pole files: the anonymised copy (``ptce anonymize``) and the purge (``ptce purge``).

:mod:`ptce_kit.privacy` makes the copies meant for sharing and keeps the pseudonyms'
secret; this module reads and writes the files, the purge through the one editing path
(:func:`ptce_kit.io.edit.edit_pole`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from ..errors import Invalid, PoleError
from ..i18n import Message, N_, plural_message
from ..privacy import (
    PERSON_FIELDS,
    SECRET_FILE_NAME,
    _anonymize,
    _remove,
    _rename,
    left_in_text_lines,
    load_secret,
    personal_paths,
    pseudonym,
)

__all__ = ["anonymize_file", "purge", "PurgeReport"]


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def anonymize_file(source: str | os.PathLike[str], output: str | os.PathLike[str], *,
                   secret_file: str | os.PathLike[str] | None = None) -> tuple[Path, Path, list[str]]:
    """Write the anonymised copy of the pole in ``source`` to ``output``.

    The secret comes from ``secret_file``, by default ``.ptce-secret`` next to the pole's
    data file, made on first use.  Comments of the source are not copied (they may name
    people).  ``output`` may be neither the pole's data file nor the secret.  Returns
    ``(output, secret_file, left)``, ``left`` listing the free texts that still hold a
    word of a person's name (``"actors[2].description: Martin"``), to read before sharing.
    """
    from .files import atomic_write, dump_pole, find_pole_file, load_pole, save_pole

    file = find_pole_file(source)
    output = Path(output)
    secret_path = Path(secret_file) if secret_file else file.parent / SECRET_FILE_NAME
    if _same_file(output, file):
        raise PoleError.single(N_("the anonymised copy would replace the pole's own data file"), file=output,
                               hint=N_("write the copy to another file; to remove data from pole.yaml use 'ptce purge'"),
                               code="PTCE-E400")
    if _same_file(output, secret_path) or output.name == SECRET_FILE_NAME:
        raise PoleError.single(N_("the anonymised copy would replace the key of the pseudonyms"), file=output,
                               hint=N_("write the copy to another file; keep the key (without it, pseudonyms change)"),
                               code="PTCE-E400")
    if _same_file(secret_path, file):
        raise PoleError.single(N_("the pole's data file is not a pseudonym secret"), file=secret_path,
                               hint=N_("give the key file with --secret-file, or leave it out to use .ptce-secret"),
                               code="PTCE-E420")
    pole = load_pole(file)
    copy, left = _anonymize(pole, load_secret(secret_path))
    if output.suffix.lower() == ".json":
        save_pole(copy, output)
    else:
        header = ("# Anonymised copy made by 'ptce anonymize': personal fields removed, natural persons\n"
                  "# replaced by pseudonyms. Safe to share; the pole keeps the key of the pseudonyms.\n")
        atomic_write(output, header + dump_pole(copy))
    return output, secret_path, left


# --- retention ----------------------------------------------------------------------

@dataclasses.dataclass
class PurgeReport:
    """What :func:`purge` removed: per actor, the fields that went."""

    left_before: str
    removed: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    renamed: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Free texts that still name people: a word of a renamed person's name, or a removed
    #: contact's name (``"actors[0].description: Martin"``).
    left: list[str] = dataclasses.field(default_factory=list)
    edit: Any = None

    def summary(self) -> str:
        """What went, actor by actor, then what free text still holds (to read and mend by hand)."""
        if not self.removed and not self.renamed:
            return Message("no personal data of actors who left before {date}", date=self.left_before).render()
        purged = set(self.removed) | set(self.renamed)
        lines = [plural_message("personal data of {n} actor who left before {date}:",
                                "personal data of {n} actors who left before {date}:", len(purged),
                                date=self.left_before).render()]
        for actor_id in sorted(purged):
            what = list(self.removed.get(actor_id, []))
            if actor_id in self.renamed:
                what.append(Message("name and id (now {id})", id=self.renamed[actor_id]).render())
            lines.append("  " + Message("{id}: removed {fields}", id=actor_id, fields=", ".join(what)).render())
        lines += [str(line) for line in left_in_text_lines(self.left)]  # str() writes a Message in the language
        return "\n".join(lines)


def purge(path: str | os.PathLike[str], left_before: str, *, secret: bytes | None = None,
          dry_run: bool = False) -> PurgeReport:
    """Remove in place the personal data of actors who left before ``left_before``.

    Their contacts and declared personal fields go; a natural person who left also gets
    a pseudonym for name and id (which needs ``secret``).  The file keeps its layout and
    is written atomically, under its lock; see :func:`~ptce_kit.io.edit.edit_pole`.
    """
    from ..model import Pole, check_partial_date, earliest, latest
    from .edit import as_plain, edit_pole

    try:
        check_partial_date(left_before)
    except ValueError as exc:
        raise PoleError.single(Message("--left-before: {why}", why=exc.message if isinstance(exc, Invalid) else str(exc)),
                               hint=N_("write a date as YYYY, YYYY-MM or YYYY-MM-DD"), code="PTCE-E115") from None
    report = PurgeReport(left_before)

    def change(data: Any) -> list[str]:
        pole = Pole.model_validate(as_plain(data))
        gone = [a for a in pole.actors if a.left and latest(a.left) < earliest(left_before)]
        paths = [p[1:] for p in personal_paths(pole) if p[0] == "actors"]
        renames: dict[str, tuple[str, str]] = {}
        names: dict[str, str] = {}
        contacts: list[str] = []
        for actor in gone:
            node = next(a for a in data["actors"] if a.get("id") == actor.id)
            fields = [".".join(p) for p in paths if _remove(node, p)]
            if "contacts" in fields:
                contacts += [c.name for c in actor.contacts if c.name]
            if actor.category.value == "person":
                if secret is None:
                    raise PoleError.single(Message("{id!r} is a natural person: a pseudonym needs the pole's secret",
                                                   id=actor.id), code="PTCE-E420",
                                           hint=N_("give --secret-file (the one 'ptce anonymize' uses)"))
                fields += [key for key in PERSON_FIELDS if key in node and _remove(node, (key,))]
                renames[actor.id] = pseudonym(secret, actor.id)
                names[actor.id] = actor.name
                report.renamed[actor.id] = renames[actor.id][0]
            if fields:
                report.removed[actor.id] = sorted(set(fields))
        if renames or contacts:
            refs = [path for path, _ in Pole.model_validate(as_plain(data)).iter_actor_refs()]
            report.left = _rename(data, renames, names, refs=refs, contacts=contacts)
        return []

    report.edit = edit_pole(path, change, dry_run=dry_run)
    return report
