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

  /* the month a deadline falls due: "2024" in December, "2024-03" and "2024-03-15" in March */
  function dueMonth(iso) {
    return iso.length === 4 ? iso + "-12" : iso.slice(0, 7);
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

  /* The tracker's filters live in its address (?dia-phuong=...&tinh-trang=qua-han), so that a filtered view
   * can be saved, shared, and opened from the dashboard (tinh-hinh/) or a body's page. */
  var PARAMS = ["dia-phuong", "nam", "thoi-han", "tinh-trang", "co-quan", "thang", "loai-co-quan"];

  function setUp(mark) {
    var table = mark.closest("table");
    if (!table || !table.tHead) return;
    // the filters go before the table, outside the scroll wrapper Material may put around it
    var before = table.closest(".md-typeset__scrollwrap") || table;
    var head = table.tHead.rows[0];
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var col = { doc: 0, number: 1, lead: 3, support: 4, deadline: 5, state: 6, locality: 7, year: 8 };
    var now = today();
    var params = new URLSearchParams(location.search);

    function distinct(i) {
      var seen = {};
      rows.forEach(function (r) { var t = cellText(r, i); if (t) seen[t] = true; });
      return Object.keys(seen).sort(function (a, b) { return fold(a).localeCompare(fold(b)); })
        .map(function (v) { return [v, v]; });
    }

    function stateOf(row) {
      var s = row.cells[col.state] && row.cells[col.state].querySelector("[data-state]");
      return s ? s.getAttribute("data-state") : "chua-bao-cao";
    }

    function kindsOf(row) {
      var s = row.cells[col.state] && row.cells[col.state].querySelector("[data-kinds]");
      return s && s.getAttribute("data-kinds") ? s.getAttribute("data-kinds").split("|") : [];
    }

    function doneOf(row) {
      var s = row.cells[col.deadline] && row.cells[col.deadline].querySelector("[data-iso]");
      return !!s && s.hasAttribute("data-done");
    }

    var form = document.createElement("form");
    form.className = "vb-tracker-filters";
    form.setAttribute("role", "search");
    var locality = makeSelect("Địa phương", distinct(col.locality), "dia-phuong");
    var year = makeSelect("Năm", distinct(col.year).reverse(), "nam");
    var status = makeSelect("Thời hạn", [["qua-han", "Đã quá hạn"], ["thang-nay", "Đến hạn trong tháng này"],
      ["con-han", "Còn hạn"], ["khong-han", "Không ghi thời hạn"]], "thoi-han");
    var state = makeSelect("Tình trạng", [["da-hoan-thanh", "Đã hoàn thành"], ["dang-thuc-hien", "Đang thực hiện"],
      ["chua-thuc-hien", "Chưa thực hiện"], ["chua-bao-cao", "Chưa có báo cáo"], ["chua-xong", "Chưa hoàn thành"],
      ["qua-han", "Quá hạn (chưa hoàn thành)"]], "tinh-trang");
    var orgLabel = document.createElement("label");
    orgLabel.className = "vb-filter";
    orgLabel.appendChild(document.createTextNode("Cơ quan "));
    var org = document.createElement("input");
    org.type = "search";
    org.name = "co-quan";
    org.placeholder = "vd. MTTQ, mặt trận, UBND";
    orgLabel.appendChild(org);
    // filters the dashboard sets that have no control of their own: shown, and removable
    var extra = { thang: params.get("thang") || "", "loai-co-quan": params.get("loai-co-quan") || "" };
    var chosen = document.createElement("span");
    chosen.className = "vb-filter vb-filter--extra";
    var count = document.createElement("output");
    count.className = "vb-count";
    [locality[0], year[0], status[0], state[0], orgLabel, chosen, count].forEach(function (el) { form.appendChild(el); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    before.parentNode.insertBefore(form, before);

    var controls = { "dia-phuong": locality[1], nam: year[1], "thoi-han": status[1], "tinh-trang": state[1], "co-quan": org };
    Object.keys(controls).forEach(function (p) {
      var v = params.get(p) || "", c = controls[p];
      if (c.tagName === "SELECT" && v && !Array.prototype.some.call(c.options, function (o) { return o.value === v; })) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        c.appendChild(o);
      }
      c.value = v;
    });

    function showExtra() {
      chosen.replaceChildren();
      [["thang", "Tháng đến hạn"], ["loai-co-quan", "Loại cơ quan"]].forEach(function (e) {
        if (!extra[e[0]]) return;
        var value = e[0] === "thang" ? extra.thang.slice(5, 7) + "/" + extra.thang.slice(0, 4) : extra[e[0]];
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = e[1] + ": " + value + " ✕";
        b.setAttribute("aria-label", "Bỏ lọc " + e[1].toLowerCase() + " " + value);
        b.addEventListener("click", function () { extra[e[0]] = ""; showExtra(); apply(); });
        chosen.appendChild(b);
      });
    }

    function saveUrl() {
      var out = new URLSearchParams();
      PARAMS.forEach(function (p) {
        var v = controls[p] ? controls[p].value.trim() : extra[p];
        if (v) out.set(p, v);
      });
      var q = out.toString();
      try { history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash); } catch (e) { /* file:// */ }
    }

    /* a body chosen by its id (a body's page links so), or a kind by its id: rows with a link to its page */
    function bodyIdMatch(r, value) {
      if (!/^[a-z0-9]+(?:-+[a-z0-9]+)*$/.test(value)) return false;
      var re = new RegExp("co-quan/" + value + "(?:--[a-z0-9-]+)?(?:/|\\.html|$)");
      var links = [col.lead, col.support].map(function (i) { return r.cells[i] ? r.cells[i].querySelectorAll("a[href]") : []; });
      return links.some(function (l) { return Array.prototype.some.call(l, function (a) { return re.test(a.getAttribute("href")); }); });
    }

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
      var raw = org.value.trim(), q = nameKey(org.value);
      rows.forEach(function (r) {
        var iso = deadlineOf(r, col.deadline), done = doneOf(r), st = stateOf(r);
        var late = isPassed(iso, now) && !done;
        var ok = (!locality[1].value || cellText(r, col.locality) === locality[1].value) &&
          (!year[1].value || cellText(r, col.year) === year[1].value) &&
          (!raw || bodyIdMatch(r, raw) || bodyMatches(r, q));
        if (ok && status[1].value === "qua-han") ok = late;
        if (ok && status[1].value === "thang-nay") ok = !!iso && !isPassed(iso, now) && dueMonth(iso) === now.slice(0, 7);
        if (ok && status[1].value === "con-han") ok = !!iso && !isPassed(iso, now);
        if (ok && status[1].value === "khong-han") ok = !iso;
        if (ok && state[1].value === "qua-han") ok = late;
        else if (ok && state[1].value === "chua-xong") ok = st !== "da-hoan-thanh";
        else if (ok && state[1].value) ok = st === state[1].value;
        if (ok && extra.thang) ok = !!iso && dueMonth(iso) === extra.thang;
        if (ok && extra["loai-co-quan"]) ok = kindsOf(r).indexOf(extra["loai-co-quan"]) !== -1;
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " / " + rows.length + " nhiệm vụ";
      saveUrl();
      table.setAttribute("data-ready", location.search);
    }

    showExtra();
    [locality[1], year[1], status[1], state[1]].forEach(function (s) { s.addEventListener("change", apply); });
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
