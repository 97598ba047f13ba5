"""``ptce analyse``: the measures of a pole's cooperation graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..i18n import Message, N_, format_number, gettext, pgettext, plural_message
from ._common import EXIT_OK, out, pole_here, print_json
from .privacy import INCLUDE_PERSONAL_DATA

#: Columns of the actors table in the terminal (CSV and JSON give every measure).
TABLE_COLUMNS = (
    ("degree", N_("deg")), ("betweenness", N_("betw")), ("closeness", N_("clos")), ("eigenvector", N_("eig")),
    ("constraint", N_("constr")), ("community", N_("comm")), ("brokerage", N_("brok")),
)

#: Short names of Gould & Fernandez's brokerage roles, the headings of the z-scores' table.
ROLE_SHORT = {"coordinator": N_("coord."), "consultant": N_("consult."), "representative": N_("repr."),
              "gatekeeper": N_("gatek."), "liaison": N_("liais.")}

#: Short family names, so that the table fits 80 columns.
FAMILY_SHORT = {"enterprises": N_("ent."), "collectivities": N_("coll."), "research": N_("res."), "other": N_("oth.")}


@click.command()
@click.argument("file", type=click.Path(path_type=Path), required=False, callback=pole_here)
@click.option("--at", "at", default=None, help="The pole as it stood at this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "csv-pole", "json"]), default="table",
              show_default=True, help="table for reading; for other programs csv (one row per actor), "
              "csv-pole (one row per measure of the pole) or json (everything).")
@click.option("--engine", type=click.Choice(["auto", "networkx", "igraph"]), default="auto", show_default=True,
              help="What computes betweenness, closeness and PageRank (igraph is faster on large graphs).")
@click.option("--sep", default=None, type=click.Choice([",", ";"]),
              help="Separator of the CSV output  [default: the pole's language: ';' with decimal commas "
                   "for French, ',' for English].")
@click.option("--null", "null", type=click.Choice(["shuffle", "sna"]), default=None,
              help="Add the brokerage roles' z-scores against chance: families shuffled among the actors "
                   "(shuffle) or R sna's random graph of the same density (sna).")
@click.option("--sample", "sample", type=click.IntRange(min=1), default=None, metavar="K",
              help="Estimate betweenness, closeness and the pivot's mean distances from K source actors "
                   "(for graphs of 10^5 actors and more; see docs/analysis.md for the error).")
@INCLUDE_PERSONAL_DATA
def analyse(file: Path, at: str | None, fmt: str, engine: str, sep: str | None, null: str | None,
            sample: int | None, include_personal_data: bool) -> int:
    """Print the measures of the cooperation graph of the pole in FILE.

    Per actor (sorted by betweenness): degree, ties, centralities, structural holes,
    k-core, community and Gould & Fernandez brokerage roles between families.  Per pole:
    density, centralization, modularity, E-I index, cross-family ties, anchoring and
    dependence on the pivot.
    """
    from ..errors import PoleError
    from ..io import load_pole
    from ..network.measures import analyse as measure
    from ..privacy import for_sharing

    sep_given = click.get_current_context().get_parameter_source("sep") is not ParameterSource.DEFAULT
    if sep_given and fmt not in ("csv", "csv-pole"):
        raise click.UsageError(gettext(N_("--sep applies to --format csv and csv-pole")))
    pole = for_sharing(load_pole(file), include_personal_data=include_personal_data)
    try:
        result = measure(pole, at=at, engine=engine, null=null, sample=sample)
    except ImportError as exc:  # --engine igraph without python-igraph
        raise PoleError.single(str(exc), hint=N_("or run with --engine networkx")) from None
    if fmt == "json":
        print_json(result)
    elif fmt in ("csv", "csv-pole"):
        from ..cells import csv_bytes, csv_separator

        sep = csv_separator(pole.language.value) if sep is None else sep
        if fmt == "csv":
            rows = result["actors"]
            table = [list(rows[0]) if rows else ["id"], *(row.values() for row in rows)]
        else:
            table = [["measure", "value"], *_flat({**result["pole"], "main_broker": result["main_broker"]})]
        # Like every CSV ptce writes: BOM, formula-safe text, decimal commas with ';'.
        stdout = sys.stdout.buffer  # bytes: the BOM and the encoding are csv_bytes' own
        stdout.write(csv_bytes(table, sep=sep))
        stdout.flush()
    else:
        _print_tables(result)
        if null:
            _print_brokerage_z(result, null)
    return EXIT_OK


def _flat(measures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``(name, value)`` pairs, nested measures named with dots (``pivot_dependence.pivot``).

    Examples
    --------
    >>> _flat({"density": 0.5, "ties_by_kind": {"cooperation": 2}, "pivot": None})
    [('density', 0.5), ('ties_by_kind.cooperation', 2), ('pivot', None)]
    """
    pairs: list[tuple[str, Any]] = []
    for key, value in measures.items():
        if isinstance(value, dict):
            pairs += _flat(value, f"{prefix}{key}.")
        else:
            pairs.append((f"{prefix}{key}", value))
    return pairs


#: A column: heading, right-justified, minimum and maximum width (``None``: as wide as its cells).
Column = tuple[str, bool, int, "int | None"]


