// ptce-kit's observatory: places a pole's actors and labels in the browser, before map.js
// draws them.  The site has hundreds of pole maps and a reader opens a few, so the build
// writes each map's data without positions and this script computes them when the page is
// opened: a seeded Fruchterman-Reingold layout (the same graph gives the same picture on
// every opening) and the interactive map's label rule (ptce_kit.render.interactive.place_labels:
// the pivot and the biggest nodes first, each label at the first of eight places beside its
// node that covers no label already placed and no other node, else where it covers least).
// It writes the positioned data back into the #ptce-data block that map.js then reads.
(function () {
  "use strict";
  performance.mark("ptce-place");
  var block = document.getElementById("ptce-data");
  var data = JSON.parse(block.textContent);
  var nodes = data.nodes, n = nodes.length, index = {};
  var SCALE = 300, FONT_PX = 11, LINE_PX = FONT_PX * 1.164, STRIP_TOP = -1.2, ROW = 8;
  var CULL_LABELS_ABOVE = 300;
  nodes.forEach(function (d, i) { index[d.id] = i; });

  // The simple undirected graph: each pair of partners once.
  var seen = new Set(), links = [];
  function pair(a, b) {
    if (a === b || a === undefined || b === undefined) return;
    var lo = Math.min(a, b), hi = Math.max(a, b), key = lo * n + hi;
    if (!seen.has(key)) { seen.add(key); links.push([lo, hi]); }
  }
  if (data.edges) data.edges.forEach(function (e) { pair(index[e.source], index[e.target]); });
  if (data.ties) {
    var Q = data.ties.pairs;
    for (var q = 0; q < Q.length; q += 5) pair(Q[q], Q[q + 1]);
    (data.ties.groups || []).forEach(function (g) {
      for (var a = 0; a < g[1].length; a++) for (var b = a + 1; b < g[1].length; b++) pair(g[1][a], g[1][b]);
    });
  }
  var degree = new Int32Array(n);
  links.forEach(function (l) { degree[l[0]]++; degree[l[1]]++; });

  // A small seeded generator (mulberry32): no Math.random, so every opening is the same.
  var state = 42;
  function random() {
    state = (state + 0x6D2B79F5) | 0;
    var t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // Actors without any tie stand in rows under the map, as in ptce_kit.render.layouts.
  var alone = [], inside = [];
  nodes.forEach(function (d, i) { (degree[i] === 0 ? alone : inside).push(i); });
  if (inside.length < 2) { inside = inside.concat(alone); alone = []; }
  var X = new Float64Array(n), Y = new Float64Array(n);
  if (inside.length === 1) {
    X[inside[0]] = 0; Y[inside[0]] = 0;
  } else if (inside.length > 1) {
    var m = inside.length, k = 1.8 / Math.sqrt(m);
    var px = new Float64Array(m), py = new Float64Array(m), local = new Int32Array(n).fill(-1);
    inside.forEach(function (v, i) { local[v] = i; px[i] = random(); py[i] = random(); });
    var ends = links.filter(function (l) { return local[l[0]] >= 0 && local[l[1]] >= 0; })
      .map(function (l) { return [local[l[0]], local[l[1]]]; });
    // networkx's schedule (300 steps, temperature from a tenth of the frame, cooling
    // linearly), fewer steps on a big pole so that a page of thousands opens in seconds.
    var steps = Math.max(40, Math.min(300, Math.floor(2e7 / (m * m))));
    var t = 0.1, dt = t / (steps + 1), dx = new Float64Array(m), dy = new Float64Array(m);
    for (var s = 0; s < steps; s++) {
      dx.fill(0); dy.fill(0);
      for (var i = 0; i < m; i++) {
        for (var j = i + 1; j < m; j++) {
          var ux = px[i] - px[j], uy = py[i] - py[j], d2 = Math.max(ux * ux + uy * uy, 1e-8);
          var f = k * k / d2;  // repulsion k²/d along the unit vector
          dx[i] += ux * f; dy[i] += uy * f; dx[j] -= ux * f; dy[j] -= uy * f;
        }
      }
      ends.forEach(function (l) {
        var a = l[0], b = l[1], ux = px[a] - px[b], uy = py[a] - py[b];
        var d = Math.sqrt(Math.max(ux * ux + uy * uy, 1e-8)), f = d / k;  // attraction d²/k
        dx[a] -= ux * f; dy[a] -= uy * f; dx[b] += ux * f; dy[b] += uy * f;
      });
      for (var i2 = 0; i2 < m; i2++) {
        var len = Math.max(Math.sqrt(dx[i2] * dx[i2] + dy[i2] * dy[i2]), 0.01);
        px[i2] += dx[i2] * t / len; py[i2] += dy[i2] * t / len;
      }
      t -= dt;
    }
    // Centred and scaled into [-1, 1]², proportions kept.
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var c = 0; c < m; c++) {
      x0 = Math.min(x0, px[c]); x1 = Math.max(x1, px[c]); y0 = Math.min(y0, py[c]); y1 = Math.max(y1, py[c]);
    }
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half = Math.max(x1 - x0, y1 - y0) / 2 || 1;
    inside.forEach(function (v, i) { X[v] = (px[i] - cx) / half; Y[v] = (py[i] - cy) / half; });
  }
  alone.forEach(function (v, i) {
    var row = Math.floor(i / ROW), col = i % ROW, count = Math.min(ROW, alone.length - row * ROW);
    X[v] = count > 1 ? -1 + 2 * (col + 0.5) / count : 0;
    Y[v] = STRIP_TOP - 0.15 - 0.2 * row;
  });
  nodes.forEach(function (d, i) { d.x = Math.round(X[i] * 1e6) / 1e6; d.y = Math.round(Y[i] * 1e6) / 1e6; });

  // ---- labels ---------------------------------------------------------------------------
  var SLOTS = [[1, 0, "start"], [-1, 0, "end"], [0, -1, "middle"], [0, 1, "middle"],
               [0.75, -0.75, "start"], [-0.75, -0.75, "end"], [0.75, 0.75, "start"], [-0.75, 0.75, "end"]];
  var SHIFT = { start: 0, middle: 0.5, end: 1 };
  var ctx = document.createElement("canvas").getContext("2d");
  var family = getComputedStyle(document.body).fontFamily || "sans-serif";
  function width(text, bold) {
    ctx.font = (bold ? "bold " : "") + FONT_PX + "px " + family;
    return ctx.measureText(text).width;
  }
  // Boxes filed in a grid of cells, so that each is compared only with its neighbours.
  var CELL = 40;
  function Grid() { this.cells = new Map(); this.boxes = []; this.owners = []; }
  Grid.prototype.keys = function (b, visit) {
    for (var gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++) {
      for (var gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) visit(gx + "," + gy);
    }
  };
  Grid.prototype.add = function (b, owner) {
    var i = this.boxes.length, cells = this.cells;
    this.boxes.push(b); this.owners.push(owner);
    this.keys(b, function (key) { if (!cells.has(key)) cells.set(key, []); cells.get(key).push(i); });
  };
  Grid.prototype.cost = function (b, owner, stopAtFirst) {
    var cells = this.cells, boxes = this.boxes, owners = this.owners, done = new Set(), total = 0;
    this.keys(b, function (key) {
      (cells.get(key) || []).forEach(function (i) {
        if (done.has(i) || owners[i] === owner) return;
        done.add(i);
        var o = boxes[i], w = Math.min(b[2], o[2]) - Math.max(b[0], o[0]), h = Math.min(b[3], o[3]) - Math.max(b[1], o[1]);
        if (w > 0 && h > 0) total += stopAtFirst ? Infinity : w * h;
      });
    });
    return total;
  };
  var bodies = new Grid(), taken = new Grid();
  nodes.forEach(function (d) {
    var cx = d.x * SCALE, cy = -d.y * SCALE, r = d.r + (d.pivot ? 5 : 0);
    bodies.add([cx - r, cy - r, cx + r, cy + r], d.id);
  });
  var cull = n > CULL_LABELS_ABOVE;
  // A loop, not Math.max.apply: spreading 10^5 radii as arguments overflows the call stack.
  var biggest = 1;
  nodes.forEach(function (d) { if (d.r > biggest) biggest = d.r; });
  var order = nodes.slice().sort(function (a, b) {
    return (b.pivot - a.pivot) || (b.r - a.r) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  order.forEach(function (d) {
    var cx = d.x * SCALE, cy = -d.y * SCALE, away = Math.atan2(cy, cx), r = d.r + (d.pivot ? 5 : 0) + 4;
    var slots = SLOTS.slice().sort(function (a, b) {
      return -(a[0] * Math.cos(away) + a[1] * Math.sin(away)) + (b[0] * Math.cos(away) + b[1] * Math.sin(away));
    });
    var w = width(String(d.name), d.pivot), best = null;
    for (var reach of [1.0, 1.8, 2.8]) {
      for (var slot of slots) {
        var ox = slot[0] * r * reach, oy = slot[1] * (r * reach + (slot[0] === 0 ? LINE_PX / 2 : 0));
        var bx = cx + ox - SHIFT[slot[2]] * w, by = cy + oy - LINE_PX / 2;
        var box = [bx - 1, by - 1, bx + w + 1, by + LINE_PX + 1];
        var strict = cull && !d.pivot;
        var cost = taken.cost(box, null, strict) + bodies.cost(box, d.id, strict);
        if (best === null || cost < best.cost) best = { cost: cost, ox: ox, oy: oy, anchor: slot[2], box: box };
        if (cost === 0) break;
      }
      if (best.cost === 0) break;
    }
    d.lw = Math.round(w * 10) / 10;
    if (best.cost === Infinity) { d.lx = 0; d.ly = 0; d.anchor = "start"; d.lz = -1; return; }
    taken.add(best.box, null);
    d.lx = Math.round(best.ox * 10) / 10; d.ly = Math.round(best.oy * 10) / 10; d.anchor = best.anchor;
    d.lz = !cull || d.pivot ? 0 : Math.round(Math.max(0.6, 1.2 * Math.sqrt(biggest / Math.max(d.r, 0.1))) * 100) / 100;
  });
  block.textContent = JSON.stringify(data);
})();
