"""The pole's yearly activity report: what it sends its funders and members each year.

:func:`report_facts` reads, from the pole's data only, what happened in one calendar year:
the actors who joined, left or ceased their activity, the partnerships started and ended,
the projects under way and their status, the indicators of that year beside the same
indicators of the year before, the governance bodies and the decisions taken, the public
support received.  The templates ``{lang}/report.md.j2`` write it as Markdown, like the
other documents (:mod:`ptce_kit.render.documents`); HTML and PDF embed its figures (the
growth of the pole over the years, its composition by family, the cooperation map on the
first and the last day of the year), drawn by :mod:`ptce_kit.render.maps`.

Every sentence is either true of every pole or derived from a field: what the data does
not say is left out or shown as a blank to fill in.  No clock is read: the same data
gives the same bytes (only :func:`last_complete_year`, which ``ptce build`` uses when it
is given no date, looks at today's date).

Examples
--------
>>> from ptce_kit.model import Pole
>>> pole = Pole(id="p", name="P", actors=[
...     {"id": "a", "name": "A", "category": "ess_enterprise", "status": "member", "joined": "2019"},
...     {"id": "b", "name": "B", "category": "enterprise", "status": "member", "joined": "2020-03"}])
>>> facts = report_facts(pole, 2020)
>>> [a.id for a in facts["joined"]], facts["members_start"], facts["members_end"]
(['b'], 1, 2)
>>> report_file_stem(2020, "fr"), report_file_stem(2020, "en")
('rapport-activite-2020', 'activity-report-2020')
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PoleError
from ..model import ActorStatus, Family, OutsideBody, ProjectStatus
from ..model.identifiers import earliest, latest
from ..model.life import member_known_at, tie_end, tie_expired_at, tie_known_at, undated_members_at
from ..model.support import Outcome, Support
from .formats import REPORT_FORMATS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..model import Actor, Pole

__all__ = [
    "REPORT_FORMATS",
    "REPORT_FIGURES",
    "report_file_stem",
    "data_years",
    "last_complete_year",
    "report_facts",
    "report_figures",
    "growth_figure",
    "render_report_markdown",
    "write_report",
]

#: The figures of the report, in the order it shows them (embedded in HTML and PDF).
REPORT_FIGURES = ("growth", "composition", "maps")
_STEMS = {"fr": "rapport-activite-{year}", "en": "activity-report-{year}"}
#: The growth figure shows at most this many years, the last ones.
_MAX_YEARS = 30
_FIGURE_DPI = 110


def report_file_stem(year: int, lang: str) -> str:
    """The file name, without extension, of the report of ``year`` in ``lang``."""
    return _STEMS[lang].format(year=year)


# --- the years the data speaks of -----------------------------------------------------

def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def _dates(pole: Pole) -> Iterator[str]:
    """Every date of the pole's history (not its foundation alone: the life of its actors and ties,
    its support, labels, one-off events and changes of legal form)."""
    for a in pole.actors:
        yield from (d for d in (a.joined, a.left, a.ceased) if d)
    for p in pole.partnerships:
        yield from (d for d in (p.since, p.until) if d)
    for project in pole.projects:
        yield from (d for d in (project.start, project.end) if d)
    yield from (d.date for d in pole.governance.decisions)
    yield from (str(i.year) for i in pole.indicators if i.year is not None)
    for item in pole.support:
        yield from (d for d in (item.since, item.until) if d)
    yield from (e.date for e in pole.events)
    for label in pole.labels:
        yield from (d for d in (label.since, label.until) if d)
    # A change of the pole's legal form (the first form's start is its foundation).
    yield from (p.since for p in pole.governance.form_history[1:])


def data_years(pole: Pole) -> list[int]:
    """The years the pole's history mentions, sorted (empty when the data has no dates).

    >>> from ptce_kit.model import Pole
    >>> data_years(Pole(id="p", name="P", partnerships=[], actors=[
    ...     {"id": "a", "name": "A", "category": "enterprise", "joined": "2014-07", "left": "2016"}]))
    [2014, 2016]
    """
    return sorted({int(d[:4]) for d in _dates(pole)})


def last_complete_year(pole: Pole, today: str | dt.date | None = None) -> int | None:
    """The year ``ptce build`` reports on: the last year of the data that is over by ``today``.

    That is the latest year the data mentions, but never the current year or a later one
    (then the year before ``today``'s).  ``today`` is a partial date (``--date``) or a date,
    today's date by default.  ``None`` when the data has no dates.

    >>> from ptce_kit.model import Pole
    >>> pole = Pole(id="p", name="P", actors=[
    ...     {"id": "a", "name": "A", "category": "enterprise", "joined": "2014", "left": "2019-05"}])
    >>> last_complete_year(pole, "2025-03-01"), last_complete_year(pole, "2019-06")
    (2019, 2018)
    """
    years = data_years(pole)
    if not years:
        return None
    if today is None:
        today = dt.date.today()
    current = today.year if isinstance(today, dt.date) else int(str(today)[:4])
    return min(years[-1], current - 1)


# --- what happened in the year --------------------------------------------------------

def _in(value: str | None, year: int) -> bool:
    return _year(value) == year


def _overlaps(start: str | None, end: str | None, year: int) -> bool:
    return (start is None or _year(start) <= year) and (end is None or _year(end) >= year)  # type: ignore[operator]


def _support_row(pole: Pole, item: Support, year: int) -> dict[str, Any] | None:
    """One public support of the year, or ``None``.

    Only support the data says was received counts (``outcome: laureate``); it belongs
    to every year its span (``since`` to ``until``) covers; without any date the report
    cannot say it was received that year, and leaves it out.
    """
    if item.outcome is not Outcome.LAUREATE or (item.since is None and item.until is None):
        return None
    if not _overlaps(item.since, item.until, year):
        return None
    actors = {a.id: a for a in pole.actors}
    funder = item.funder
    # The actor (its name written with its article) or the outside body.
    by = funder if isinstance(funder, OutsideBody) else actors.get(funder, funder)
    return {
        "by": by,
        "what": item.programme or (None if item.state_call_year else item.call),
        "state_call": item.state_call_year,
        "amount": item.amount,
        # A support of one date or year reads "en 2020", not "de 2020 à 2020" (the templates' ``span``).
        "since": item.since,
        "until": item.until,
    }


def _members_at(pole: Pole, when: str) -> list[Actor]:
    """The members the data dates at ``when`` (:func:`~ptce_kit.model.life.member_known_at`)."""
    return [a for a in pole.actors if member_known_at(a, when)]


def _ties_at(pole: Pole, when: str) -> int:
    """The ties known to be under way at ``when`` between two actors or more that existed and
    were part of the pole then (a tie past the duration it was given is not counted)."""
    present = {a.id for a in pole.actors if a.active_at(when) and not (a.created and earliest(a.created) > latest(when))}
    return sum(1 for p in pole.partnerships if tie_known_at(p, when) and len(present.intersection(p.actors)) >= 2)


#: The words of a figure of jobs, in its unit or its name (English and French).
_JOB_WORDS = frozenset({"job", "jobs", "emploi", "emplois", "etp", "fte"})


def _is_jobs(i: Any) -> bool:
    """Whether an indicator counts jobs: its unit or the first word of its name says so."""
    words = {(i.unit or "").strip().casefold(), (i.name.strip().casefold().split() or [""])[0]}
    return bool(words & _JOB_WORDS)


def _indicator_key(i: Any) -> tuple[str, str | None, str, str | None]:
    """What makes two figures count the same thing: name, unit, scope (territory, pole, actor) and actor."""
    return (i.name.strip().casefold(), (i.unit or "").strip().casefold() or None, i.about.value, i.actor)


def _indicator_rows(pole: Pole, year: int) -> list[dict[str, Any]]:
    """The indicators of ``year``, each beside the one of the year before that counts the same
    thing (same name, unit, scope and actor) when there is exactly one such: never a sum of years."""
    def by_key(y: int) -> dict[tuple[str, str | None, str, str | None], list[Any]]:
        out: dict[tuple[str, str | None, str, str | None], list[Any]] = {}
        for i in pole.indicators:
            if i.year == y:
                out.setdefault(_indicator_key(i), []).append(i)
        return out

    now, before = by_key(year), by_key(year - 1)
    rows = []
    for key, items in now.items():
        for i in items:
            earlier = before.get(key, [])
            previous = earlier[0] if len(items) == 1 and len(earlier) == 1 else None
            change = percent = None
            # A change is computed between two exact figures only, never from a range or a lower bound.
            if (previous is not None and not (i.approximate or previous.approximate)
                    and i.value is not None and previous.value is not None):
                change = i.value - previous.value
                percent = 100.0 * change / previous.value if previous.value else None
            rows.append({"indicator": i, "previous": previous, "change": change, "percent": percent,
                         "actor": pole.actor(i.actor) if i.actor else None, "current": True})
    # A figure the data has for the year before but not for this year: its line, to fill in.
    for key, earlier in before.items():
        if key not in now:
            for i in earlier:
                rows.append({"indicator": i, "previous": i, "change": None, "percent": None,
                             "actor": pole.actor(i.actor) if i.actor else None, "current": False})
    return rows


def report_facts(pole: Pole, year: int) -> dict[str, Any]:
    """What the data says of the pole's year ``year``, ready for the report's templates.

    Returns
    -------
    dict
        ``joined`` (actors, not prospective, who joined in the year), ``departures``
        (``{"actor", "when", "ceased", "how", "successor"}``: an actor that ceased its
        activity is not said to have left), ``ties_started``, ``ties_ended``,
        ``projects`` (``{"project", "started", "ended"}``, the projects whose dates
        cover part of the year), ``undated_projects`` (how many have no dates),
        ``indicators`` (:func:`_indicator_rows`), ``bodies`` (with a cadence or not),
        ``decisions`` (taken in the year, by date), ``events`` (one-off events of the
        year), ``labels_granted``/``labels_ended``, ``form_changes`` (the legal forms the
        pole took that year), ``support`` (public support of the year, when the data has a
        ``support`` list), ``members_start``/``members_end``
        and ``ties_start``/``ties_end`` (on the first and last day of the year),
        ``families`` (``(family, members on the last day)``, empty ones left out) and
        ``growth`` (``(year, members, ties)`` on the last day of each year, from the
        first the data mentions to ``year``).
    """
    start, end = f"{year}-01-01", f"{year}-12-31"
    ids = {a.id: a for a in pole.actors}
    joined = sorted((a for a in pole.actors if a.status is not ActorStatus.PROSPECTIVE and _in(a.joined, year)),
                    key=lambda a: (a.joined or "", a.name.casefold()))
    departures: list[dict[str, Any]] = []
    for a in pole.actors:
        ceased = a.ceased
        if not (_in(a.left, year) or _in(ceased, year)):
            continue
        successor = a.successor
        departures.append({
            "actor": a,
            "when": ceased if _in(ceased, year) else a.left,
            "ceased": bool(_in(ceased, year) or (a.ceased_how and _in(a.left, year))),
            "how": a.ceased_how,
            "successor": ids.get(successor) if successor else None,
        })
    departures.sort(key=lambda d: (d["when"] or "", d["actor"].name.casefold()))
    projects = [{"project": p, "started": _in(p.start, year), "ended": _in(p.end, year)}
                for p in pole.projects if (p.start or p.end) and _overlaps(p.start, p.end, year)]
    # An active project without dates is under way, its dates to fill in; other undated ones are counted only.
    undated_active = [p for p in pole.projects if not (p.start or p.end) and p.status is ProjectStatus.ACTIVE]
    members_end = _members_at(pole, end)
    undated = undated_members_at(pole, end)
    first = data_years(pole)[0] if data_years(pole) else year
    first = max(min(first, year), year - _MAX_YEARS + 1)
    support = [row for item in pole.support if (row := _support_row(pole, item, year)) is not None]
    return {
        "year": year,
        "previous_year": year - 1,
        "start": start,
        "end": end,
        "joined": joined,
        "departures": departures,
        "ties_started": [p for p in pole.partnerships if _in(p.since, year)],
        "ties_ended": [p for p in pole.partnerships if _in(tie_end(p), year)],
        # Ties given a duration that is over by the year's end, with no end date: renewal unknown.
        # (those whose duration ends in the year are among ``ties_ended``).
        "ties_expired": [{"tie": p, "end": e} for p in pole.partnerships
                         if tie_expired_at(p, end) and (e := tie_end(p)) is not None and int(e[:4]) < year],
        "projects": projects,
        "undated_active_projects": undated_active,
        "undated_projects": sum(1 for p in pole.projects if not (p.start or p.end)) - len(undated_active),
        "indicators": (rows := _indicator_rows(pole, year)),
        # Jobs are what a funder asks first: without a figure of jobs for the year, a line to fill in.
        "has_jobs": any(_is_jobs(row["indicator"]) for row in rows),
        "bodies": list(pole.governance.bodies),
        "has_decision_data": bool(pole.governance.decisions),
        "decisions": sorted((d for d in pole.governance.decisions if _in(d.date, year)), key=lambda d: d.date),
        # One-off events of the year (a gift, a takeover): not partnerships.
        "events": [{"event": e, "from": ids.get(e.from_) if e.from_ else None, "to": ids.get(e.to) if e.to else None}
                   for e in sorted(pole.events, key=lambda e: e.date) if _in(e.date, year)],
        # Labels and agreements granted or ended in the year (``holder`` None: the pole).
        "labels_granted": [{"label": item, "holder": ids.get(item.holder) if item.holder else None}
                           for item in pole.labels if _in(item.since, year)],
        "labels_ended": [{"label": item, "holder": ids.get(item.holder) if item.holder else None}
                         for item in pole.labels if _in(item.until, year)],
        # The legal form the pole took in the year, after an earlier one (``governance.form_history``).
        "form_changes": [p for n, p in enumerate(pole.governance.form_history) if n and _in(p.since, year)],
        "has_support_data": bool(pole.support) or pole.support_complete is True,
        "support": support,
        "members_start": len(_members_at(pole, start)),
        "members_end": len(members_end),
        # Members without a date of arrival ("date unknown"): never counted in a year.
        "undated_members": undated,
        "ties_start": _ties_at(pole, start),
        "ties_end": _ties_at(pole, end),
        # The members on the last day, with those whose date of arrival is unknown (as the charter counts them).
        "families": [(f, n) for f in Family
                     if (n := sum(1 for a in [*members_end, *undated] if a.family is f))],
        "growth": [(y, len(_members_at(pole, f"{y}-12-31")), _ties_at(pole, f"{y}-12-31"))
                   for y in range(first, year + 1)],
    }


# --- figures ------------------------------------------------------------------------------

_GROWTH_WORDS = {
    "fr": {"title": "Membres et partenariats au 31 décembre de chaque année", "members": "Membres",
           "dated": "Membres dont l’arrivée est datée", "ties": "Partenariats en cours"},
    "en": {"title": "Members and partnerships on 31 December of each year", "members": "Members",
           "dated": "Members with a dated arrival", "ties": "Partnerships under way"},
}


def growth_figure(growth: list[tuple[int, int, int]], lang: str, *, dated: bool = False) -> Figure:
    """The members and the partnerships under way on 31 December of each year: two lines.

    ``growth`` is :func:`report_facts`'s ``growth``; each point is labelled with its number.
    ``dated`` labels the members' line as counting only those with a dated arrival (when
    some members have none).
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from .map_drawing import figure_style
    from .typography import format_number

    words = _GROWTH_WORDS[lang]
    with matplotlib.rc_context(figure_style()):
        fig = Figure(figsize=(8.0, 3.6), dpi=_FIGURE_DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.08, 0.14, 0.9, 0.72))
        years = [y for y, _, _ in growth]
        for index, (label, colour, marker) in enumerate(((words["dated" if dated else "members"], "#0072B2", "o"),
                                                         (words["ties"], "#D55E00", "s"))):
            values = [row[index + 1] for row in growth]
            ax.plot(years, values, marker=marker, color=colour, label=label)
            for x, v in zip(years, values):
                # Each count as the report's language writes numbers (« 1 200 », "1,200").
                ax.annotate(format_number(v, lang), (x, v), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize=8)
        ax.set_title(words["title"], loc="left", fontsize=11)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        top = max((max(m, t) for _, m, t in growth), default=1)
        ax.set_ylim(0, top * 1.2 + 1)
        if len(years) == 1:
            ax.set_xlim(years[0] - 1, years[0] + 1)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper left", frameon=False, fontsize=9)
    return fig


