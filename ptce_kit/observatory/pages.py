"""The observatory's pages as HTML: one function per page, every word from :mod:`.words`.

Each page is one self-contained file (its style and script inside, nothing fetched: a
Content-Security-Policy forbids any request but the site's own files).  Text that comes
from the poles' data (names, territories, sources) is marked ``translate="no"``: it is in
the language its authors wrote it in, not the page's.
"""

from __future__ import annotations

import html
from typing import Any

from ..comparison import SHARE_COLUMNS
from .figures import distribution, histogram_svg, share
from .words import not_said, number, rests_on, words

__all__ = ["index_page", "figures_page", "sources_page", "pole_page", "cell_text", "TABLE_COLUMNS"]

#: The table's columns in the page: (row key, label id, kind).
TABLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "col_name", "text"),
    ("territory", "col_territory", "text"),
    ("departement", "col_departement", "text"),
    ("region", "col_region", "text"),
    ("actors", "col_actors", "int"),
    ("ess_share", "col_ess_share", "percent"),
    ("partnerships", "col_partnerships", "int"),
    ("density", "col_density", "float"),
    ("pivot_connectivity_loss", "col_pivot", "percent"),
    ("jobs_indicators", "col_jobs", "int"),
    ("governance_form", "col_form", "form"),
    ("criteria_definition", "col_definition", "verdict"),
    ("criteria_state_call", "col_state_call", "verdict"),
    ("criteria_scic", "col_scic", "verdict"),
    ("criteria_signals", "col_signals", "verdict"),
)

