"""One benchmark case, run in a fresh process by ``benchmarks/run.py`` (not a test).

    python benchmarks/cases.py CASE '{"json": "arguments"}'

Each case prepares what it needs (untimed), times its work with ``perf_counter`` and
prints one JSON line: ``{"seconds": ..., "info": {...}}``, or ``{"unavailable": why}``
when the library it measures is not installed or not on this branch.  The runner reads
the process's peak memory (``ru_maxrss``) from ``os.wait4``: a fresh process per run, so
that nothing imported or cached by one run helps the next.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The checkout under test, not an installed ptce-kit.
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(HERE))

CASES: dict[str, Callable[..., Any]] = {}


def case(function: Callable[..., Any]) -> Callable[..., Any]:
    CASES[function.__name__] = function
    return function


class Unavailable(Exception):
    """What a case measures is not installed (or not on this branch)."""


#: The CPU time of the last :func:`_timed` work (this process's, every thread), reported
#: beside the wall time: on a shared machine the wall time counts the others' load.
_CPU: list[float] = []


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    _CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started, result


# --- data --------------------------------------------------------------------------


@case
def make_poles(folder: str, sizes: list[int], ties_per_actor: float, seed: int = 1) -> dict[str, Any]:
    """Write ``pole-N.json`` and ``pole-N.yaml`` for each size (synthetic, seeded)."""
    from ptce_kit.io.files import _plain
    from ptce_kit.synth import synthetic_pole
    from yaml_text import yaml_text

    out = Path(folder)
    info = {}
    for n in sizes:
        data = _plain(synthetic_pole(n, seed=seed, ties_per_actor=ties_per_actor))
        (out / f"pole-{n}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (out / f"pole-{n}.yaml").write_text(yaml_text(data), encoding="utf-8")
        info[n] = {"ties": len(data["partnerships"]),
                   "json_mb": round((out / f"pole-{n}.json").stat().st_size / 1e6, 1),
                   "yaml_mb": round((out / f"pole-{n}.yaml").stat().st_size / 1e6, 1)}
    return {"seconds": 0.0, "info": info}


@case
def make_many(folder: str, count: int, smallest: int, largest: int, seed: int = 1,
              fmt: str = "json") -> dict[str, Any]:
    """``count`` synthetic poles of ``smallest`` to ``largest`` actors, as JSON (or YAML) files."""
    from ptce_kit.io import dump_pole
    from ptce_kit.synth import synthetic_pole

    rng = random.Random(seed)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        pole = synthetic_pole(rng.randint(smallest, largest), seed=i)
        (out / f"pole-{i:03d}.{fmt}").write_text(dump_pole(pole, fmt=fmt), encoding="utf-8")
    return {"seconds": 0.0, "info": {"poles": count}}


# --- the observatory (issue 21) ------------------------------------------------------------


@case
def observatory_first(folder: str, site: str, jobs: int = 1) -> dict[str, Any]:
    """``build_site`` of every pole file of ``folder`` into a fresh ``site`` (no cache)."""
    import shutil

    from ptce_kit.io import load_pole
    from ptce_kit.observatory import build_site

    files = sorted(Path(folder).glob("pole-*.*"))
    shutil.rmtree(site, ignore_errors=True)
    seconds, report = _timed(lambda: build_site(files, site, load=load_pole, jobs=jobs))
    return {"seconds": seconds, "info": {"poles": len(report.poles), "rendered": len(report.rendered), "jobs": jobs}}


@case
def observatory_again(folder: str, site: str) -> dict[str, Any]:
    """The site rebuilt after one pole's file changed (its name): only that pole is redone."""
    import json as _json

    from ptce_kit.io import load_pole
    from ptce_kit.observatory import build_site

    files = sorted(Path(folder).glob("pole-*.*"))
    build_site(files, site, load=load_pole)  # untimed: the site as the last commit left it
    text = files[0].read_text(encoding="utf-8")
    if files[0].suffix == ".json":
        data = _json.loads(text)
        data["name"] = data["name"] + " (bis)" if not data["name"].endswith(" (bis)") else data["name"][:-6]
        files[0].write_text(_json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:  # one more line of comment: the content, so its key, changes
        files[0].write_text(text + "# changed\n", encoding="utf-8")
    seconds, report = _timed(lambda: build_site(files, site, load=load_pole))
    return {"seconds": seconds, "info": {"poles": len(report.poles), "rendered": len(report.rendered)}}


# --- load, validate, graph -------------------------------------------------------------


def _c_yaml_used() -> list[str]:
    """Which YAML scanner ``parse_text`` runs: ``["C"]`` when no pure-Python one does.

    Watched with a profile hook on a tiny text, after the timing: the Python frames of a
    YAML library that scans in Python (``scanner.py``, ``parser.py``) betray it; a C
    scanner (libyaml through ruamel.yaml.clib) leaves only the constructor's frames.
    Being importable is not being used: the frames show what ptce-kit's loader ran.
    """
    import os.path

    from ptce_kit.io.files import parse_text

    files: set[str] = set()

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            files.add(frame.f_code.co_filename.replace(os.path.sep, "/"))

    parse_text("a: 1\n")  # imports first: their class bodies would look like runs
    sys.setprofile(hook)
    try:
        parse_text("a: 1\nb: [x, y]\n")
    finally:
        sys.setprofile(None)
    yaml = {f for f in files if "/yaml/" in f}
    pure = any(f.endswith(("/scanner.py", "/parser.py")) for f in yaml)
    return ["C"] if yaml and not pure else []


@case
def load_graph(path: str) -> dict[str, Any]:
    """``load_pole`` + ``to_graph``: what every command does first."""
    import networkx  # noqa: F401 - imported before the timing, as the baseline does
    import pydantic  # noqa: F401

    from ptce_kit.io import load_pole
    from ptce_kit.network import to_graph

    seconds, G = _timed(lambda: to_graph(load_pole(path)))
    return {"seconds": seconds, "info": {"nodes": len(G), "edges": G.number_of_edges(),
                                         "c_yaml": _c_yaml_used()}}


@case
def load_only(path: str) -> dict[str, Any]:
    """``load_pole`` alone: read, parse and validate (the baseline of locating an error)."""
    import ptce_kit.model  # noqa: F401 - imported before the timing, as in the cases beside it

    from ptce_kit.io import load_pole

    seconds, pole = _timed(lambda: load_pole(path))
    return {"seconds": seconds, "info": {"actors": len(pole.actors)}}


@case
def locate_error(path: str, out: str) -> dict[str, Any]:
    """``load_pole`` of the same pole with one error in its last actor: validate, then locate it."""
    import ptce_kit.model  # noqa: F401 - imported before the timing, as in the cases beside it

    from ptce_kit.errors import ValidationProblemError
    from ptce_kit.io import load_pole

    text = Path(path).read_text(encoding="utf-8")
    # The last actor's category, in the YAML or the JSON text: one wrong value, far down.
    at = text.rfind("category")
    end = text.index("\n" if path.endswith(".yaml") else ",", at)
    wrong = 'category: "shop"' if path.endswith(".yaml") else '"category": "shop"'
    start = at - 1 if text[at - 1] == '"' else at
    Path(out).write_text(text[:start] + wrong + text[end:], encoding="utf-8")

    def work() -> Any:
        try:
            load_pole(out)
        except ValidationProblemError as error:
            return error.problems
        raise AssertionError("the wrong value was not found")

    seconds, problems = _timed(work)
    return {"seconds": seconds, "info": {"problems": len(problems), "line": problems[0].line}}


@case
def hand_graph(path: str) -> dict[str, Any]:
    """Baseline: ``json.load`` and the same multigraph built by hand, without checks."""
    from itertools import combinations

    import networkx as nx

    def work() -> Any:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        G = nx.MultiGraph()
        for actor in data["actors"]:
            if actor.get("status") != "prospective":
                G.add_node(actor["id"], **{k: v for k, v in actor.items() if k != "id"})
        for tie in data["partnerships"]:
            attrs = {k: v for k, v in tie.items() if k not in ("id", "actors")}
            for u, v in combinations(tie["actors"], 2):
                if u in G and v in G:
                    G.add_edge(u, v, key=tie["id"], **attrs)
        return G

    seconds, G = _timed(work)
    return {"seconds": seconds, "info": {"nodes": len(G), "edges": G.number_of_edges()}}


@case
def export(path: str, fmt: str, out: str) -> dict[str, Any]:
    """One ``ptce export`` format of a loaded pole."""
    from ptce_kit.exports import get_exporter
    from ptce_kit.io import load_pole

    pole = load_pole(path)
    exporter = get_exporter(fmt)
    seconds, _ = _timed(lambda: exporter(pole, out))
    return {"seconds": seconds, "info": {"mb": round(Path(out).stat().st_size / 1e6, 1)}}


@case
def member_add(path: str, work: str) -> dict[str, Any]:
    """``ptce member add`` on a copy of a YAML pole, in the process (the copy is untimed)."""
    import shutil

    from ptce_kit.cli import main as ptce

    copy = Path(work) / f"edit-{Path(path).name}"
    shutil.copyfile(path, copy)
    argv = ["member", "add", str(copy), "--name", "Nouvelle Scop du benchmark", "--category", "ess_enterprise"]
    seconds, status = _timed(lambda: ptce(argv))
    if status != 0:
        raise SystemExit(f"ptce member add failed with status {status}")
    return {"seconds": seconds, "info": {"lines": copy.read_text(encoding="utf-8").count("\n")}}


@case
def save(path: str, out: str) -> dict[str, Any]:
    """``save_pole`` of a loaded pole, whole file, to YAML or JSON by ``out``'s suffix."""
    from ptce_kit.io import load_pole, save_pole

    pole = load_pole(path)
    seconds, _ = _timed(lambda: save_pole(pole, out))
    return {"seconds": seconds, "info": {"mb": round(Path(out).stat().st_size / 1e6, 1)}}


# --- SIRENE ----------------------------------------------------------------------------


@case
def make_sirene(folder: str, rows: int, local: int, seed: int = 1) -> dict[str, Any]:
    """A synthetic ``StockEtablissement`` of ``rows`` establishments (gzip) and its ``StockUniteLegale``.

    ``local`` of them are in the Drôme (26), the same number at every size, spread through
    the file; the others in 95 other départements.  SIREN and SIRET pass the Luhn check.
    """
    import csv
    import gzip

    from stdnum import luhn

    from ptce_kit.io.sirene.layouts import ETABLISSEMENT, UNITE_LEGALE

    rng = random.Random(seed)
    every = max(1, rows // max(1, local))
    departements = [f"{d:02d}" for d in range(1, 96) if d not in (20, 26)]
    ei = {c: i for i, c in enumerate(ETABLISSEMENT)}
    ui = {c: i for i, c in enumerate(UNITE_LEGALE)}
    etab_path, unit_path = Path(folder) / f"StockEtablissement-{rows}.csv.gz", Path(folder) / f"StockUniteLegale-{rows}.csv.gz"
    with gzip.open(etab_path, "wt", encoding="utf-8", newline="", compresslevel=1) as etab, \
            gzip.open(unit_path, "wt", encoding="utf-8", newline="", compresslevel=1) as units:
        e, u = csv.writer(etab, lineterminator="\n"), csv.writer(units, lineterminator="\n")
        e.writerow(ETABLISSEMENT)
        u.writerow(UNITE_LEGALE)
        for n in range(rows):
            base = f"{n + 1:08d}"
            siren = base + luhn.calc_check_digit(base)
            siret = siren + "0001" + luhn.calc_check_digit(siren + "0001")
            dept = "26" if n % every == 0 and n // every < local else rng.choice(departements)
            row = [""] * len(ETABLISSEMENT)
            row[ei["siren"]], row[ei["nic"]], row[ei["siret"]] = siren, siret[9:], siret
            row[ei["statutDiffusionEtablissement"]], row[ei["etablissementSiege"]] = "O", "true"
            row[ei["codePostalEtablissement"]] = dept + "100"
            row[ei["codeCommuneEtablissement"]] = f"{dept}{rng.randint(1, 350):03d}"
            row[ei["libelleVoieEtablissement"]], row[ei["typeVoieEtablissement"]] = "DE L EXEMPLE", "RUE"
            row[ei["numeroVoieEtablissement"]] = str(rng.randint(1, 120))
            row[ei["libelleCommuneEtablissement"]] = "COMMUNE FICTIVE"
            row[ei["coordonneeLambertAbscisseEtablissement"]] = f"{rng.uniform(100_000, 1_200_000):.1f}"
            row[ei["coordonneeLambertOrdonneeEtablissement"]] = f"{rng.uniform(6_100_000, 7_100_000):.1f}"
            row[ei["dateDebut"]], row[ei["etatAdministratifEtablissement"]] = "2015-01-01", "A"
            row[ei["activitePrincipaleEtablissement"]], row[ei["nomenclatureActivitePrincipaleEtablissement"]] = \
                "88.99B", "NAFRev2"
            e.writerow(row)
            unit = [""] * len(UNITE_LEGALE)
            unit[ui["siren"]], unit[ui["statutDiffusionUniteLegale"]] = siren, "O"
            unit[ui["denominationUniteLegale"]] = f"ASSOCIATION FICTIVE {n + 1}"
            unit[ui["categorieJuridiqueUniteLegale"]], unit[ui["economieSocialeSolidaireUniteLegale"]] = "9220", "O"
            unit[ui["nicSiegeUniteLegale"]], unit[ui["etatAdministratifUniteLegale"]] = "00010", "A"
            unit[ui["activitePrincipaleUniteLegale"]], unit[ui["dateCreationUniteLegale"]] = "88.99B", "2015-01-01"
            u.writerow(unit)
    return {"seconds": 0.0, "info": {"establishments": str(etab_path), "units": str(unit_path),
                                     "mb": round((etab_path.stat().st_size + unit_path.stat().st_size) / 1e6, 1)}}


@case
def sirene_read(establishments: str, units: str, departement: str) -> dict[str, Any]:
    """Read both files streamed, filtered to one département (what ``ptce import-sirene --departement`` reads)."""
    from ptce_kit.io.sirene import Filters, read_sirene

    filters = Filters(departements=frozenset({departement}))
    seconds, records = _timed(lambda: read_sirene(establishments, units, filters=filters))
    return {"seconds": seconds, "info": {"kept": len(records), "rows": records.rows}}


# --- measures --------------------------------------------------------------------------


def _graph(path: str) -> Any:
    from ptce_kit.io import load_pole
    from ptce_kit.network import to_graph

    return to_graph(load_pole(path))


@case
def betweenness(path: str, engine: str, k: int | None = None, backend: str | None = None) -> dict[str, Any]:
    """ptce-kit's betweenness on the pole's graph (a multigraph, as ``to_graph`` gives it)."""
    from ptce_kit.network.engines import betweenness as between, choose_engine

    G = _graph(path)
    options: dict[str, Any] = {}
    if backend:
        import networkx as nx

        if backend not in nx.utils.backends.backends:
            raise Unavailable(f"the networkx backend {backend!r} is not installed (pip install nx-parallel)")
        try:
            nx.utils.backends.backends[backend].load()
            import nx_parallel.algorithms.centrality.betweenness  # noqa: F401
        except ImportError as exc:
            raise Unavailable(f"the networkx backend {backend!r} does not import ({exc})") from None
        options["backend"] = backend
    if engine != "networkx":
        try:
            import igraph  # noqa: F401 - its import, outside the timing
        except ImportError:
            pass
    seconds, values = _timed(lambda: between(G, engine=engine, k=k, **options))
    return {"seconds": seconds, "info": {"engine": choose_engine(G, engine, options), "k": k,
                                         "top": max(values, key=values.get)}}


@case
def igraph_betweenness(path: str, k: int | None = None) -> dict[str, Any]:
    """Baseline: python-igraph's betweenness called directly on the same (simple) graph."""
    try:
        import igraph as ig
    except ImportError:
        raise Unavailable("python-igraph is not installed") from None
    from ptce_kit.network import to_simple_graph

    H = to_simple_graph(_graph(path))
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])
    sources = [index[s] for s in random.Random(0).sample(nodes, k)] if k else None
    seconds, values = _timed(lambda: g.betweenness(sources=sources) if sources else g.betweenness())
    return {"seconds": seconds, "info": {"top": nodes[max(range(len(values)), key=values.__getitem__)]}}


