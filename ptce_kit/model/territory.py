"""Where a pole lives: its territory, communes and shared site.

Commune, département, région and EPCI codes are checked against France's reference
geography (:mod:`ptce_kit.reference.geo`, INSEE's Code officiel géographique): a code
that names nothing is an error, with the real ones it may have meant; a former
commune's code, or a code whose name does not match, is a warning
(:func:`reference_warnings`, reported by ``ptce validate``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import InitErrorDetails

from ..errors import Problem
from ..i18n import Message, N_
from .actors import Coordinates
from .base import Provenance, Record, error_at, raise_errors
from .text import Line, Name, RequiredLine, Text
from .identifiers import InseeCode, PartialDate, Siren, Slug, starts_before
from .grammar import Article, Gender, Number, article_field, gender_field, number_field

if TYPE_CHECKING:
    from ..reference.geo import Commune as RefCommune
    from ..reference.geo import Departement as RefDepartement
    from ..reference.geo import Epci as RefEpci
    from ..reference.geo import Region as RefRegion

__all__ = ["Area", "Commune", "Epci", "PriorityArea", "PriorityAreaKind", "Population", "Territory", "Site",
           "PoleSite", "commune_code_errors", "raw_commune_code_errors", "reference_warnings"]

#: A field path in a pole, e.g. ("territory", "communes", 0, "code").
Loc = tuple[str | int, ...]


class Area(Record):
    """A département or région: its official code (when known) and name."""

    code: Annotated[str, Field(pattern=r"^(?:\d{2,3}|2[AB])$")] | None = Field(None, description="Official INSEE code, e.g. 44 (Loire-Atlantique), 52 (Pays de la Loire)")
    name: Annotated[Name, Field(description="Official name")]


class Commune(Record):
    """A commune of the territory: its INSEE code and name (the code may be left out when not known)."""

    code: InseeCode | None = Field(None, description="INSEE commune code (not the postal code), e.g. 44109; "
                                                     "leave it out only when it is not known (a warning)")
    name: Annotated[Name, Field(description="Official name, e.g. Nantes")]


class Epci(Record):
    """The intercommunal body (EPCI à fiscalité propre): its SIREN, its name, or both."""

    name: Name | None = Field(None, description="Name of the EPCI (its official name comes with the SIREN)")
    siren: Siren | None = Field(None, description="SIREN of the EPCI, e.g. 244400404 (Nantes Métropole)")

    @model_validator(mode="after")
    def _named(self) -> Epci:
        if self.name is None and self.siren is None:
            raise_errors("Epci", [error_at((), N_("an EPCI needs its SIREN or its name"), None, code="PTCE-E101",
                                           hint=N_("write 'siren:' (its official name comes with it) or 'name:'"))])
        return self

    @property
    def reference(self) -> RefEpci | None:
        """The EPCI of the reference table with this SIREN, if any."""
        from ..reference import geo

        return geo.epci(self.siren) if self.siren else None


class PriorityAreaKind(StrEnum):
    """The priority areas the State defines."""

    QPV = "QPV"  #: quartier prioritaire de la politique de la ville
    ZRR = "ZRR"  #: zone de revitalisation rurale (until 30 June 2024)
    FRR = "FRR"  #: France Ruralités Revitalisation (ZRR's successor, from 1 July 2024)
    ZFU = "ZFU"  #: zone franche urbaine – territoire entrepreneur
    BER = "BER"  #: bassin d'emploi à redynamiser
    ZRD = "ZRD"  #: zone de restructuration de la défense
    OTHER = "other"  #: another zoning of the State's (say which in the name)


class PriorityArea(Record):
    """A priority area the State defines (QPV, ZRR…) that the pole's territory or site lies in.

    Its ``code`` is kept as written.  No official statement of the codes' shape could be
    found to check them against (the QPV lists of 2015 and 2024 number their areas
    differently, and a ZRR is a list of communes, not a code of its own): a rule
    written from examples would refuse real codes or pass wrong ones.
    """

    kind: PriorityAreaKind = Field(description="QPV, ZRR, FRR, ZFU, BER, ZRD or other")
    code: Line | None = Field(None, description="The area's official code, as the State's list writes it "
                                                "(kept as written: its shape is not checked)")
    name: Annotated[Name, Field(description="The area's name, e.g. 'La Monnaie'")]
    provenance: Text | None = Provenance()


class Population(Record):
    """How many people live on the territory, for one year, from one source."""

    value: Annotated[int, Field(ge=0, le=10**8, description="Number of inhabitants")]
    year: Annotated[int, Field(ge=1800, le=2200, description="The year the figure is for")]
    source: Annotated[RequiredLine, Field(description="Where the figure comes from, e.g. 'INSEE, population légale 2021'")]


class Territory(Record):
    """The territory a pole serves: communes, an EPCI, one or more départements, or a whole région.

    Every level is optional and they add up (:meth:`extent`): a territory that is an EPCI
    gives ``epci`` (its SIREN), one over several départements gives ``departements``, a
    whole région gives ``region`` and nothing finer.
    """

    name: Annotated[Name, Field(description="Name of the territory in words")]
    communes: list[Commune] = Field(default_factory=list, description="The communes it covers")
    departement: Area | None = Field(None, description="The département")
    departements: list[Area] = Field(default_factory=list,
                                     description="The départements, when the territory spans several "
                                                 "(instead of 'departement')")
    region: Area | None = Field(None, description="The région (the whole région when nothing finer is given)")
    epci: Epci | None = Field(None, description="The intercommunal body (EPCI), if one covers the territory")
    priority_areas: list[PriorityArea] = Field(default_factory=list,
                                               description="Priority areas of the State's (QPV, ZRR…) it lies in")
    population: Population | None = Field(None, description="Its population, with the year and the source")
    provenance: Text | None = Provenance()
    article: Article | None = article_field()
    gender: Gender | None = gender_field()
    number: Number | None = number_field()

    @model_validator(mode="after")
    def _known_codes(self) -> Territory:
        errors: list[InitErrorDetails] = []
        if self.departement is not None and self.departements:
            errors.append(error_at(("departements",), N_("give either 'departement' or 'departements', not both"),
                                   None, code="PTCE-E128",
                                   hint=N_("keep 'departements' and put the single département in it")))
        for i, c in enumerate(self.communes):
            if c.code is not None:
                errors += _unknown_commune(("communes", i, "code"), c.code, c.name)
        for path, area in self._departements():
            errors += _unknown_area(path, area, "departement")
        if self.region is not None:
            errors += _unknown_area(("region",), self.region, "region")
        if self.epci is not None and self.epci.siren is not None:
            errors += _unknown_epci(self.epci)
        raise_errors("Territory", errors)
        return self

    def _departements(self) -> list[tuple[Loc, Area]]:
        if self.departement is not None:
            return [(("departement",), self.departement)]
        return [(("departements", i), area) for i, area in enumerate(self.departements)]

    # --- derived from the reference geography ---------------------------------------

    def commune_codes(self) -> list[str]:
        """The current INSEE codes of the territory's communes, in order, without repeats.

        A former commune's code gives its successor; a commune given by name alone gives
        its code when exactly one commune has that name; others are left out (unknown).

        Examples
        --------
        >>> Territory(name="T", communes=[{"code": "26029", "name": "Beaurières"},
        ...                               {"name": "Bourg-de-Péage"}]).commune_codes()
        ['26136', '26057']
        """
        codes: list[str] = []
        for c in self.communes:
            found = _resolve(c)
            if found is not None and found.code not in codes:
                codes.append(found.code)
        return codes

    def derived_epcis(self) -> list[RefEpci]:
        """The EPCI(s) the territory's communes belong to, by SIREN.

        Examples
        --------
        >>> t = Territory(name="T", communes=[{"code": "26281", "name": "Romans-sur-Isère"},
        ...                                   {"code": "26057", "name": "Bourg-de-Péage"}])
        >>> [e.name for e in t.derived_epcis()]
        ['CA Valence Romans Agglo']
        """
        from ..reference import geo

        found = {e.siren: e for code in self.commune_codes() if (e := geo.epci_of(code)) is not None}
        return [found[s] for s in sorted(found)]

    def derived_departements(self) -> list[RefDepartement]:
        """The département(s) of the territory's communes, by code.

        Examples
        --------
        >>> t = Territory(name="T", communes=[{"code": "26281", "name": "Romans-sur-Isère"},
        ...                                   {"code": "38185", "name": "Grenoble"}])
        >>> [d.name for d in t.derived_departements()]
        ['Drôme', 'Isère']
        """
        from ..reference import geo

        codes = sorted({c.departement for code in self.commune_codes() if (c := geo.commune(code)) is not None})
        return [d for code in codes if (d := geo.departement(code)) is not None]

    def derived_regions(self) -> list[RefRegion]:
        """The région(s) of the territory's communes (else of its départements), by code.

        Examples
        --------
        >>> Territory(name="T", departements=[{"code": "26", "name": "Drôme"}]).derived_regions()[0].name
        'Auvergne-Rhône-Alpes'
        """
        from ..reference import geo

        deps = [d.code for d in self.derived_departements()] or [
            a.code for _, a in self._departements() if a.code is not None]
        codes = sorted({d.region for code in deps if (d := geo.departement(code)) is not None})
        return [r for code in codes if (r := geo.region(code)) is not None]

    def extent(self) -> frozenset[str]:
        """The INSEE codes of every commune on the territory, as far as the data says.

        The union of its communes, its EPCI's member communes and its départements'
        communes; the région's communes only when nothing finer is given (a territory
        that is a whole région).  Former communes' codes are included with their
        successors, so that an actor recorded before a merger still counts.  Empty
        when the territory gives no known place: unknown, not "nowhere".

        Examples
        --------
        >>> t = Territory(name="Valence Romans Agglo", epci={"siren": "200068781"})
        >>> "26281" in t.extent(), "26113" in t.extent()
        (True, False)
        """
        from ..reference import geo

        codes: set[str] = set(self.commune_codes())
        if self.epci is not None and self.epci.reference is not None:
            codes |= geo.commune_codes(epci=self.epci.reference.siren)
        for _, area in self._departements():
            if area.code is not None and geo.departement(area.code) is not None:
                codes |= geo.commune_codes(departement=area.code)
        if not codes and self.region is not None and self.region.code and geo.region(self.region.code):
            codes |= geo.commune_codes(region=self.region.code)
        return frozenset(codes | geo.former_codes_of(codes)) if codes else frozenset()

    def reference_warnings(self) -> list[Problem]:
        """What the reference geography questions without refusing it (paths from the territory).

        Examples
        --------
        >>> t = Territory(name="T", communes=[{"code": "26150", "name": "Die"}])
        >>> print(t.reference_warnings()[0].message)
        '26150' is the INSEE code of Izon-la-Bruisse, not of 'Die': 26150 is Die's postal code, and Die's INSEE code is 26113
        """
        from ..reference import geo

        found: list[Problem] = []
        for i, c in enumerate(self.communes):
            found += _commune_warnings(("communes", i), c)
        for path, area in self._departements():
            found += _area_warnings(path, area, "departement")
        if self.region is not None:
            found += _area_warnings(("region",), self.region, "region")
        if self.epci is not None and self.epci.siren and self.epci.name and self.epci.reference is not None:
            official = self.epci.reference
            if not _same_epci_name(self.epci.name, official.name):
                found.append(Problem(Message("the SIREN {siren} is the EPCI {official!r}, not {name!r}",
                                             siren=official.siren, official=official.name, name=self.epci.name),
                                     ("epci", "name"), hint=Message("write name: {name}, or check the SIREN",
                                                                    name=official.name), code="PTCE-W134"))
        if self.epci is not None and self.epci.siren is None and self.epci.name:
            named = [e for e in geo.epcis() if _same_epci_name(self.epci.name, e.name)]
            if len(named) == 1:
                found.append(Problem(Message("the EPCI {name!r} has no SIREN: the SIREN of {official} is {siren}",
                                             name=self.epci.name, official=named[0].name, siren=named[0].siren),
                                     ("epci",), hint=Message("add siren: \"{siren}\"", siren=named[0].siren),
                                     code="PTCE-W134"))
        # Communes outside the larger areas the territory names.
        places = [(i, geo.commune(code)) for i, c in enumerate(self.communes)
                  if (r := _resolve(c)) is not None and (code := r.code)]
        epci = self.epci.reference if self.epci is not None else None
        deps = {a.code for _, a in self._departements() if a.code and geo.departement(a.code)}
        region = self.region.code if self.region is not None and self.region.code and geo.region(self.region.code) else None
        for i, place in places:
            if place is None:
                continue
            if epci is not None and place.epci != epci.siren:
                found.append(Problem(Message("{place} is not a member of the EPCI {epci}", place=place.label,
                                             epci=epci.name), ("communes", i),
                                     hint=N_("check the commune, or the EPCI's SIREN"), code="PTCE-W133"))
            if deps and place.departement not in deps:
                found.append(Problem(Message("{place} is in the département {departement}, not in {expected}",
                                             place=place.label, departement=place.departement,
                                             expected=_either(sorted(deps))), ("communes", i),
                                     hint=N_("check the commune, or add its département"), code="PTCE-W133"))
            if region is not None and place.region != region:
                found.append(Problem(Message("{place} is in the région {region}, not in {expected}", place=place.label,
                                             region=place.region, expected=region), ("communes", i),
                                     hint=N_("check the commune, or the région"), code="PTCE-W133"))
        for path, area in self._departements():
            dep = geo.departement(area.code) if area.code else None
            if dep is not None and region is not None and dep.region != region:
                found.append(Problem(Message("the département {departement} is in the région {region}, not in "
                                             "{expected}", departement=dep.label, region=dep.region, expected=region),
                                     (*path, "code"), hint=N_("check the département, or the région"),
                                     code="PTCE-W133"))
        return found


class Site(Record):
    """The shared place where members are hosted or meet, if the pole has one."""

    name: Name | None = Field(None, description="Name of the place")
    address: Line | None = Field(None, description="Postal address")
    commune: InseeCode | None = Field(None, description="INSEE code of its commune")
    coordinates: Coordinates | None = Field(None, description="Position, for maps")
    since: PartialDate | None = Field(None, description="Since when the pole uses the place")
    until: PartialDate | None = Field(None, description="Until when the pole used it (it moved, or closed the place)")
    provenance: Text | None = Provenance()

    @model_validator(mode="after")
    def _dates(self) -> Site:
        if self.since and self.until and starts_before(self.until, self.since):
            raise_errors("Site", [error_at(
                ("until",), Message("'until' ({until}) is before 'since' ({since}): fix one of the dates",
                                    until=self.until, since=self.since), self.until, code="PTCE-E121")])
        return self


class _Identified(Record):
    id: Slug = Field(description="Identifier of the site, used in actors[].presences[].site")


class PoleSite(Site, _Identified):
    """One of the pole's several places (``sites``), with an id that actors' ``presences`` refer to."""


# --- the checks -------------------------------------------------------------------------


def _error(loc: Loc, message: Message, value: object, hint: str | Message | None) -> InitErrorDetails:
    """A located error of the reference geography (``PTCE-E130``), carrying its hint."""
    return error_at(loc, message, value, "reference_geo", code="PTCE-E130", hint=hint)


def _either(items: list[str]) -> str | Message:
    """``a``, ``a or b``, ``a, b or c``, with the ``or`` in the reader's language."""
    if len(items) == 1:
        return items[0]
    return Message("{items} or {last}", items=", ".join(items[:-1]), last=items[-1])


