// Progressive enhancement: every page works without this script.
(function () {
  "use strict";
  // Search as you type in a list (the form still filters on the server when sent).
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.querySelector(input.getAttribute("data-filter"));
    var count = document.getElementById("shown-count");
    if (!table) { return; }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var hit = !q || (row.getAttribute("data-search") || "").indexOf(q) >= 0;
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      if (count) { count.textContent = String(shown); }
    });
  });
  // SIRET and SIREN checked as typed: the digits and the Luhn key (the server checks again).
  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i += 1) {
      var d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) { d *= 2; if (d > 9) { d -= 9; } }
      sum += d;
    }
    return sum % 10 === 0;
  }
  function valid(kind, value) {
    var digits = value.replace(/[\s\u00a0\u202f]/g, "");
    var size = kind === "siret" ? 14 : 9;
    if (!/^[0-9]+$/.test(digits) || digits.length !== size) { return false; }
    // La Poste's establishments (SIREN 356000000) follow their own rule: the sum of the digits.
    if (kind === "siret" && digits.indexOf("356000000") === 0 && digits !== "35600000000048") {
      var total = 0;
      for (var i = 0; i < digits.length; i += 1) { total += digits.charCodeAt(i) - 48; }
      return total % 5 === 0;
    }
    return luhn(digits);
  }
  document.querySelectorAll("input[data-check]").forEach(function (input) {
    var kind = input.getAttribute("data-check");
    var live = document.getElementById("live-" + input.name);
    function update() {
      var bad = input.value.trim() !== "" && !valid(kind, input.value);
      if (live) { live.hidden = !bad; live.textContent = bad ? live.getAttribute("data-message") : ""; }
      if (bad) { input.setAttribute("aria-invalid", "true"); } else if (!input.closest(".invalid")) { input.removeAttribute("aria-invalid"); }
    }
    input.addEventListener("input", update);
    input.addEventListener("blur", update);
  });
  // Suggestions as typed (communes by name or postal code), from this server only.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(input.value), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (html) { if (list) { list.innerHTML = html; } })
          .catch(function () {});
      }, 200);
    });
  });
  // Parts of a page made after it (the criteria of the dashboard): fetched from this server only.
  var later = document.querySelectorAll("[data-fragment]");
  var waiting = later.length;
  function ready() { document.body.setAttribute("data-ready", "true"); }
  later.forEach(function (part) {
    fetch(part.getAttribute("data-fragment"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) { part.outerHTML = html; })
      .catch(function () { /* the link in the part stays */ })
      .then(function () { waiting -= 1; if (waiting === 0) { ready(); } });
  });
  if (waiting === 0) { ready(); }
}());