@case
def analyse(path: str, sample: int | None = None) -> dict[str, Any]:
    """The full per-actor table and the pole's measures (``ptce analyse [--sample K]``)."""
    from ptce_kit.io import load_pole
    from ptce_kit.network import analyse as run

    pole = load_pole(path)
    import igraph  # noqa: F401 - the engine's import, outside the timing

    seconds, result = _timed(lambda: run(pole, sample=sample))
    return {"seconds": seconds, "info": {"rows": len(result["actors"]), "sample": sample}}


@case
def igraph_measures(path: str, sample: int | None = None) -> dict[str, Any]:
    """Baseline: python-igraph computing the table's measures itself, on the same simple graph.

    Betweenness, closeness, PageRank, Burt's constraint, k-cores, multilevel communities
    and their modularity, local clustering, and the mean distance without the pivot (all
    pairs, or from ``sample`` sources as ``analyse --sample`` does): the graph is built
    before the timing.
    """
    try:
        import igraph as ig
    except ImportError:
        raise Unavailable("python-igraph is not installed") from None
    from ptce_kit.network import to_simple_graph

    G = _graph(path)
    H = to_simple_graph(G)
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in H.edges()]
    weights = [d["weight"] for *_, d in H.edges(data=True)]
    g = ig.Graph(n=len(nodes), edges=edges)
    pivot = index.get(G.graph.get("pivot"), 0)
    sources = [index[s] for s in random.Random(0).sample(nodes, sample)] if sample else None

    def work() -> Any:
        g.betweenness(sources=sources) if sources else g.betweenness()
        if sources:
            for start in range(0, len(sources), 32):
                g.distances(source=sources[start:start + 32])
        else:
            g.closeness()
        g.pagerank(weights=weights)
        g.constraint(weights=weights)
        g.coreness()
        found = g.community_multilevel(weights=weights)
        g.modularity(found.membership, weights=weights)
        g.transitivity_local_undirected(mode="zero")
        without = g.copy()
        without.delete_vertices([pivot])
        if sources:
            kept = [s - (s > pivot) for s in sources if s != pivot]
            for start in range(0, len(kept), 32):
                without.distances(source=kept[start:start + 32])
        else:
            without.average_path_length(directed=False, unconn=True)
        return found

    seconds, _ = _timed(work)
    return {"seconds": seconds, "info": {"nodes": len(nodes), "sample": sample}}


