/* Tình trạng nhiệm vụ: on every page, the deadlines of tasks not done that have passed are marked
 * "Quá hạn", against the reader's date (the site is static: no build knows today). A deadline is
 * written by the build as <span class="vb-deadline" data-iso="2024-03"> with data-done on a task the
 * office reports done. A body page's count of overdue tasks is filled in here too.
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

  /* Overdue: not done, and the last day of the deadline is before today. */
  function overdue(iso, done, now) {
    return !!iso && !done && dueDay(iso) < (now || today());
  }

  window.vbTinhTrang = { today: today, dueDay: dueDay, overdue: overdue, base: BASE };

  function badge() {
    var b = document.createElement("span");
    b.className = "vb-badge vb-badge--late";
    b.textContent = "Quá hạn";
    return b;
  }

  function mark() {
    var now = today(), count = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".vb-deadline[data-iso]"), function (span) {
      if (span.hasAttribute("data-overdue") || !overdue(span.getAttribute("data-iso"), span.hasAttribute("data-done"), now)) return;
      span.setAttribute("data-overdue", "");
      span.appendChild(document.createTextNode(" "));
      span.appendChild(badge());
      var row = span.closest("tr");
      if (row) row.classList.add("vb-overdue");
      count++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".vb-overdue-count"), function (out) {
      if (!count) return;
      out.textContent = " · ";
      var strong = document.createElement("strong");
      strong.textContent = count + " quá hạn";
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
