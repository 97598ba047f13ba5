"""The typos of Pôle Sud's fiche and how the example's narrative corrects each (spelling only).

The narrative of ``examples/pole_sud/pole.yaml`` is the fiche's text word for word, but for
these corrections (spelling, accents, capitals, punctuation); the tests that compare the two
apply them to the fiche first.
"""

from __future__ import annotations

import re

#: The fiche's typos and the narrative's correction of each (spelling, accents, capitals,
#: punctuation only): every other word of the narrative is the fiche's.
CORRECTIONS = (
    ("L’ORGANISATION ECONOMIQUE ACTUELLE NOUS AMENE VERS UNE DOULOUREUSE IMPASSE !",
     "L’organisation économique actuelle nous amène vers une douloureuse impasse !"),
    ("restos du cœur", "Restos du cœur"),
    ("3 sortes d’acteurs. Les entreprises", "trois sortes d’acteurs : les entreprises"),
    ("dans le dispositif ce qui nécessite", "dans le dispositif, ce qui nécessite"),
    ("la nécessiter de trouver", "la nécessité de trouver"),
    ("Pôle sud", "Pôle Sud"),
    ("mais il redonne des marges de manœuvres citoyennes, aux acteurs locaux",
     "mais elle redonne des marges de manœuvre citoyennes aux acteurs locaux"),
    ("un lieu ressources", "un lieu ressource"),
    ("vienne y rechercher", "viennent y rechercher"),
    ("des dizaines d’emploi ", "des dizaines d’emplois "),
    ("atelier sous traitance automobile", "atelier de sous-traitance automobile"),
    ("chefs d’entreprises des 18 Zones d’activité autour de Romans et Bourg de Péage",
     "chefs d’entreprise des 18 zones d’activité autour de Romans et Bourg-de-Péage"),
    ("du mois de L’ESS", "du Mois de l’ESS"),
    ("Jusqu’à aujourd’hui nous", "Jusqu’à aujourd’hui, nous"),
    ("Pour le reste nous", "Pour le reste, nous"),
    ("la Cress Rhône-Alpes", "la CRESS Rhône-Alpes"),
    ("des taches de", "des tâches de"),
    ("Nord Drome", "Nord Drôme"),
    ("le fonds France active", "le fonds France Active"),
    ("tandis le Pôle emploi", "tandis que Pôle emploi"),
    ("la Scop VTD, des Esat de l’ADAPEI", "la Scop VTD et des Esat de l’ADAPEI"),
    ("Pour finir les collectivités", "Pour finir, les collectivités"),
    ("fonctionnement d’un Pole.", "fonctionnement d’un pôle."),
    ("en répondant aux besoins de services de vos salariés", "en répondant aux besoins de services de vos salariés."),
    ("des alternative pour", "des alternatives pour"),
    ("de l’économie Accompagner", "de l’économie. Accompagner"),
    ("Le Pôle Territorial de Coopération Economique est", "Le pôle territorial de coopération économique est"),
    ("les Pouvoirs Publics", "les pouvoirs publics"),
    ("L’économie Sociale, les structures", "L’économie sociale, les structures"),
    ("Il s’agit des services de l’Etat", "Il s’agit des services de l’État"),
    ("« Pôle Sud » Pole de coopération économique Sud Rhône-Alpes Il s’agissait",
     "« Pôle Sud », Pôle de coopération économique Sud Rhône-Alpes. Il s’agissait"),
    ("Concrètement ces coopérations", "Concrètement, ces coopérations"),
    ("Par ailleurs l’expérience", "Par ailleurs, l’expérience"),
)


def corrected(text: str) -> str:
    """``text`` of the fiche, its whitespace made single spaces, with the corrections applied."""
    text = re.sub(r"\s+", " ", text)
    for typo, right in CORRECTIONS:
        text = text.replace(typo, right)
    return text