e = html.escape

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'none'; form-action 'none'")

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fff}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{border-bottom:1px solid #ddd}nav a{margin-right:1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
.notice{background:#fff3cd;border:1px solid #e6ab02;padding:6px 10px}
#france{width:100%;max-width:640px;height:auto}
.dep{stroke:#fff;stroke-width:.6}.region:hover .dep{fill:#dfe6ee}
.inset rect{fill:#fbfcfd;stroke:#999;stroke-width:.6}.inset .dep{fill:#d5dde6;stroke:#8a97a6;stroke-width:.4}.inset text,.inset-title{font-size:7px;fill:#444}
.pole-dot circle{stroke:#222;stroke-width:.6}.pole-dot:hover circle,.pole-dot:focus circle{stroke-width:2}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle;border:1px solid #555}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left}
td.num,th.num{text-align:right}th button{font:inherit;font-weight:bold;background:none;border:0;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
tr.is-hidden{display:none}.swatch{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}
.histogram rect{fill:#5b7fa6}.histogram .axis{font-size:10px;fill:#555}
.figure{border-top:1px solid #eee;padding:8px 0}
footer{color:#555;font-size:12px;border-top:1px solid #ddd;margin-top:2em;padding-bottom:2em}
"""


def _page(title: str, body: str, lang: str, *, depth: int = 0, synthetic: bool = False, script: str = "") -> str:
    w = words(lang)
    up = "../" * depth
    notice = f'<p class="notice">{e(w["synthetic_notice"])}</p>' if synthetic else ""
    from ..reference import geo, points
    from .france import CREDIT

    script_block = f"<script>\n{script}</script>\n" if script else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ptce-kit">
<title>{e(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><p><strong>{e(w["site_title"])}</strong></p>
<nav><a href="{up}index.html">{e(w["home"])}</a><a href="{up}figures.html">{e(w["figures"])}</a><a href="{up}sources.html">{e(w["sources"])}</a></nav>
</header>
<main>
<h1>{e(title)}</h1>
{notice}
{body}
</main>
<footer><p>{e(w["credit"].format(credit=CREDIT, geo=geo.SOURCE, points=points.SOURCE))}</p><p>{e(w["made_by"])}</p></footer>
{script_block}</body>
</html>
"""


def cell_text(column: str, value: Any, lang: str) -> str:
    """A value as the page shows it in ``column`` (verdicts and forms in words, numbers localised)."""
    w = words(lang)
    if value is None or value == "":
        if column == "criteria_scic":  # the SCIC rules apply to SCIC only
            return w["not_applicable"]
        return w["missing"] if column.startswith("criteria_") else "–"
    if column.startswith("criteria_") and f"verdict_{value}" in w:
        return w[f"verdict_{value}"]
    if column == "governance_form" and f"form_{value}" in w:
        return w[f"form_{value}"]
    if column in SHARE_COLUMNS:  # a share of the actors, ties or pairs: a percentage
        return number(value, lang, percent=True)
    if isinstance(value, float):
        return number(value, lang)
    if isinstance(value, int):
        return number(value, lang)
    return str(value)


_TABLE_SCRIPT = r"""
(function () {
  const table = document.getElementById("poles");
  const body = table.tBodies[0];
  const status = document.getElementById("shown");
  const search = document.getElementById("filter");
  const region = document.getElementById("region");
  const template = status.getAttribute("data-template");
  const fold = s => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  function refresh() {
    const q = fold(search.value.trim());
    const r = region.value;
    let shown = 0;
    for (const row of body.rows) {
      const ok = (!q || fold(row.getAttribute("data-search")).includes(q)) &&
                 (!r || row.getAttribute("data-regions").split(" ").includes(r));
      row.classList.toggle("is-hidden", !ok);
      shown += ok ? 1 : 0;
    }
    status.textContent = template.replace("{shown}", shown).replace("{total}", body.rows.length);
  }
  table.querySelectorAll("th button").forEach((button, column) => {
    button.addEventListener("click", () => {
      const th = button.parentElement;
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const numeric = th.classList.contains("num");
      const rows = Array.from(body.rows);
      const key = row => row.cells[column].getAttribute("data-sort");
      rows.sort((a, b) => {
        let x = key(a), y = key(b);
        if (x === "" && y !== "") return 1;
        if (y === "" && x !== "") return -1;
        const c = numeric ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
        return ascending ? c : -c;
      });
      rows.forEach(row => body.appendChild(row));
    });
  });
  search.addEventListener("input", refresh);
  region.addEventListener("change", refresh);
  refresh();
  document.body.setAttribute("data-ready", "true");
})();
"""


def index_page(rows: list[dict[str, Any]], lang: str, colour: str, legend: list[tuple[str, str]],
               unplaced: list[str], synthetic: bool) -> str:
    """The home page: the map of France, then the table with its filters and downloads."""
    from ..reference import geo
    from .france import france_svg

    w = words(lang)
    dots = [{"pole": r["pole"], "href": f"poles/{r['pole']}/index.html", "x": r["spot"][0], "y": r["spot"][1],
             "colour": r["colour"], "label": f"{r['name']} · {cell_text(colour, r.get(colour), lang)}"}
            for r in rows if r["spot"] is not None]
    labels = {key: w[label] for key, label, _ in TABLE_COLUMNS}
    column_name = labels.get(colour, colour)
    svg = france_svg(dots, title=w["map"], overseas=w["overseas"], lang=lang)
    legend_html = "".join(f'<span style="background:{c}"></span>{e(t)}' for c, t in legend)
    missing = (f'<p>{e(w["not_placed"].format(names=""))}<span translate="no">{e(", ".join(unplaced))}</span></p>'
               if unplaced else "")
    heads = "".join(f'<th scope="col"{" class=num" if kind in ("int", "float", "percent") else ""}>'
                    f'<button type="button">{e(w[label])}</button></th>' for _, label, kind in TABLE_COLUMNS)
    lines = []
    for r in rows:
        cells = []
        for key, _, kind in TABLE_COLUMNS:
            value = r.get(key)
            sort = "" if value is None else (str(value) if kind in ("int", "float", "percent") else str(value).casefold())
            if key == "name":
                text = (f'<span class="swatch" style="background:{r["colour"]}"></span>'
                        f'<a href="poles/{e(r["pole"])}/index.html" translate="no">{e(str(value))}</a>')
            elif kind == "text":
                text = f'<span translate="no">{e(str(value or ""))}</span>'
            else:
                text = e(cell_text(key, value, lang))
            numeric = ' class="num"' if kind in ("int", "float", "percent") else ""
            cells.append(f'<td{numeric} data-sort="{e(sort)}">{text}</td>')
        search = " ".join(str(r.get(k) or "") for k in ("name", "territory", "departement", "region"))
        lines.append(f'<tr data-pole="{e(r["pole"])}" data-search="{e(search)}" '
                     f'data-regions="{e(" ".join(r["region_codes"]))}">{"".join(cells)}</tr>')
    regions = sorted({c for r in rows for c in r["region_codes"]})
    names = {c: (g.name if (g := geo.region(c)) is not None else c) for c in regions}
    options = "".join(f'<option value="{c}" translate="no">{e(names[c])}</option>' for c in regions)
    body = f"""<h2>{e(w["map"])}</h2>
<p>{e(w["map_caption"].format(column=column_name))}</p>
{svg}
<p class="legend"><strong>{e(w["legend"])}</strong> {legend_html}</p>
{missing}
<h2>{e(w["table"])}</h2>
<p><label for="filter">{e(w["filter"])}</label> <input id="filter" type="search" placeholder="{e(w["filter_placeholder"])}">
<label for="region">{e(w["region_filter"])}</label> <select id="region"><option value="">{e(w["all_regions"])}</option>{options}</select>
<span id="shown" role="status" data-template="{e(w["shown"])}"></span></p>
<p>{e(w["sort_hint"])} {e(w["download"])} <a href="poles.csv" download>{e(w["csv"])}</a> · <a href="poles.xlsx" download>{e(w["xlsx"])}</a></p>
<table id="poles"><thead><tr>{heads}</tr></thead>
<tbody>
{chr(10).join(lines)}
</tbody></table>"""
    return _page(w["site_title"], body, lang, synthetic=synthetic, script=_TABLE_SCRIPT)


#: The national figures: (label id, fact or row key, kind).
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("fig_members", "actors", "distribution"),
    ("fig_families", "families", "distribution"),
    ("fig_jobs", "jobs_indicators", "distribution"),
    ("fig_cadence", "meetings_per_year", "distribution"),
    ("fig_formal", "formal", "share"),
    ("fig_below", "below_departement", "share"),
    ("fig_density", "density", "distribution"),
    ("fig_pivot", "pivot_connectivity_loss", "distribution"),
    ("fig_ei", "ei_index", "distribution"),
)


def _value(pole: dict[str, Any], key: str) -> Any:
    return pole["facts"][key] if key in pole["facts"] else pole["row"].get(key)


def figures_page(poles: list[dict[str, Any]], lang: str, synthetic: bool) -> str:
    """The national figures, each with its distribution and the number of poles it rests on."""
    w = words(lang)
    parts = [f"<p>{e(w['figures_intro'])}</p>"]
    for label, key, kind in FIGURES:
        values = [_value(p, key) for p in poles]
        if kind == "share":
            s = share(values)
            text = (w["share_of"].format(share=number(s["share"], lang, percent=True), count=s["count"], n=s["n"])
                    if s["n"] else w["missing"])
            if 0 < s["n"] < len(values):  # the poles whose file does not say are left out, and counted here
                text += f' · {not_said(len(values) - s["n"], lang)}'

            parts.append(f'<section class="figure" data-figure="{key}" data-n="{s["n"]}"><h2>{e(w[label])}</h2>'
                         f'<p>{e(text)}</p></section>')
            continue
        d = distribution(values)
        if not d["n"]:
            parts.append(f'<section class="figure" data-figure="{key}" data-n="0"><h2>{e(w[label])}</h2>'
                         f'<p>{e(w["missing"])}</p></section>')
            continue
        percent = key in SHARE_COLUMNS

        def shown(value: float, percent: bool = percent) -> str:
            return number(value, lang, percent=percent)

        summary = (f'{w["median"]} {shown(d["median"])} · {w["quartiles"]} {shown(d["q1"])} – '
                   f'{shown(d["q3"])} · {w["range"]} {shown(d["min"])} – {shown(d["max"])} · '
                   f'{rests_on(d["n"], lang)}' + (f' · {not_said(len(values) - d["n"], lang)}' if d["n"] < len(values) else ""))
        parts.append(f'<section class="figure" data-figure="{key}" data-n="{d["n"]}"><h2>{e(w[label])}</h2>'
                     f'<p>{e(summary)}</p>{histogram_svg(d["values"], label=w["histogram"] + " : " + w[label], lang=lang)}'
                     f'</section>')
    return _page(w["figures"], "\n".join(parts), lang, synthetic=synthetic)


def sources_page(poles: list[dict[str, Any]], changed: dict[Any, tuple[str, str]], lang: str,
                 synthetic: bool) -> str:
    """Each pole's file, its cited sources, and when it last changed (and from what)."""
    w = words(lang)
    lines = []
    for p in poles:
        date, how = changed[p["file"]]
        sources = p["facts"]["sources"]
        cited = ("<ul>" + "".join(f'<li translate="no">{e(s)}</li>' for s in sources) + "</ul>" if sources
                 else e(w["no_source"]))
        lines.append(f'<tr data-pole="{e(p["id"])}"><td><a href="poles/{e(p["id"])}/index.html" translate="no">'
                     f'{e(p["row"]["name"])}</a></td><td translate="no"><code>{e(p["file"].as_posix())}</code></td>'
                     f'<td>{e(date)}</td><td>{e(w["how_" + how])}</td><td>{cited}</td></tr>')
    body = (f"<p>{e(w['sources_intro'])}</p><table><thead><tr><th>{e(w['col_name'])}</th><th>{e(w['file'])}</th>"
            f"<th>{e(w['changed'])}</th><th>{e(w['how'])}</th><th>{e(w['pole_sources'])}</th></tr></thead><tbody>"
            + "\n".join(lines) + "</tbody></table>")
    return _page(w["sources"], body, lang, synthetic=synthetic)


def _series_svg(points: list[list[Any]], label: str) -> str:
    if len(points) < 2:
        return ""
    width, height = 300, 80
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    y0, y1 = min(years), max(years)
    v0, v1 = min(0.0, min(values)), max(values) or 1.0
    xy = [(round(10 + (y - y0) / ((y1 - y0) or 1) * (width - 20), 2),
           round(height - 14 - (v - v0) / ((v1 - v0) or 1) * (height - 24), 2)) for y, v in zip(years, values, strict=True)]
    line = " ".join(f"{x},{y}" for x, y in xy)
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="2.5"/>' for x, y in xy)
    return (f'<svg class="series" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{e(label)}"><polyline points="{line}" fill="none" stroke="#5b7fa6" stroke-width="2"/>'
            f'{dots}<text x="10" y="{height - 2}" font-size="10">{y0}</text>'
            f'<text x="{width - 10}" y="{height - 2}" font-size="10" text-anchor="end">{y1}</text></svg>')


def pole_page(name: str, lang: str, results: list[dict[str, Any]], series: list[dict[str, Any]],
              row: dict[str, Any], facts: dict[str, Any]) -> str:
    """A pole's page: links to its fiche and map, its criteria verdicts, its indicators over time."""
    from ..comparison import PROFILES

    w = words(lang)
    links = (f'<ul><li><a href="fiche.html">{e(w["pole_fiche"])}</a></li>'
             f'<li><a href="carte.html">{e(w["pole_map"])}</a></li></ul>')
    checks = []
    for profile in PROFILES:
        mine = [r for r in results if r["profile"] == profile]
        if not mine:
            continue
        lines = "".join(f'<tr data-rule="{e(r["rule"])}"><td>{e(r["title"])}</td><td>{e(w["verdict_" + r["verdict"]])}'
                        f'</td><td translate="no">{e(r["source"])}</td></tr>' for r in mine)
        checks.append(f'<h3>{e(w["profile_" + profile.replace("-", "_")])}</h3><table><thead><tr><th>{e(w["rule"])}</th>'
                      f'<th>{e(w["verdict"])}</th><th>{e(w["legal_source"])}</th></tr></thead><tbody>{lines}</tbody></table>')
    if series:
        blocks = []
        for s in series:
            lines = "".join(f"<tr><td>{'–' if p[0] is None else p[0]}</td><td class=num>{e(number(p[1], lang))}"
                            f"{'' if p[2] is None or p[2] == p[1] else ' – ' + e(number(p[2], lang))}</td></tr>"
                            for p in s["points"])
            blocks.append(f'<h3 translate="no">{e(s["name"])} ({e(s["unit"])})</h3>{_series_svg([p for p in s["points"] if p[0] is not None], s["name"])}'
                          f'<table><thead><tr><th>{e(w["year"])}</th><th class=num>{e(w["value"])}</th></tr></thead>'
                          f'<tbody>{lines}</tbody></table>')
        indicators = "".join(blocks)
    else:
        indicators = f"<p>{e(w['no_indicators'])}</p>"
    body = (f"{links}<h2>{e(w['pole_check'])}</h2>{''.join(checks)}"
            f"<h2>{e(w['pole_indicators'])}</h2>{indicators}"
            f'<p><a href="../../index.html">{e(w["back"])}</a></p>')
    page = _page(name, body, lang, depth=2, synthetic=facts.get("synthetic", False))
    # the pole's name, the page's title and heading, is the pole's own text
    return page.replace(f"<h1>{e(name)}</h1>", f'<h1 translate="no">{e(name)}</h1>', 1).replace(
        f"<title>{e(name)}</title>", f'<title translate="no">{e(name)}</title>', 1)