def _png(fig: Figure) -> bytes:
    import tempfile

    from .map_drawing import save_figure

    with tempfile.TemporaryDirectory(prefix="ptce-report-") as folder:
        path = save_figure(fig, Path(folder) / "figure.png", dpi=_FIGURE_DPI)
        return path.read_bytes()


def report_figures(pole: Pole, year: int, *, lang: str = "fr", facts: dict[str, Any] | None = None) -> dict[str, bytes]:
    """The report's figures as PNG bytes, by name (:data:`REPORT_FIGURES`).

    ``growth`` draws :func:`report_facts`'s ``growth``; ``composition`` the actors on the
    last day of the year by family and category (:func:`~ptce_kit.render.maps.composition_figure`);
    ``maps`` the cooperation map on the first and the last day of the year, every actor at
    the same place in both (:func:`~ptce_kit.render.maps.small_multiples_figure`).  A
    figure with nothing to draw is left out.
    """
    from .maps import composition_figure, small_multiples_figure

    facts = facts or report_facts(pole, year)
    figures: dict[str, bytes] = {}
    if facts["growth"]:
        figures["growth"] = _png(growth_figure(facts["growth"], lang, dated=bool(facts["undated_members"])))
    if facts["members_end"] or facts["ties_end"] or facts["undated_members"]:
        fig = composition_figure(pole, lang=lang, at=facts["end"], dpi=_FIGURE_DPI)
        _date_in_words(fig, facts["end"], lang)
        figures["composition"] = _png(fig)
    if pole.actors:
        fig = small_multiples_figure(pole, [facts["start"], facts["end"]], lang=lang, dpi=_FIGURE_DPI, panel_size=4.2)
        _panel_titles(fig, pole, lang)
        figures["maps"] = _png(fig)
    return figures