# --- maps ---------------------------------------------------------------------------------


def _map(module: str, function: str, path: str, out: str) -> dict[str, Any]:
    import importlib

    from ptce_kit.io import load_pole

    try:
        draw = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"{module}.{function} does not import ({exc})") from None
    pole = load_pole(path)
    seconds, _ = _timed(lambda: draw(pole, out))
    return {"seconds": seconds, "info": {"kb": round(Path(out).stat().st_size / 1e3)}}


@case
def map_static(path: str, out: str) -> dict[str, Any]:
    """The static map (PNG) of a pole: ``ptce_kit.render.maps.draw_map``."""
    return _map("ptce_kit.render.maps", "draw_map", path, out)


@case
def map_interactive(path: str, out: str) -> dict[str, Any]:
    """The interactive map (one HTML file): ``ptce_kit.render.interactive.write_interactive_map``."""
    return _map("ptce_kit.render.interactive", "write_interactive_map", path, out)


@case
def documents(path: str, again: bool) -> dict[str, Any]:
    """The charter, the registry and the fiche as Markdown: their first rendering in the process
    (``again`` false: the template environment is built and the templates compiled), or a
    second one (``again`` true: the environment cached by the first is reused)."""
    from ptce_kit.io import load_pole
    from ptce_kit.render.documents import render_markdown

    pole = load_pole(path)

    def render() -> None:
        for document in ("charter", "registry", "fiche"):
            render_markdown(pole, document)

    import jinja2  # noqa: F401  (imported either way: the case times rendering, not imports)

    if again:
        render()
    seconds, _ = _timed(render)
    return {"seconds": seconds, "info": {}}