def _listed(communes: list[RefCommune], limit: int = 5) -> str | Message:
    labels = [c.label for c in communes[:limit]]
    if len(communes) > limit:
        return Message("{items} or another of its {n} communes", items=", ".join(labels), n=len(communes))
    return _either(labels)


def _suggest(code: str, name: str | None) -> list[RefCommune]:
    """The communes a wrong code (and the name beside it, if any) may have meant, best first."""
    from ..reference import geo

    near = geo.nearest_communes(code)
    if not name:
        return near
    key = geo.normalise_name(name)
    both = [c for c in near if geo.normalise_name(c.name).startswith(key) or key.startswith(geo.normalise_name(c.name))]
    named = geo.nearest_communes(name)
    local = [c for c in named if code.startswith(c.departement)]
    ranked: list[RefCommune] = []
    for c in both + local + near + named:
        if c not in ranked:
            ranked.append(c)
    return ranked[:5]


def _unknown_commune(loc: Loc, code: str, name: str | None = None) -> list[InitErrorDetails]:
    """The error for a commune code the reference table does not know (empty when it does)."""
    from ..reference import geo

    if geo.is_commune_code_known(code):
        return []
    if code.startswith("99"):
        return [_error(loc, Message("{code!r} is the INSEE code of a country, not of a commune", code=code), code,
                       N_("leave the commune out for an actor abroad"))]
    served = geo.communes_by_postal_code(code)
    if served:
        named = [c for c in served if name and geo.same_name(c.name, name)]
        ranked = geo.nearest_communes(code, n=len(served))
        return [_error(loc, Message("{code!r} is a postal code, not an INSEE commune code: did you mean {listed}?",
                                    code=code, listed=_listed(named or ranked)), code,
                       N_("write the commune's INSEE code (Code officiel géographique), not its postal code"))]
    near = _suggest(code, name)
    hint = Message("find the code on https://www.insee.fr/fr/recherche/recherche-geographique; a commune created "
                   "after the {vintage} needs a newer ptce-kit", vintage=geo.VINTAGE)
    if near:
        return [_error(loc, Message("{code!r} is not a commune of INSEE's Code officiel géographique ({vintage}): "
                                    "did you mean {listed}?", code=code, vintage=geo.VINTAGE, listed=_listed(near)),
                       code, hint)]
    return [_error(loc, Message("{code!r} is not a commune of INSEE's Code officiel géographique ({vintage})",
                                code=code, vintage=geo.VINTAGE), code, hint)]


