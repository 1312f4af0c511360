/* Task tracker: sort and filter the table of every task, in the browser, with no network.
 * The table is built by the archive; this script only reorders and hides its rows and
 * never writes source text as HTML. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D")
      .toLowerCase().trim();
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
    org.placeholder = "vd. mat tran";
    orgLabel.appendChild(org);
    var count = document.createElement("output");
    count.className = "vb-count";
    [locality[0], year[0], status[0], orgLabel, count].forEach(function (el) { form.appendChild(el); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    before.parentNode.insertBefore(form, before);

    function apply() {
      var shown = 0;
      var q = fold(org.value);
      rows.forEach(function (r) {
        var iso = deadlineOf(r, col.deadline);
        var ok = (!locality[1].value || cellText(r, col.locality) === locality[1].value) &&
          (!year[1].value || cellText(r, col.year) === year[1].value) &&
          (!q || fold(cellText(r, col.lead) + " " + cellText(r, col.support)).indexOf(q) !== -1);
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
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("thead .vb-tracker-mark"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
