/* Task tracker: sort and filter the table of every task, in the browser, with no network.
 * The table is built by the archive; this script only reorders and hides its rows and
 * never writes source text as HTML.
 *
 * The body filter understands every name of a kind of body: theo-doi/ten-co-quan.js (written by
 * build_scripts/render/archive.py from data/organisations.yml) maps each name ("mat tran", "MTTQ",
 * "Ủy ban MTTQ") to its kind; a row matches when one of its bodies (the pages its names link to,
 * "co-quan/<kind>--<place>/") is of that kind, or a group with a member of that kind. Any other
 * text is looked for in the names as written and the bodies' full names. */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? here.replace(/assets\/theo-doi\.js(?:[?#].*)?$/, "") : "";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D")
      .toLowerCase().trim();
  }

  /* A name as the filter compares it (as bodies.search_key does): folded words, "và" left out. */
  function nameKey(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (w) { return w && w !== "va"; }).join(" ");
  }

  /* The kinds of the bodies a row's names link to (a group's own kind and its members'). */
  function rowKinds(row, cells, groups) {
    var kinds = {};
    cells.forEach(function (i) {
      if (!row.cells[i]) return;
      Array.prototype.forEach.call(row.cells[i].querySelectorAll("a[href]"), function (a) {
        var m = /co-quan\/([a-z0-9-]+?)(?:\/|\.html|$)/.exec(a.getAttribute("href"));
        if (!m) return;
        var kind = m[1].split("--")[0];
        kinds[kind] = true;
        (groups[kind] || []).forEach(function (k) { kinds[k] = true; });
      });
    });
    return kinds;
  }

  /* What the filter's words name: the kinds they stand for, or null for words that are no name. */
  function kindsNamed(q, names, groups) {
    var found = names && names[q];
    if (!found) return null;
    var kinds = {};
    found.forEach(function (id) {
      kinds[id] = true;
      (groups[id] || []).forEach(function (k) { kinds[k] = true; });
    });
    return kinds;
  }

  /* The names a row gives and the full names of their bodies (the links' titles), as nameKey has them. */
  function rowNames(row, cells) {
    var parts = [];
    cells.forEach(function (i) {
      var cell = row.cells[i];
      if (!cell) return;
      parts.push(cell.textContent);
      Array.prototype.forEach.call(cell.querySelectorAll("a[title]"), function (a) { parts.push(a.title); });
    });
    return " " + nameKey(parts.join(" ")) + " ";
  }

  function loadNames(done) {
    if (window.vbTenCoQuan) return done();
    var el = document.createElement("script");
    el.src = BASE + "theo-doi/ten-co-quan.js";
    el.charset = "utf-8";
    el.onload = done;
    document.head.appendChild(el);
  }

  function cellText(row, i) {
    return row.cells[i] ? row.cells[i].textContent.trim() : "";
  }

  function deadlineOf(row, i) {
    var span = row.cells[i] && row.cells[i].querySelector("[data-iso]");
    return span ? span.getAttribute("data-iso") : "";
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* a deadline "2023-11" is passed once November 2023 is over; "2023" once 2023 is over */
  function isPassed(iso, now) {
    if (!iso) return false;
    if (iso.length === 4) return now.slice(0, 4) > iso;
    if (iso.length === 7) return now.slice(0, 7) > iso;
    return now > iso;
  }

  function makeSelect(label, values, name) {
    var wrap = document.createElement("label");
    wrap.className = "vb-filter";
    wrap.appendChild(document.createTextNode(label + " "));
    var select = document.createElement("select");
    select.name = name;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "Tất cả";
    select.appendChild(all);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v[0];
      o.textContent = v[1];
      select.appendChild(o);
    });
    wrap.appendChild(select);
    return [wrap, select];
  }

  function setUp(mark) {
    var table = mark.closest("table");
    if (!table || !table.tHead) return;
    // the filters go before the table, outside the scroll wrapper Material may put around it
    var before = table.closest(".md-typeset__scrollwrap") || table;
    var head = table.tHead.rows[0];
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var col = { doc: 0, number: 1, lead: 3, support: 4, deadline: 5, locality: 6, year: 7 };
    var now = today();

    function distinct(i) {
      var seen = {};
      rows.forEach(function (r) { var t = cellText(r, i); if (t) seen[t] = true; });
      return Object.keys(seen).sort(function (a, b) { return fold(a).localeCompare(fold(b)); })
        .map(function (v) { return [v, v]; });
    }

    var form = document.createElement("form");
    form.className = "vb-tracker-filters";
    form.setAttribute("role", "search");
    var locality = makeSelect("Địa phương", distinct(col.locality), "dia-phuong");
    var year = makeSelect("Năm", distinct(col.year).reverse(), "nam");
    var status = makeSelect("Thời hạn", [["qua-han", "Đã quá hạn"], ["con-han", "Còn hạn"],
      ["khong-han", "Không ghi thời hạn"]], "thoi-han");
    var orgLabel = document.createElement("label");
    orgLabel.className = "vb-filter";
    orgLabel.appendChild(document.createTextNode("Cơ quan "));
    var org = document.createElement("input");
    org.type = "search";
    org.name = "co-quan";
    org.placeholder = "vd. MTTQ, mặt trận, UBND";
    orgLabel.appendChild(org);
    var count = document.createElement("output");
    count.className = "vb-count";
    [locality[0], year[0], status[0], orgLabel, count].forEach(function (el) { form.appendChild(el); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    before.parentNode.insertBefore(form, before);

    var bodyCells = [col.lead, col.support];
    var kindsOf = new Map(), namesOf = new Map();

    /* Does a row give a task to the body the filter names? */
    function bodyMatches(r, q) {
      var known = window.vbTenCoQuan || { names: {}, groups: {} };
      var kinds = kindsNamed(q, known.names, known.groups);
      if (kinds) {
        if (!kindsOf.has(r)) kindsOf.set(r, rowKinds(r, bodyCells, known.groups));
        var mine = kindsOf.get(r);
        return Object.keys(kinds).some(function (k) { return mine[k]; });
      }
      if (!namesOf.has(r)) namesOf.set(r, rowNames(r, bodyCells));
      return namesOf.get(r).indexOf(" " + q) !== -1;
    }

    function apply() {
      var shown = 0;
      var q = nameKey(org.value);
      rows.forEach(function (r) {
        var iso = deadlineOf(r, col.deadline);
        var ok = (!locality[1].value || cellText(r, col.locality) === locality[1].value) &&
          (!year[1].value || cellText(r, col.year) === year[1].value) &&
          (!q || bodyMatches(r, q));
        if (ok && status[1].value === "qua-han") ok = isPassed(iso, now);
        if (ok && status[1].value === "con-han") ok = !!iso && !isPassed(iso, now);
        if (ok && status[1].value === "khong-han") ok = !iso;
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " / " + rows.length + " nhiệm vụ";
    }

    [locality[1], year[1], status[1]].forEach(function (s) { s.addEventListener("change", apply); });
    org.addEventListener("input", apply);

    Array.prototype.forEach.call(head.cells, function (th, i) {
      th.setAttribute("aria-sort", "none");
      th.tabIndex = 0;
      th.classList.add("vb-sortable");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var key = i === col.deadline
          ? function (r) { return deadlineOf(r, i) || "9999"; }
          : function (r) { return fold(cellText(r, i)); };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x.localeCompare(y, "vi", { numeric: true });
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    apply();
    loadNames(function () {
      table.setAttribute("data-names", "");  // the filter knows every name now (tests wait on it)
      if (org.value) apply();
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("thead .vb-tracker-mark"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