@case
def make_national(folder: str, actors: int, ties_per_actor: float, seed: int = 1) -> dict[str, Any]:
    """``national-N.json``: a synthetic pole of ``actors`` actors (a national ESS graph)."""
    from ptce_kit.io.files import _plain
    from ptce_kit.synth import synthetic_pole

    path = Path(folder) / f"national-{actors}.json"
    data = _plain(synthetic_pole(actors, seed=seed, ties_per_actor=ties_per_actor))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return {"seconds": 0.0, "info": {"path": str(path), "ties": len(data["partnerships"]),
                                     "mb": round(path.stat().st_size / 1e6, 1)}}


@case
def browser(pages: str, actors: int) -> dict[str, Any]:
    """The interactive page ``pages/map-N.html`` in Chromium: time to first render (``seconds``,
    the page's own measure) and the zoom frames (``benchmarks/interactive_browser.py``)."""
    import shutil as _shutil
    import statistics

    if not (os.environ.get("PTCE_CHROMIUM") or Path("/usr/bin/chromium").exists() or _shutil.which("chromium")):
        raise Unavailable("no Chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise Unavailable("Playwright is not installed (pip install playwright)") from None
    import interactive_browser as ib

    path = Path(pages) / f"map-{actors}.html"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=ib.chromium(), args=["--no-sandbox"])
        context, page, blocked = ib.open_page(chromium, path)
        first = ib.measures(page, "ptce:first-render")
        frames = ib.zoom_frames(page)
        context.close()
        chromium.close()
    if blocked or not first:
        raise SystemExit(f"the page did not render: blocked {blocked[:3]}, first render {first}")
    return {"seconds": first[0] / 1000, "info": {"zoom_frame_ms": statistics.median(frames) if frames else None,
                                                 "zoom_frame_max_ms": max(frames) if frames else None}}