def _show(columns: list[Column], rows: list[list[str]]) -> None:
    """A table on standard output: drawn by rich in a terminal, plain aligned text otherwise.

    Written to a file or a pipe (``ptce analyse big.json > table.txt``), the table of
    2·10^5 actors is formatted in a second, where rich's layout takes minutes.
    """
    console = out()
    if console.is_terminal:
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        for heading, right, least, most in columns:
            table.add_column(heading, justify="right" if right else "left", no_wrap=True,
                             overflow="ellipsis", min_width=least, max_width=most)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    cells = [[c if most is None or len(c) <= most else c[:most - 1] + "…" for c, (_, _, _, most) in zip(row, columns)]
             for row in rows]
    widths = [max([least, len(heading), *(len(row[i]) for row in cells)]) if most is None
              else min(most, max([least, len(heading), *(len(row[i]) for row in cells)]))
              for i, (heading, _, least, most) in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, (_, right, _, _) in zip(values, widths, columns)).rstrip()

    text = [line([c[0] for c in columns]), "  ".join("-" * w for w in widths)]
    text += [line(row) for row in cells]
    sys.stdout.write("\n".join(text) + "\n")
    sys.stdout.flush()


def _note(text: str) -> None:
    """A dim line under a table (plain text off a terminal)."""
    from rich.text import Text

    out().print(Text(text, style="dim"))


def _print_brokerage_z(result: dict[str, Any], null: str) -> None:
    """The z-scores of the brokers' roles against the null model, one row per broker."""
    from ..network.brokerage import ROLES

    columns: list[Column] = [(gettext(N_("broker")), False, 12, 18),
                             *(("{} z".format(gettext(ROLE_SHORT[role])), True, 0, None) for role in ROLES)]
    _show(columns, [[str(row["id"]), *(_number(row[f"{role}_z"]) for role in ROLES)]
                    for row in result["actors"] if row["brokerage"]])
    model = (N_("families shuffled among the actors, ties kept") if null == "shuffle"
             else N_("R sna: a random graph of the same size and density"))
    _note(Message("z: brokerage roles against chance ({model}); about 2 or more: more than chance. "
                  "coord.: coordinator, consult.: consultant, repr.: representative, gatek.: gatekeeper, "
                  "liais.: liaison.", model=Message(model)).render())


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value, digits=3, fixed=True)
    return str(value)


def _print_tables(result: dict[str, Any]) -> None:
    from rich.text import Text

    console = out()
    p = result["pole"]
    heading = (Message("{name}: cooperation graph at {at}", name=p["name"], at=p["at"]) if p["at"]
               else Message("{name}: cooperation graph", name=p["name"]))
    console.print(Text(heading.render(), style="bold"))
    columns: list[Column] = [(gettext(N_("actor")), False, 12, 18), (gettext(N_("fam.")), False, 5, None),
                             *((gettext(label), True, 0, None) for _, label in TABLE_COLUMNS)]

    def short(family: str) -> str:
        return gettext(FAMILY_SHORT[family]) if family in FAMILY_SHORT else family

    _show(columns, [[str(row["id"]), short(row["family"] or ""), *(_number(row[key]) for key, _ in TABLE_COLUMNS)]
                    for row in result["actors"]])
    _note(gettext(N_("fam.: ent. enterprises, coll. collectivities, res. research, oth. other; "
                     "constr: Burt's constraint; comm: Louvain community; "
                     "brok: Gould & Fernandez brokerage between families (all roles); "
                     "--format json for every measure.")))

    dep = p["pivot_dependence"] or {}
    anchoring = p["territorial_anchoring"]
    from ..model.vocabulary import label as word

    none = gettext(N_("none"))
    lines = [
        (N_("actors / ties / pairs"), f"{p['actors']} / {p['ties']} / {p['pairs']}"),
        (N_("ties by kind"), ", ".join(f"{n} {word('kind', k)}" for k, n in p["ties_by_kind"].items()) or none),
        (N_("density"), _number(p["density"])),
        (N_("components (largest)"), f"{p['components']} ({p['largest_component']})"),
        (N_("average clustering"), _number(p["average_clustering"])),
        (N_("centralization deg./betw."),
         f"{_number(p['degree_centralization'])} / {_number(p['betweenness_centralization'])}"),
        (N_("communities (modularity)"), f"{p['communities']} ({_number(p['modularity'])})"),
        (N_("E-I index by family"), _number(p["ei_index_family"])),
        (N_("ties across families"), _number(p["cross_family_share"])),
        (N_("assortativity fam./cat."),
         f"{_number(p['assortativity_family'])} / {_number(p['assortativity_category'])}"),
        (N_("ties within one commune"), _number(anchoring["same_commune"])
         + ("" if anchoring["ties_with_communes"] else " " + gettext(N_("(no communes in the data)")))),
        (N_("main broker"), result["main_broker"] or none),
    ]
    if dep:
        lines += [
            (pgettext("measure", "pivot"), str(dep["pivot"])),
            (N_("without the pivot"),
             # Each count with its own plural form (« 1 paire reliée sur 3 », « 1 isolé »).
             Message("{linked} (loss {loss}), {alone}",
                     linked=plural_message("{n} of {before} pairs linked", "{n} of {before} pairs linked",
                                           dep["pairs_connected_after"], before=dep["pairs_connected_before"]),
                     loss=_number(dep["connectivity_loss"]),
                     alone=plural_message("{n} alone", "{n} alone", dep["isolated_after"])).render()),
        ]
    _show([(gettext(N_("pole")), False, 0, None), (gettext(N_("value")), False, 0, None)],
          [[gettext(label), value] for label, value in lines])
