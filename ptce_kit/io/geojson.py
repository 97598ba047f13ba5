"""The actors of a pole as GeoJSON (RFC 7946), for QGIS and the maps of the ESS.

One ``Point`` feature per actor that has coordinates, plus one for the pole's shared site
and one for each of its dated ``sites`` that has coordinates (``kind: site``, with
``since`` and ``until``).  Positions are ``[longitude, latitude]`` in WGS 84, as RFC 7946
requires.  Every feature carries the same properties (``null`` when unknown), so that
QGIS builds one attribute table; ``name``, ``latitude``, ``longitude`` and ``categories``
are there under the names GoGoCarto (Carteco and the other ESS maps built on it) looks
for when it imports elements; ``labels`` lists the labels and agreements the actor (or, for
the site, the pole) holds, and ``supports`` how many public supports it receives (``null`` when none is listed and
``support_complete`` is not true: the data does not say).  The pole's site features carry
its territory's ``territory_population`` (the inhabitants, a figure about the territory,
not the pole's, with its ``territory_population_year`` and ``territory_population_source``)
and the ``priority_areas`` (QPV, ZRR…) it lies in, each as
``{"kind", "code", "name"}``; an actor's features leave them empty.  Contacts are personal
data and left out unless asked.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..model import Actor, Pole

__all__ = ["to_geojson", "geojson_text", "export_geojson"]

# The properties of every feature, in this order (json.dumps sorts them anyway).
_EMPTY: dict[str, Any] = {
    "kind": None, "id": None, "name": None, "category": None, "family": None, "status": None,
    "ess": None, "legal_form": None, "legal_form_code": None, "siren": None, "siret": None,
    "presence": None, "roles": [], "joined": None, "left": None, "commune": None,
    "commune_name": None, "website": None, "description": None, "latitude": None,
    "longitude": None, "categories": [], "pole": None, "labels": [],
    "created": None, "ceased": None, "ceased_how": None, "successor": None, "legal_person": None,
    "part_of": None, "owners": [], "collective_count": None, "collective_of": None, "operator": None,
    "operator_contract": None, "sites": [], "address": None, "since": None, "until": None,
    "naf": None, "naf_2025": None, "acronym": None, "rna": None, "headcount_band": None,
    "employer": None, "mission_company": None, "supports": None,
    "territory_population": None, "territory_population_year": None, "territory_population_source": None,
    "priority_areas": [],
}


def _territory(pole: Pole) -> dict[str, Any]:
    """The properties of the pole's site features that come from its territory."""
    territory = pole.territory
    if territory is None:
        return {}
    population = territory.population
    return {
        "territory_population": population.value if population else None,
        "territory_population_year": population.year if population else None,
        "territory_population_source": population.source if population else None,
        "priority_areas": [{"kind": a.kind.value, "code": a.code, "name": a.name} for a in territory.priority_areas],
    }


def _labels(pole: Pole, holder: str | None) -> list[str]:
    """The labels and agreements a holder holds (``None``: the pole), by kind or name."""
    return [label.name or label.kind.value for label in pole.labels
            if (label.holder or pole.id) == (holder or pole.id)]


def _supports(pole: Pole, to: str | None) -> int | None:
    """How many public supports the actor (``None``: the pole) receives, as ``support`` lists them.

    ``None`` (unknown) when none is listed and the pole does not say its list is complete.
    """
    count = sum(1 for grant in pole.support if (grant.to or pole.id) == (to or pole.id))
    return count if count or pole.support_complete else None


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _actor_feature(pole: Pole, actor: Actor, communes: dict[str, str], include_personal_data: bool) -> dict[str, Any]:
    assert actor.coordinates is not None
    props = dict(_EMPTY)
    props.update({
        "kind": "actor", "id": actor.id, "name": actor.name, "category": actor.category.value,
        "family": actor.family.value, "status": actor.status.value if actor.status else None, "ess": actor.ess,
        "legal_form": actor.legal_form, "legal_form_code": actor.legal_form_code,
        "siren": actor.siren, "siret": actor.siret,
        "presence": actor.presence.value if actor.presence else None, "roles": list(actor.roles),
        "joined": actor.joined, "left": actor.left, "commune": actor.commune,
        "commune_name": communes.get(actor.commune or ""), "website": actor.website,
        "description": actor.description, "latitude": actor.coordinates.lat,
        "longitude": actor.coordinates.lon,
        # GoGoCarto's taxonomy: the category, its family and "ess".
        "categories": [actor.category.value, actor.family.value] + (["ess"] if actor.ess else []),
        "pole": pole.name, "labels": _labels(pole, actor.id), "supports": _supports(pole, actor.id),
        "created": actor.created, "ceased": actor.ceased, "ceased_how": actor.ceased_how,
        "successor": actor.successor, "legal_person": actor.legal_person, "part_of": actor.part_of,
        "owners": [{"actor": o.actor, "share": o.share} for o in actor.owners],
        "collective_count": actor.collective.count if actor.collective else None,
        "collective_of": actor.collective.of if actor.collective else None,
        "operator": actor.operator.actor if actor.operator else None,
        "operator_contract": actor.operator.contract if actor.operator else None,
        "sites": sorted({p.site for p in actor.presences}),
        "naf": actor.naf, "naf_2025": actor.naf_2025, "acronym": actor.acronym, "rna": actor.rna,
        "address": actor.address,
        "headcount_band": actor.headcount_band, "employer": actor.employer, "mission_company": actor.mission_company,
    })
    if include_personal_data:
        props["contacts"] = [c.model_dump(mode="json", exclude_none=True) for c in actor.contacts]
    return {"type": "Feature", "id": actor.id, "geometry": _point(actor.coordinates.lat, actor.coordinates.lon),
            "properties": props}