# --- the workspace (ptce serve) -------------------------------------------------------

_TOKEN = "benchmark-token-0123456789abcdefghijklmnop"


@case
def serve_round_trip(path: str, work: str, trips: int = 7) -> dict[str, Any]:
    """A form of ``ptce serve`` sent and its answer shown: POST of a new actor, then the page it leads to.

    The workspace runs in the process (Starlette's test client, no network); the first page
    of the session, which imports the libraries, is untimed.  The median of ``trips``
    round trips, each on the file as the one before left it.
    """
    import re
    import shutil
    import statistics
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient
        from ptce_kit.serve.app import create_app
    except ImportError as exc:
        raise Unavailable(f"the serve extra is not installed ({exc.name})") from None
    folder = Path(work) / f"serve-{Path(path).stem}"
    folder.mkdir(exist_ok=True)
    copy = folder / "pole.yaml"
    shutil.copyfile(path, copy)
    base = "http://127.0.0.1:8765"
    client = TestClient(create_app(copy, token=_TOKEN, port=8765), base_url=base, headers={"origin": base})
    client.get(f"/?token={_TOKEN}", follow_redirects=False)
    client.get("/acteurs/nouveau")

    def hidden(html: str, name: str) -> str:
        found = re.search(rf'name="{name}" value="([^"]*)"', html)
        assert found, name
        return found.group(1)

    times, cpu = [], []
    for n in range(trips):
        html = client.get("/acteurs/nouveau").text
        form = {"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash"), "name": f"Coop du banc {n}",
                "category": "ess_enterprise"}
        started, used = time.perf_counter(), time.process_time()  # the app runs in a thread of this process
        answer = client.post("/acteurs/nouveau", data=form, follow_redirects=True)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        if answer.status_code != 200 or f"Coop du banc {n}" not in answer.text:
            raise SystemExit(f"the form was not saved: {answer.status_code}")
    return {"seconds": statistics.median(times), "cpu": statistics.median(cpu), "info": {"trips": trips, "worst": max(times)}}