def _unknown_area(loc: Loc, area: Area, level: str) -> list[InitErrorDetails]:
    from ..reference import geo

    if area.code is None:
        return []
    if level == "departement":
        if geo.departement(area.code) is not None:
            return []
        named = [d for d in geo.departements() if geo.same_name(d.name, area.name)]
        hint = N_("write the département's INSEE code, e.g. 26 for the Drôme, 2A or 2B in Corsica, 974 for La Réunion")
        message = (Message("{code!r} is not a département's code: did you mean {name}?", code=area.code,
                           name=named[0].label) if named
                   else Message("{code!r} is not a département's code", code=area.code))
        return [_error((*loc, "code"), message, area.code, hint)]
    if geo.region(area.code) is not None or area.code in geo.FORMER_REGIONS:
        return []
    named_regions = [r for r in geo.regions() if geo.same_name(r.name, area.name)]
    message = (Message("{code!r} is not a région's code: did you mean {name}?", code=area.code,
                       name=named_regions[0].label) if named_regions
               else Message("{code!r} is not a région's code", code=area.code))
    return [_error((*loc, "code"), message, area.code,
                   N_("write the région's INSEE code, e.g. 84 for Auvergne-Rhône-Alpes (régions since 2016)"))]


def _unknown_epci(epci: Epci) -> list[InitErrorDetails]:
    from ..reference import geo

    if epci.reference is not None or epci.siren is None:
        return []
    near = []
    if epci.name:
        near = [e for e in geo.epcis() if _same_epci_name(epci.name, e.name)]
    message = (Message("{siren} is not the SIREN of an EPCI à fiscalité propre in the {vintage} list: did you mean "
                       "{name}?", siren=epci.siren, vintage=geo.VINTAGE, name=near[0].label) if near
               else Message("{siren} is not the SIREN of an EPCI à fiscalité propre in the {vintage} list",
                            siren=epci.siren, vintage=geo.VINTAGE))
    return [_error(("epci", "siren"), message, epci.siren,
                   N_("find the EPCI's SIREN on banatic.interieur.gouv.fr; for an EPCI merged or dissolved "
                      "since, give its name without the SIREN"))]


