// The interactive cooperation map of ptce-kit.  Reads its data from the JSON block
// #ptce-data; draws with d3 (selection + zoom, inlined before this script).  Every
// name from the data goes into the page as text (textContent / d3 .text()), never as
// HTML: a hostile name is shown, not run.
(function () {
  "use strict";
  performance.mark("ptce-start");
  var data = JSON.parse(document.getElementById("ptce-data").textContent);
  var W = data.words;
  // A big pole's nodes come as columns and its ties as one typed array
  // (ptce_kit.render.interactive.packed): numbers in base64, fields of few values as codes.
  function typed(t) {
    var raw = atob(t.b64), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var Type = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array, uint16: Uint16Array, int32: Int32Array }[t.dtype];
    return new Type(bytes.buffer);
  }
  // The nodes as small objects (their number alone) whose fields read the columns.
  function unpacked(C) {
    function Node(i) { this._i = i; }
    Object.keys(C).forEach(function (key) {
      if (key === "count") return;
      var c = C[key], get;
      if (Array.isArray(c)) {
        get = function () { return c[this._i]; };
      } else if (c.values) {
        var codes = typed(c.codes), values = c.values;
        get = function () { return values[codes[this._i]]; };
      } else {
        var column = typed(c);
        get = key === "pivot" ? function () { return column[this._i] === 1; } : function () { return column[this._i]; };
      }
      Object.defineProperty(Node.prototype, key, { get: get, enumerable: true });
    });
    var out = new Array(C.count);
    for (var i = 0; i < C.count; i++) out[i] = new Node(i);
    return out;
  }
  if (data.columns) data.nodes = unpacked(data.columns);
  if (data.ties && data.ties.pairs.b64) data.ties.pairs = typed(data.ties.pairs);
  // Partnerships of many actors (canvas only): each pair of their actors is a tie, never
  // made into an object; "skip" holds the pairs that come as edges of their own (bent or directed).
  var groups = [], NN = data.nodes.length;
  if (data.ties) {
    // A big pole's edges come compact (ptce_kit.render.interactive.compact_edges).
    var Q = data.ties.pairs, groupOf = {}, PT = data.ties.partnerships, P;
    // A partnership's field "at" (0 id, 1 kind, 2 topic, 3 since, 4 until, 5 weight), from either form.
    var part = function (pi, at) { return P[pi][at]; };
    if (Array.isArray(PT)) {
      P = PT;
    } else {
      // Packed: one column per field of a partnership (id, kind, topic, since, until, weight);
      // each partnership a small object whose fields 0 to 5 read them.
      var readers = PT.columns.map(function (c) {
        if (Array.isArray(c)) return function (pi) { return c[pi]; };
        var codes = typed(c.codes), values = c.values;
        return function (pi) { return values[codes[pi]]; };
      });
      var Partnership = function (pi) { this._p = pi; };
      readers.forEach(function (read, at) {
        Object.defineProperty(Partnership.prototype, at, { get: function () { return read(this._p); } });
      });
      part = function (pi, at) { return readers[at](pi); };
      P = new Array(PT.count);
      for (var pi = 0; pi < PT.count; pi++) P[pi] = new Partnership(pi);
    }
    (data.ties.groups || []).forEach(function (g) {
      var t = P[g[0]];
      groupOf[g[0]] = groups.length;
      groups.push({ pi: g[0], partnership: t[0], kind: t[1], topic: t[2], since: t[3], until: t[4], weight: t[5],
                    m: Int32Array.from(g[1]), skip: new Set() });
    });
    // Each tie a small object (its place in "pairs" alone) whose fields read the pairs and
    // its partnership: 10^5 ties cost no more than their numbers.
    var Edge = function (q) { this._q = q; };
    var pairField = function (at, f) { return { get: function () { return f(Q[this._q + at]); } }; };
    var tieField = function (at) { return { get: function () { return part(Q[this._q + 2], at); } }; };
    var same = function (v) { return v; };
    Object.defineProperties(Edge.prototype, {
      si: pairField(0, same), ti: pairField(1, same), pi: pairField(2, same),
      source: pairField(0, function (i) { return data.nodes[i].id; }),
      target: pairField(1, function (i) { return data.nodes[i].id; }),
      bend: pairField(3, function (v) { return v / 1000; }), directed: pairField(4, function (v) { return v === 1; }),
      partnership: tieField(0), kind: tieField(1), topic: tieField(2), since: tieField(3), until: tieField(4),
      weight: tieField(5)
    });
    data.edges = new Array(Q.length / 5);
    for (var q = 0; q < Q.length; q += 5) {
      data.edges[q / 5] = new Edge(q);
      if (groupOf[Q[q + 2]] !== undefined) {
        groups[groupOf[Q[q + 2]]].skip.add(Math.min(Q[q], Q[q + 1]) * NN + Math.max(Q[q], Q[q + 1]));
      }
    }
    groups.sort(function (a, b) { return a.m.length - b.m.length || a.pi - b.pi; });
  }
  // Each pair of a group's actors that is a tie of the group itself, as (i, j) node indices.
  function eachGroupPair(g, visit) {
    for (var a = 0; a < g.m.length; a++) {
      for (var b = a + 1; b < g.m.length; b++) {
        if (!g.skip.has(g.m[a] * NN + g.m[b])) visit(g.m[a], g.m[b]);
      }
    }
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  var SCALE = 300;
  var FONT = '"DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

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

  var byId = {}, indexOf = {};
  data.nodes.forEach(function (n, i) { byId[n.id] = n; indexOf[n.id] = i; });
  var familyOf = {}, kindOf = {};
  data.families.forEach(function (f) { familyOf[f.id] = f; });
  data.kinds.forEach(function (k) { kindOf[k.id] = k; });

  function px(n) { return n.x * SCALE; }
  function py(n) { return -n.y * SCALE; }
  // Labels were placed when the page was built (ptce_kit.render.interactive.place_labels),
  // none is placed here; on a big pole those of small nodes wait for the zoom "lz".

  // ---- the drawing, one SVG element per node and tie --------------------------------
  // Both renderers have the same face: show(nodeVisible, edgeVisible) with one boolean per
  // node and edge, mark(hits, searching), select(id), onPick(callback).
  function svgRenderer() {
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
    .attr("text-anchor", function (n) { return n.anchor; })
    .attr("x", function (n) { return n.lx.toFixed(1); })
    .attr("y", function (n) { return n.ly.toFixed(1); })
    .text(function (n) { return n.name; });
  // Labels were placed when the page was built (ptce_kit.render.interactive.place_labels);
  // on a big pole those of small nodes wait for the zoom given by their "lz".
  var culled = data.nodes.some(function (n) { return n.lz > 0; });
  var labelSel = nodes.select("text.label");
  var lastK = null;
  function cullLabels(k) {
    if (!culled || k === lastK) return;
    lastK = k;
    labelSel.each(function (n) { this.classList.toggle("is-far", n.lz < 0 || n.lz > k); });
  }

  var zoom = d3.zoom().scaleExtent([0.3, 8]).on("zoom", function (event) {
    performance.mark("ptce-frame-start");
    view.attr("transform", event.transform);
    cullLabels(event.transform.k);
    performance.measure("ptce:frame", "ptce-frame-start");
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
  var nodeEls = nodes.nodes(), edgeEls = edges.nodes();
  return {
    show: function (nodeVisible, edgeVisible) {
      nodeEls.forEach(function (node, i) { node.classList.toggle("is-hidden", !nodeVisible[i]); });
      edgeEls.forEach(function (edge, i) { edge.classList.toggle("is-hidden", !edgeVisible[i]); });
    },
    mark: function (hits, searching) {
      nodeEls.forEach(function (node, i) { node.classList.toggle("match", !!hits[i]); });
      svg.classed("searching", searching);
    },
    select: function (id) { nodes.classed("selected", function (m) { return m.id === id; }); },
    onPick: function (pick) {
      nodes.on("click", function (event, n) { pick(n); });
      nodes.on("keydown", function (event, n) { if (event.key === "Enter" || event.key === " ") pick(n); });
    }
  };
  }

  // ---- the drawing on a canvas, for big poles -----------------------------------------
  // One drawing per frame: ties batched into one path per kind and width, nodes one by one,
  // only what the window shows; labels culled by zoom ("lz") and capped.
  function canvasRenderer() {
    // (The fine layer's and the paths' state: see fineStart.)
    var CHUNK = 3000, TINY = 8, fine = document.createElement("canvas"), fineCtx = null, fineImage = null, fine32 = null, fineUsed = 0;
    var colourCache = {};
    // Ties and labels drawn in one frame at most (the pivot's and biggest first, small
    // partnerships' first), and the ink of the ties (their length times their width, in
    // pixels of the screen: drawing a long tie costs more than a short one): a budget that
    // shrinks when a frame, from the drawing to the next frame of the browser (its painting
    // included), takes more than 40 ms on this machine and grows back when frames are quick.
    // A tie narrower than HAIRLINE pixels on the screen is drawn one pixel wide (the
    // browser draws those many times faster): its weight shows once zoomed in, up to WIDEST
    // pixels (the ties of thousands of actors would hide the map beyond).
    var MAX_EDGES = 20000, MAX_LABELS = 400, MAX_SCAN = 150000, MAX_INK = 2500000, MIN_INK = 150000, HAIRLINE = 2.5, WIDEST = 4, budget = 1;
    var ANCHOR = { start: "left", middle: "center", end: "right" };
    var main = document.querySelector("main");
    document.getElementById("map").style.display = "none";
    var canvas = document.createElement("canvas");
    canvas.id = "map-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", data.title);
    main.appendChild(canvas);
    var ctx = canvas.getContext("2d");
    var transform = d3.zoomIdentity, width = 0, height = 0, ratio = 1;
    var nodeVisible = [], edgeVisible = [], groupVisible = [], hits = [], searching = false, selected = null, pending = false;
    var N = data.nodes.map(function (n) {
      var colour = familyOf[n.family].colour;
      return { n: n, x: px(n), y: py(n), r: n.r, shape: n.shape, colour: colour, rgba: rgbaOf(colour) };
    });
    var at = { get: function (id) { return N[indexOf[id]]; } };
    // The typical length of a group's ties (page units), from a fixed sample of its pairs.
    groups.forEach(function (g) {
      var total = 0, count = 0, L = g.m.length;
      for (var t = 0; t < Math.min(256, L * (L - 1) / 2); t++) {
        var a = N[g.m[t % L]], b = N[g.m[(t % L + 1 + (t * 7919) % (L - 1)) % L]];
        total += Math.hypot(a.x - b.x, a.y - b.y); count += 1;
      }
      g.reach = count ? total / count : 0;
    });
    // Ties: geometry once; batches by kind and width.
    // Ties: geometry once, in typed arrays (one entry per tie, no object); batches by kind and width.
    var batches = {}, batchList = [], sizeOf = {}, EN = data.edges.length;
    var EX1 = new Float64Array(EN), EY1 = new Float64Array(EN), EX2 = new Float64Array(EN), EY2 = new Float64Array(EN);
    var EMX = new Float64Array(EN), EMY = new Float64Array(EN), ELEN = new Float64Array(EN), EW = new Float32Array(EN);
    var EX0 = new Float64Array(EN), EX9 = new Float64Array(EN), EY0 = new Float64Array(EN), EY9 = new Float64Array(EN);
    var EB = new Uint16Array(EN), ED = new Uint8Array(EN), ES = new Int32Array(EN);
    // (The compact ties are read from their arrays: the edges' fields, 10^5 times over, cost more.)
    var batchOfTie = [], packedTies = !!data.ties, partnershipOf = new Array(EN);
    for (var i = 0; i < EN; i++) {
      var e = packedTies ? null : data.edges[i], q = 5 * i, tie = packedTies ? Q[q + 2] : -1;
      var si = packedTies ? Q[q] : e.si, ti = packedTies ? Q[q + 1] : e.ti, bend = packedTies ? Q[q + 3] / 1000 : e.bend;
      var kind = packedTies ? part(tie, 1) : e.kind, weight = packedTies ? part(tie, 5) : e.weight;
      var partnership = packedTies ? part(tie, 0) : e.partnership;
      var a = N[si], b = N[ti];
      var x1 = a.x, y1 = a.y, x2 = b.x, y2 = b.y;
      var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var cut = (b.r + 3) / len;
      x2 -= dx * cut; y2 -= dy * cut;
      // A straight tie's control point is its start (the box wants a number).
      var mx = bend ? (x1 + x2) / 2 - dy * bend : x1, my = bend ? (y1 + y2) / 2 + dx * bend : y1;
      var w = 1.3 + 0.6 * Math.min(weight - 1, 4);
      var batch = packedTies ? batchOfTie[Q[q + 2]] : undefined;
      if (batch === undefined) {
        var key = kind + "|" + w;
        if (batches[key] === undefined) {
          batches[key] = batchList.length;
          batchList.push({ kind: kindOf[kind], width: w, rgba: rgbaOf(kindOf[kind].colour) });
        }
        batch = batches[key];
        if (packedTies) batchOfTie[Q[q + 2]] = batch;
      }
      sizeOf[partnership] = (sizeOf[partnership] || 0) + 1;  // (one key per partnership, not per tie)
      partnershipOf[i] = partnership;
      EX1[i] = x1; EY1[i] = y1; EX2[i] = x2; EY2[i] = y2; EMX[i] = mx; EMY[i] = my; ELEN[i] = len; EW[i] = w;
      EB[i] = batch; ED[i] = (packedTies ? Q[q + 4] === 1 : e.directed) ? 1 : 0; ES[i] = bend ? 1 : 0;
      EX0[i] = Math.min(x1, x2, mx); EX9[i] = Math.max(x1, x2, mx); EY0[i] = Math.min(y1, y2, my); EY9[i] = Math.max(y1, y2, my);
    }
    // Ties by the size of their partnership, smallest first (a counting sort: linear).
    var bySize = {}, edgeOrder = new Int32Array(EN), filled = 0;
    for (i = 0; i < EN; i++) { var size = sizeOf[partnershipOf[i]]; (bySize[size] = bySize[size] || []).push(i); }
    Object.keys(bySize).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      bySize[n].forEach(function (i) { edgeOrder[filled++] = i; });
    });
    var labelOrder = N.slice().sort(function (a, b) {
      return (b.n.pivot - a.n.pivot) || (b.r - a.r) || (a.n.id < b.n.id ? -1 : a.n.id > b.n.id ? 1 : 0);
    });
    // A grid of the nodes, for clicks and tooltips.
    // (A loop: Math.max.apply or a spread of 10^5 values overflows the call stack.)
    var biggestR = 5;
    for (var bi = 0; bi < N.length; bi++) if (N[bi].r > biggestR) biggestR = N[bi].r;
    var CELL = 2 * (biggestR + 6);
    // (Cells keyed by a number, not a string: 10^5 strings cost their making and collecting.)
    var grid = new Map();
    function cellKey(ci, cj) { return (ci + 32768) * 65536 + (cj + 32768); }
    N.forEach(function (m, i) {
      var key = cellKey(Math.floor(m.x / CELL), Math.floor(m.y / CELL)), cell = grid.get(key);
      if (cell) cell.push(i); else grid.set(key, [i]);
    });
    function nodeAt(clientX, clientY) {
      var rect = canvas.getBoundingClientRect();
      var p = transform.invert([clientX - rect.left, clientY - rect.top]);
      var ci = Math.floor(p[0] / CELL), cj = Math.floor(p[1] / CELL), best = null, bestD = Infinity;
      for (var i = ci - 1; i <= ci + 1; i++) {
        for (var j = cj - 1; j <= cj + 1; j++) {
          (grid.get(cellKey(i, j)) || []).forEach(function (k) {
            var m = N[k], d = Math.hypot(m.x - p[0], m.y - p[1]);
            if (nodeVisible[k] && d <= m.r + 4 && d < bestD) { best = m.n; bestD = d; }
          });
        }
      }
      return best;
    }
    function shapeTo(shape, x, y, r) {
      var i, a, s;
      if (shape === "square") { s = r * 0.9; ctx.rect(x - s, y - s, 2 * s, 2 * s); return; }
      if (shape === "diamond") {
        s = r * 1.2; ctx.moveTo(x, y - s); ctx.lineTo(x + s, y); ctx.lineTo(x, y + s); ctx.lineTo(x - s, y);
      } else if (shape === "triangle") {
        s = r * 1.25; ctx.moveTo(x, y - s); ctx.lineTo(x + s * 0.95, y + s * 0.7); ctx.lineTo(x - s * 0.95, y + s * 0.7);
      } else if (shape === "pentagon") {
        for (i = 0; i < 5; i++) {
          a = -Math.PI / 2 + i * 2 * Math.PI / 5;
          ctx[i ? "lineTo" : "moveTo"](x + r * 1.1 * Math.cos(a), y + r * 1.1 * Math.sin(a));
        }
      } else {
        ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.closePath();
    }
    // The fine layer: one image of the canvas's pixels where the nodes and ties smaller than a
    // pixel or two are set one pixel at a time (drawing each as a path would cost a path each),
    // then laid over the ties in one drawing.  Kept between drawings, cleared by each.
    function rgbaOf(colour) {
      // "#RRGGBB" as the red, green and blue bytes of a pixel, in the order of an ImageData's.
      if (colourCache[colour] === undefined) {
        var hex = /^#([0-9a-f]{6})$/i.exec(String(colour)), v = hex ? parseInt(hex[1], 16) : 0x888888;
        colourCache[colour] = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
      }
      return colourCache[colour];
    }
    function fineStart() {
      if (!fineImage || fineImage.width !== canvas.width || fineImage.height !== canvas.height) {
        fine.width = canvas.width; fine.height = canvas.height;
        fineCtx = fine.getContext("2d");
        fineImage = fineCtx.createImageData(Math.max(1, canvas.width), Math.max(1, canvas.height));
        fine32 = new Uint32Array(fineImage.data.buffer);
      } else if (fineUsed) {
        fine32.fill(0);
      }
      fineUsed = 0;
    }
    var littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    // A square of "size" device pixels centred on the page point (x, y), of colour c and opacity a (0-255).
    function stamp(x, y, size, c, a) {
      var W = fineImage.width, H = fineImage.height;
      var X = Math.floor(ratio * (transform.k * x + transform.x) - size / 2 + 0.5);
      var Y = Math.floor(ratio * (transform.k * y + transform.y) - size / 2 + 0.5);
      var value = littleEndian ? ((a << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0
                               : ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | a) >>> 0;
      for (var dy = 0; dy < size; dy++) {
        if (Y + dy < 0 || Y + dy >= H) continue;
        for (var dx = 0; dx < size; dx++) {
          if (X + dx >= 0 && X + dx < W) fine32[(Y + dy) * W + X + dx] = value;
        }
      }
      fineUsed += 1;
    }
    // The pixels (dx, dy) of a shape of "radius" R device pixels centred on a pixel, as the
    // outlines of shapeTo; at least the centre.  One list per shape and quarter of a pixel.
    var masks = {};
    function mask(shape, R) {
      var key = shape + "|" + Math.round(R * 4);
      if (masks[key]) return masks[key];
      R = Math.round(R * 4) / 4;
      var out = [0, 0], reach = Math.ceil(R * 1.3);
      for (var dy = -reach; dy <= reach; dy++) {
        for (var dx = -reach; dx <= reach; dx++) {
          var x = Math.abs(dx), y = dy, inside;
          if (!dx && !dy) continue;
          if (shape === "square") inside = x <= 0.9 * R && Math.abs(y) <= 0.9 * R;
          else if (shape === "diamond") inside = x + Math.abs(y) <= 1.2 * R;
          else if (shape === "triangle") inside = y <= 0.875 * R && y >= -1.25 * R && x <= 1.1875 * R * (y + 1.25 * R) / (2.125 * R);
          else inside = x * x + y * y <= R * R;
          if (inside) out.push(dx, dy);
        }
      }
      masks[key] = out;
      return out;
    }
    function stampMask(x, y, offsets, c, a) {
      var W = fineImage.width, H = fineImage.height;
      var X = Math.round(ratio * (transform.k * x + transform.x)), Y = Math.round(ratio * (transform.k * y + transform.y));
      var value = littleEndian ? ((a << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0
                               : ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | a) >>> 0;
      for (var o = 0; o < offsets.length; o += 2) {
        var px = X + offsets[o], py = Y + offsets[o + 1];
        if (px >= 0 && px < W && py >= 0 && py < H) fine32[py * W + px] = value;
      }
      fineUsed += 1;
    }
    function fineEnd() {
      if (!fineUsed) return;
      fineCtx.putImageData(fineImage, 0, 0);
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.globalAlpha = 1;
      ctx.drawImage(fine, 0, 0);
      ctx.restore();
    }
    function resize() {
      ratio = window.devicePixelRatio || 1;
      width = main.clientWidth; height = main.clientHeight;
      canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
      canvas.style.width = width + "px"; canvas.style.height = height + "px";
    }
    // While the map is zoomed or dragged, each frame moves a picture of the last full drawing
    // (one copy: a few milliseconds whatever the pole); the full drawing comes back when the
    // gesture pauses for SETTLE_MS, measured as "ptce:settle" instead of "ptce:frame".
    var SETTLE_MS = 150, picture = document.createElement("canvas"), pictureAt = null, settling = null;
    function quick() {
      var t0 = performance.now(), s = transform.k / pictureAt.k;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(picture, ratio * (transform.x - s * pictureAt.x), ratio * (transform.y - s * pictureAt.y),
                    picture.width * s, picture.height * s);
      ended(t0, "ptce:frame", false);
    }
    // The frame ends when the browser starts the next one, the drawing painted.
    function ended(t0, name, full) {
      requestAnimationFrame(function () {
        var spent = performance.now() - t0;
        // (Not the first: its frame paints the whole page too.)
        if (full && document.body.hasAttribute("data-ready")) {
          // A full drawing comes at rest or after a click: up to 80 ms (a frame lasts at least
          // one refresh of the screen, 17 ms at 60 Hz).
          if (spent > 80) budget = Math.max(0.1, budget * 80 / spent * 0.8);
          else if (spent < 40) budget = Math.min(1, budget * 1.5);
        }
        performance.measure(name, { start: t0, end: performance.now() });
        if (!document.body.hasAttribute("data-ready")) {
          // The first drawing with the data shown, painted: the page is ready.
          document.body.setAttribute("data-ready", "true");
          performance.measure("ptce:first-render", "ptce-start");
        }
      });
    }
    function draw(name) {
      var t0 = performance.now();
      var k = transform.k;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.setTransform(ratio * k, 0, 0, ratio * k, ratio * transform.x, ratio * transform.y);
      var pad = 20, vx0 = -transform.x / k - pad, vy0 = -transform.y / k - pad;
      var vx1 = (width - transform.x) / k + pad, vy1 = (height - transform.y) / k + pad;
      if (data.layout === "site") {
        ctx.lineWidth = 1;
        for (var ring = 1; ring <= Math.min(3, data.rings); ring++) {
          ctx.beginPath(); ctx.arc(0, 0, SCALE * ring / data.rings, 0, 2 * Math.PI); ctx.strokeStyle = "#e2e2e2"; ctx.stroke();
        }
        ctx.beginPath(); ctx.arc(0, 0, SCALE * 1.5 / data.rings, 0, 2 * Math.PI);
        ctx.fillStyle = "#f4f4f4"; ctx.fill(); ctx.strokeStyle = "#bbb"; ctx.stroke();
      }
      var inView = [];
      N.forEach(function (m, i) {
        if (nodeVisible[i] && m.x + m.r + 6 >= vx0 && m.x - m.r - 6 <= vx1 && m.y + m.r + 6 >= vy0 && m.y - m.r - 6 <= vy1) {
          inView.push(i);
        }
      });
      ctx.globalAlpha = searching ? 0.2 : 1;
      // Ties in the window, those of small partnerships first, at most MAX_EDGES a frame: a
      // partnership of many actors (one tie per pair) shows in full once zoomed in.
      var chosenEdges = batchList.map(function () { return []; }), edgeCount = 0;
      var edgeCap = Math.round(MAX_EDGES * budget), labelCap = Math.round(MAX_LABELS * budget);
      var ink = 0, inkCap = Math.max(MIN_INK, MAX_INK * budget), ks = k * ratio, diagonal = Math.hypot(width, height) * ratio;
      // Pixels of ink a tie of length "len" and width "w" (page units) costs; a wide line
      // costs about six times a hairline, pixel for pixel.
      function inkOf(len, w) { var px = Math.min(w * ks, WIDEST); return Math.min(len * ks, diagonal) * (px < HAIRLINE ? 1 : 6 * px); }
      function lineWidthOf(w) { return w * ks < HAIRLINE ? 1 / ks : Math.min(w, WIDEST / ks); }
      // Looking through all the ties of a huge pole takes a frame by itself: a bounded look.
      // A tie shorter than a pixel on the screen is one pixel of the fine layer, not a path.
      fineStart();
      var tieAlpha = searching ? 51 : 255;
      var scan = Math.min(EN, Math.round(MAX_SCAN * budget));
      for (var oi = 0; oi < scan && edgeCount < edgeCap && ink < inkCap; oi++) {
        var ei = edgeOrder[oi];
        if (!edgeVisible[ei] || EX9[ei] < vx0 || EX0[ei] > vx1 || EY9[ei] < vy0 || EY0[ei] > vy1) continue;
        edgeCount += 1;
        if (ELEN[ei] * ks < 1) {
          stamp((EX1[ei] + EX2[ei]) / 2, (EY1[ei] + EY2[ei]) / 2, 1, batchList[EB[ei]].rgba, tieAlpha);
          ink += 1;
          continue;
        }
        chosenEdges[EB[ei]].push(ei);
        ink += inkOf(ELEN[ei], EW[ei]);
      }
      batchList.forEach(function (batch, bi) {
        var chosen = chosenEdges[bi], arrows = [];
        if (!chosen.length) return;
        ctx.strokeStyle = batch.kind.colour; ctx.lineWidth = lineWidthOf(batch.width);
        ctx.setLineDash(batch.kind.dash ? String(batch.kind.dash).split(/[ ,]+/).map(Number) : []);
        // At most CHUNK ties a path: the browser's cost of a path grows faster than its length.
        for (var c = 0; c < chosen.length; c += CHUNK) {
          ctx.beginPath();
          for (var ci = c; ci < chosen.length && ci < c + CHUNK; ci++) {
            var i = chosen[ci];
            ctx.moveTo(EX1[i], EY1[i]);
            if (ES[i]) ctx.quadraticCurveTo(EMX[i], EMY[i], EX2[i], EY2[i]); else ctx.lineTo(EX2[i], EY2[i]);
            if (ED[i]) arrows.push(i);
          }
          ctx.stroke();
        }
        for (c = 0; c < arrows.length; c += CHUNK) {
          ctx.beginPath();
          for (ci = c; ci < arrows.length && ci < c + CHUNK; ci++) {
            var g = arrows[ci], tx = EX2[g] - EMX[g], ty = EY2[g] - EMY[g];
            var len = Math.hypot(tx, ty) || 1, ux = tx / len, uy = ty / len, l = 7 * EW[g], h = 3.5 * EW[g];
            ctx.moveTo(EX2[g], EY2[g]);
            ctx.lineTo(EX2[g] - ux * l - uy * h, EY2[g] - uy * l + ux * h);
            ctx.lineTo(EX2[g] - ux * l + uy * h, EY2[g] - uy * l - ux * h);
            ctx.closePath();
          }
          ctx.fillStyle = batch.kind.colour; ctx.fill();
        }
      });
      // Ties of big partnerships: from each of their actors in the window to the others,
      // all of them if the budget allows, else an even sample (the same at every frame).
      var inWin = new Uint8Array(N.length);
      inView.forEach(function (i) { inWin[i] = 1; });
      groups.forEach(function (g, gi) {
        if (!groupVisible[gi] || edgeCount >= edgeCap || ink >= inkCap) return;
        var m = g.m, L = m.length, near = [], a, b, t, w = 1.3 + 0.6 * Math.min(g.weight - 1, 4);
        for (a = 0; a < L; a++) if (inWin[m[a]]) near.push(a);
        if (!near.length) return;
        // As many ties as the budgets leave, from the typical length of the group's ties.
        var each = inkOf(g.reach, w) || 1;
        var left = Math.min(edgeCap - edgeCount, Math.floor((inkCap - ink) / each));
        var per = Math.min(L - 1, Math.max(1, Math.floor(left / near.length)));
        var full = per === L - 1, step = (L - 1) / per, count = 0, kind = kindOf[g.kind];
        ctx.strokeStyle = kind.colour; ctx.lineWidth = lineWidthOf(w);
        ctx.setLineDash(kind.dash ? String(kind.dash).split(/[ ,]+/).map(Number) : []);
        ctx.beginPath();
        for (var ni = 0; ni < near.length && count < left; ni++) {
          a = near[ni];
          for (t = 0; t < per; t++) {
            b = (a + 1 + Math.floor(t * step)) % L;
            var i = m[a], j = m[b];
            if (!nodeVisible[j] || (full && inWin[j] && b < a)) continue;
            var lo = Math.min(i, j), hi = Math.max(i, j);
            if (g.skip.size && g.skip.has(lo * NN + hi)) continue;
            // From the lower index to the higher, stopping short of it (as map_data's edges).
            var S = N[lo], T = N[hi], dx = T.x - S.x, dy = T.y - S.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
            var cut = (T.r + 3) / len;
            ctx.moveTo(S.x, S.y); ctx.lineTo(T.x - dx * cut, T.y - dy * cut);
            count += 1;
            ink += inkOf(len, w);
            if (count % CHUNK === 0) { ctx.stroke(); ctx.beginPath(); }
          }
        }
        ctx.stroke();
        edgeCount += count;
      });
      canvas.setAttribute("data-edges", edgeCount);
      ctx.setLineDash([]);
      // Nodes one by one, in the order of the data (as the SVG draws them): many small paths
      // fill far faster than one path of thousands of shapes.  The white outline is a white
      // shape under a smaller coloured one (filling twice costs half of stroking a curve),
      // and only once it shows (from three quarters of a pixel) and while the machine keeps up.
      // A node less than TINY pixels wide on the screen (most of a national graph seen whole)
      // is not a path: its pixels are set in the fine layer, outline first, from a mask of
      // its shape at that size.
      var outline = 1.5 * ks >= 0.75 && budget >= 0.9, dim = [], bright = [];
      function sort(alpha, keep, into) {
        var a8 = Math.round(alpha * 255), white = [255, 255, 255];
        for (var vi = 0; vi < inView.length; vi++) {
          var i = inView[vi], m = N[i], R = m.r * ks;
          if (!keep(i)) continue;
          if (R * 2 >= TINY || m.n.pivot) { into.push(i); continue; }
          if (outline) stampMask(m.x, m.y, mask(m.shape, R + 0.75 * ks), white, a8);
          stampMask(m.x, m.y, mask(m.shape, outline ? Math.max(0.3 * ks, R - 0.75 * ks) : R), m.rgba, a8);
        }
      }
      function pass(alpha, chosen) {
        ctx.globalAlpha = alpha;
        chosen.forEach(function (i) {
          var m = N[i];
          if (m.n.pivot) {
            ctx.beginPath(); shapeTo(m.shape, m.x, m.y, m.r + 5);
            ctx.fillStyle = "#fff"; ctx.fill(); ctx.lineWidth = 3; ctx.strokeStyle = "#000"; ctx.stroke();
          }
          if (outline) {
            ctx.beginPath(); shapeTo(m.shape, m.x, m.y, m.r + 0.75); ctx.fillStyle = "#fff"; ctx.fill();
          }
          ctx.beginPath(); shapeTo(m.shape, m.x, m.y, outline ? Math.max(0.3, m.r - 0.75) : m.r);
          ctx.fillStyle = m.colour; ctx.fill();
        });
      }
      if (searching) {
        sort(0.25, function (i) { return !hits[i]; }, dim);
        sort(1, function (i) { return hits[i]; }, bright);
      } else {
        sort(1, function () { return true; }, bright);
      }
      fineEnd();
      pass(0.25, dim);
      pass(1, bright);
      if (searching) {
        ctx.lineWidth = 3; ctx.strokeStyle = "#000";
        for (var hc = 0, hn = 0; hc < inView.length; hc++) {
          var hi = inView[hc];
          if (!hits[hi]) continue;
          if (hn % CHUNK === 0) { if (hn) ctx.stroke(); ctx.beginPath(); }
          shapeTo(N[hi].shape, N[hi].x, N[hi].y, N[hi].r); hn += 1;
        }
        if (hn) ctx.stroke();
      }
      if (selected && nodeVisible[selected.index]) {
        ctx.globalAlpha = 1; ctx.beginPath(); shapeTo(selected.n.shape, selected.x, selected.y, selected.r);
        ctx.lineWidth = 3.5; ctx.strokeStyle = "#D55E00"; ctx.stroke();
      }
      // Labels: those whose zoom has come, in the window, the pivot and biggest first.
      var drawn = 0, shownHere = {};
      inView.forEach(function (i) { shownHere[i] = true; });
      ctx.globalAlpha = 1; ctx.textBaseline = "middle"; ctx.lineJoin = "round"; ctx.lineWidth = 3;
      ctx.strokeStyle = "#fff"; ctx.fillStyle = "#111";
      var font = null;
      for (var li = 0; li < labelOrder.length && drawn < labelCap; li++) {
        var m = labelOrder[li], idx = m.index;
        if (!shownHere[idx] || m.n.lz < 0 || m.n.lz > k || (searching && !hits[idx])) continue;
        var want = (m.n.pivot ? "bold " : "") + "11px " + FONT;
        if (want !== font) { ctx.font = want; font = want; }
        ctx.textAlign = ANCHOR[m.n.anchor];
        ctx.strokeText(m.n.name, m.x + m.n.lx, m.y + m.n.ly);
        ctx.fillText(m.n.name, m.x + m.n.lx, m.y + m.n.ly);
        drawn += 1;
      }
      canvas.setAttribute("data-labels", drawn);
      if (picture.width !== canvas.width || picture.height !== canvas.height) {
        picture.width = canvas.width; picture.height = canvas.height;
      }
      var copy = picture.getContext("2d");
      copy.clearRect(0, 0, picture.width, picture.height);
      copy.drawImage(canvas, 0, 0);
      pictureAt = { k: transform.k, x: transform.x, y: transform.y };
      ended(t0, name, true);
    }
    N.forEach(function (m, i) { m.index = i; });
    // One drawing per frame at most: a full one when asked (filters, search, a click, the
    // end of a gesture), else the picture moved.
    var full = false;
    function frame() {
      pending = false;
      if (full || !pictureAt) { var settled = full === "settle"; full = false; draw(settled ? "ptce:settle" : "ptce:frame"); }
      else quick();
    }
    function schedule(kind) {
      if (kind) full = full === true ? true : kind;
      if (!pending) { pending = true; requestAnimationFrame(frame); }
    }
    function redraw() { schedule(true); }
    var zoom = d3.zoom().scaleExtent([0.05, 40]).on("zoom", function (event) {
      transform = event.transform;
      if (!event.sourceEvent || !pictureAt) { redraw(); return; }
      schedule(null);
      clearTimeout(settling);
      settling = setTimeout(function () { schedule("settle"); }, SETTLE_MS);
    });
    var canvasSel = d3.select(canvas).call(zoom);
    function fit() {
      resize();
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      N.forEach(function (m) {
        x0 = Math.min(x0, m.x - m.r); x1 = Math.max(x1, m.x + m.r); y0 = Math.min(y0, m.y - m.r); y1 = Math.max(y1, m.y + m.r);
      });
      if (!(x1 > x0) || !(y1 > y0)) { x0 = -SCALE; x1 = SCALE; y0 = -SCALE; y1 = SCALE; }
      var k = Math.min(width / (x1 - x0 + 40), height / (y1 - y0 + 40), 2);
      canvasSel.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(k)
        .translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
    }
    window.addEventListener("resize", fit);
    document.getElementById("reset").addEventListener("click", fit);
    canvas.addEventListener("mousemove", function (event) {
      var n = nodeAt(event.clientX, event.clientY);
      canvas.title = n ? n.name : "";
      canvas.style.cursor = n ? "pointer" : "";
    });
    var picker = null;
    canvas.addEventListener("click", function (event) {
      var n = nodeAt(event.clientX, event.clientY);
      if (n && picker) picker(n);
    });
    // A small read-only face for tests and benchmarks: what is shown, and where a node is.
    window.ptceMap = {
      visibleNodes: function () { return data.nodes.filter(function (n, i) { return nodeVisible[i]; }).map(function (n) { return n.id; }); },
      visibleEdges: function () {
        var out = data.edges.filter(function (e, i) { return edgeVisible[i]; }).map(function (e) { return [e.partnership, e.kind]; });
        groups.forEach(function (g, gi) {
          if (groupVisible[gi]) eachGroupPair(g, function (i, j) { if (nodeVisible[i] && nodeVisible[j]) out.push([g.partnership, g.kind]); });
        });
        return out;
      },
      matches: function () { return data.nodes.filter(function (n, i) { return hits[i]; }).map(function (n) { return n.id; }); },
      clientPoint: function (id) {
        var rect = canvas.getBoundingClientRect(), p = transform.apply([at.get(id).x, at.get(id).y]);
        return [rect.left + p[0], rect.top + p[1]];
      }
    };
    fit();
    return {
      show: function (nv, ev, gv) { nodeVisible = nv; edgeVisible = ev; groupVisible = gv; redraw(); },
      mark: function (h, s) { hits = h; searching = s; redraw(); },
      select: function (id) { selected = at.get(id) || null; redraw(); },
      onPick: function (pick) { picker = pick; }
    };
  }

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

  if (!data.ties) data.edges.forEach(function (e) { e.si = indexOf[e.source]; e.ti = indexOf[e.target]; });
  var R = data.renderer === "canvas" ? canvasRenderer() : svgRenderer();
  document.body.setAttribute("data-renderer", data.renderer);
  var nodeVisible = data.nodes.map(function () { return true; });
  var edgeVisible = data.edges.map(function () { return true; });
  var groupVisible = groups.map(function () { return true; });
  // The names folded for the search, on its first use (10^5 names fold in a good part of a second).
  var folded = null;

  function update() {
    var families = checked("family"), kinds = checked("kind"), y = currentYear();
    dateValue.textContent = y === null ? W.all_dates : String(y);
    data.nodes.forEach(function (n, i) { nodeVisible[i] = !!families[n.family] && nodeActive(n, y); });
    data.edges.forEach(function (e, i) {
      edgeVisible[i] = !!kinds[e.kind] && nodeVisible[e.si] && nodeVisible[e.ti] && (y === null || edgeActive(e, y));
    });
    groups.forEach(function (g, gi) { groupVisible[gi] = !!kinds[g.kind] && (y === null || edgeActive(g, y)); });
    R.show(nodeVisible, edgeVisible, groupVisible);
    search();
  }

  var searchBox = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  function search() {
    var q = fold(searchBox.value.trim());
    var count = 0, first = null, hits = [];
    if (q !== "" && folded === null) folded = data.nodes.map(function (n) { return fold(n.name); });
    data.nodes.forEach(function (n, i) {
      var hit = q !== "" && nodeVisible[i] && folded[i].indexOf(q) !== -1;
      hits.push(hit);
      if (hit) { count += 1; first = first || n; }
    });
    R.mark(hits, q !== "");
    searchStatus.textContent = q === "" ? "" : (count ? W.search_count[W.singular_counts.indexOf(count) >= 0 ? 0 : 1].replace("{n}", count) : W.search_none);
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
    R.select(n.id);
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
    var seen = {}, inGroup = {};
    groups.forEach(function (g) { inGroup[g.partnership] = true; });
    var self = indexOf[n.id];
    data.edges.forEach(function (e) {
      if ((e.si !== self && e.ti !== self) || inGroup[e.partnership]) return;
      var other = data.nodes[e.si === self ? e.ti : e.si];
      var key = e.partnership;
      if (!seen[key]) { seen[key] = { text: kindOf[e.kind].label + (e.topic ? W.colon + e.topic : ""), with: [] }; ties.push(seen[key]); }
      seen[key].with.push(other.name);
    });
    // A big partnership: all its other actors (in the order of the nodes).
    var here = indexOf[n.id];
    groups.slice().sort(function (a, b) { return a.pi - b.pi; }).forEach(function (g) {
      if (g.m.indexOf(here) === -1) return;
      var others = [];
      g.m.forEach(function (j) { if (j !== here) others.push(data.nodes[j].name); });
      ties.push({ text: kindOf[g.kind].label + (g.topic ? W.colon + g.topic : ""), with: others });
    });
    field(dl, W.f_partnerships, ties.map(function (t) { return t.text + " (" + W["with"] + " " + t.with.join(", ") + ")"; }));
    if (n.contacts) {
      field(dl, W.f_contacts, n.contacts.map(function (c) {
        return [c.name, c.role, c.email, c.phone].filter(function (x) { return x; }).join(", ");
      }));
    }
    details.appendChild(dl);
  }
  R.onPick(show);

  update();
  if (data.renderer !== "canvas") {
    // The canvas says it is ready after its first drawing (in the next animation frame).
    document.body.setAttribute("data-ready", "true");
    performance.measure("ptce:first-render", "ptce-start");
  }
})();
