"""Synthetic poles: realistic, seeded and deterministic, for tests, benchmarks and teaching.

A synthetic pole is *not* a real pole and says so in its own description and sources.  Its
shape follows the reference pole of ptce-kit (Pôle Sud, from its fiche): a pivot ESS
enterprise that hosts many members on a shared site, a core of ESS enterprises, some
other enterprises, local authorities and public bodies, research and training partners,
ties of the three kinds of art. 9, projects and dates.

The proportions of the families are assumptions made to look like Pôle Sud (about half
enterprises, mostly of the ESS; a fifth collectivities; a fifth research and training;
a few others), not statistics of the PTCE of France.  Names are made up ("Scop
synthétique 03"); there are no SIRET numbers, no contacts; communes are those of the
reference territory (Romans-sur-Isère, Bourg-de-Péage) plus Lyon and Grenoble for remote
partners, so that maps and anchoring measures have something to work on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .model import FAMILY_OF, Pole

__all__ = ["synthetic_pole", "synthetic_poles", "Place", "CATEGORY_WEIGHTS", "SURVEY_2017"]

#: Share of each category among the actors after the pivot (assumptions, see above).
CATEGORY_WEIGHTS: dict[str, float] = {
    "ess_enterprise": 0.38,
    "enterprise": 0.14,
    "local_authority": 0.10,
    "public_body": 0.10,
    "research_centre": 0.05,
    "higher_education": 0.06,
    "training_body": 0.09,
    "other": 0.06,
    "person": 0.02,
}

_NAMES = {
    "ess_enterprise": ["Scop", "Association", "Entreprise d'insertion", "Coopérative", "Esat", "Mutuelle"],
    "enterprise": ["SARL", "SAS", "Atelier", "Entreprise"],
    "local_authority": ["Commune", "Communauté d'agglomération", "Département"],
    "public_body": ["Agence publique", "Mission locale", "Chambre consulaire"],
    "research_centre": ["Laboratoire"],
    "higher_education": ["Université", "École"],
    "training_body": ["Organisme de formation", "Centre de formation"],
    "other": ["Collectif", "Fondation"],
    "person": ["Bénévole"],
}
_TERRITORY = [("26281", "Romans-sur-Isère"), ("26057", "Bourg-de-Péage")]
_REMOTE = ["69123", "38185"]  # Lyon, Grenoble: partners who come from outside the territory
_TOPICS = {
    "mutualisation": [("Locaux partagés", ["premises"]), ("Achats groupés", ["purchasing"]),
                      ("Salarié mis à disposition", ["staff"]), ("Matériel partagé", ["equipment"])],
    "cooperation": [("Accompagnement vers l'emploi", ["services"]), ("Chantier commun", ["market"]),
                    ("Formation commune", ["training"])],
    "partnership": [("Convention de recherche", ["knowledge"]), ("Soutien financier", ["funding"]),
                    ("Accueil de stagiaires", ["training", "knowledge"])],
}


def _year(rng: random.Random, lo: int, hi: int) -> int:
    return rng.randint(lo, max(lo, hi))


def synthetic_pole(actors: int = 20, *, seed: int = 0, name: str | None = None,
                   ties_per_actor: float | None = None, place: Place | None = None,
                   extra: dict[str, Any] | None = None) -> Pole:
    """A realistic synthetic pole of ``actors`` actors, the same for the same seed.

    Parameters
    ----------
    actors : int
        Number of actors, at least 4 (the pivot, another ESS enterprise, an enterprise
        outside the ESS and a local authority are always there).
    seed : int
        Seed of the random generator: same seed, same pole.
    name : str, optional
        The pole's name (default ``"Pôle synthétique <seed>"``).
    ties_per_actor : float, optional
        Draw a network instead of a pole around one site: pairwise ties only, about this
        many per actor on average (each tie counts for both its actors), grown by
        preferential attachment so that a few actors become hubs.  This is the shape of a
        regional network of 10^4 to 10^5 actors, where one shared lease among all the
        residents (the default shape) would be a clique of billions of pairs.  Linear in
        ``actors``.  Without it, the pole's shape (and its output for a seed) is the
        default one.
    place : Place, optional
        Where the pole lies (its territory, its communes, the communes of its remote
        partners); by default Romans-sur-Isère and Bourg-de-Péage.
    extra : dict, optional
        Fields added to the pole as they are (e.g. ``indicators``), for :func:`synthetic_poles`.

    Returns
    -------
    Pole
        A valid pole whose description and sources say it is synthetic.

    Examples
    --------
    >>> pole = synthetic_pole(12, seed=3)
    >>> len(pole.actors), pole.pivot == pole.actors[0].id
    (12, True)
    >>> synthetic_pole(12, seed=3) == pole
    True
    >>> "synthetic" in pole.sources[0].lower()
    True
    >>> big = synthetic_pole(1000, seed=3, ties_per_actor=4)
    >>> round(2 * len(big.partnerships) / 1000, 1)
    4.0
    """
    if actors < 4:
        raise ValueError(f"a synthetic pole needs at least 4 actors, not {actors}")
    if ties_per_actor is not None and not 1 <= ties_per_actor <= 20:
        raise ValueError(f"ties_per_actor must be between 1 and 20, not {ties_per_actor}")
    rng = random.Random(seed)
    local = place.communes if place is not None else [c for c, _ in _TERRITORY]
    remote_communes = place.remote if place is not None else _REMOTE
    founded = _year(rng, 2008, 2018)
    last_year = founded + rng.randint(4, 7)
    cats = ["ess_enterprise", "ess_enterprise", "enterprise", "local_authority"]
    names, weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    cats += rng.choices(names, weights=weights, k=actors - len(cats))
    counters: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for i, cat in enumerate(cats):
        counters[cat] = counters.get(cat, 0) + 1
        word = _NAMES[cat][(counters[cat] - 1) % len(_NAMES[cat])]
        actor: dict[str, Any] = {
            "id": f"a{i:03d}", "name": f"{word} synthétique {counters[cat]:02d}", "category": cat,
        }
        if cat == "ess_enterprise":
            actor["ess"] = True
        elif cat == "enterprise":
            actor["ess"] = False
        remote = cat in ("research_centre", "higher_education") or rng.random() < 0.1
        actor["commune"] = rng.choice(remote_communes) if remote else rng.choice(local)
        actor["presence"] = "remote" if remote else rng.choice(["resident", "resident", "office_hours", "meetings"])
        actor["status"] = "partner" if remote or cat in ("local_authority",) else "member"
        if i == 0:
            actor.update(roles=["pivot", "founder"], joined=str(founded), status="member", presence="resident")
        else:
            actor["joined"] = str(_year(rng, founded, last_year - 1))
        rows.append(actor)
    # A few announced members and a few who left: the dates of a living pole.
    for actor in rows[4:]:
        draw = rng.random()
        if draw < 0.05:
            actor.update(status="prospective")
            actor.pop("joined")
        elif draw < 0.12:
            actor["left"] = str(_year(rng, int(actor["joined"]) + 1, last_year))
    if ties_per_actor is None:
        ties = _ties(rng, rows, founded, last_year)
    else:
        ties = _network_ties(rng, rows, founded, last_year, ties_per_actor)
    projects = _projects(rng, rows, founded, last_year)
    pivot = rows[0]["id"]
    form = rng.choice(["informal", "informal", "association", "scic"])
    governance: dict[str, Any] = {
        "form": form,
        "bodies": [{"name": "Assemblée des membres", "members": "all",
                    "cadence": {"every": rng.choice([1, 2, 3]), "unit": "month"}}],
        "legal_acts": [{"kind": "lease", "description": "Baux des locaux partagés", "parties": [pivot]}],
    }
    if form in ("association", "scic"):
        governance["legal_acts"].append({"kind": "statutes", "since": str(founded + 1)})
    if form == "scic":
        governance["colleges"] = [{"name": "Salariés", "weight": 40}, {"name": "Bénéficiaires", "weight": 30},
                                  {"name": "Partenaires", "weight": 30}]
    label = name or f"Pôle synthétique {seed}"
    command = f"ptce synth --actors {actors} --seed {seed}"
    if ties_per_actor is not None:
        command = f"synthetic_pole({actors}, seed={seed}, ties_per_actor={ties_per_actor})"
    return Pole(
        id=f"synthetic-{seed}-{actors}", name=label, language="fr", founded=str(founded),
        description=(f"Pôle SYNTHÉTIQUE généré par ptce-kit (graine {seed}, {actors} acteurs) : il n'existe pas. "
                     "Synthetic pole generated by ptce-kit for tests and teaching; it does not exist."),
        territory=place.territory if place is not None else {
            "name": "Romans-sur-Isère et Bourg-de-Péage (territoire de référence)",
            "communes": [{"code": c, "name": n} for c, n in _TERRITORY]},
        site={"name": "Lieu partagé synthétique", "commune": local[0]},
        pivot=pivot, actors=rows, partnerships=ties, projects=projects, governance=governance,
        sources=[f"Synthetic data: generated by ptce-kit ({command}); "
                 "every name, date and figure is made up."],
        **(extra or {}),
    )


def _span(rng: random.Random, a: dict[str, Any], b: dict[str, Any], founded: int, last: int) -> dict[str, str]:
    """Dates of a tie between two actors: after both joined, ended when one left."""
    start = max(int(x.get("joined", founded)) for x in (a, b))
    span = {"since": str(_year(rng, start, last))}
    lefts = [int(x["left"]) for x in (a, b) if "left" in x]
    if lefts:
        span["since"] = str(min(int(span["since"]), min(lefts)))
        span["until"] = str(min(lefts))
    elif rng.random() < 0.08:
        span["until"] = str(_year(rng, int(span["since"]), last))
    return span


def _ties(rng: random.Random, rows: list[dict[str, Any]], founded: int, last: int) -> list[dict[str, Any]]:
    ties: list[dict[str, Any]] = []
    present = [r for r in rows if r.get("status") != "prospective"]
    pivot, others = present[0], present[1:]
    residents = [r for r in others if r["presence"] == "resident" and "left" not in r]
    visitors = [r for r in others if r["presence"] in ("office_hours", "meetings")]

    def add(kind: str, members: list[dict[str, Any]], directed: bool = False) -> None:
        topic, resources = rng.choice(_TOPICS[kind])
        tie: dict[str, Any] = {"id": f"t{len(ties):03d}", "actors": [m["id"] for m in members], "kind": kind,
                               "topic": topic, "resources": resources}
        if len(members) == 2:
            tie.update(_span(rng, members[0], members[1], founded, last))
            tie["weight"] = rng.choice([1, 1, 2, 3])
        else:
            tie["since"] = str(max(int(m.get("joined", founded)) for m in members))
        if directed:
            tie.update(directed=True, source=members[0]["id"], target=members[1]["id"])
        ties.append(tie)

    # The residents share the pivot's premises: one lease among them all, as at Pôle Sud.
    if residents:
        add("mutualisation", [pivot, *residents])
        ties[-1].update(topic="Locaux partagés", resources=["premises"])
    # The pivot hosts the others' office hours and meetings (a directed mutualisation).
    for r in visitors:
        add("mutualisation", [pivot, r], directed=True)
        ties[-1].update(topic="Accueil au lieu partagé", resources=["premises"])
    # Everyone else is tied to the pivot by a cooperation or a partnership.
    hosted = {id(r) for r in residents} | {id(r) for r in visitors}
    for r in others:
        if id(r) not in hosted:
            add("partnership" if r["category"] in ("research_centre", "higher_education") else "cooperation",
                [pivot, r])
    # Ties between members that do not go through the pivot: mostly across families.
    for _ in range(max(1, len(others) // 3)):
        a, b = rng.sample(others, 2) if len(others) >= 2 else (pivot, others[0])
        kind = rng.choices(["mutualisation", "cooperation", "partnership"], weights=[2, 4, 3])[0]
        add(kind, [a, b])
    return ties


def _tie(rng: random.Random, number: int, a: dict[str, Any], b: dict[str, Any], kind: str,
         founded: int, last: int) -> dict[str, Any]:
    topic, resources = rng.choice(_TOPICS[kind])
    tie: dict[str, Any] = {"id": f"t{number:03d}", "actors": [a["id"], b["id"]], "kind": kind,
                           "topic": topic, "resources": resources}
    tie.update(_span(rng, a, b, founded, last))
    tie["weight"] = rng.choice([1, 1, 2, 3])
    return tie


def _network_ties(rng: random.Random, rows: list[dict[str, Any]], founded: int, last: int,
                  per_actor: float) -> list[dict[str, Any]]:
    """About ``per_actor`` pairwise ties per actor, by preferential attachment.

    Each actor in turn ties to ``per_actor / 2`` earlier ones (on average), each drawn
    either uniformly or in proportion to its ties so far (an end of a random existing
    tie): hubs emerge, the pivot first, as in the regional networks of the ESS.
    """
    present = [r for r in rows if r.get("status") != "prospective"]
    # Prospective actors have no ties: the others take their share, so that the mean
    # over all the actors is ``per_actor``.
    half = per_actor * len(rows) / (2 * max(1, len(present) - 1))
    ties: list[dict[str, Any]] = []
    ends: list[int] = []  # each tie's two ends: a draw from it is proportional to degree
    for i in range(1, len(present)):
        wanted = min(i, int(half) + (rng.random() < half - int(half)))
        chosen: set[int] = set()
        while len(chosen) < wanted:
            chosen.add(ends[rng.randrange(len(ends))] if ends and rng.random() < 0.5 else rng.randrange(i))
        for j in sorted(chosen):
            a, b = present[j], present[i]
            research = "research" in (FAMILY_OF[a["category"]].value, FAMILY_OF[b["category"]].value)
            kind = rng.choices(["mutualisation", "cooperation", "partnership"],
                               weights=[2, 3, 5] if research else [2, 4, 3])[0]
            ties.append(_tie(rng, len(ties), a, b, kind, founded, last))
            ends += (i, j)
    return ties


def _projects(rng: random.Random, rows: list[dict[str, Any]], founded: int, last: int) -> list[dict[str, Any]]:
    present = [r for r in rows if r.get("status") != "prospective" and "left" not in r]
    others = present[1:]  # once: a copy per project would make large poles quadratic
    projects = []
    for i in range(max(1, len(rows) // 6)):
        team = [present[0]] + rng.sample(others, min(len(others), rng.randint(1, 3)))
        start = _year(rng, founded, last)
        status = rng.choice(["active", "active", "completed", "planned"])
        project: dict[str, Any] = {"id": f"p{i:02d}", "name": f"Projet synthétique {i + 1:02d}",
                                   "actors": [m["id"] for m in team], "status": status, "start": str(start)}
        if status == "completed":
            project["end"] = str(_year(rng, start, last))
        if status != "planned":
            project["jobs"] = rng.randint(0, 12)
        projects.append(project)
    return projects


# --- a set of poles that looks like France's -------------------------------------------------

#: The published figures a set of synthetic poles follows, each with its source.  Those
#: marked ``found=False`` were NOT found in the sources checked (the Labo de l'ESS's 2017
#: survey is known to us only through the press articles below, not its full report):
#: they are the figures issue 21 of ptce-kit attributes to that survey, used as documented
#: assumptions until someone checks them against the report itself.
SURVEY_2017: dict[str, dict[str, Any]] = {
    "poles_surveyed": {"value": 24, "found": True,
                       "source": "Banque des Territoires, « Pôles territoriaux de coopération économique : un "
                                 "premier bilan à consolider », 2017 (enquête du Labo de l'ESS, 24 PTCE)"},
    "structures_surveyed": {"value": 187, "found": True,
                            "source": "same article: « 24 PTCE, représentant 187 structures »"},
    "poles_in_france": {"value": 160, "found": True, "source": "same article: « On compte aujourd'hui 160 PTCE »"},
    "below_departement": {"value": 0.79, "found": True,
                          "source": "Recma, « Un portrait-robot des pôles territoriaux de coopération économique "
                                    "(PTCE) », recma.org (actualité, 2017), on the Labo de l'ESS survey of 24 of "
                                    "the 160 PTCE: « 79 % des PTCE sont situés à un échelon infra départemental »"},
    "one_pivot_sector": {"value": 0.46, "found": True,
                         "source": "same Recma article: a pivot sector « unique ou largement dominante (46 % des "
                                   "PTCE) »; the format has no field for a pole's sector, so it is not drawn"},
    "members_mean": {"value": 15, "found": True,
                     "source": "Le Labo de l'ESS, « Les pôles territoriaux de coopération économique, une idée "
                               "neuve ? », lelabo-ess.org (undated): « en moyenne une quinzaine de structures » "
                               "(not the 2017 survey, whose 187 / 24 is 7.8 responding structures per pole)"},
    "direct_jobs_mean": {"value": 100, "found": True,
                         "source": "same Labo de l'ESS page: « une centaine d'emplois directs » on average, « les "
                                   "plus importants jusqu'à 450 emplois permanents »"},
    "formal_share": {"value": 0.5, "found": False,
                     "source": "no figure found (the survey is reported as « majoritairement constitués "
                               "d'associations », without a share): neutral assumption, one in two"},
}


@dataclass(frozen=True)
class Place:
    """Where a synthetic pole lies: its territory (as the format writes it) and its communes."""

    territory: dict[str, Any]
    communes: list[str]
    remote: list[str] = field(default_factory=list)


def _place(rng: random.Random) -> Place:
    """A territory drawn over France: 79 % below the département (communes or an EPCI), else a
    département or a région in equal parts (the split of the other 21 % is not published:
    neutral assumption)."""
    from .reference import geo

    departements = [d for d in geo.departements() if d.zone in ("metro", "drom")]
    dep = rng.choice(departements)
    towns = sorted((c for c in (geo.commune(code) for code in geo.commune_codes(departement=dep.code))
                    if c is not None and c.part_of is None), key=lambda c: -(c.population or 0))
    town = rng.choice(towns[:40])
    neighbours = [c.code for c in geo.epci_members(town.epci)] if town.epci else [town.code]
    remote = [c.code for c in towns[:3] if c.code not in neighbours] or [town.code]
    draw = rng.random()
    if draw < SURVEY_2017["below_departement"]["value"]:
        if town.epci and rng.random() < 0.5:
            epci = geo.epci(town.epci)
            assert epci is not None
            territory: dict[str, Any] = {"name": epci.name, "epci": {"siren": epci.siren, "name": epci.name}}
            communes = neighbours
        else:
            chosen = [town.code, *rng.sample([c for c in neighbours if c != town.code],
                                             min(2, len(neighbours) - 1))]
            names = [geo.commune(c).name for c in chosen]  # type: ignore[union-attr]
            territory = {"name": names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1],
                         "communes": [{"code": c, "name": geo.commune(c).name} for c in chosen]}  # type: ignore[union-attr]
            communes = chosen
    elif draw < SURVEY_2017["below_departement"]["value"] + (1 - SURVEY_2017["below_departement"]["value"]) / 2:
        territory = {"name": dep.name, "departement": {"code": dep.code, "name": dep.name}}
        communes = neighbours
    else:
        region = geo.region(dep.region)
        assert region is not None
        territory = {"name": region.name, "region": {"code": region.code, "name": region.name}}
        communes = neighbours
    return Place(territory=territory, communes=communes[:30], remote=remote)


def _size(rng: random.Random, low: int, high: int, mean: float) -> int:
    """A pole's number of actors: log-normal around ``mean`` (a few large poles), within bounds."""
    import math

    sigma = 0.6
    mu = math.log(mean) - sigma * sigma / 2
    return max(low, min(high, round(rng.lognormvariate(mu, sigma))))