_EPCI_PREFIXES = ("communaute d agglomeration ", "communaute de communes ", "communaute urbaine ",
                  "metropole ", "ca ", "cc ", "cu ")


def _epci_key(name: str) -> str:
    from ..reference import geo

    key = geo.normalise_name(name)
    for prefix in _EPCI_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def _same_epci_name(a: str, b: str) -> bool:
    """Whether two EPCI names agree, with or without their kind ("CA", "Communauté de communes"…)."""
    return _epci_key(a) == _epci_key(b)


def _resolve(c: Commune) -> RefCommune | None:
    """The current commune a territory's commune stands for, when the table says."""
    from ..reference import geo

    if c.code is None:
        named = geo.communes_named(c.name)
        return named[0] if len(named) == 1 else None
    current = geo.commune(c.code)
    if current is not None:
        return current
    former = geo.former_commune(c.code)
    return geo.commune(former.successor) if former is not None else None


def former_code_warning(path: Loc, code: str) -> Problem | None:
    """The warning for a former commune's code (merged into another), else ``None``."""
    from ..reference import geo

    if geo.commune(code) is not None:
        return None
    former = geo.former_commune(code)
    if former is None:
        return None
    successor = geo.commune(former.successor)
    label = successor.label if successor is not None else former.successor
    messages = {
        "merged": (N_("{code!r} is the code of a former commune, merged into {now}"),
                   N_("{code!r} is the code of a former commune ({name}), merged into {now}")),
        "deleguee": (N_("{code!r} is the code of a former commune, now a commune déléguée of {now}"),
                     N_("{code!r} is the code of a former commune ({name}), now a commune déléguée of {now}")),
        "associee": (N_("{code!r} is the code of a former commune, now a commune associée of {now}"),
                     N_("{code!r} is the code of a former commune ({name}), now a commune associée of {now}")),
    }[former.kind]
    return Problem(Message(messages[1] if former.name else messages[0], code=code, name=former.name, now=label), path,
                   hint=Message("write {code}, or keep the former code for data about the time before the merger",
                                code=former.successor), code="PTCE-W130")