def to_geojson(pole: Pole, *, at: str | None = None, include_personal_data: bool = False) -> dict[str, Any]:
    """A GeoJSON ``FeatureCollection`` of the actors with coordinates (and the shared site).

    ``at`` (a partial date) keeps only the actors who were members then.

    Examples
    --------
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "ess_enterprise", "coordinates": {"lat": 45.04, "lon": 5.05}},
    ...     {"id": "b", "name": "B", "category": "enterprise"}])
    >>> fc = to_geojson(pole)
    >>> [f["id"] for f in fc["features"]], fc["features"][0]["geometry"]["coordinates"]
    (['a'], [5.05, 45.04])
    """
    communes = {c.code: c.name for c in (pole.territory.communes if pole.territory else []) if c.code}
    actors = pole.members_at(at) if at else pole.actors
    features = [_actor_feature(pole, a, communes, include_personal_data)
                for a in sorted(actors, key=lambda a: a.id) if a.coordinates is not None]
    site = pole.site
    if site and site.coordinates:
        props = dict(_EMPTY)
        props.update({
            "kind": "site", "id": "site", "name": site.name or pole.name, "commune": site.commune,
            "commune_name": communes.get(site.commune or ""), "latitude": site.coordinates.lat,
            "longitude": site.coordinates.lon, "categories": ["site"], "pole": pole.name,
            "description": site.address, "labels": _labels(pole, None), "supports": _supports(pole, None),
            **_territory(pole),
        })
        # The site comes first: it is what a map of the pole is centred on.
        features.insert(0, {"type": "Feature", "id": "site",
                            "geometry": _point(site.coordinates.lat, site.coordinates.lon), "properties": props})
    places = []
    for place in pole.sites:
        if place.coordinates is None:
            continue
        props = dict(_EMPTY)
        props.update({
            "kind": "site", "id": f"site:{place.id}", "name": place.name or place.id, "commune": place.commune,
            "commune_name": communes.get(place.commune or ""), "latitude": place.coordinates.lat,
            "longitude": place.coordinates.lon, "categories": ["site"], "pole": pole.name,
            "address": place.address, "since": place.since, "until": place.until, **_territory(pole),
        })
        places.append({"type": "Feature", "id": f"site:{place.id}",
                       "geometry": _point(place.coordinates.lat, place.coordinates.lon), "properties": props})
    # The sites come first, after the shared site: a map of the pole is centred on them.
    first = 1 if site and site.coordinates else 0
    features[first:first] = places
    return {"type": "FeatureCollection", "name": pole.id, "features": features}


def geojson_text(pole: Pole, *, at: str | None = None, include_personal_data: bool = False) -> str:
    """The GeoJSON as text: UTF-8, sorted keys, one stable layout."""
    data = to_geojson(pole, at=at, include_personal_data=include_personal_data)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_geojson(pole: Pole, path: str | os.PathLike[str], *, include_personal_data: bool = False,
                   at: str | None = None, **_options: Any) -> None:
    """Write the actors with coordinates as GeoJSON (``.geojson``), for QGIS and GoGoCarto."""
    from .files import write_export

    write_export(path, geojson_text(pole, at=at, include_personal_data=include_personal_data))
