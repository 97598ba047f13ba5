"""Actors from SIRENE, as INSEE ships it: legal form, ESS status and the unit's facts from INSEE's codes.

The user brings the files (no network is used), recognised from their header, and the
summary says which layout each one was read as:

* INSEE's stock files ``StockUniteLegale`` and ``StockEtablissement``, given together
  (``ptce import-sirene etablissements.csv unites-legales.csv --into pole.yaml``): the
  establishments are filtered, then their units are read;
* the historical files ``StockUniteLegaleHistorique`` and
  ``StockEtablissementHistorique``: their current rows (``dateFin`` empty);
* a joined file (establishments with their unit's columns), such as a selection made with
  INSEE's tools, and the older hand-made extracts;
* the State's company search service (recherche-entreprises.api.gouv.fr): its JSON answer,
  or a CSV export of it with dotted field names (``siege.siret``, ``complements.est_ess``).

Plain CSV, gzip or zip (as INSEE distributes them), streamed row by row: a national file
filtered to a département (:class:`Filters`) never sits in memory.

What is read, for one actor per SIREN:

* the name: ``denominationUniteLegale`` (then ``denominationUsuelle1UniteLegale``; an
  establishment's ``enseigne1Etablissement`` when the unit's name is withheld);
* ``categorieJuridiqueUniteLegale`` (level III), named with INSEE's table shipped in
  ``ptce_kit/reference/categories_juridiques.csv``; a cooperative status the code does not
  carry (a SCIC SAS is 5710) from the name and the ESS flag, each clue in the provenance;
* ``economieSocialeSolidaireUniteLegale``: a cooperative, mutual, association or
  foundation is of the ESS by its form (loi n° 2014-856, art. 1, II, 1°) whatever the flag
  says; a disagreement is reported;
* the establishment the actor stands for: the head office when the filters kept it (its
  SIRET derived from ``siren`` + ``nicSiegeUniteLegale`` when only units are given), else
  the first open establishment kept; the others are listed in the actor's provenance;
* its commune, address, position (``latitude``/``longitude``, or Lambert 93 converted to
  WGS 84 by :mod:`.lambert`);
* ``created`` (``dateCreationUniteLegale``), ``headcount_band``, ``employer``, ``rna``,
  ``acronym``, ``mission_company``, ``naf`` (NAF rév. 2) and ``naf_2025``;
* closed units (``etatAdministratifUniteLegale`` C) get ``left`` and ``ceased`` at the
  start of their closed period (``dateDebut``), closed establishments ``left``; without a
  date they are left out and reported.

Left out and counted, never half-imported: what INSEE does not diffuse
(``statutDiffusion…`` P, values ``[ND]``), and sole traders (catégorie juridique 1000,
natural persons, whose name is personal data).  Control characters in a value are removed,
with a warning.  SIREN and SIRET are checked with the Luhn algorithm, and La Poste's SIRETs
with its exception to it, by python-stdnum.
"""

from __future__ import annotations

from ...reference import LegalForm, legal_form_label, legal_forms
from .layouts import Layout, detect_layout
from .merge import ImportReport, import_sirene, merge_sirene
from .records import (
    Establishment,
    Filters,
    SireneRecord,
    SireneRecords,
    category_for,
    cooperative_status,
    departement_of,
    ess_disagreement,
    ess_status,
    normalise_naf,
    read_sirene,
)

__all__ = [
    "LegalForm",
    "legal_forms",
    "legal_form_label",
    "category_for",
    "ess_status",
    "ess_disagreement",
    "cooperative_status",
    "normalise_naf",
    "departement_of",
    "Layout",
    "detect_layout",
    "Filters",
    "Establishment",
    "SireneRecord",
    "SireneRecords",
    "read_sirene",
    "ImportReport",
    "merge_sirene",
    "import_sirene",
]