@case
def serve_start(target: str) -> dict[str, Any]:
    """``ptce serve TARGET --no-browser`` started, until its dashboard answers (the first page of a session)."""
    import importlib.util
    import re
    import resource
    import socket
    import subprocess
    import urllib.request

    if importlib.util.find_spec("uvicorn") is None or importlib.util.find_spec("starlette") is None:
        raise Unavailable("the serve extra is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, used = time.perf_counter(), time.process_time()
    process = subprocess.Popen([sys.executable, "-m", "ptce_kit", "serve", target, "--no-browser", "--port", str(port)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if not found:
            raise SystemExit(f"ptce serve did not start: {line}")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        while True:
            try:
                with opener.open(found.group(1), timeout=30) as answer:
                    body = answer.read()
                    status = answer.status
                break
            except ConnectionError:
                time.sleep(0.005)
        seconds = time.perf_counter() - started
        client = time.process_time() - used
    finally:
        process.terminate()
        process.wait(timeout=10)
    if status != 200 or b"<html" not in body:
        raise SystemExit(f"the dashboard did not answer: {status}")
    # The CPU of both sides: this client's, and the server's whole life (its shutdown is a few milliseconds).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": client + server, "info": {"bytes": len(body)}}


@case
def empty_figure(out: str) -> dict[str, Any]:
    """Baseline: import matplotlib and save one empty figure (timed from the import)."""
    started = time.perf_counter()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.savefig(out)
    return {"seconds": time.perf_counter() - started, "info": {}}


def main(argv: list[str]) -> int:
    name, arguments = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    try:
        result = CASES[name](**arguments)
    except Unavailable as exc:
        result = {"unavailable": str(exc)}
    if _CPU and "seconds" in result:
        result["cpu"] = _CPU[-1]
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    raise SystemExit(main(sys.argv[1:]))
