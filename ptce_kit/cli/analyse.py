"""``ptce analyse``: the measures of a pole's cooperation graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..i18n import Message, N_, gettext, pgettext
from ._common import EXIT_OK, out, print_json
from .privacy import INCLUDE_PERSONAL_DATA

#: Columns of the actors table in the terminal (CSV and JSON give every measure).
TABLE_COLUMNS = (
    ("degree", N_("deg")), ("betweenness", N_("betw")), ("closeness", N_("clos")), ("eigenvector", N_("eig")),
    ("constraint", N_("constr")), ("community", N_("comm")), ("brokerage", N_("brok")),
)

#: Short family names, so that the table fits 80 columns.
FAMILY_SHORT = {"enterprises": N_("ent."), "collectivities": N_("coll."), "research": N_("res."), "other": N_("oth.")}


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--at", "at", default=None, help="The pole as it stood at this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "csv-pole", "json"]), default="table",
              show_default=True, help="table for reading; for other programs csv (one row per actor), "
              "csv-pole (one row per measure of the pole) or json (everything).")
@click.option("--engine", type=click.Choice(["auto", "networkx", "igraph"]), default="auto", show_default=True,
              help="What computes betweenness, closeness and PageRank (igraph is faster on large graphs).")
@click.option("--sep", default=",", show_default=True, type=click.Choice([",", ";"]),
              help="Separator of the CSV output (';' for French Excel, with decimal commas).")
@click.option("--null", "null", type=click.Choice(["shuffle", "sna"]), default=None,
              help="Add the brokerage roles' z-scores against chance: families shuffled among the actors "
                   "(shuffle) or R sna's random graph of the same density (sna).")
@INCLUDE_PERSONAL_DATA
def analyse(file: Path, at: str | None, fmt: str, engine: str, sep: str, null: str | None,
            include_personal_data: bool) -> int:
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
        result = measure(pole, at=at, engine=engine, null=null)
    except ImportError as exc:  # --engine igraph without python-igraph
        raise PoleError.single(str(exc), hint="or run with --engine networkx") from None
    if fmt == "json":
        print_json(result)
    elif fmt in ("csv", "csv-pole"):
        from ..cells import csv_bytes

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


def _print_brokerage_z(result: dict[str, Any], null: str) -> None:
    """The z-scores of the brokers' roles against the null model, one row per broker."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..network.brokerage import ROLES

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column(gettext(N_("broker")), no_wrap=True, overflow="ellipsis", min_width=12, max_width=18)
    for role in ROLES:
        table.add_column(f"{role[:5]}. z", justify="right", no_wrap=True)
    for row in result["actors"]:
        if row["brokerage"]:
            table.add_row(str(row["id"]), *(_number(row[f"{role}_z"]) for role in ROLES))
    console = out()
    console.print(table)
    model = (N_("families shuffled among the actors, ties kept") if null == "shuffle"
             else N_("R sna: a random graph of the same size and density"))
    console.print(Text(Message("z: brokerage roles against chance ({model}); about 2 or more: more than chance.",
                               model=Message(model)).render(), style="dim"))


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _print_tables(result: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = out()
    p = result["pole"]
    heading = (Message("{name}: cooperation graph at {at}", name=p["name"], at=p["at"]) if p["at"]
               else Message("{name}: cooperation graph", name=p["name"]))
    console.print(Text(heading.render(), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column(gettext(N_("actor")), no_wrap=True, overflow="ellipsis", min_width=12, max_width=18)
    table.add_column(gettext(N_("fam.")), no_wrap=True, min_width=5)
    for _, label in TABLE_COLUMNS:
        table.add_column(gettext(label), justify="right", no_wrap=True)
    for row in result["actors"]:
        family = row["family"] or ""
        short = gettext(FAMILY_SHORT[family]) if family in FAMILY_SHORT else family
        table.add_row(str(row["id"]), short, *(_number(row[key]) for key, _ in TABLE_COLUMNS))
    console.print(table)
    console.print(Text(gettext(N_("fam.: ent. enterprises, coll. collectivities, res. research, oth. other; "
                                  "constr: Burt's constraint; comm: Louvain community; "
                                  "brok: Gould & Fernandez brokerage between families (all roles); "
                                  "--format json for every measure.")), style="dim"))

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
             Message("{after} of {before} pairs linked (loss {loss}), {alone} alone", after=dep["pairs_connected_after"],
                     before=dep["pairs_connected_before"], loss=_number(dep["connectivity_loss"]),
                     alone=dep["isolated_after"]).render()),
        ]
    summary = Table(gettext(N_("pole")), gettext(N_("value")), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                    padding=(0, 1))
    for label, value in lines:
        summary.add_row(gettext(label), value)
    console.print(summary)
