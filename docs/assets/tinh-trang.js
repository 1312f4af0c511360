/* Tình trạng nhiệm vụ: the one rule of what is overdue, against the reader's date (the site is static: no
 * build knows today), for every page: a document's task table, a body's page, the tracker (theo-doi.js) and
 * the dashboard (tinh-hinh.js) all ask window.vbTinhTrang.
 *
 * Overdue ("qua-han"): not reported done by the office, and the last day the deadline allows is past.
 *
 * On a page, a deadline is written by the build as <span class="vb-deadline" data-iso="2024-03">, with
 * data-done on a task the office reports done; the overdue ones get the mark "Quá hạn" and their row the
 * class the tracker's overdue rows have. A body page's count of overdue tasks is filled in here too.
 *
 * On the dashboard (tinh-hinh/) it loads the charting library, the dashboard's data and its drawing
 * script, each as a <script> file (no fetch: it works from file://). Nothing is parsed as HTML. */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? here.replace(/assets\/tinh-trang\.js(?:[?#].*)?$/, "") : "";

  function pad(n) { return String(n).padStart(2, "0"); }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* The last day a deadline allows (as feeds.due_day): a year its 31 December, a month its last day. */
  function dueDay(iso) {
    if (iso.length === 4) return iso + "-12-31";
    if (iso.length === 7) {
      var last = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 0)).getUTCDate();
      return iso + "-" + pad(last);
    }
    return iso;
  }

  /* The month a deadline falls due in ("2024" -> "2024-12"): the tracker's filter "thang". */
  function dueMonth(iso) { return dueDay(iso).slice(0, 7); }

  /* A deadline's state on ``now`` (today by default), for a task done or not:
   * "khong-han" (none), "qua-han" (past, not done: overdue), "da-qua" (past, done), "thang-nay" (due this
   * month, not past), "sau" (due after this month). */
  function deadlineState(iso, done, now) {
    now = now || today();
    if (!iso) return "khong-han";
    var due = dueDay(iso);
    if (due < now) return done ? "da-qua" : "qua-han";
    return due.slice(0, 7) === now.slice(0, 7) ? "thang-nay" : "sau";
  }

  function overdue(iso, done, now) { return deadlineState(iso, done, now) === "qua-han"; }

  /* An element with its attributes ("text" is its textContent, never HTML) and children (text or nodes; empty
   * ones left out): how theo-doi.js and tinh-hinh.js build what they draw. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* A count the Vietnamese way, its thousands grouped by dots (188.340), as the build writes them
   * (vietnamese.display_count): not left to the browser's locale data, which may lack Vietnamese. */
  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  window.vbTinhTrang = { today: today, dueDay: dueDay, dueMonth: dueMonth, deadlineState: deadlineState,
    overdue: overdue, el: el, base: BASE, count: count };

  function badge() {
    var b = document.createElement("span");
    b.className = "vb-badge vb-badge--late";
    b.textContent = "Quá hạn";
    return b;
  }

  /* The deadlines the build wrote into a page (the tracker draws its own rows with the same rule). */
  function mark() {
    var now = today(), count = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".vb-deadline[data-iso]"), function (span) {
      if (span.hasAttribute("data-overdue") || span.closest("#vb-theo-doi") ||
        !overdue(span.getAttribute("data-iso"), span.hasAttribute("data-done"), now)) return;
      span.setAttribute("data-overdue", "");
      span.after(badge()); // beside the date, not inside it: a narrow column may put it on the next line
      var row = span.closest("tr");
      if (row) row.classList.add("vb-state-qua-han");
      count++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".vb-overdue-count"), function (out) {
      if (!count) return;
      out.textContent = " · ";
      var strong = document.createElement("strong");
      strong.textContent = window.vbTinhTrang.count(count) + " quá hạn";
      out.appendChild(strong);
      out.hidden = false;
    });
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = BASE + src;
      s.charset = "utf-8";
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  function dashboard() {
    var root = document.getElementById("vb-tinh-hinh");
    if (!root) return;
    load("assets/vendor/chartjs/chart.umd.min.js")
      .then(function () { return load("tinh-hinh/du-lieu.js"); })
      .then(function () { return load("assets/tinh-hinh.js"); })
      .catch(function () {
        root.textContent = "Không tải được biểu đồ. Số liệu có trong các bảng bên dưới.";
      });
  }

  function init() {
    mark();
    dashboard();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
