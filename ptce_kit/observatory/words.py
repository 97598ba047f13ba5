"""Every word the observatory's pages show, as message ids of ptce-kit's gettext catalogs.

Keys are stable ids; the values are English message ids marked with :func:`~ptce_kit.i18n.N_`,
translated by the catalogs (``ptce_kit/locale``, refreshed with ``python -m
ptce_kit.cli.catalogs all``) into the site's language; ``{…}`` fields are filled with
:meth:`str.format`.  A page never holds a sentence of its own.

Examples
--------
>>> words("fr")["home"], words("en")["home"]
('Accueil', 'Home')
>>> rests_on(1, "fr"), rests_on(2, "en")
('sur 1 pôle', 'over 2 poles')
"""

from __future__ import annotations

from functools import cache

from ..i18n import LANGUAGES, N_, gettext, ngettext

__all__ = ["LANGS", "MESSAGES", "words", "rests_on", "not_said", "number"]

#: Languages of the site, the first one by default.
LANGS: tuple[str, ...] = LANGUAGES

#: The pages' words: stable key -> English message id.
MESSAGES: dict[str, str] = {
    "site_title": N_("Observatory of the territorial poles of economic cooperation"),
    "home": N_("Home"),
    "figures": N_("National figures"),
    "sources": N_("Where the data comes from"),
    "map": N_("Map of France"),
    "map_caption": N_("Each dot is a pole, placed on its territory, coloured by “{column}”. Clicking a dot opens the pole’s page."),
    "overseas": N_("Overseas"),
    "not_placed": N_("Poles without a known territory (not placed): {names}"),
    "table": N_("Table of the poles"),
    "filter": N_("Filter"),
    "filter_placeholder": N_("name, territory, département…"),
    "region_filter": N_("Région"),
    "all_regions": N_("All régions"),
    "shown": N_("Poles shown: {shown} of {total}"),
    "download": N_("Download the full table:"),
    "csv": N_("CSV (comma separator, decimal point)"),
    "xlsx": N_("XLSX workbook"),
    "sort_hint": N_("Clicking a column header sorts the table."),
    "col_name": N_("Pole"),
    "col_territory": N_("Territory"),
    "col_departement": N_("Département"),
    "col_region": N_("Région"),
    "col_actors": N_("Members"),
    "col_ess_share": N_("ESS share"),
    "col_partnerships": N_("Ties"),
    "col_density": N_("Density"),
    "col_pivot": N_("Pivot dependence"),
    "col_jobs": N_("Jobs"),
    "col_form": N_("Form"),
    "col_definition": N_("Definition (art. 9)"),
    "col_state_call": N_("State call"),
    "col_scic": N_("SCIC rules"),
    "col_signals": N_("Signals"),
    "legend": N_("Legend"),
    "missing": N_("not given"),
    "not_applicable": N_("not applicable"),
    "verdict_pass": N_("meets"),
    "verdict_warn": N_("to check"),
    "verdict_fail": N_("fails"),
    "verdict_unknown": N_("unknown"),
    "form_informal": N_("informal"),
    "form_association": N_("association"),
    "form_scic": N_("SCIC"),
    "form_gie": N_("GIE"),
    "form_cooperative": N_("cooperative"),
    "form_other": N_("other"),
    "synthetic_notice": N_("SYNTHETIC data: these poles do not exist; ptce-kit drew them at random as an example."),
    "credit": N_("Outlines of the départements: {credit}. Geography: {geo}. Communes' points: {points}."),
    "made_by": N_("Site made by ptce-kit (ptce observatory), with no outside resource."),
    # the pole's page
    "pole_fiche": N_("The pole’s fiche"),
    "pole_map": N_("Interactive map of the cooperation"),
    "pole_check": N_("PTCE criteria"),
    "pole_indicators": N_("Indicators over time"),
    "no_indicators": N_("The file gives no indicator."),
    "rule": N_("Rule"),
    "verdict": N_("Verdict"),
    "legal_source": N_("Source"),
    "profile_definition": N_("Legal definition (ESS law, art. 9)"),
    "profile_state_call": N_("The State’s call for projects"),
    "profile_scic": N_("SCIC"),
    "profile_signals": N_("Signals"),
    "indicator": N_("Indicator"),
    "unit": N_("Unit"),
    "year": N_("Year"),
    "value": N_("Value"),
    "back": N_("Back to the home page"),
    "pole_data": N_("The pole’s data: {file}, changed on {date} ({how})."),
    # national figures
    "figures_intro": N_("Each figure says how many poles it rests on: a pole whose file does not give the measure is not counted."),
    "fig_members": N_("Members per pole"),
    "fig_families": N_("Families of actors present per pole"),
    "fig_jobs": N_("Jobs per pole"),
    "fig_cadence": N_("Meetings of the most frequent body, per year"),
    "fig_density": N_("Network density"),
    "fig_pivot": N_("Pivot dependence"),
    "fig_ei": N_("E-I index between families"),
    "fig_formal": N_("Share of poles with a legal structure"),
    "fig_below": N_("Share of poles below the département level"),
    "median": N_("median"),
    "quartiles": N_("quartiles"),
    "range": N_("range"),
    "share_of": N_("{share} ({count} of {n} poles)"),
    "histogram": N_("Distribution"),
    # sources
    "sources_intro": N_("Where each pole’s data comes from, and when its file last changed."),
    "file": N_("File"),
    "changed": N_("Last changed"),
    "how": N_("From"),
    "how_git": N_("date of the last git commit"),
    "how_mtime": N_("modification time of the file"),
    "pole_sources": N_("Sources the file cites"),
    "no_source": N_("the file cites no source"),
}


@cache
def words(lang: str) -> dict[str, str]:
    """The pages' words in one language (``fr`` or ``en``), from the catalogs."""
    return {key: gettext(message, lang) for key, message in MESSAGES.items()}


def rests_on(n: int, lang: str) -> str:
    """« sur 3 pôles »: how many poles a figure rests on, in the language's plural."""
    return ngettext("over {n} pole", "over {n} poles", n, lang).format(n=n)


def not_said(n: int, lang: str) -> str:
    """« 2 pôles ne le disent pas »: how many poles a figure leaves out, their files not giving it.

    Examples
    --------
    >>> not_said(1, "fr"), not_said(2, "en")
    ('1 pôle ne le dit pas', '2 poles do not say')
    """
    return ngettext("{n} pole does not say", "{n} poles do not say", n, lang).format(n=n)


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