def synthetic_poles(count: int, *, seed: int = 0, min_actors: int = 4, max_actors: int = 200,
                    mean_actors: float | None = None) -> list[Pole]:
    """``count`` synthetic poles spread over France, following :data:`SURVEY_2017`.

    Sizes are log-normal around ``mean_actors`` (default: the survey's 15 member
    structures, plus a third for partners that are not members: an assumption), within
    ``min_actors`` and ``max_actors``; territories as :func:`_place`; direct jobs as a
    pole indicator over three years, log-normal around the survey's 100; the legal form
    formal in one pole out of two.  Same seed, same poles.

    Examples
    --------
    >>> poles = synthetic_poles(3, seed=2)
    >>> len(poles), len({p.id for p in poles})
    (3, 3)
    >>> synthetic_poles(3, seed=2) == poles
    True
    """
    import math

    rng = random.Random(seed)
    mean = mean_actors or SURVEY_2017["members_mean"]["value"] * 4 / 3
    poles = []
    for i in range(count):
        size = _size(rng, max(4, min_actors), max_actors, mean)
        place = _place(rng)
        sigma = 0.8
        jobs = max(1, round(rng.lognormvariate(math.log(SURVEY_2017["direct_jobs_mean"]["value"]) - sigma ** 2 / 2,
                                               sigma)))
        pole_seed = seed * 100_000 + i
        draft = synthetic_pole(size, seed=pole_seed, place=place)
        last = int(str(draft.founded)) + 4
        indicators = [{"name": "Emplois directs", "unit": "jobs", "year": last + k,
                       "value": max(1, round(jobs * (0.8 + 0.1 * k))),
                       "source": "synthetic figure (ptce-kit), drawn around the 2017 survey's mean"}
                      for k in range(3)]
        formal = rng.random() < SURVEY_2017["formal_share"]["value"]
        governance = draft.governance.model_dump(mode="json", exclude_none=True)
        governance["form"] = rng.choice(["association", "scic"]) if formal else "informal"
        if not formal:
            governance["legal_acts"] = [a for a in governance.get("legal_acts", []) if a.get("kind") != "statutes"]
            governance.pop("colleges", None)
        poles.append(synthetic_pole(size, seed=pole_seed, place=place, name=f"Pôle synthétique {i + 1:03d}",
                                    extra={"indicators": indicators}).model_copy(
            update={"governance": type(draft.governance).model_validate(governance)}))
    return poles