def _commune_warnings(path: Loc, c: Commune) -> list[Problem]:
    from ..reference import geo

    if c.code is None:
        named = geo.communes_named(c.name)
        if len(named) == 1:
            return [Problem(Message("the commune {name!r} has no code: its INSEE code is {code}", name=c.name,
                                    code=named[0].code), path,
                            hint=Message("add code: \"{code}\"", code=named[0].code), code="PTCE-W132")]
        if named:
            return [Problem(Message("the commune {name!r} has no code, and {n} communes have this name: {listed}",
                                    name=c.name, n=len(named), listed=_listed(named)), path,
                            hint=N_("add the code of the one meant"), code="PTCE-W132")]
        near = geo.nearest_communes(c.name)
        message = (Message("the commune {name!r} has no code, and no commune has this name: did you mean {listed}?",
                           name=c.name, listed=_listed(near)) if near
                   else Message("the commune {name!r} has no code, and no commune has this name", name=c.name))
        return [Problem(message, path, hint=N_("add its INSEE code, or write its official name"), code="PTCE-W132")]
    former = former_code_warning((*path, "code"), c.code)
    if former is not None:
        return [former]
    official = geo.commune(c.code)
    if official is None or geo.same_name(official.name, c.name):
        return []
    delegated = geo.former_commune(c.code)
    if delegated is not None and delegated.name and geo.same_name(delegated.name, c.name):
        return [Problem(Message("{code!r} is now the code of {official}, a commune nouvelle; {name} is one of its "
                                "communes déléguées", code=c.code, official=official.name, name=c.name),
                        (*path, "name"), hint=Message("write name: {official}, or keep {name!r} in the provenance",
                                                      official=official.name, name=c.name), code="PTCE-W131")]
    served = [s for s in geo.communes_by_postal_code(c.code) if geo.same_name(s.name, c.name)]
    if served:
        return [Problem(Message("{code!r} is the INSEE code of {official}, not of {name!r}: {postal} is {served}'s "
                                "postal code, and {served}'s INSEE code is {insee}", code=c.code,
                                official=official.name, name=c.name, postal=c.code, served=served[0].name,
                                insee=served[0].code),
                        (*path, "code"), hint=Message("write code: \"{code}\"", code=served[0].code), code="PTCE-W131")]
    return [Problem(Message("{code!r} is the INSEE code of {official}, not of {name!r}", code=c.code,
                            official=official.name, name=c.name), (*path, "name"),
                    hint=Message("write name: {name}, or check the code", name=official.name), code="PTCE-W131")]


