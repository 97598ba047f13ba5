// The interactive cooperation map of ptce-kit.  Reads its data from the JSON block
// #ptce-data; draws with d3 (selection + zoom, inlined before this script).  Every
// name from the data goes into the page as text (textContent / d3 .text()), never as
// HTML: a hostile name is shown, not run.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ptce-data").textContent);
  var W = data.words;
  var SVGNS = "http://www.w3.org/2000/svg";
  var SCALE = 300;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  // Accent- and case-insensitive search: "pole" finds "Pôle".
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function year(d) { return d ? parseInt(String(d).slice(0, 4), 10) : null; }

  // Marker outlines per presence, centred on 0,0, of "radius" r.
  function shapePath(shape, r) {
    var pts, i, a;
    if (shape === "square") { var s = r * 0.9; return "M" + -s + "," + -s + "H" + s + "V" + s + "H" + -s + "Z"; }
    if (shape === "diamond") { var d = r * 1.2; return "M0," + -d + "L" + d + ",0L0," + d + "L" + -d + ",0Z"; }
    if (shape === "triangle") { var t = r * 1.25; return "M0," + -t + "L" + t * 0.95 + "," + t * 0.7 + "L" + -t * 0.95 + "," + t * 0.7 + "Z"; }
    if (shape === "pentagon") {
      pts = [];
      for (i = 0; i < 5; i++) { a = -Math.PI / 2 + i * 2 * Math.PI / 5; pts.push((r * 1.1 * Math.cos(a)).toFixed(2) + "," + (r * 1.1 * Math.sin(a)).toFixed(2)); }
      return "M" + pts.join("L") + "Z";
    }
    return "M" + -r + ",0A" + r + "," + r + " 0 1,0 " + r + ",0A" + r + "," + r + " 0 1,0 " + -r + ",0Z";
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var familyOf = {}, kindOf = {};
  data.families.forEach(function (f) { familyOf[f.id] = f; });
  data.kinds.forEach(function (k) { kindOf[k.id] = k; });

  // ---- the drawing ----------------------------------------------------------------
  var svg = d3.select("#map");
  var view = svg.append("g").attr("class", "view");
  if (data.layout === "site") {
    [1, 2, 3].slice(0, data.rings).forEach(function (ring) {
      view.append("circle").attr("class", "ringline").attr("r", SCALE * ring / data.rings);
    });
    view.append("circle").attr("class", "site").attr("r", SCALE * 1.5 / data.rings);
    view.append("text").attr("class", "site-name").attr("text-anchor", "middle")
      .attr("y", -SCALE * 1.5 / data.rings + 18).attr("fill", "#555").attr("font-style", "italic")
      .attr("font-size", 12).text(data.site);
  }
  var defs = svg.append("defs");
  data.kinds.forEach(function (k) {
    defs.append("marker").attr("id", "arrow-" + k.id).attr("viewBox", "0 -5 10 10").attr("refX", 10)
      .attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
      .append("path").attr("d", "M0,-5L10,0L0,5Z").attr("fill", k.colour);
  });
  function px(n) { return n.x * SCALE; }
  function py(n) { return -n.y * SCALE; }

  var edgeLayer = view.append("g").attr("class", "edges");
  var edges = edgeLayer.selectAll("path").data(data.edges).enter().append("path")
    .attr("class", "edge")
    .attr("data-kind", function (e) { return e.kind; })
    .attr("data-partnership", function (e) { return e.partnership; })
    .attr("stroke", function (e) { return kindOf[e.kind].colour; })
    .attr("stroke-width", function (e) { return 1.3 + 0.6 * Math.min(e.weight - 1, 4); })
    .attr("stroke-dasharray", function (e) { return kindOf[e.kind].dash || null; })
    .attr("marker-end", function (e) { return e.directed ? "url(#arrow-" + e.kind + ")" : null; })
    .attr("d", function (e) {
      var a = byId[e.source], b = byId[e.target];
      var x1 = px(a), y1 = py(a), x2 = px(b), y2 = py(b);
      var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
      // Stop short of the target so that an arrow head shows.
      var cut = (b.r + 3) / len;
      x2 -= dx * cut; y2 -= dy * cut;
      if (!e.bend) return "M" + x1 + "," + y1 + "L" + x2 + "," + y2;
      var mx = (x1 + x2) / 2 - dy * e.bend, my = (y1 + y2) / 2 + dx * e.bend;
      return "M" + x1 + "," + y1 + "Q" + mx + "," + my + " " + x2 + "," + y2;
    });
  edges.append("title").text(function (e) {
    return kindOf[e.kind].label + (e.topic ? W.colon + e.topic : "");
  });

  var nodeLayer = view.append("g").attr("class", "nodes");
  var nodes = nodeLayer.selectAll("g").data(data.nodes).enter().append("g")
    .attr("class", function (n) { return "node" + (n.pivot ? " pivot" : ""); })
    .attr("data-id", function (n) { return n.id; })
    .attr("data-family", function (n) { return n.family; })
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("transform", function (n) { return "translate(" + px(n) + "," + py(n) + ")"; });
  nodes.filter(function (n) { return n.pivot; }).append("path").attr("class", "ring")
    .attr("d", function (n) { return shapePath(n.shape, n.r + 5); });
  nodes.append("path").attr("class", "shape")
    .attr("d", function (n) { return shapePath(n.shape, n.r); })
    .attr("fill", function (n) { return familyOf[n.family].colour; });
  nodes.append("title").text(function (n) { return n.name; });
  nodes.append("text").attr("class", "label").attr("dominant-baseline", "central")
    .text(function (n) { return n.name; });
  placeLabels();

  // Each label goes beside its node (the pivot and the biggest first), at the first of eight
  // places, facing away from the centre first, where it covers no other label and no node:
  // the same rule as the static map.
  function placeLabels() {
    var SLOTS = [[1, 0, "start"], [-1, 0, "end"], [0, -1, "middle"], [0, 1, "middle"],
                 [0.75, -0.75, "start"], [-0.75, -0.75, "end"], [0.75, 0.75, "start"], [-0.75, 0.75, "end"]];
    var taken = [], bodies = {};
    data.nodes.forEach(function (n) {
      var r = n.r + (n.pivot ? 5 : 0);
      bodies[n.id] = { x0: px(n) - r, y0: py(n) - r, x1: px(n) + r, y1: py(n) + r };
    });
    function overlap(a, b) {
      var w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      return w > 0 && h > 0 ? w * h : 0;
    }
    var order = data.nodes.slice().sort(function (a, b) {
      return (b.pivot - a.pivot) || (b.r - a.r) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    var labelOf = {};
    nodes.each(function (n) { labelOf[n.id] = this.querySelector("text.label"); });
    order.forEach(function (n) {
      var text = labelOf[n.id], cx = px(n), cy = py(n);
      var away = Math.atan2(cy, cx), r = n.r + (n.pivot ? 5 : 0) + 4;
      var slots = SLOTS.slice().sort(function (a, b) {
        return (b[0] * Math.cos(away) + b[1] * Math.sin(away)) - (a[0] * Math.cos(away) + a[1] * Math.sin(away));
      });
      var best = null;
      [1, 1.8, 2.8].some(function (reach) {
        return slots.some(function (slot) {
          text.setAttribute("text-anchor", slot[2]);
          text.setAttribute("x", 0);
          text.setAttribute("y", 0);
          var b = text.getBBox();
          var dx = slot[0] * r * reach, dy = slot[1] * (r * reach + (slot[0] === 0 ? b.height / 2 : 0));
          var box = { x0: cx + b.x + dx - 1, y0: cy + b.y + dy - 1, x1: cx + b.x + b.width + dx + 1,
                      y1: cy + b.y + b.height + dy + 1 };
          var cost = 0;
          taken.forEach(function (t) { cost += overlap(box, t); });
          Object.keys(bodies).forEach(function (id) { if (id !== n.id) cost += overlap(box, bodies[id]); });
          if (best === null || cost < best.cost) best = { cost: cost, slot: slot, dx: dx, dy: dy, box: box };
          return cost === 0;
        });
      });
      text.setAttribute("text-anchor", best.slot[2]);
      text.setAttribute("x", best.dx.toFixed(1));
      text.setAttribute("y", best.dy.toFixed(1));
      taken.push(best.box);
    });
  }

  var zoom = d3.zoom().scaleExtent([0.3, 8]).on("zoom", function (event) {
    view.attr("transform", event.transform);
  });
  svg.call(zoom);
  // Fit the whole drawing, labels included, in the window.
  function fit() {
    var box = svg.node().getBoundingClientRect();
    var b = view.node().getBBox();
    if (!b.width || !b.height) return;
    var k = Math.min(box.width / (b.width + 40), box.height / (b.height + 40), 2);
    svg.call(zoom.transform, d3.zoomIdentity.translate(box.width / 2, box.height / 2).scale(k)
      .translate(-(b.x + b.width / 2), -(b.y + b.height / 2)));
  }
  fit();
  window.addEventListener("resize", fit);
  document.getElementById("reset").addEventListener("click", fit);

  // ---- side panel: filters, search, date, legend, details ---------------------------
  function swatch(kind, colour, extra) {
    var s = svgEl("svg", { width: 28, height: 14, "aria-hidden": "true" });
    if (kind === "line") {
      s.appendChild(svgEl("line", Object.assign({ x1: 1, y1: 7, x2: 27, y2: 7, stroke: colour, "stroke-width": 2.5 },
        extra ? { "stroke-dasharray": extra } : {})));
    } else {
      s.appendChild(svgEl("path", { d: shapePath(kind, 5.5), transform: "translate(14,7)", fill: colour }));
    }
    return s;
  }
  function checkboxes(containerId, items, name, makeSwatch) {
    var box = document.getElementById(containerId);
    items.forEach(function (item) {
      var label = el("label", { "class": "choice" });
      var input = el("input", { type: "checkbox", name: name, value: item.id });
      input.checked = true;
      input.addEventListener("change", update);
      label.appendChild(input);
      label.appendChild(makeSwatch(item));
      label.appendChild(el("span", {}, item.label));
      box.appendChild(label);
    });
  }
  checkboxes("family-filters", data.families, "family", function (f) { return swatch("circle", f.colour); });
  checkboxes("kind-filters", data.kinds, "kind", function (k) { return swatch("line", k.colour, k.dash); });
  var kindBox = document.getElementById("kind-filters");
  if (data.edges.some(function (e) { return e.directed; })) {
    var arrowRow = el("div", { "class": "choice" });
    var arrow = svgEl("svg", { width: 28, height: 14, "aria-hidden": "true" });
    arrow.appendChild(svgEl("line", { x1: 1, y1: 7, x2: 20, y2: 7, stroke: "#444", "stroke-width": 2 }));
    arrow.appendChild(svgEl("path", { d: "M19,2L27,7L19,12Z", fill: "#444" }));
    arrowRow.appendChild(arrow);
    arrowRow.appendChild(el("span", {}, W.directed));
    kindBox.appendChild(arrowRow);
  }
  if (data.nodes.some(function (n) { return n.pivot; })) {
    var pivotRow = el("div", { "class": "choice" });
    var ring = svgEl("svg", { width: 28, height: 14, "aria-hidden": "true" });
    ring.appendChild(svgEl("circle", { cx: 14, cy: 7, r: 5.5, fill: "#fff", stroke: "#000", "stroke-width": 2 }));
    pivotRow.appendChild(ring);
    pivotRow.appendChild(el("span", {}, W.pivot));
    kindBox.appendChild(pivotRow);
  }
  var presenceBox = document.getElementById("presence-legend");
  data.presences.forEach(function (p) {
    var row = el("div", { "class": "choice" });
    row.appendChild(swatch(p.shape, "#888"));
    row.appendChild(el("span", {}, p.label));
    presenceBox.appendChild(row);
  });

  function checked(name) {
    var out = {};
    document.querySelectorAll("input[name=" + name + "]").forEach(function (i) { if (i.checked) out[i.value] = true; });
    return out;
  }

  var slider = document.getElementById("date");
  var dateValue = document.getElementById("date-value");
  if (data.dates) {
    slider.min = data.dates.min;
    // Years run to the one after the last change (who is left), then a last step: all dates.
    slider.max = data.dates.max + 2;
    slider.value = slider.max;
    slider.addEventListener("input", update);
  } else {
    document.getElementById("date-box").classList.add("is-hidden");
  }
  function currentYear() {
    if (!data.dates) return null;
    var v = parseInt(slider.value, 10);
    return v > data.dates.max + 1 ? null : v;
  }
  function nodeActive(n, y) {
    if (y === null) return true;
    var j = year(n.joined), l = year(n.left);
    return (j === null || j <= y) && (l === null || l >= y);
  }
  function edgeActive(e, y) {
    if (y === null) return true;
    var s = year(e.since), u = year(e.until);
    return (s === null || s <= y) && (u === null || u >= y);
  }

  function update() {
    var families = checked("family"), kinds = checked("kind"), y = currentYear();
    dateValue.textContent = y === null ? W.all_dates : String(y);
    var shown = {};
    nodes.each(function (n) {
      var visible = !!families[n.family] && nodeActive(n, y);
      if (visible) shown[n.id] = true;
      this.classList.toggle("is-hidden", !visible);
    });
    edges.each(function (e) {
      var visible = !!kinds[e.kind] && shown[e.source] && shown[e.target] && edgeActive(e, y);
      this.classList.toggle("is-hidden", !visible);
    });
    search();
  }

  var searchBox = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  function search() {
    var q = fold(searchBox.value.trim());
    var count = 0, first = null;
    nodes.each(function (n) {
      var hit = q !== "" && !this.classList.contains("is-hidden") && fold(n.name).indexOf(q) !== -1;
      this.classList.toggle("match", hit);
      if (hit) { count += 1; first = first || n; }
    });
    svg.classed("searching", q !== "");
    searchStatus.textContent = q === "" ? "" : (count ? W.search_count.replace("{n}", count) : W.search_none);
    return first;
  }
  searchBox.addEventListener("input", search);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var n = search(); if (n) show(n); }
  });

  var details = document.getElementById("details");
  function field(dl, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", {}, term));
    if (Array.isArray(value)) {
      var dd = el("dd"), ul = el("ul");
      value.forEach(function (v) { ul.appendChild(el("li", {}, v)); });
      dd.appendChild(ul); dl.appendChild(dd);
    } else {
      dl.appendChild(el("dd", {}, value));
    }
  }
  function show(n) {
    nodes.classed("selected", function (m) { return m.id === n.id; });
    details.replaceChildren();
    details.appendChild(el("h2", {}, n.name));
    var dl = el("dl");
    field(dl, W.f_category, n.category_label);
    field(dl, W.f_legal_form, n.legal_form);
    field(dl, W.f_presence, n.presence_label);
    field(dl, W.f_status, n.status_label);
    field(dl, W.f_roles, n.roles.join(", "));
    field(dl, W.f_joined, n.joined);
    field(dl, W.f_left, n.left);
    field(dl, W.f_description, n.description);
    var ties = [];
    var seen = {};
    data.edges.forEach(function (e) {
      if (e.source !== n.id && e.target !== n.id) return;
      var other = byId[e.source === n.id ? e.target : e.source];
      var key = e.partnership;
      if (!seen[key]) { seen[key] = { text: kindOf[e.kind].label + (e.topic ? W.colon + e.topic : ""), with: [] }; ties.push(seen[key]); }
      seen[key].with.push(other.name);
    });
    field(dl, W.f_partnerships, ties.map(function (t) { return t.text + " (" + W["with"] + " " + t.with.join(", ") + ")"; }));
    if (n.contacts) {
      field(dl, W.f_contacts, n.contacts.map(function (c) {
        return [c.name, c.role, c.email, c.phone].filter(function (x) { return x; }).join(", ");
      }));
    }
    details.appendChild(dl);
  }
  nodes.on("click", function (event, n) { show(n); });
  nodes.on("keydown", function (event, n) { if (event.key === "Enter" || event.key === " ") show(n); });

  update();
  document.body.setAttribute("data-ready", "true");
})();