_PANEL_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {"actor": ("acteur", "acteurs"), "tie": ("partenariat en cours", "partenariats en cours"),
           "link": ("lien entre deux acteurs", "liens entre deux acteurs")},
    "en": {"actor": ("actor", "actors"), "tie": ("partnership under way", "partnerships under way"),
           "link": ("link between two actors", "links between two actors")},
}
_ON_DATE = {"fr": "au {date}", "en": "on {date}"}


def _date_in_words(fig: Figure, when: str, lang: str) -> None:
    """Write the date of the composition figure's title in words (« au 31 décembre 2024 »)."""
    from .typography import format_partial_date

    for item in fig.texts:
        title = item.get_text()
        if title.endswith(f" ({when})"):
            words = _ON_DATE[lang].format(date=format_partial_date(when, lang))
            item.set_text(f"{title[:-len(when) - 3]} {words}")


def _panel_titles(fig: Figure, pole: Pole, lang: str) -> None:
    """Title each map panel with its date in words and what it counts: the actors, the
    partnerships under way (as the report counts them) and the links between two actors
    they draw (a partnership of four actors draws six)."""
    from ..grammar import count
    from ..network import to_graph
    from .typography import format_number, format_partial_date

    words = _PANEL_WORDS[lang]
    for ax in fig.axes:
        when = str(ax.get_label())
        if len(when) != 10 or when.count("-") != 2:
            continue  # the legend
        G = to_graph(pole, at=when)
        def counted(n: int, key: str) -> str:
            return count(n, words[key][0], words[key][1], lang, number=format_number(n, lang))

        ax.set_title(f"{format_partial_date(when, lang)}\n{counted(G.number_of_nodes(), 'actor')}, "
                     f"{counted(_ties_at(pole, when), 'tie')}\n"
                     f"({counted(G.number_of_edges(), 'link')})", fontsize=9, loc="left")


