"""Every word the observatory's pages show, in French and in English, in one place.

The project will move these labels to its gettext catalogs (``ptce_kit.i18n``); until then
this table is their one home: a page never holds a sentence of its own.  Keys are stable
ids; ``{…}`` fields are filled with :meth:`str.format`.
"""

from __future__ import annotations

__all__ = ["LANGS", "WORDS", "words", "number"]

#: Languages of the site, the first one by default.
LANGS: tuple[str, ...] = ("fr", "en")

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "site_title": "Observatoire des pôles territoriaux de coopération économique",
        "home": "Accueil",
        "figures": "Chiffres nationaux",
        "sources": "Provenance des données",
        "map": "Carte de France",
        "map_caption": "Chaque point est un pôle, placé sur son territoire, coloré selon « {column} ». "
                       "Cliquer un point ouvre la page du pôle.",
        "overseas": "Outre-mer",
        "not_placed": "Pôles sans territoire connu (non placés) : {names}",
        "table": "Tableau des pôles",
        "filter": "Filtrer",
        "filter_placeholder": "nom, territoire, département…",
        "region_filter": "Région",
        "all_regions": "Toutes les régions",
        "shown": "Pôles affichés : {shown} sur {total}",
        "download": "Télécharger le tableau complet :",
        "csv": "CSV (séparateur « ; », virgule décimale)",
        "xlsx": "classeur XLSX",
        "sort_hint": "Cliquer un en-tête de colonne trie le tableau.",
        "col_name": "Pôle",
        "col_territory": "Territoire",
        "col_departement": "Département",
        "col_region": "Région",
        "col_actors": "Membres",
        "col_ess_share": "Part ESS",
        "col_partnerships": "Liens",
        "col_density": "Densité",
        "col_pivot": "Dépendance au pivot",
        "col_jobs": "Emplois",
        "col_form": "Forme",
        "col_definition": "Définition (art. 9)",
        "col_state_call": "Appel de l’État",
        "col_scic": "Règles des SCIC",
        "col_signals": "Signaux",
        "legend": "Légende",
        "missing": "non renseigné",
        "not_applicable": "sans objet",
        "verdict_pass": "conforme",
        "verdict_warn": "à vérifier",
        "verdict_fail": "non conforme",
        "verdict_unknown": "inconnu",
        "form_informal": "informelle",
        "form_association": "association",
        "form_scic": "SCIC",
        "form_gie": "GIE",
        "form_cooperative": "coopérative",
        "form_other": "autre",
        "synthetic_notice": "Données SYNTHÉTIQUES : ces pôles n’existent pas ; ils sont tirés au sort "
                            "par ptce-kit pour l’exemple.",
        "credit": "Contours des départements : {credit}. Géographie : {geo}.",
        "made_by": "Site produit par ptce-kit (ptce observatory), sans aucune ressource extérieure.",
        # the pole's page
        "pole_fiche": "Fiche du pôle",
        "pole_map": "Carte interactive des coopérations",
        "pole_check": "Critères des PTCE",
        "pole_indicators": "Indicateurs dans le temps",
        "no_indicators": "Le fichier ne donne aucun indicateur.",
        "rule": "Règle",
        "verdict": "Verdict",
        "legal_source": "Source",
        "profile_definition": "Définition légale (loi ESS, art. 9)",
        "profile_state_call": "Appel à projets de l’État",
        "profile_scic": "SCIC",
        "profile_signals": "Signaux",
        "indicator": "Indicateur",
        "unit": "Unité",
        "year": "Année",
        "value": "Valeur",
        "back": "Retour à l’accueil",
        "pole_data": "Données du pôle : {file}, modifié le {date} ({how}).",
        # national figures
        "figures_intro": "Chaque chiffre dit sur combien de pôles il repose : un pôle dont le fichier "
                         "ne donne pas la mesure n’est pas compté.",
        "fig_members": "Membres par pôle",
        "fig_families": "Familles d’acteurs représentées par pôle",
        "fig_jobs": "Emplois par pôle",
        "fig_cadence": "Réunions de l’instance la plus fréquente, par an",
        "fig_density": "Densité du réseau",
        "fig_pivot": "Dépendance au pivot",
        "fig_ei": "Indice E-I entre familles",
        "fig_formal": "Part des pôles dotés d’une structure juridique",
        "fig_below": "Part des pôles à un échelon inférieur au département",
        "median": "médiane",
        "quartiles": "quartiles",
        "range": "étendue",
        "rests_on": "sur {n} pôles",
        "share_of": "{share} ({count} sur {n} pôles)",
        "histogram": "Répartition",
        # sources
        "sources_intro": "D’où viennent les données de chaque pôle, et quand leur fichier a changé pour la "
                         "dernière fois.",
        "file": "Fichier",
        "changed": "Dernière modification",
        "how": "D’après",
        "how_git": "date du dernier commit git",
        "how_mtime": "date de modification du fichier",
        "pole_sources": "Sources citées par le fichier",
        "no_source": "le fichier ne cite aucune source",
    },
    "en": {
        "site_title": "Observatory of the territorial poles of economic cooperation",
        "home": "Home",
        "figures": "National figures",
        "sources": "Where the data comes from",
        "map": "Map of France",
        "map_caption": "Each dot is a pole, placed on its territory, coloured by “{column}”. "
                       "Clicking a dot opens the pole’s page.",
        "overseas": "Overseas",
        "not_placed": "Poles without a known territory (not placed): {names}",
        "table": "Table of the poles",
        "filter": "Filter",
        "filter_placeholder": "name, territory, département…",
        "region_filter": "Région",
        "all_regions": "All régions",
        "shown": "Poles shown: {shown} of {total}",
        "download": "Download the full table:",
        "csv": "CSV (comma separator, decimal point)",
        "xlsx": "XLSX workbook",
        "sort_hint": "Clicking a column header sorts the table.",
        "col_name": "Pole",
        "col_territory": "Territory",
        "col_departement": "Département",
        "col_region": "Région",
        "col_actors": "Members",
        "col_ess_share": "ESS share",
        "col_partnerships": "Ties",
        "col_density": "Density",
        "col_pivot": "Pivot dependence",
        "col_jobs": "Jobs",
        "col_form": "Form",
        "col_definition": "Definition (art. 9)",
        "col_state_call": "State call",
        "col_scic": "SCIC rules",
        "col_signals": "Signals",
        "legend": "Legend",
        "missing": "not given",
        "not_applicable": "not applicable",
        "verdict_pass": "meets",
        "verdict_warn": "to check",
        "verdict_fail": "fails",
        "verdict_unknown": "unknown",
        "form_informal": "informal",
        "form_association": "association",
        "form_scic": "SCIC",
        "form_gie": "GIE",
        "form_cooperative": "cooperative",
        "form_other": "other",
        "synthetic_notice": "SYNTHETIC data: these poles do not exist; ptce-kit drew them at random "
                            "as an example.",
        "credit": "Outlines of the départements: {credit}. Geography: {geo}.",
        "made_by": "Site made by ptce-kit (ptce observatory), with no outside resource.",
        "pole_fiche": "The pole’s fiche",
        "pole_map": "Interactive map of the cooperation",
        "pole_check": "PTCE criteria",
        "pole_indicators": "Indicators over time",
        "no_indicators": "The file gives no indicator.",
        "rule": "Rule",
        "verdict": "Verdict",
        "legal_source": "Source",
        "profile_definition": "Legal definition (ESS law, art. 9)",
        "profile_state_call": "The State’s call for projects",
        "profile_scic": "SCIC",
        "profile_signals": "Signals",
        "indicator": "Indicator",
        "unit": "Unit",
        "year": "Year",
        "value": "Value",
        "back": "Back to the home page",
        "pole_data": "The pole’s data: {file}, changed on {date} ({how}).",
        "figures_intro": "Each figure says how many poles it rests on: a pole whose file does not give "
                         "the measure is not counted.",
        "fig_members": "Members per pole",
        "fig_families": "Families of actors present per pole",
        "fig_jobs": "Jobs per pole",
        "fig_cadence": "Meetings of the most frequent body, per year",
        "fig_density": "Network density",
        "fig_pivot": "Pivot dependence",
        "fig_ei": "E-I index between families",
        "fig_formal": "Share of poles with a legal structure",
        "fig_below": "Share of poles below the département level",
        "median": "median",
        "quartiles": "quartiles",
        "range": "range",
        "rests_on": "over {n} poles",
        "share_of": "{share} ({count} of {n} poles)",
        "histogram": "Distribution",
        "sources_intro": "Where each pole’s data comes from, and when its file last changed.",
        "file": "File",
        "changed": "Last changed",
        "how": "From",
        "how_git": "date of the last git commit",
        "how_mtime": "modification time of the file",
        "pole_sources": "Sources the file cites",
        "no_source": "the file cites no source",
    },
}


def words(lang: str) -> dict[str, str]:
    """The labels of one language (``fr`` or ``en``)."""
    return WORDS[lang]


def number(value: float | int | None, lang: str, *, digits: int = 2, percent: bool = False) -> str:
    """A number as the language writes it: ``0,25`` or ``25 %`` in French, ``0.25`` or ``25%`` in English.

    Examples
    --------
    >>> number(0.254, "fr", percent=True), number(0.254, "en", percent=True), number(1234.5, "fr", digits=1)
    ('25\\xa0%', '25%', '1\\u202f234,5')
    """
    if value is None:
        return "–"
    if percent:
        text = f"{round(100 * value):d}"
        return text + ("\u00a0%" if lang == "fr" else "%")
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,d}"
    else:
        text = f"{value:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text
