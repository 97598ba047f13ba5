"""Every word the workspace shows, in French and English, in one place.

The project moves its messages to gettext catalogs (``ptce_kit.i18n``); until then the
workspace keeps its words here, one table per language, so that they can be moved to the
catalogs as they are.  Templates call ``_("key")``; the code calls :func:`word`.
The words that name the data's codes (categories, statuses, tie kinds…) are those of the
documents, :mod:`ptce_kit.render.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LANGUAGES", "WORDS", "word", "field_label", "translator", "choose_language"]

LANGUAGES = ("fr", "en")

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "workspace": "Espace de travail du pôle",
        "nav.dashboard": "Tableau de bord",
        "nav.actors": "Acteurs",
        "nav.partnerships": "Partenariats",
        "nav.projects": "Projets",
        "nav.indicators": "Indicateurs",
        "nav.governance": "Gouvernance",
        "gov.form": "Forme",
        "gov.rule": "Règle de décision",
        "gov.colleges": "Collèges",
        "gov.weight": "Poids des voix",
        "gov.bodies": "Instances",
        "gov.college": "Collège",
        "gov.no_college": "— aucun collège —",
        "gov.in_file": "La gouvernance (forme, instances, actes, collèges) se décrit dans le fichier ; "
                       "l’appartenance d’un acteur à un collège se choisit dans sa fiche.",
        "add_indicator": "Ajouter un indicateur",
        "label.value": "Valeur",
        "label.min": "Minimum",
        "label.max": "Maximum",
        "label.at_least": "Au moins",
        "label.unit": "Unité",
        "label.approximate": "Approximatif",
        "label.period": "Période",
        "label.year": "Année",
        "label.scope": "Portée",
        "label.actor": "Acteur (identifiant)",
        "label.source": "Source",
        "nav.map": "Carte",
        "nav.documents": "Documents",
        "nav.import": "Importer",
        "import.file": "Tableur des membres (CSV ou XLSX)",
        "import.help": "Colonnes en français ou en anglais (voir modele-membres.csv) ; CSV en UTF-8 ou Windows-1252, séparé par « ; » ou « , ». Rien n’est écrit avant que vous ayez choisi les lignes.",
        "import.read": "Lire le tableur",
        "import.preview": "Voici ce que ferait {name}, ligne par ligne. Décochez les lignes à refuser, puis importez.",
        "import.keep": "Importer",
        "import.row": "Ligne",
        "import.fate": "Effet",
        "import.added": "ajout",
        "import.updated": "mise à jour",
        "import.unchanged": "inchangé",
        "import.rejected": "refusée",
        "import.diff": "Les changements du fichier",
        "import.apply": "Importer les lignes cochées",
        "import.done": "{added} acteur(s) ajouté(s), {updated} mis à jour dans {file}.",
        "import.refused_rows": "Lignes non importées :",
        "import.kind": "Choisissez un fichier .csv ou .xlsx.",
        "import.sirene_file": "Extrait SIRENE (fichiers stock de l’INSEE, ou CSV/JSON de l’annuaire des entreprises)",
        "import.sirene_help": "Comme ptce import-sirene : les unités sont ajoutées ou complétées ; les entrepreneurs "
                              "individuels et les unités non diffusibles sont laissés de côté.",
        "import.sirene_kind": "Choisissez un extrait .csv, .json, .gz ou .zip (nom de fichier sans espaces).",
        "import.sirene_preview": "Voici ce que ferait l’extrait {name}. Importez-le en entier, ou annulez.",
        "import.sirene_apply": "Importer l’extrait",
        "import.sirene_done": "{added} acteur(s) ajouté(s), {completed} complété(s) dans {file}.",
        "import.expired": "Ce tableur n’est plus en mémoire : envoyez-le de nouveau.",
        "import.changed": "Le fichier du pôle a changé depuis la lecture du tableur : rien n’a été écrit. Envoyez le tableur de nouveau pour voir ce qu’il ferait maintenant.",
        "skip": "Aller au contenu",
        "language": "Langue",
        "offline": "Espace local : les données du pôle restent sur cet ordinateur.",
        "file": "Fichier",
        "count.actors": "acteurs",
        "count.members": "membres",
        "count.partnerships": "partenariats",
        "count.projects": "projets",
        "count.colleges": "collèges",
        "problems": "Problèmes à corriger",
        "no_problems": "Le fichier est valide : aucun problème.",
        "warnings": "Avertissements",
        "verdicts": "Critères des PTCE (ptce check)",
        "criterion": "Critère",
        "verdicts.open": "Voir les critères",
        "verdict.pass": "atteint",
        "verdict.warn": "à surveiller",
        "verdict.fail": "non atteint",
        "verdict.unknown": "la donnée manque",
        "verdict": "Verdict",
        "explanation": "Explication",
        "changes": "Modifié depuis le dernier commit",
        "no_changes": "Rien n’a changé depuis le dernier commit.",
        "not_git": "Le dossier n’est pas un dépôt git : les modifications ne sont pas suivies.",
        "fix": "corriger",
        "search": "Rechercher",
        "filter": "Filtrer",
        "all": "tous",
        "category": "Catégorie",
        "status": "Statut",
        "kind": "Forme",
        "name": "Nom",
        "actors": "Acteurs",
        "add": "Ajouter",
        "add_actor": "Ajouter un acteur",
        "add_partnership": "Ajouter un partenariat",
        "add_project": "Ajouter un projet",
        "edit": "Modifier",
        "save": "Enregistrer",
        "remove": "Supprimer",
        "cancel": "Annuler",
        "none_yet": "Aucun pour l’instant.",
        "shown": "affichés",
        "yes": "oui",
        "no": "non",
        "unknown": "— non renseigné —",
        "required": "obligatoire",
        "list_hint": "Séparez les valeurs par des virgules.",
        "date_hint": "AAAA, AAAA-MM ou AAAA-MM-JJ, par exemple 2024 ou 2024-03.",
        "saved": "Enregistré dans {file}.",
        "unchanged": "Rien à enregistrer : {file} est inchangé.",
        "removed": "{item} a été supprimé de {file}.",
        "reformatted": "La mise en page de {file} n’a pas pu être gardée ligne à ligne : "
                       "le fichier a été réécrit dans la mise en page de ptce-kit (commentaires gardés).",
        "not_saved": "Rien n’a été enregistré : corrigez les champs signalés.",
        "conflict.title": "Le fichier a changé pendant que vous l’éditiez",
        "conflict.body": "{file} a été modifié sur le disque (par ptce, un éditeur de texte ou git) "
                         "depuis l’ouverture de ce formulaire. Rien n’a été écrit, pour ne pas effacer "
                         "cette modification. Voici ce qui a changé ; vos saisies sont gardées ci-dessous : "
                         "vérifiez-les et enregistrez de nouveau.",
        "remove.title": "Supprimer {item} ?",
        "remove.refs": "D’autres éléments du pôle font référence à {item}. Les supprimer avec lui :",
        "remove.none": "Aucun autre élément ne fait référence à {item}.",
        "remove.confirm": "Supprimer définitivement",
        "remove.cascade": "Supprimer {item} et ces références",
        "not_in_form": "Les autres champs (contacts, présences sur plusieurs sites, propriétaires…) "
                       "se modifient dans le fichier ; le formulaire les garde tels quels.",
        "found.title": "Fonder un pôle",
        "found.intro": "Aucun fichier pole.yaml ici. Répondez à ces questions (les mêmes que ptce new) "
                       "pour créer le dossier du pôle.",
        "found.submit": "Créer le pôle",
        "found.done": "Le pôle a été créé dans {folder}.",
        "map.title": "Carte des coopérations",
        "map.downloads": "Télécharger la carte statique",
        "map.open": "Ouvrir la carte seule",
        "docs.title": "Documents",
        "docs.preview": "Aperçu",
        "docs.download": "Télécharger",
        "doc.charter": "Charte",
        "doc.registry": "Registre des membres",
        "doc.fiche": "Fiche du pôle",
        "doc.report": "Rapport d’activité {year}",
        "docs.public": "Registre public : sans contacts ni données des personnes physiques.",
        "docs.full": "Registre complet : avec les contacts (noms, rôles, courriels, téléphones) "
                     "et les personnes physiques ; à ne pas diffuser.",
        "docs.no_pdf": "Le PDF demande WeasyPrint (pip install 'ptce-kit[pdf]').",
        "error.title": "Refusé",
        "error.token": "Cette page demande le jeton de la session. Ouvrez l’adresse que ptce serve "
                       "a affichée dans le terminal (elle se termine par ?token=…).",
        "error.host": "Nom d’hôte refusé : ouvrez l’espace par l’adresse que ptce serve a affichée.",
        "error.origin": "Requête venue d’un autre site : refusée.",
        "error.csrf": "Le formulaire a expiré ou ne vient pas de cet espace : rechargez la page et recommencez.",
        "error.path": "Chemin refusé : l’espace ne lit et n’écrit que dans le dossier du pôle.",
        "error.too_large": "Envoi trop gros (plus de {limit} Mo) : refusé.",
        "error.not_found": "Page introuvable.",
        "error.no_pole": "Ce pôle ne peut pas être lu : corrigez le fichier (voir les problèmes ci-dessous).",
        "field.siret": "SIRET invalide : il faut 14 chiffres, dont le dernier est une clé de contrôle. "
                       "Vérifiez une faute de frappe (annuaire-entreprises.data.gouv.fr).",
        "field.siren": "SIREN invalide : il faut 9 chiffres, dont le dernier est une clé de contrôle.",
        "field.date": "Date invalide : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ.",
        "field.required": "Ce champ est obligatoire.",
        "field.number": "Nombre attendu.",
        "field.id_taken": "Cet identifiant est déjà pris.",
        "field.commune_none": "Aucune commune ne porte ce nom ou ce code postal : tapez son code INSEE "
                              "(5 caractères), son code postal ou son nom.",
        "field.commune_many": "Plusieurs communes répondent : {choices}. Tapez le code INSEE de la bonne.",
        # the fields of the forms (the format's own names are shown in English)
        "label.id": "Identifiant",
        "label.name": "Nom",
        "label.category": "Catégorie (loi ESS, art. 9)",
        "label.status": "Statut dans le pôle",
        "label.ess": "Entreprise de l’ESS",
        "label.legal_form": "Forme juridique (en toutes lettres)",
        "label.legal_form_code": "Catégorie juridique INSEE (4 chiffres)",
        "label.siren": "SIREN (9 chiffres)",
        "label.siret": "SIRET (14 chiffres)",
        "label.presence": "Présence au lieu du pôle",
        "label.roles": "Rôles",
        "label.joined": "Date d’entrée dans le pôle",
        "label.left": "Date de sortie du pôle",
        "label.commune": "Commune (code INSEE, code postal ou nom)",
        "label.description": "Description",
        "label.website": "Site web",
        "label.legal_person": "Personne morale",
        "label.part_of": "Fait partie de (identifiant)",
        "label.created": "Date de création",
        "label.ceased": "Date de cessation",
        "label.ceased_how": "Mode de cessation",
        "label.successor": "Successeur (identifiant)",
        "label.article": "Article du nom",
        "label.gender": "Genre du nom",
        "label.number": "Nombre du nom",
        "label.naf": "Code NAF rév. 2",
        "label.naf_2025": "Code NAF 2025",
        "label.acronym": "Sigle",
        "label.rna": "Numéro RNA",
        "label.address": "Adresse",
        "label.headcount_band": "Tranche d’effectif",
        "label.employer": "Employeur",
        "label.mission_company": "Société à mission",
        "label.actors": "Acteurs (identifiants)",
        "label.kind": "Forme de coopération",
        "label.topic": "Objet",
        "label.resources": "Ce qui est partagé",
        "label.directed": "Orienté (d’un acteur vers un autre)",
        "label.source": "Depuis l’acteur",
        "label.target": "Vers l’acteur",
        "label.since": "Depuis",
        "label.until": "Jusqu’à",
        "label.weight": "Intensité",
        "label.participants_known": "Participants tous connus",
        "label.participants": "Nombre de participants",
        "label.duration": "Durée",
        "label.chain": "Chaîne (acteurs dans l’ordre)",
        "label.start": "Début",
        "label.end": "Fin",
        "label.jobs": "Emplois",
    },
    "en": {
        "workspace": "Pole workspace",
        "nav.dashboard": "Dashboard",
        "nav.actors": "Actors",
        "nav.partnerships": "Partnerships",
        "nav.projects": "Projects",
        "nav.indicators": "Indicators",
        "nav.governance": "Governance",
        "gov.form": "Form",
        "gov.rule": "Decision rule",
        "gov.colleges": "Colleges",
        "gov.weight": "Weight of the votes",
        "gov.bodies": "Bodies",
        "gov.college": "College",
        "gov.no_college": "— no college —",
        "gov.in_file": "The governance (form, bodies, acts, colleges) is described in the file; an "
                       "actor's college is chosen in its form.",
        "add_indicator": "Add an indicator",
        "nav.map": "Map",
        "nav.documents": "Documents",
        "nav.import": "Import",
        "import.file": "Members' spreadsheet (CSV or XLSX)",
        "import.help": "French or English headers (see members-template.csv); CSV in UTF-8 or Windows-1252, separated by ';' or ','. Nothing is written before you choose the rows.",
        "import.read": "Read the spreadsheet",
        "import.preview": "Here is what {name} would do, row by row. Untick the rows to refuse, then import.",
        "import.keep": "Import",
        "import.row": "Row",
        "import.fate": "Effect",
        "import.added": "added",
        "import.updated": "updated",
        "import.unchanged": "unchanged",
        "import.rejected": "rejected",
        "import.diff": "The changes to the file",
        "import.apply": "Import the rows ticked",
        "import.done": "{added} actor(s) added, {updated} updated in {file}.",
        "import.refused_rows": "Rows not imported:",
        "import.kind": "Choose a .csv or .xlsx file.",
        "import.sirene_file": "SIRENE extract (INSEE's stock files, or the company search service's CSV/JSON)",
        "import.sirene_help": "As ptce import-sirene: units are added or completed; sole traders and units INSEE "
                              "does not diffuse are left out.",
        "import.sirene_kind": "Choose a .csv, .json, .gz or .zip extract (a file name without spaces).",
        "import.sirene_preview": "Here is what the extract {name} would do. Import it whole, or cancel.",
        "import.sirene_apply": "Import the extract",
        "import.sirene_done": "{added} actor(s) added, {completed} completed in {file}.",
        "import.expired": "This spreadsheet is no longer in memory: send it again.",
        "import.changed": "The pole's file changed since the spreadsheet was read: nothing was written. Send the spreadsheet again to see what it would do now.",
        "skip": "Skip to content",
        "language": "Language",
        "offline": "Local workspace: the pole's data stays on this computer.",
        "file": "File",
        "count.actors": "actors",
        "count.members": "members",
        "count.partnerships": "partnerships",
        "count.projects": "projects",
        "count.colleges": "colleges",
        "problems": "Problems to fix",
        "no_problems": "The file is valid: no problem.",
        "warnings": "Warnings",
        "verdicts": "PTCE criteria (ptce check)",
        "criterion": "Criterion",
        "verdicts.open": "See the criteria",
        "verdict.pass": "met",
        "verdict.warn": "to watch",
        "verdict.fail": "not met",
        "verdict.unknown": "the data is missing",
        "verdict": "Verdict",
        "explanation": "Explanation",
        "changes": "Changed since the last commit",
        "no_changes": "Nothing changed since the last commit.",
        "not_git": "The folder is not a git repository: changes are not tracked.",
        "fix": "fix",
        "search": "Search",
        "filter": "Filter",
        "all": "all",
        "category": "Category",
        "status": "Status",
        "kind": "Kind",
        "name": "Name",
        "actors": "Actors",
        "add": "Add",
        "add_actor": "Add an actor",
        "add_partnership": "Add a partnership",
        "add_project": "Add a project",
        "edit": "Edit",
        "save": "Save",
        "remove": "Remove",
        "cancel": "Cancel",
        "none_yet": "None yet.",
        "shown": "shown",
        "yes": "yes",
        "no": "no",
        "unknown": "— not given —",
        "required": "required",
        "list_hint": "Separate the values with commas.",
        "date_hint": "YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024 or 2024-03.",
        "saved": "Saved in {file}.",
        "unchanged": "Nothing to save: {file} is unchanged.",
        "removed": "{item} was removed from {file}.",
        "reformatted": "The layout of {file} could not be kept line by line: it was written in "
                       "ptce-kit's own layout (comments kept).",
        "not_saved": "Nothing was saved: fix the fields marked.",
        "conflict.title": "The file changed while you were editing it",
        "conflict.body": "{file} was changed on disk (by ptce, a text editor or git) since this form "
                         "was opened. Nothing was written, so as not to erase that change. Here is what "
                         "changed; what you typed is kept below: check it and save again.",
        "remove.title": "Remove {item}?",
        "remove.refs": "Other records of the pole refer to {item}. Remove them with it:",
        "remove.none": "No other record refers to {item}.",
        "remove.confirm": "Remove for good",
        "remove.cascade": "Remove {item} and these references",
        "not_in_form": "The other fields (contacts, presences at several sites, owners…) are edited "
                       "in the file; the form keeps them as they are.",
        "found.title": "Found a pole",
        "found.intro": "There is no pole.yaml here. Answer these questions (those of ptce new) to "
                       "create the pole's folder.",
        "found.submit": "Create the pole",
        "found.done": "The pole was created in {folder}.",
        "map.title": "Cooperation map",
        "map.downloads": "Download the static map",
        "map.open": "Open the map on its own",
        "docs.title": "Documents",
        "docs.preview": "Preview",
        "docs.download": "Download",
        "doc.charter": "Charter",
        "doc.registry": "Member registry",
        "doc.fiche": "Pole fact sheet",
        "doc.report": "Activity report {year}",
        "docs.public": "Public registry: without contacts or the data of natural persons.",
        "docs.full": "Full registry: with the contacts (names, roles, e-mails, phones) and natural "
                     "persons; not to be shared.",
        "docs.no_pdf": "The PDF needs WeasyPrint (pip install 'ptce-kit[pdf]').",
        "error.title": "Refused",
        "error.token": "This page needs the session's token. Open the address ptce serve printed in "
                       "the terminal (it ends with ?token=…).",
        "error.host": "Host name refused: open the workspace at the address ptce serve printed.",
        "error.origin": "Request from another site: refused.",
        "error.csrf": "The form has expired or does not come from this workspace: reload the page and "
                      "try again.",
        "error.path": "Path refused: the workspace reads and writes only in the pole's folder.",
        "error.too_large": "Upload too large (over {limit} MB): refused.",
        "error.not_found": "Page not found.",
        "error.no_pole": "This pole cannot be read: fix the file (see the problems below).",
        "field.siret": "Invalid SIRET: it has 14 digits, the last being a check digit. Look for a typo "
                       "(annuaire-entreprises.data.gouv.fr).",
        "field.siren": "Invalid SIREN: it has 9 digits, the last being a check digit.",
        "field.date": "Invalid date: write YYYY, YYYY-MM or YYYY-MM-DD.",
        "field.required": "This field is required.",
        "field.number": "A number is expected.",
        "field.id_taken": "This id is already taken.",
        "field.commune_none": "No commune has this name or postal code: type its INSEE code (5 characters), "
                              "its postal code or its name.",
        "field.commune_many": "Several communes answer: {choices}. Type the INSEE code of the right one.",
    },
}


def field_label(lang: str, name: str) -> str:
    """The label of a form field: in French its French name, in English the format's own key.

    Examples
    --------
    >>> field_label("fr", "joined"), field_label("en", "joined"), field_label("fr", "unheard_of")
    ('Date d’entrée dans le pôle', 'joined', 'unheard_of')
    """
    return WORDS.get(lang, {}).get(f"label.{name}", name)


def word(lang: str, key: str, **values: object) -> str:
    """The word or sentence ``key`` in ``lang``, with ``{name}`` placeholders filled.

    Examples
    --------
    >>> word("fr", "saved", file="pole.yaml")
    'Enregistré dans pole.yaml.'
    >>> word("en", "nav.map")
    'Map'
    """
    text = WORDS.get(lang, WORDS["fr"]).get(key) or WORDS["fr"][key]
    return text.format(**values) if values else text


def translator(lang: str) -> Callable[..., str]:
    """A gettext-like ``_`` for the templates of one language."""

    def _(key: str, **values: object) -> str:
        return word(lang, key, **values)

    return _


def choose_language(chosen: str | None, accept_language: str | None, pole_language: str | None) -> str:
    """The workspace's language: the user's choice, else the browser's, else the pole's; French by default.

    Examples
    --------
    >>> choose_language(None, "en-GB,en;q=0.9,fr;q=0.5", "fr")
    'en'
    >>> choose_language(None, "de-DE,de;q=0.9", "en")
    'en'
    >>> choose_language(None, None, None)
    'fr'
    >>> choose_language("fr", "en", "en")
    'fr'
    """
    if chosen in LANGUAGES:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    if ranked:
        return min(ranked)[2]
    return pole_language if pole_language in LANGUAGES else "fr"