def _area_warnings(path: Loc, area: Area, level: str) -> list[Problem]:
    from ..reference import geo

    if area.code is None:
        return []  # a name alone is fine: the code is derived from the communes
    if level == "region" and geo.region(area.code) is None:
        old_name, new = geo.FORMER_REGIONS[area.code]
        now = geo.region(new)
        return [Problem(Message("{code!r} was the code of the région {name}, merged into {now} in 2016",
                                code=area.code, name=old_name, now=now.label if now else new), (*path, "code"),
                        hint=Message("write code: \"{code}\"", code=new), code="PTCE-W131")]
    official: RefDepartement | RefRegion | None = geo.departement(area.code) if level == "departement" else geo.region(area.code)
    if official is None or geo.same_name(official.name, area.name):
        return []
    return [Problem(Message("{code!r} is the code of {official}, not of {name!r}", code=area.code,
                            official=official.name, name=area.name), (*path, "name"),
                    hint=Message("write name: {name}, or check the code", name=official.name), code="PTCE-W131")]


def _pole_communes(pole: Any) -> list[tuple[Loc, str]]:
    """Every commune code of a pole outside its territory: actors', the site's, the sites'."""
    found: list[tuple[Loc, str]] = [(("actors", i, "commune"), a.commune)
                                     for i, a in enumerate(pole.actors) if a.commune is not None]
    site = getattr(pole, "site", None)
    if site is not None and site.commune is not None:
        found.append((("site", "commune"), site.commune))
    for i, other in enumerate(getattr(pole, "sites", None) or ()):
        if getattr(other, "commune", None) is not None:
            found.append((("sites", i, "commune"), other.commune))
    return found