# --- the document -----------------------------------------------------------------------

def _figure_global(figures: dict[str, bytes]) -> Any:
    from . import markdown as md

    def figure(name: str, alt: str) -> md.Markdown:
        data = figures.get(name)
        if data is None:
            return md.Markdown("")
        uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        return md.Markdown(f"![{md.escape(alt)}]({uri})")

    return figure


def render_report_markdown(pole: Pole, year: int, *, lang: str | None = None,
                           templates: str | os.PathLike[str] | None = None, date: str | None = None,
                           figures: dict[str, bytes] | None = None) -> str:
    """The activity report of ``year`` as Markdown, in ``lang`` (the pole's language by default).

    ``figures`` (from :func:`report_figures`) are embedded as images (the HTML, the PDF,
    the ODT and the DOCX); without them the report has its figures' numbers as tables only.
    """
    from . import markdown as md
    from .documents import _check_lang, _render, environment
    from .typography import format_partial_date, french_spacing

    lang = _check_lang(lang or pole.language.value)
    if not 1800 <= year <= 2200:
        raise PoleError.single(f"{year} is not a year a report can be made for", hint="give a year such as 2024")
    facts = report_facts(pole, year)
    context = {
        **facts,
        "pole": pole,
        "lang": lang,
        "date": format_partial_date(date, lang) if date else None,
        "pivot": pole.pivot_actor,
        "actor": pole.actor,
        "actors_of": lambda ids: [pole.actor(i) for i in ids],
        "figure": _figure_global(figures or {}),
    }
    text = md.tidy(_render(environment(lang, templates), f"{lang}/report.md.j2", context))
    return french_spacing(text) if lang == "fr" else text


