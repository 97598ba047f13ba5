"""Merging SIRENE records into a pole, through the one editing path."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...i18n import Message
from ...model import ActorStatus, suggest_slug
from ...model.identifiers import starts_before
from ...reference import legal_form_label
from .records import Establishment, Filters, SireneRecord, SireneRecords, ess_disagreement, read_sirene
from .stream import Progress

__all__ = ["ImportReport", "merge_sirene", "import_sirene"]

#: The fields an import may write on an actor, in the order of the data format.
FIELDS = ("ess", "legal_form", "legal_form_code", "siren", "siret", "left", "commune", "coordinates", "created",
          "ceased", "ceased_how", "naf", "naf_2025", "acronym", "rna", "address", "headcount_band", "employer",
          "mission_company")
#: Fields never overwritten, even with ``update``: they say who the actor is.
_IDENTITY = {"siren", "siret"}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    added: list[str] = field(default_factory=list)
    #: Fields an actor lacked and got, by actor id.
    completed: dict[str, list[str]] = field(default_factory=dict)
    #: Fields overwritten with ``update``, by actor id: (field, value in the pole, value in SIRENE).
    updated: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)
    conflicts: list[Message] = field(default_factory=list)
    unknown_codes: list[Message] = field(default_factory=list)
    by_name: list[str] = field(default_factory=list)  # actors matched by name, not by number
    closed: list[Message] = field(default_factory=list)  # closed establishments or units, and what was done
    non_diffusible: int = 0  # rows INSEE does not diffuse: left out, never read
    sole_traders: int = 0  # entrepreneurs individuels (natural persons): left out
    #: Rows left out, each with where it is and why.
    skipped: list[Message] = field(default_factory=list)
    filtered_out: int = 0  # rows outside the filters
    rows: int = 0  # rows read
    #: Each file read and its layout, in words.
    layouts: list[tuple[str, str | Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # control characters removed, ESS flag against the form
    text: str = ""
    #: The edit of the pole file (:class:`~ptce_kit.io.edit.Edit`): its diff, whether it was written.
    edit: Any = None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _facts(record: SireneRecord) -> dict[str, Any]:
    """The actor fields a record gives, in the order of the data format."""
    facts: dict[str, Any] = {}
    if record.ess is not None:
        facts["ess"] = record.ess
    if record.cooperative:
        facts["legal_form"] = record.cooperative
    elif record.legal_form_code and (label := legal_form_label(record.legal_form_code)):
        facts["legal_form"] = label
    if record.legal_form_code:
        facts["legal_form_code"] = record.legal_form_code
    for key in ("siren", "siret"):
        if getattr(record, key):
            facts[key] = getattr(record, key)
    if record.closed_since:
        facts["left"] = record.closed_since
    if record.commune:
        facts["commune"] = record.commune
    if record.lat is not None and record.lon is not None:
        facts["coordinates"] = {"lat": record.lat, "lon": record.lon}
    if record.created:
        facts["created"] = record.created
    if record.unit_closed and record.closed_since:
        facts["ceased"], facts["ceased_how"] = record.closed_since, "closed"
    for key in ("naf", "naf_2025", "acronym", "rna", "address", "headcount_band", "employer", "mission_company"):
        if getattr(record, key) is not None:
            facts[key] = getattr(record, key)
    return facts


def _place(est: Establishment) -> dict[str, Any]:
    """The commune, position and address of one establishment, as actor fields."""
    place: dict[str, Any] = {}
    if est.commune:
        place["commune"] = est.commune
    if est.lat is not None and est.lon is not None:
        place["coordinates"] = {"lat": est.lat, "lon": est.lon}
    if est.address:
        place["address"] = est.address
    return place


def _provenance(record: SireneRecord, source: str) -> str:
    codes = [f"{column} {value}" for column, value in (
        ("categorieJuridiqueUniteLegale", record.legal_form_code),
        ("activitePrincipaleUniteLegale", record.naf),
        ("activitePrincipaleNAF25UniteLegale", record.naf_2025),
        ("economieSocialeSolidaireUniteLegale", record.ess_flag)) if value]
    where = record.where
    text = f"SIRENE extract {source}, {where}" + (f" ({', '.join(codes)})" if codes else "")
    notes = []
    if record.cooperative:
        notes.append(f"cooperative ({record.cooperative}): {'; '.join(record.cooperative_clues)}")
    if record.derived_siret:
        notes.append(f"SIRET of the head office, from siren + nicSiegeUniteLegale")
    elif record.head_office is True:
        notes.append("the establishment is the head office")
    elif record.head_office is False:
        office = f" {record.head_office_siret}" if record.head_office_siret else ""
        notes.append(f"the establishment is not the head office{office}")
    if record.lambert:
        notes.append("position converted from Lambert 93")
    if record.others:
        listed = ", ".join(
            f"{e.siret or '?'}" + (f" {e.name}" if e.name else "") + (f" ({e.commune})" if e.commune else "")
            + (" head office" if e.head_office else "")
            + (f" closed {e.closed_since}" if e.closed and e.closed_since else " closed" if e.closed else "")
            for e in record.others)
        notes.append(f"other establishments in the extract: {listed}")
    return text + "".join(f"; {n}" for n in notes)


def merge_sirene(data: dict[str, Any], records: Sequence[SireneRecord], *, source: str,
                 status: ActorStatus = ActorStatus.MEMBER, update: bool = False) -> ImportReport:
    """Merge records into a pole's plain data (changed in place), never overwriting a value unless ``update``.

    An actor whose SIRET, or else SIREN, matches a record gets the fields it lacks; a
    value that differs from the extract is left as it is and reported as a conflict (with
    ``update``, SIRENE's value replaces it, and the change is reported field by field).
    Other records become new actors with ``status``: one actor per SIREN.

    Examples
    --------
    >>> data = {"id": "p", "name": "P", "actors": [{"id": "a", "name": "A", "category": "other",
    ...         "siren": "000 000 018"}]}
    >>> records = [SireneRecord(line=2, name="A", siren="000000018", legal_form_code="9220"),
    ...            SireneRecord(line=3, name="Scop B", siren="000000026", legal_form_code="5458")]
    >>> report = merge_sirene(data, records, source="x.csv")
    >>> report.completed, report.added
    ({'a': ['ess', 'legal_form', 'legal_form_code']}, ['scop-b'])
    >>> data["actors"][1]["category"], data["actors"][1]["legal_form"]
    ('ess_enterprise', 'SARL coopérative de production (SCOP)')
    """
    report = ImportReport()
    if isinstance(records, SireneRecords):
        report.layouts, report.skipped = list(records.layouts), list(records.skipped)
        report.non_diffusible, report.sole_traders = records.non_diffusible, records.sole_traders
        report.filtered_out, report.rows = records.filtered_out, records.rows
    actors = data.setdefault("actors", [])
    by_siret = {_digits(a.get("siret")): a for a in actors if a.get("siret")}
    by_siren: dict[str, Any] = {}
    for a in actors:
        if a.get("siren"):
            by_siren.setdefault(_digits(a.get("siren")), a)
        elif a.get("siret"):
            by_siren.setdefault(_digits(a.get("siret"))[:9], a)
    ids = {a.get("id") for a in actors}
    for record in records:
        if not record.diffusible:
            report.non_diffusible += 1
            continue
        if record.sole_trader:
            report.sole_traders += 1
            continue
        for column in record.cleaned:
            report.warnings.append(Message("{where}: control characters removed from {column}", where=record.where,
                                           column=column))
        if (disagreement := ess_disagreement(record.ess_flag, record.legal_form_code)) is not None:
            report.warnings.append(Message("{where}: {name}: {why}", where=record.where, name=record.name,
                                           why=disagreement))
        if record.legal_form_code and legal_form_label(record.legal_form_code) is None:
            report.unknown_codes.append(Message("{where}: {code}", where=record.where, code=record.legal_form_code))
        facts = _facts(record)
        actor = by_siret.get(record.siret or "") or by_siren.get(record.siren or "")
        if actor is None:
            # An actor written by hand before its numbers were known: same name, no number.
            same = [a for a in actors if a.get("id") == suggest_slug(record.name)
                    and not (a.get("siren") or a.get("siret"))]
            actor = same[0] if same else None
            if actor is not None:
                report.by_name.append(str(actor.get("id")))
        if record.closed:
            if record.closed_since:
                if record.unit_closed:
                    report.closed.append(Message("{where}: {name}, ceased since {date} (recorded as left and ceased)",
                                                 where=record.where, name=record.name, date=record.closed_since))
                else:
                    report.closed.append(Message("{where}: {name}, closed since {date} (recorded as left)",
                                                 where=record.where, name=record.name, date=record.closed_since))
            elif actor is not None and not actor.get("left"):
                report.closed.append(Message("{where}: {name} is closed in SIRENE but present in the pole: set 'left' "
                                             "on {id}", where=record.where, name=record.name, id=actor.get("id")))
            elif actor is None:
                report.closed.append(Message("{where}: {name} is closed in SIRENE and its closing date is not in the "
                                             "extract: not imported", where=record.where, name=record.name))
                continue
        if actor is not None:
            if actor.get("siret") and record.siret and _digits(actor.get("siret")) != record.siret:
                # The pole names another establishment of the unit: it is kept, with its own place when read.
                facts.pop("siret", None)
                for key in ("commune", "coordinates", "address"):
                    facts.pop(key, None)
                own = next((e for e in record.others if e.siret == _digits(actor.get("siret"))), None)
                if own is not None:
                    facts.update(_place(own))
            filled, changed = [], []
            joined = actor.get("joined")
            if "left" in facts and joined is not None and starts_before(facts["left"], str(joined)):
                # Closed before joining: neither date can be written without making the pole
                # invalid (an actor cannot join after it ceased to exist); the user decides.
                facts.pop("ceased", None)
                facts.pop("ceased_how", None)
                report.conflicts.append(Message(
                    "{id}: SIRENE says it closed on {date} ({where}), before it joined the pole ({joined}); neither "
                    "left nor ceased set: check the dates", id=actor.get("id"), date=facts.pop("left"),
                    where=record.where, joined=joined))
            for key, value in facts.items():
                current = actor.get(key)
                if current is None:
                    actor[key] = value
                    filled.append(key)
                elif key in _IDENTITY and _digits(current) == value:
                    continue
                elif current != value and not (key == "left" and current):
                    if update and key not in _IDENTITY:
                        actor[key] = value
                        changed.append((key, current, value))
                    elif key != "coordinates":
                        report.conflicts.append(Message(
                            "{id}: {key} is {current!r} in the pole but {value!r} in the extract ({where}); kept "
                            "{current!r}", id=actor.get("id"), key=key, current=current, value=value,
                            where=record.where))
            if filled:
                report.completed[str(actor.get("id"))] = filled
            if changed:
                report.updated[str(actor.get("id"))] = changed
            if filled or changed:
                note = _provenance(record, source) + f": {', '.join([*filled, *(c[0] for c in changed)])}"
                actor["provenance"] = f"{actor['provenance']} ; {note}" if actor.get("provenance") else note
            continue
        actor_id = base = suggest_slug(record.name)
        n = 2
        while actor_id in ids:
            actor_id, n = f"{base}-{n}", n + 1
        ids.add(actor_id)
        new: dict[str, Any] = {"id": actor_id, "name": record.name, "category": record.category.value}
        new["status"] = status.value  # as asked: an actor without a status would not be a member
        new.update(facts)
        new["provenance"] = _provenance(record, source)
        actors.append(new)
        report.added.append(actor_id)
        if record.siret:
            by_siret[record.siret] = new
        if record.siren:
            by_siren.setdefault(record.siren, new)
    return report


def import_sirene(extract: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], into: str | os.PathLike[str], *,
                  status: ActorStatus | str = ActorStatus.MEMBER, dry_run: bool = False,
                  filters: Filters | None = None, update: bool = False,
                  progress: Progress | None = None,
                  keep: Callable[[SireneRecord], bool] | None = None) -> ImportReport:
    """Add the units of a SIRENE extract (one file, or several read together) to a pole's data file.

    The file is edited through :func:`~ptce_kit.io.edit.edit_pole`, the one editing path:
    under its lock, keeping every line the import does not touch byte for byte (comments,
    line ends, a byte-order mark), and written atomically only if the result is a valid
    pole; nothing is written with ``dry_run``.  ``report.edit`` holds the edit (its diff),
    ``report.text`` the new file's text.  ``keep``, when given, chooses the records imported
    (the others are refused, row by row, as in ``ptce serve``'s Importer).
    """
    from ...model import Actor
    from ..edit import DATE_FIELDS, date_node, edit_pole, set_key, to_node

    actor_order = [k for k in Actor.model_fields if k != "provenance"] + ["provenance"]
    paths = [extract] if isinstance(extract, (str, os.PathLike)) else list(extract)
    records = read_sirene(*paths, filters=filters, progress=progress)
    if keep is not None:
        kept = SireneRecords(r for r in records if keep(r))
        kept.layouts, kept.skipped, kept.rows = records.layouts, records.skipped, records.rows
        kept.non_diffusible, kept.sole_traders = records.non_diffusible, records.sole_traders
        kept.filtered_out = records.filtered_out
        records = kept
    status = ActorStatus(status)
    source = " + ".join(sorted(Path(p).name for p in paths))
    report = ImportReport()

    def change(data: Any) -> list[str]:
        nonlocal report
        actors = data.get("actors")
        if hasattr(actors, "fa") and not actors:
            # 'actors: []' is a flow sequence; new actors read better as blocks.
            actors.fa.set_block_style()
        sourced = {str(a.get("id")) for a in actors or () if isinstance(a, dict) and "provenance" in a}
        report = merge_sirene(data, records, source=source, status=status, update=update)
        yaml = hasattr(data, "fa")  # a round-trip YAML document, not JSON's plain data
        added = set(report.added)
        actors = data["actors"]
        for i, actor in enumerate(actors):
            if actor.get("id") in added:
                if yaml and not hasattr(actor, "fa"):
                    actors[i] = to_node(actor)
                continue
            touched = report.completed.get(str(actor.get("id")), []) + [
                c[0] for c in report.updated.get(str(actor.get("id")), [])]
            if touched and str(actor.get("id")) not in sourced:
                touched = [*touched, "provenance"]  # a new provenance (one the user wrote stays in place)
            for key in touched:
                # A field goes where the data format puts it, written as a person would.
                value = actor.pop(key)
                if yaml:
                    value = to_node(date_node(value) if key in DATE_FIELDS else value)
                set_key(actor, key, value, order=actor_order)
        return []

    report.edit = edit_pole(into, change, dry_run=dry_run)
    report.text = report.edit.new.lstrip("\ufeff").replace("\r\n", "\n")
    return report
