/* Tình hình thực hiện (tinh-hinh/): the dashboard, drawn from the counts the build wrote in
 * tinh-hinh/du-lieu.js with Chart.js (assets/vendor/chartjs/, loaded by tinh-trang.js before this file).
 *
 * Each chart stands beside a table of the same numbers (for screen readers, print, and readers who
 * would rather read), each count a link to the tracker filtered to those tasks; a click on a bar
 * opens the same link, with the tracker's own filters (theo-doi.js: dia-phuong, loai-co-quan, tinh-trang,
 * thoi-han, thang). Overdue is the one rule of tinh-trang.js, against the reader's date: not done, and the
 * last day of the deadline has passed. Labels from the sources are set with textContent only. */
(function () {
  "use strict";

  var T = window.vbTinhTrang;
  var root = document.getElementById("vb-tinh-hinh");
  var queue = window.vbTinhHinh; // [["du-lieu", data]], pushed by tinh-hinh/du-lieu.js (datascript.py)
  var item = Array.isArray(queue) ? queue.filter(function (q) { return q && q[0] === "du-lieu"; }).pop() : null;
  var data = item ? item[1] : null;
  if (!root || !T || !data || !window.Chart) return;

  var Chart = window.Chart;
  var FROM_FILE = location.protocol === "file:";
  var TODAY = T.today();
  var MONTHS = 12; // the coming months drawn, this one included
  var TOP = 12; // localities or kinds drawn; the table lists them all
  // colours that keep apart for colour-blind readers, each at least 3:1 against white
  var COLOURS = { "da-hoan-thanh": "#2e7d32", "dang-thuc-hien": "#1565c0", "chua-thuc-hien": "#b35900",
    "chua-bao-cao": "#767676", "qua-han": "#c62828", "co-han": "#1565c0", "khong-han": "#767676" };
  var DONE = "da-hoan-thanh";
  var states = data.states; // [[slug, label], ...]

  var el = T.el; // tinh-trang.js: text as textContent, never HTML

  /* The tracker filtered: "theo-doi/?dia-phuong=Đà Lạt&tinh-trang=qua-han". */
  function tracker(parts) {
    var params = new URLSearchParams();
    parts.forEach(function (p) {
      if (!p) return;
      var i = p.indexOf("=");
      params.append(p.slice(0, i), p.slice(i + 1));
    });
    var q = params.toString();
    return T.base + "theo-doi/" + (FROM_FILE ? "index.html" : "") + (q ? "?" + q : "");
  }

  function isOverdue(stateIndex, due) {
    return T.overdue(due, states[stateIndex][0] === DONE, TODAY);
  }

  var number = T.count; // 188.340, as every page writes a count (tinh-trang.js)

  /* A long name on the chart's axis, in lines that a phone's width leaves room for (the table has it whole). */
  function lines(label) {
    var width = root.clientWidth < 500 ? 16 : 30, out = [""];
    String(label).split(" ").forEach(function (word) {
      var last = out[out.length - 1];
      if (last && (last + " " + word).length > width) out.push(word);
      else out[out.length - 1] = last ? last + " " + word : word;
    });
    return out.length > 3 ? out.slice(0, 2).concat([out[2] + " …"]) : out;
  }

  function countLink(n, href, label) {
    if (!n) return "0";
    return el("a", { href: href, text: number(n), "aria-label": number(n) + " nhiệm vụ " + label });
  }

  /* --- numbers ----------------------------------------------------------------------------------- */

  /* Per group: counts per state, overdue, total. */
  function tally(group) {
    var out = group.labels.map(function () { return { states: states.map(function () { return 0; }), late: 0, total: 0 }; });
    group.rows.forEach(function (r) {
      var t = out[r[0]];
      t.states[r[1]] += r[3];
      t.total += r[3];
      if (isOverdue(r[1], r[2])) t.late += r[3];
    });
    return out;
  }

  var all = { states: states.map(function () { return 0; }), late: 0, noDeadline: 0 };
  data.deadlines.forEach(function (r) {
    all.states[r[0]] += r[2];
    if (isOverdue(r[0], r[1])) all.late += r[2];
    if (!r[1]) all.noDeadline += r[2];
  });

  /* --- layout ------------------------------------------------------------------------------------ */

  function figure(id, title, note, height) {
    var canvas = el("canvas", { role: "img", "aria-label": title + ": biểu đồ; số liệu trong bảng bên cạnh" });
    var box = el("div", { className: "vb-chart__canvas" }, [canvas]);
    box.style.height = height + "px";
    var table = el("div", { className: "vb-chart__table" });
    var fig = el("figure", { className: "vb-chart", id: id }, [
      el("figcaption", null, [el("h2", { text: title }), note ? el("p", { className: "vb-chart__note", text: note }) : null]),
      el("div", { className: "vb-chart__body" }, [box, table]),
    ]);
    root.appendChild(fig);
    return { canvas: canvas, table: table };
  }

  /* A table of the chart's numbers. With ``cards`` (rows named at length: localities, kinds of body), on a phone
   * each row is a card (luu-tru.css): its name, then each number beside its column's name, which a cell carries
   * (data-label) for the card to show; a month's row, short, stays a row. */
  function table(caption, heads, rows, cards) {
    var thead = el("thead", null, [el("tr", null, heads.map(function (h, i) {
      return el("th", { scope: "col", className: i ? "vb-num" : "" , text: h });
    }))]);
    var tbody = el("tbody", null, rows.map(function (r) {
      return el("tr", null, r.map(function (c, i) {
        return i ? el("td", { className: "vb-num", "data-label": heads[i] }, [c]) : el("th", { scope: "row" }, [c]);
      }));
    }));
    return el("table", { className: "vb-chart-data" + (cards ? " vb-chart-data--cards" : "") },
      [el("caption", { text: caption }), thead, tbody]);
  }

  /* A count's axis: whole numbers, written as every count of the site is (1.500, not 1,500). */
  var counted = { precision: 0, callback: function (v) { return number(v); } };

  var charts = {};
  window.vbTinhHinhCharts = charts; // for the tests: where each bar is drawn

  function draw(id, canvas, config, linkOf) {
    config.options = Object.assign({
      responsive: true, maintainAspectRatio: false, animation: false,
      locale: "vi-VN", // the tooltips' numbers: 1.500 (a count's axis writes its own: `counted`, above)
      onClick: function (evt, elements) {
        if (!elements.length) return;
        var href = linkOf(elements[0].datasetIndex, elements[0].index);
        if (href) location.href = href;
      },
      onHover: function (evt, elements) {
        evt.native.target.style.cursor = elements.length && linkOf(elements[0].datasetIndex, elements[0].index) ? "pointer" : "default";
      },
    }, config.options || {});
    charts[id] = new Chart(canvas, config);
    charts[id].vbLink = linkOf;
  }

  /* --- the summary ----------------------------------------------------------------------------- */

  function summary() {
    var total = data.total;
    var tiles = [["Tổng số nhiệm vụ", total, tracker([]), ""]];
    states.forEach(function (s, i) { tiles.push([s[1], all.states[i], tracker(["tinh-trang=" + s[0]]), s[0]]); });
    tiles.push(["Quá hạn", all.late, tracker(["thoi-han=qua-han"]), "qua-han"]);
    tiles.push(["Không ghi thời hạn", all.noDeadline, tracker(["thoi-han=khong-han"]), "khong-han"]);
    root.appendChild(el("ul", { className: "vb-tiles", "aria-label": "Tóm tắt" }, tiles.map(function (t) {
      var share = total && t[3] ? " (" + Math.round(100 * t[1] / total) + "%)" : "";
      return el("li", { className: "vb-tile" + (t[3] ? " vb-tile--" + t[3] : "") }, [
        el("a", { href: t[2] }, [el("span", { className: "vb-tile__n", text: number(t[1]) }),
          el("span", { className: "vb-tile__label", text: t[0] + share })])]);
    })));
  }

  /* --- by locality, by kind of body ------------------------------------------------------------- */

  function byGroup(key, id, what) {
    var group = data.groups[key];
    var counts = tally(group);
    var shown = group.labels.slice(0, TOP);
    var rest = group.labels.length - shown.length;
    var f = figure(id, group.title, rest > 0 ? "Biểu đồ vẽ " + TOP + " " + what + " nhiều nhiệm vụ nhất; bảng liệt kê cả " +
      group.labels.length + "." : "", 70 + shown.length * Math.max(34, 8 + 15 * Math.max.apply(null,
      shown.map(function (label) { return lines(label).length; }).concat([1]))));
    var query = function (i) { return group.queries[i] ? [group.queries[i]] : null; };
    var datasets = states.map(function (s, si) {
      return { label: s[1], data: shown.map(function (_, gi) { return counts[gi].states[si]; }),
        backgroundColor: COLOURS[s[0]], stack: "s" };
    });
    draw(id, f.canvas, {
      type: "bar", data: { labels: shown, datasets: datasets },
      options: { indexAxis: "y", scales: { x: { stacked: true, ticks: counted },
        y: { stacked: true, ticks: { autoSkip: false, callback: function (v) { return lines(this.getLabelForValue(v)); } } } },
        plugins: { legend: { position: "bottom" } } },
    }, function (si, gi) {
      var q = query(gi);
      return q ? tracker(q.concat(["tinh-trang=" + states[si][0]])) : null;
    });
    var heads = [what.charAt(0).toUpperCase() + what.slice(1)].concat(states.map(function (s) { return s[1]; }), ["Quá hạn", "Tổng"]);
    var rows = group.labels.map(function (label, gi) {
      var q = query(gi);
      var cells = [label];
      states.forEach(function (s, si) {
        cells.push(q ? countLink(counts[gi].states[si], tracker(q.concat(["tinh-trang=" + s[0]])), s[1] + " ở " + label) :
          number(counts[gi].states[si]));
      });
      cells.push(q ? countLink(counts[gi].late, tracker(q.concat(["thoi-han=qua-han"])), "quá hạn ở " + label) : number(counts[gi].late));
      cells.push(q ? countLink(counts[gi].total, tracker(q), "ở " + label) : number(counts[gi].total));
      return cells;
    });
    f.table.appendChild(table(group.title, heads, rows, true));
  }

  /* --- by deadline month ------------------------------------------------------------------------ */

  function monthLabel(ym) { return "T" + Number(ym.slice(5, 7)) + "/" + ym.slice(0, 4); }

  function byMonth() {
    var months = [], y = Number(TODAY.slice(0, 4)), m = Number(TODAY.slice(5, 7));
    for (var k = 0; k < MONTHS; k++) {
      months.push(y + "-" + String(m).padStart(2, "0"));
      m++;
      if (m > 12) { m = 1; y++; }
    }
    var buckets = [{ label: "Quá hạn", key: "qua-han" }].concat(months.map(function (ym) { return { label: monthLabel(ym), key: ym }; }));
    var counts = buckets.map(function () { return states.map(function () { return 0; }); });
    var later = 0;
    data.deadlines.forEach(function (r) {
      var due = r[1];
      if (!due) return;
      if (isOverdue(r[0], due)) { counts[0][r[0]] += r[2]; return; }
      var b = months.indexOf(T.dueMonth(due));
      if (b >= 0) counts[b + 1][r[0]] += r[2];
      else if (due.slice(0, 7) > months[months.length - 1]) later += r[2];
    });
    var thisMonth = months[0];
    function link(bi, si) {
      var s = "tinh-trang=" + states[si][0];
      if (bi === 0) return tracker(["thoi-han=qua-han", s]);
      var ym = buckets[bi].key;
      var parts = ["thang=" + ym, s];
      if (ym === thisMonth && states[si][0] !== DONE) parts.push("thoi-han=thang-nay");
      return tracker(parts);
    }
    var f = figure("vb-theo-thang", "Nhiệm vụ theo tháng đến hạn",
      "Cột đầu: các nhiệm vụ chưa hoàn thành đã quá hạn; tiếp theo: " + MONTHS + " tháng tới, tính từ tháng này" +
      (later ? "; " + number(later) + " nhiệm vụ có hạn sau đó" : "") + ". Nhiệm vụ không ghi thời hạn không có ở đây.", 320);
    draw("vb-theo-thang", f.canvas, {
      type: "bar",
      data: { labels: buckets.map(function (b) { return b.label; }), datasets: states.map(function (s, si) {
        return { label: s[1], data: counts.map(function (c) { return c[si]; }), backgroundColor: COLOURS[s[0]], stack: "s" };
      }) },
      options: { scales: { x: { stacked: true, ticks: { color: function (ctx) { return ctx.index === 0 ? COLOURS["qua-han"] : "#3d3d3d"; } } },
        y: { stacked: true, ticks: counted } }, plugins: { legend: { position: "bottom" } } },
    }, function (si, bi) { return counts[bi][si] ? link(bi, si) : null; });
    var heads = ["Tháng đến hạn"].concat(states.map(function (s) { return s[1]; }), ["Tổng"]);
    f.table.appendChild(table("Nhiệm vụ theo tháng đến hạn", heads, buckets.map(function (b, bi) {
      var sum = counts[bi].reduce(function (a, n) { return a + n; }, 0);
      return [b.label].concat(states.map(function (s, si) { return countLink(counts[bi][si], link(bi, si), s[1] + ", " + b.label); }),
        [number(sum)]);
    })));
  }

  /* --- no deadline ------------------------------------------------------------------------------ */

  function noDeadline() {
    var total = data.total, none = all.noDeadline, some = total - none;
    var f = figure("vb-thoi-han", "Nhiệm vụ có và không ghi thời hạn",
      total ? Math.round(100 * none / total) + "% nhiệm vụ không ghi thời hạn: không thể nói chúng quá hạn hay chưa." : "", 240);
    var links = [tracker(["thoi-han=khong-han"]), null];
    var labels = ["Không ghi thời hạn", "Có thời hạn"];
    draw("vb-thoi-han", f.canvas, {
      type: "doughnut",
      data: { labels: labels, datasets: [{ data: [none, some], backgroundColor: [COLOURS["khong-han"], COLOURS["co-han"]] }] },
      options: { plugins: { legend: { position: "bottom" } } },
    }, function (_si, i) { return links[i]; });
    f.table.appendChild(table("Nhiệm vụ có và không ghi thời hạn", ["Thời hạn", "Số nhiệm vụ", "Tỷ lệ"], [
      [labels[0], countLink(none, links[0], "không ghi thời hạn"), total ? Math.round(100 * none / total) + "%" : "—"],
      [labels[1], number(some), total ? Math.round(100 * some / total) + "%" : "—"],
    ]));
  }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#3d3d3d";
  root.replaceChildren();
  summary();
  byGroup("dia-phuong", "vb-theo-dia-phuong", "địa phương");
  byGroup("co-quan", "vb-theo-co-quan", "loại cơ quan");
  byMonth();
  noDeadline();
  var fallback = document.querySelector(".vb-tinh-hinh-static");
  if (fallback) fallback.hidden = true; // the same numbers are in the tables beside the charts
  root.setAttribute("data-ready", TODAY);
})();
