"""The layouts of the files SIRENE comes in, recognised from their header.

Column lists are INSEE's (« Description des fichiers des stocks », Sirene open data,
version 3.11 with the columns added in 2025: ``societeMissionUniteLegale`` and
``activitePrincipaleNAF25UniteLegale``/``…Etablissement``), and those of the State's
company search service (recherche-entreprises.api.gouv.fr), whose nested JSON fields are
written with dots in a CSV export (``siege.siret``, ``complements.est_ess``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...i18n import Message

__all__ = [
    "UNITE_LEGALE", "ETABLISSEMENT", "UNITE_LEGALE_HISTORIQUE", "ETABLISSEMENT_HISTORIQUE",
    "Layout", "detect_layout", "API_FIELDS",
]

#: StockUniteLegale, in INSEE's order.
UNITE_LEGALE = (
    "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale", "sigleUniteLegale",
    "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale", "prenom4UniteLegale",
    "prenomUsuelUniteLegale", "pseudonymeUniteLegale", "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale", "anneeEffectifsUniteLegale", "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale", "categorieEntreprise", "anneeCategorieEntreprise", "dateDebut",
    "etatAdministratifUniteLegale", "nomUniteLegale", "nomUsageUniteLegale", "denominationUniteLegale",
    "denominationUsuelle1UniteLegale", "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale", "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale", "activitePrincipaleNAF25UniteLegale",
)

#: StockEtablissement, in INSEE's order.
ETABLISSEMENT = (
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement", "etablissementSiege", "nombrePeriodesEtablissement",
    "complementAdresseEtablissement", "numeroVoieEtablissement", "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement", "indiceRepetitionDernierNumeroVoieEtablissement", "typeVoieEtablissement",
    "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement", "codeCommuneEtablissement",
    "codeCedexEtablissement", "libelleCedexEtablissement", "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement", "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement", "complementAdresse2Etablissement", "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement", "typeVoie2Etablissement", "libelleVoie2Etablissement",
    "codePostal2Etablissement", "libelleCommune2Etablissement", "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement", "codeCommune2Etablissement", "codeCedex2Etablissement",
    "libelleCedex2Etablissement", "codePaysEtranger2Etablissement", "libellePaysEtranger2Etablissement",
    "dateDebut", "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement",
    "enseigne3Etablissement", "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement",
)

#: StockUniteLegaleHistorique: one row per period of a unit; the current one has no dateFin.
UNITE_LEGALE_HISTORIQUE = (
    "siren", "dateFin", "dateDebut", "etatAdministratifUniteLegale", "changementEtatAdministratifUniteLegale",
    "nomUniteLegale", "changementNomUniteLegale", "nomUsageUniteLegale", "changementNomUsageUniteLegale",
    "denominationUniteLegale", "changementDenominationUniteLegale", "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale",
    "changementDenominationUsuelleUniteLegale", "categorieJuridiqueUniteLegale",
    "changementCategorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale", "changementActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale", "changementNicSiegeUniteLegale", "economieSocialeSolidaireUniteLegale",
    "changementEconomieSocialeSolidaireUniteLegale", "societeMissionUniteLegale",
    "changementSocieteMissionUniteLegale", "caractereEmployeurUniteLegale",
    "changementCaractereEmployeurUniteLegale",
)

#: StockEtablissementHistorique: one row per period of an establishment.
ETABLISSEMENT_HISTORIQUE = (
    "siren", "nic", "siret", "dateFin", "dateDebut", "etatAdministratifEtablissement",
    "changementEtatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement",
    "enseigne3Etablissement", "changementEnseigneEtablissement", "denominationUsuelleEtablissement",
    "changementDenominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "changementActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement", "changementCaractereEmployeurEtablissement",
)

#: The company search service's fields (CSV headers with dots, or the flattened JSON), and
#: the INSEE column each one stands for.  Fields that are about people (``dirigeants``)
#: are never read.
API_FIELDS = {
    "siren": "siren",
    "nom_raison_sociale": "denominationUniteLegale",
    "nom_complet": "nom_complet",
    "sigle": "sigleUniteLegale",
    "nature_juridique": "categorieJuridiqueUniteLegale",
    "activite_principale": "activitePrincipaleUniteLegale",
    "activite_principale_naf25": "activitePrincipaleNAF25UniteLegale",
    "date_creation": "dateCreationUniteLegale",
    "date_fermeture": "dateFermetureUniteLegale",
    "etat_administratif": "etatAdministratifUniteLegale",
    "statut_diffusion": "statutDiffusionUniteLegale",
    "tranche_effectif_salarie": "trancheEffectifsUniteLegale",
    "caractere_employeur": "caractereEmployeurUniteLegale",
    "complements.est_ess": "economieSocialeSolidaireUniteLegale",
    "complements.est_societe_mission": "societeMissionUniteLegale",
    "complements.identifiant_association": "identifiantAssociationUniteLegale",
    "complements.est_entrepreneur_individuel": "est_entrepreneur_individuel",
    "siege.siret": "siret",
    "siege.est_siege": "etablissementSiege",
    "siege.etat_administratif": "etatAdministratifEtablissement",
    "siege.date_fermeture": "dateFermetureEtablissement",
    "siege.date_creation": "dateCreationEtablissement",
    "siege.activite_principale": "activitePrincipaleEtablissement",
    "siege.activite_principale_naf25": "activitePrincipaleNAF25Etablissement",
    "siege.commune": "codeCommuneEtablissement",
    "siege.code_postal": "codePostalEtablissement",
    "siege.libelle_commune": "libelleCommuneEtablissement",
    "siege.adresse": "adresse",
    "siege.latitude": "latitude",
    "siege.longitude": "longitude",
    "siege.enseigne": "enseigne1Etablissement",
    "siege.liste_enseignes": "enseigne1Etablissement",
    "siege.tranche_effectif_salarie": "trancheEffectifsEtablissement",
    "siege.caractere_employeur": "caractereEmployeurEtablissement",
    "siege.statut_diffusion_etablissement": "statutDiffusionEtablissement",
}

_UNIT_ONLY = frozenset(c for c in UNITE_LEGALE + UNITE_LEGALE_HISTORIQUE if c.endswith("UniteLegale")) | {
    "categorieEntreprise", "anneeCategorieEntreprise"}
_ESTABLISHMENT_ONLY = frozenset(c for c in ETABLISSEMENT + ETABLISSEMENT_HISTORIQUE if c.endswith("Etablissement")) | {
    "nic", "siret"}


#: Columns INSEE added in 2025: a file of an earlier month lacks them and is still complete.
_ADDED_2025 = frozenset({"activitePrincipaleNAF25UniteLegale", "activitePrincipaleNAF25Etablissement",
                         "societeMissionUniteLegale", "changementSocieteMissionUniteLegale"})


@dataclass(frozen=True)
class Layout:
    """What a file is: ``kind`` (``units``, ``establishments``, ``joined``, ``api``), and its name."""

    kind: str
    name: str
    historical: bool = False
    complete: bool = True  # every column of INSEE's description is there

    def describe(self) -> str | Message:
        """The layout in words, as the summary says it (written in the reader's language when shown)."""
        if self.kind == "api":
            return Message("the company search service's export (recherche-entreprises.api.gouv.fr)")
        if self.kind == "joined":
            return Message("a joined file (establishments with their unit's columns)")
        if self.historical:
            return (Message("{name} (its current rows: dateFin empty)", name=self.name) if self.complete else
                    Message("a selection of {name}'s columns (its current rows: dateFin empty)", name=self.name))
        return self.name if self.complete else Message("a selection of {name}'s columns", name=self.name)


def detect_layout(columns: Sequence[str]) -> Layout | None:
    """The layout of a file from its columns, or ``None`` when it is no SIRENE file.

    Examples
    --------
    >>> detect_layout(UNITE_LEGALE).describe()
    'StockUniteLegale'
    >>> detect_layout(["siren", "siret", "denominationUniteLegale"]).kind
    'joined'
    >>> detect_layout(ETABLISSEMENT_HISTORIQUE).describe().render("en")
    'StockEtablissementHistorique (its current rows: dateFin empty)'
    >>> detect_layout(["siren", "nom_complet", "siege.siret"]).kind
    'api'
    >>> detect_layout(["nom", "ville"]) is None
    True
    """
    names = set(columns)
    if names & {"nom_complet", "nom_raison_sociale", "nature_juridique"} or any(c.startswith("siege.") for c in names):
        return Layout("api", "recherche-entreprises")
    if not names & {"siren", "siret"}:
        return None
    units, establishments = bool(names & _UNIT_ONLY), bool(names & _ESTABLISHMENT_ONLY)
    historical = "dateFin" in names
    if units and establishments and not historical:
        return Layout("joined", "joined")
    full: tuple[str, ...]
    if establishments:
        full = ETABLISSEMENT_HISTORIQUE if historical else ETABLISSEMENT
        name = "StockEtablissementHistorique" if historical else "StockEtablissement"
        return Layout("establishments", name, historical, set(full) - _ADDED_2025 <= names)
    if units:
        full = UNITE_LEGALE_HISTORIQUE if historical else UNITE_LEGALE
        name = "StockUniteLegaleHistorique" if historical else "StockUniteLegale"
        return Layout("units", name, historical, set(full) - _ADDED_2025 <= names)
    return None