def commune_code_errors(pole: Any) -> list[InitErrorDetails]:
    """Errors for the commune codes of a pole's actors and site(s) that name no commune.

    The territory checks its own codes.  Written for poles of 10^5 actors: one set
    difference, and the loop that names each problem only when there is one.
    """
    from ..reference import geo

    codes = {a.commune for a in pole.actors} - {None}
    site = getattr(pole, "site", None)
    if site is not None and site.commune is not None:
        codes.add(site.commune)
    codes |= {getattr(s, "commune", None) for s in getattr(pole, "sites", None) or ()} - {None}
    if codes <= geo.known_commune_codes():
        return []
    return [e for path, code in _pole_communes(pole) for e in _unknown_commune(path, code)]


def raw_commune_code_errors(data: Any) -> list[InitErrorDetails]:
    """:func:`commune_code_errors` on raw pole data (a dict), however invalid the rest is."""
    from ..reference import geo

    if not isinstance(data, dict):
        return []
    found: list[tuple[Loc, Any]] = []
    actors, sites = data.get("actors"), data.get("sites")
    for i, actor in enumerate(actors if isinstance(actors, list) else []):
        if isinstance(actor, dict):
            found.append((("actors", i, "commune"), actor.get("commune")))
    if isinstance(data.get("site"), dict):
        found.append((("site", "commune"), data["site"].get("commune")))
    for i, site in enumerate(sites if isinstance(sites, list) else []):
        if isinstance(site, dict):
            found.append((("sites", i, "commune"), site.get("commune")))
    return [e for path, code in found
            if isinstance(code, str) and geo.COMMUNE_CODE_SHAPE.match(code)
            for e in _unknown_commune(path, code)]


def reference_warnings(pole: Any) -> list[Problem]:
    """What France's reference geography questions in a pole without refusing it.

    Former communes' codes (with their successor), a commune's name that does not match
    its code, communes named without a code, codes outside the EPCI, département or
    région the territory names, an actor's code off the territory that is the postal
    code of communes on it.  Paths start at the pole; ``ptce validate`` gives each
    its line.

    Examples
    --------
    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "ess_enterprise",
    ...                                        "commune": "26029"}])
    >>> [str(w) for w in reference_warnings(pole)]  # doctest: +NORMALIZE_WHITESPACE
    ["(data in memory): actors[0].commune: '26029' is the code of a former commune, merged into 26136 Val-Maravel [PTCE-W130]\\n
      hint: write 26136, or keep the former code for data about the time before the merger"]
    """
    found: list[Problem] = []
    territory = getattr(pole, "territory", None)
    if territory is not None:
        found += [Problem(p.message, ("territory", *p.path), hint=p.hint, code=p.code)
                  for p in territory.reference_warnings()]
    from ..reference import geo

    codes = {code for _, code in _pole_communes(pole)}
    questioned = {code for code in codes if not geo.is_current_commune(code)}
    extent = territory.extent() if territory is not None and codes else frozenset()
    postal: dict[str, Message] = {}
    for code in sorted(codes - questioned - extent) if extent else ():
        # A real code outside the territory that is also the postal code of communes on
        # it (26150, Izon-la-Bruisse, is Die's postal code): likely a postal code typed.
        served = sorted((c for c in geo.communes_by_postal_code(code) if c.code in extent and c.code != code),
                        key=lambda c: (-(c.population or 0), c.code))
        if served:
            own = geo.commune(code)
            where = getattr(territory, "name", "")
            postal[code] = Message("{code!r} is the INSEE code of {name}, off the territory ({where}), and the postal "
                                   "code of {listed} on it", code=code, name=own.name if own else code, where=where,
                                   listed=_listed(served))
    if questioned or postal:
        for path, code in _pole_communes(pole):
            warning = former_code_warning(path, code)
            if warning is not None:
                found.append(warning)
            elif code in postal:
                found.append(Problem(postal[code], path,
                                     hint=N_("check that the code is the commune's INSEE code, not its postal code"),
                                     code="PTCE-W131"))
    return found