def _check_report_formats(formats: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in REPORT_FORMATS]
    if unknown or not chosen:
        raise PoleError.single(f"the activity report cannot be written as {unknown[0] if unknown else 'nothing'!r}",
                               hint=f"use some of: {', '.join(REPORT_FORMATS)}")
    return chosen


def write_report(pole: Pole, out_dir: str | os.PathLike[str], year: int, *, lang: str | None = None,
                 formats: Iterable[str] = ("md", "html"), templates: str | os.PathLike[str] | None = None,
                 date: str | None = None) -> list[Path]:
    """Write the activity report of ``year`` into ``out_dir`` in each of ``formats``.

    The files are ``rapport-activite-YEAR.*`` in French, ``activity-report-YEAR.*`` in
    English.  The figures are drawn only when HTML, PDF, ODT or DOCX is asked for: each
    of these carries them inside (the Markdown has none).  Returns the paths written, in
    the order of ``formats``.
    """
    from ..files import atomic_write, output_folder
    from .documents import _check_lang, _writer, render_html

    lang = _check_lang(lang or pole.language.value)
    chosen = _check_report_formats(formats)
    text = render_report_markdown(pole, year, lang=lang, templates=templates, date=date)
    out = output_folder(out_dir)
    page = with_figures = None
    if {"html", "pdf", "odt", "docx"}.intersection(chosen):
        figures = report_figures(pole, year, lang=lang)
        with_figures = render_report_markdown(pole, year, lang=lang, templates=templates, date=date, figures=figures)
        if "html" in chosen or "pdf" in chosen:
            page = render_html(with_figures, lang=lang, templates=templates, date=date)
    written = []
    stem = report_file_stem(year, lang)
    for fmt in chosen:
        if fmt == "md":
            content: str | bytes = text
        elif fmt == "html":
            content = page or ""
        elif fmt == "pdf":
            content = _writer("pdf")(page)
        else:
            # ODT and DOCX carry the figures inside them, as the PDF does.
            content = _writer(fmt)(with_figures or text, lang=lang, date=date)
        path = out / f"{stem}.{fmt}"
        atomic_write(path, content)
        written.append(path)
    return written
