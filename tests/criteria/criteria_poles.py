"""A pole that meets every rule of the law the data can settle (raw data), for the criteria tests."""

from __future__ import annotations

from typing import Any

AT = "2024-06"

GOOD: dict[str, Any] = {
    "id": "good", "name": "Good pole",
    "territory": {"name": "Romans et Bourg-de-Péage",
                  "communes": [{"code": "26281", "name": "Romans-sur-Isère"},
                               {"code": "26057", "name": "Bourg-de-Péage"}]},
    "pivot": "hub",
    "description": "Un pôle porteur d'un développement local durable, avec des services innovants.",
    "actors": [
        {"id": "hub", "name": "Hub Scop", "category": "ess_enterprise", "status": "member", "ess": True, "commune": "26281",
         "legal_form_code": "5458",
         "roles": ["pivot", "scic-employees"]},
        {"id": "asso", "name": "Asso", "category": "ess_enterprise", "status": "member", "ess": True, "commune": "26281",
         "legal_form_code": "9220",
         "roles": ["scic-beneficiaries"]},
        {"id": "firm", "name": "Firm SARL", "category": "enterprise", "status": "member", "commune": "26057", "ess": False,
         "legal_form_code": "5499",
         "roles": ["scic-contributors"]},
        {"id": "town", "name": "Town", "category": "local_authority", "status": "member", "commune": "26057", "roles": ["scic-public"],
         "legal_form_code": "7210"},
        {"id": "lab", "name": "Lab", "category": "research_centre", "status": "member", "commune": "26281"},
    ],
    "partnerships": [
        {"id": "lease", "actors": ["hub", "asso", "firm"], "kind": "mutualisation", "since": "2015"},
        {"id": "jobs", "actors": ["hub", "town"], "kind": "cooperation", "since": "2016"},
        {"id": "study", "actors": ["lab", "asso"], "kind": "partnership", "since": "2017"},
        {"id": "market", "actors": ["firm", "town"], "kind": "cooperation", "since": "2018"},
        {"id": "bridge", "actors": ["lab", "firm"], "kind": "cooperation", "since": "2018"},
    ],
    "projects": [{"id": "shop", "name": "Shop", "actors": ["hub", "firm"], "status": "active"}],
    "governance": {
        "form": "scic",
        "bodies": [{"name": "Assemblée", "cadence": {"every": 2, "unit": "month"}}],
        "legal_acts": [{"kind": "statutes", "since": "2015"}],
        "colleges": [{"name": "Salariés", "weight": 40}, {"name": "Usagers", "weight": 30},
                     {"name": "Partenaires", "weight": 30}],
    },
    "indicators": [
        {"name": "Part du capital", "value": 20, "unit": "capital_percent", "actor": "town", "source": "statuts"},
    ],
}


def actor(data: dict[str, Any], actor_id: str) -> dict[str, Any]:
    return next(a for a in data["actors"] if a["id"] == actor_id)
