/* Theo dõi nhiệm vụ: the task tracker (theo-doi/), drawn in the browser from the data scripts that
 * build_scripts/render/tracker.py writes beside the page: chi-muc.js (the core: filter values and what
 * each chunk holds), nhiem-vu-N.js (the tasks, newest document first) and co-quan.js (bodies' names).
 * They are loaded as <script> files (no fetch), so the tracker works from file:// and under a sub-path.
 *
 * The filters live in the address (?co-quan=...&thoi-han=qua-han), so a filtered view can be saved and
 * shared; a filter loads only the chunks that can match it. Rows are drawn a screenful at a time. Whether
 * a deadline has passed is worked out here, against the reader's date. Nothing from a source is parsed as
 * HTML: every string is set with textContent.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? here.replace(/assets\/theo-doi\.js(?:[?#].*)?$/, "") : "";
  var FROM_FILE = location.protocol === "file:";
  var DATA = BASE + "theo-doi/";
  var QUEUE = "vbTheoDoi";
  var BATCH = 40; // rows drawn at a time

  var STATES = [
    ["qua-han", "Đã quá hạn"],
    ["thang-nay", "Đến hạn trong tháng này"],
    ["sau", "Hạn sau tháng này"],
    ["khong-han", "Không ghi thời hạn"],
  ];
  var SORTS = { "van-ban": "Văn bản mới nhất trước", "thoi-han": "Thời hạn gần nhất trước" };
  var PARAMS = ["co-quan", "dia-phuong", "nam", "thoi-han", "loai", "sap-xep"];

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* A name as the body filter compares it (as bodies.search_key does): folded words, "và" left out. */
  function nameKey(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (w) { return w && w !== "va"; }).join(" ");
  }

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

  /* --- dates: "2023", "2023-11", "2023-11-30" --------------------------------------------------- */

  function pad(n) { return String(n).padStart(2, "0"); }

  function todayIso() {
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

  /* "qua-han" (its last day is past), "thang-nay" (due this month), "sau" (later), "khong-han" (none). */
  function deadlineState(iso, today) {
    if (!iso) return "khong-han";
    var due = dueDay(iso);
    if (due < today) return "qua-han";
    return due.slice(0, 7) === today.slice(0, 7) ? "thang-nay" : "sau";
  }

  /* --- data arrives through a queue, from <script> files -------------------------------------- */

  var data = { core: null, chunks: {}, bodies: null, loading: {}, waiting: [] };

  function receive(item) {
    if (!Array.isArray(item)) return;
    if (item[0] === "chi-muc") data.core = item[1];
    else if (item[0] === "nhiem-vu") data.chunks[item[1]] = item[2];
    else if (item[0] === "co-quan") data.bodies = item[1];
  }

  function installQueue() {
    var early = window[QUEUE];
    window[QUEUE] = { push: receive };
    if (Array.isArray(early)) early.forEach(receive);
  }

  function load(name, ready) {
    if (ready()) return Promise.resolve();
    if (!data.loading[name]) {
      data.loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = DATA + name;
        s.charset = "utf-8";
        s.async = true;
        s.onload = function () { return ready() ? resolve() : reject(new Error(name)); };
        s.onerror = function () { reject(new Error(name)); };
        document.head.appendChild(s);
      });
    }
    return data.loading[name];
  }

  function loadChunk(n) {
    return load("nhiem-vu-" + n + ".js", function () { return !!data.chunks[n]; });
  }

  function loadBodies() {
    return load("co-quan.js", function () { return !!data.bodies; });
  }

  /* A page of the site as a link: "van-ban/x/" from file:// is the folder's index.html. */
  function pageHref(pattern, id, anchor) {
    var href = BASE + pattern.replace("{}", id);
    if (FROM_FILE && href.endsWith("/")) href += "index.html";
    return anchor ? href + "#" + anchor : href;
  }

  /* --- the tracker ------------------------------------------------------------------------------ */

  function Tracker(root) {
    this.root = root;
    this.today = todayIso();
    var params = new URLSearchParams(location.search);
    this.filters = {};
    PARAMS.forEach(function (p) { this.filters[p] = params.get(p) || ""; }, this);
    this.matches = [];
    this.drawn = 0;
    this.ticket = 0;
  }

  Tracker.prototype.start = function () {
    var self = this;
    load("chi-muc.js", function () { return !!data.core; }).then(function () {
      self.core = data.core;
      self.buildForm();
      self.buildTable();
      self.run();
    }).catch(function () {
      self.root.replaceChildren(el("p", { text: "Không tải được dữ liệu theo dõi nhiệm vụ. Hãy tải lại trang." }));
    });
  };

  /* --- the filters -------------------------------------------------------------------------- */

  function select(name, label, options) {
    var s = el("select", { name: name, id: "vb-loc-" + name });
    s.appendChild(el("option", { value: "", text: "Tất cả" }));
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0], text: o[1] })); });
    return el("div", { className: "vb-filter" }, [el("label", { "for": "vb-loc-" + name, text: label }), s]);
  }

  Tracker.prototype.buildForm = function () {
    var core = this.core, self = this;
    var body = el("input", { type: "search", name: "co-quan", id: "vb-loc-co-quan", list: "vb-co-quan-ds",
      autocomplete: "off", placeholder: "Tên cơ quan, ví dụ: UBND, Mặt trận" });
    var fields = el("div", { className: "vb-filters__fields" }, [
      el("div", { className: "vb-filter vb-filter--wide" }, [
        el("label", { "for": "vb-loc-co-quan", text: "Cơ quan" }), body,
        el("datalist", { id: "vb-co-quan-ds" })]),
      select("thoi-han", "Thời hạn", STATES),
      select("nam", "Năm của thời hạn", core.years.map(function (y) { return [y, y]; })),
      select("dia-phuong", "Địa phương", core.localities.map(function (v) { return [v, v]; })),
      select("loai", "Loại văn bản", core.types.map(function (v) { return [v, v]; })),
      select("sap-xep", "Sắp xếp", []),
    ]);
    var sort = fields.querySelector("select[name=sap-xep]");
    sort.replaceChildren();
    Object.keys(SORTS).forEach(function (k) { sort.appendChild(el("option", { value: k, text: SORTS[k] })); });
    var clear = el("button", { type: "button", className: "vb-filters__clear", text: "Bỏ mọi bộ lọc" });
    this.count = el("p", { className: "vb-count", role: "status", "aria-live": "polite" });
    this.summaryText = el("span", { className: "vb-filters__chosen" });
    this.form = el("form", { className: "vb-filters", role: "search", "aria-label": "Lọc nhiệm vụ" }, [fields, clear]);
    this.details = el("details", { className: "vb-filters-box" }, [
      el("summary", null, [el("span", { text: "Bộ lọc" }), " ", this.summaryText]), this.form]);
    this.details.open = window.matchMedia("(min-width: 45em)").matches;
    this.root.replaceChildren(this.details, this.count);
    this.controls = {};
    Array.prototype.forEach.call(this.form.elements, function (c) { if (c.name) self.controls[c.name] = c; });
    PARAMS.forEach(function (p) {
      var c = self.controls[p];
      if (c.tagName === "SELECT" && self.filters[p] && !Array.prototype.some.call(c.options,
        function (o) { return o.value === self.filters[p]; })) {
        c.appendChild(el("option", { value: self.filters[p], text: self.filters[p] }));
      }
      c.value = self.filters[p] || (p === "sap-xep" ? "van-ban" : "");
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    var timer = null;
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.changed(); }, 250);
    });
    clear.addEventListener("click", function () {
      PARAMS.forEach(function (p) { self.controls[p].value = p === "sap-xep" ? "van-ban" : ""; });
      self.changed();
    });
  };

  Tracker.prototype.bodiesReady = function () {
    if (this.root.hasAttribute("data-bodies")) return;
    var list = document.getElementById("vb-co-quan-ds");
    var names = {}, known = data.bodies.bodies;
    Object.keys(known).forEach(function (id) { names[known[id]] = true; });
    Object.keys(names).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (n) {
      list.appendChild(el("option", { value: n }));
    });
    // a body chosen by its id (a body's page links here so) shows under its name
    var chosen = this.filters["co-quan"];
    if (chosen && known[chosen] && this.controls["co-quan"].value === chosen) {
      this.controls["co-quan"].value = known[chosen];
    }
    this.root.setAttribute("data-bodies", "");
  };

  /* The body the filter names (co-quan.js, from the build: bodies.py and data/organisations.yml):
   * {ids} for a body's id (a kind's id stands for its bodies, "<kind>--<place>") or canonical name;
   * {kinds} for any name of a kind ("mat tran", "MTTQ", "Ủy ban MTTQ"), a group's members' kinds
   * included; {text} for other words, looked for in the names as written and the bodies' names. */
  Tracker.prototype.bodyFilter = function () {
    var value = this.filters["co-quan"].trim();
    if (!value) return null;
    var known = data.bodies || { bodies: {}, names: {}, groups: {} };
    var ids = Object.keys(known.bodies);
    if (/^[a-z0-9]+(?:-+[a-z0-9]+)+$/.test(value) && (!data.bodies || known.bodies[value] ||
      ids.some(function (id) { return id.indexOf(value + "--") === 0; }))) {
      return { ids: [value] };
    }
    var named = ids.filter(function (id) { return known.bodies[id] === value; });
    if (named.length) return { ids: named };
    var key = nameKey(value), kinds = known.names[key];
    if (kinds) {
      var set = {};
      kinds.forEach(function (k) {
        set[k] = true;
        (known.groups[k] || []).forEach(function (m) { set[m] = true; });
      });
      return { kinds: set };
    }
    return { text: " " + key };
  };

  /* The kinds of the body an assignee's id names: its own, and its members' for a group. */
  function kindsOf(id) {
    var kind = id.split("--")[0];
    return [kind].concat((data.bodies && data.bodies.groups[kind]) || []);
  }

  Tracker.prototype.changed = function () {
    var self = this;
    PARAMS.forEach(function (p) { self.filters[p] = self.controls[p].value.trim(); });
    if (this.filters["sap-xep"] === "van-ban") this.filters["sap-xep"] = "";
    // a canonical name typed or picked: the address carries the body's id, which stays valid
    var body = this.bodyFilter();
    var address = Object.assign({}, this.filters);
    if (body && body.ids && body.ids.length === 1) address["co-quan"] = body.ids[0];
    this.saveUrl(address);
    this.run();
  };

  Tracker.prototype.saveUrl = function (filters) {
    var params = new URLSearchParams();
    PARAMS.forEach(function (p) { if (filters[p]) params.set(p, filters[p]); });
    var search = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (e) { /* some browsers refuse history changes on file:// */ }
  };

  /* --- which chunks, which rows ---------------------------------------------------------------- */

  /* Chunks that can hold a match, from the core's summary of each. */
  Tracker.prototype.chunksFor = function () {
    var f = this.filters, core = this.core, year = this.today.slice(0, 4);
    var locality = core.localities.indexOf(f["dia-phuong"]), type = core.types.indexOf(f.loai);
    var out = [];
    core.chunks.forEach(function (c, n) {
      if (f["dia-phuong"] && c.l.indexOf(locality) < 0) return;
      if (f.loai && c.k.indexOf(type) < 0) return;
      if (f.nam && c.y.indexOf(f.nam) < 0) return;
      var years = c.y.filter(Boolean);
      if (f["thoi-han"] === "khong-han" && c.y.indexOf("") < 0) return;
      if (f["thoi-han"] === "qua-han" && !years.some(function (y) { return y <= year; })) return;
      if (f["thoi-han"] === "thang-nay" && years.indexOf(year) < 0) return;
      if (f["thoi-han"] === "sau" && !years.some(function (y) { return y >= year; })) return;
      out.push(n);
    });
    return out;
  };

  Tracker.prototype.test = function (chunk, row, body) {
    var f = this.filters, doc = chunk.d[row[0]];
    if (f["dia-phuong"] && doc[3] !== f["dia-phuong"]) return false;
    if (f.loai && doc[4] !== f.loai) return false;
    if (f.nam && (!row[6] || row[6].slice(0, 4) !== f.nam)) return false;
    if (f["thoi-han"] && deadlineState(row[6], this.today) !== f["thoi-han"]) return false;
    if (body) {
      var people = row[4].concat(row[5]);
      if (body.ids) {
        return people.some(function (p) {
          return p[1] && body.ids.some(function (id) { return p[1] === id || p[1].indexOf(id + "--") === 0; });
        });
      }
      if (body.kinds) {
        return people.some(function (p) { return p[1] && kindsOf(p[1]).some(function (k) { return body.kinds[k]; }); });
      }
      var names = people.map(function (p) { return p[0] + " " + (p[1] && data.bodies ? data.bodies.bodies[p[1]] || "" : ""); });
      return (" " + nameKey(names.join(" ")) + " ").indexOf(body.text) >= 0;
    }
    return true;
  };

  /* Loads the chunks a filter needs, in order, showing the matches of each as it arrives. */
  Tracker.prototype.run = function () {
    var self = this;
    if (this.filters["co-quan"] && !data.bodies) { // the filter reads the bodies' names: they come first
      var waiting = ++this.ticket;
      loadBodies().then(function () { self.bodiesReady(); }).catch(function () {}).then(function () {
        if (waiting === self.ticket) self.load();
      });
      return;
    }
    this.load();
  };

  Tracker.prototype.load = function () {
    var self = this, ticket = ++this.ticket;
    var wanted = this.chunksFor(), body = this.bodyFilter();
    var sorted = !!this.filters["sap-xep"];
    this.matches = [];
    this.drawn = 0;
    this.tbody.replaceChildren();
    this.root.removeAttribute("data-ready");
    this.showSummary();
    this.say(wanted.length ? "Đang tải nhiệm vụ…" : "");
    var step = Promise.resolve();
    wanted.forEach(function (n) {
      step = step.then(function () { return loadChunk(n); }).then(function () {
        if (ticket !== self.ticket) return;
        var chunk = data.chunks[n];
        chunk.t.forEach(function (row) { if (self.test(chunk, row, body)) self.matches.push([chunk, row]); });
        if (!sorted) self.fill();
      });
    });
    step.then(function () {
      if (ticket !== self.ticket) return;
      // the bodies' names (suggestions, and the name of a body chosen by its id): after the first screen
      if (!data.loading["co-quan.js"]) loadBodies().then(function () { self.bodiesReady(); }).catch(function () {});
      if (sorted) self.sortMatches();
      self.fill();
      self.say(null);
      self.root.setAttribute("data-ready", self.query());
    }).catch(function () {
      if (ticket === self.ticket) self.say("Không tải được một phần dữ liệu. Hãy tải lại trang.");
    });
    // the first chunk is loaded first and alone: the first screen does not wait for the rest
  };

  Tracker.prototype.query = function () {
    var f = this.filters;
    return PARAMS.filter(function (p) { return f[p]; }).map(function (p) { return p + "=" + f[p]; }).join("&");
  };

  Tracker.prototype.sortMatches = function () {
    var key = function (m) { return m[1][6] ? dueDay(m[1][6]) : "9999"; };
    this.matches.forEach(function (m, i) { m.order = i; });
    this.matches.sort(function (a, b) { return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.order - b.order; });
  };

  Tracker.prototype.say = function (loading) {
    var n = this.matches.length, total = this.core.total;
    var text = n + " / " + total + " nhiệm vụ";
    if (loading) text = loading + " " + n + " nhiệm vụ khớp đến nay.";
    else if (loading === null) text = (n === total ? "Tất cả " + total + " nhiệm vụ." : n + " trong " + total +
      " nhiệm vụ khớp với bộ lọc.") + (n > this.drawn ? " Cuộn xuống để xem tiếp." : "");
    this.count.textContent = text;
  };

  Tracker.prototype.showSummary = function () {
    var f = this.filters, chosen = 0;
    PARAMS.forEach(function (p) { if (f[p] && p !== "sap-xep") chosen++; });
    this.summaryText.textContent = chosen ? "(" + chosen + " đang chọn)" : "";
  };

  /* --- drawing: the same markup as a document's task table (a table, or cards on a phone) --------- */

  var COLUMNS = [
    ["doc", "Văn bản"], ["number", "Số"], ["summary", "Nội dung"], ["lead", "Chủ trì / thực hiện"],
    ["support", "Phối hợp"], ["deadline", "Thời hạn"], ["locality", "Địa phương"],
  ];
  var LABELED = { lead: true, support: true, deadline: true, locality: true };

  Tracker.prototype.buildTable = function () {
    var head = el("tr"), empty = this.core.empty || [];
    this.columns = COLUMNS.filter(function (c) { return empty.indexOf(c[0]) < 0; });
    this.columns.forEach(function (c, i) {
      // the mark that the stylesheet finds task tables by (the class-less table keeps the theme's style)
      head.appendChild(el("th", { scope: "col" }, [i ? c[1] : el("span", { className: "vb-tasks-mark", text: c[1] })]));
    });
    this.tbody = el("tbody");
    this.table = el("table", { "data-vb-tracker": "" }, [el("thead", null, [head]), this.tbody]);
    this.more = el("button", { type: "button", className: "md-button vb-more", text: "Xem thêm nhiệm vụ" });
    this.more.hidden = true;
    var self = this;
    this.more.addEventListener("click", function () { self.fill(true); });
    this.root.appendChild(el("div", { className: "vb-tracker-wrap" }, [this.table]));
    this.root.appendChild(this.more);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) self.fill(true);
      }, { rootMargin: "600px" }).observe(this.more);
    }
  };

  /* Draws the next batch of rows: the first screenful at once, more as the reader scrolls. */
  Tracker.prototype.fill = function (more) {
    var target = Math.max(BATCH, more ? this.drawn + BATCH : this.drawn);
    var end = Math.min(this.matches.length, target);
    var frag = document.createDocumentFragment();
    for (var i = this.drawn; i < end; i++) frag.appendChild(this.row(this.matches[i][0], this.matches[i][1]));
    this.tbody.appendChild(frag);
    var first = this.drawn === 0 && end > 0;
    this.drawn = end;
    this.more.hidden = this.drawn >= this.matches.length;
    if (first && !this.marked && window.performance && performance.mark) {
      this.marked = true;
      performance.mark("vb-theo-doi"); // the first screen is drawn (the benchmark reads it)
    }
    if (this.drawn > 0 || !this.matches.length) this.root.setAttribute("data-drawn", String(this.drawn));
  };

  function labelled(key, content) {
    var td = el("td", { className: "vb-col-" + key });
    if (!content || (content.childNodes && !content.childNodes.length)) return td;
    if (LABELED[key]) td.appendChild(el("span", { className: "vb-label", text: COLUMNS.filter(function (c) {
      return c[0] === key; })[0][1] + ": " }));
    td.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
    return td;
  }

  Tracker.prototype.people = function (list) {
    var frag = document.createDocumentFragment();
    list.forEach(function (p, i) {
      if (i) frag.appendChild(document.createTextNode("; "));
      if (p[1]) {
        var a = el("a", { href: pageHref(data.core.pages.body, p[1]), text: p[0] });
        var full = data.bodies && data.bodies.bodies[p[1]];
        if (full && full !== p[0]) a.title = full;
        frag.appendChild(a);
      } else frag.appendChild(document.createTextNode(p[0]));
    });
    return frag;
  };

  Tracker.prototype.row = function (chunk, r) {
    var doc = chunk.d[r[0]], pages = this.core.pages, empty = this.core.empty || [];
    var state = deadlineState(r[6], this.today);
    var tr = el("tr", { className: "vb-state-" + state });
    var cells = this.cells(chunk, r, doc, pages, state);
    COLUMNS.forEach(function (c, i) { if (empty.indexOf(c[0]) < 0) tr.appendChild(cells[i]); });
    return tr;
  };

  Tracker.prototype.cells = function (chunk, r, doc, pages, state) {
    var tr = { cells: [], appendChild: function (td) { this.cells.push(td); } };
    tr.appendChild(labelled("doc", el("a", { href: pageHref(pages.document, doc[0]), title: doc[2], text: doc[1] })));
    tr.appendChild(labelled("number", el("a", { href: pageHref(pages.document, doc[0], r[2]),
      text: r[1] || "—", "aria-label": "Nhiệm vụ " + (r[1] || "") + " trong văn bản " + doc[1] })));
    tr.appendChild(labelled("summary", r[3]));
    tr.appendChild(labelled("lead", this.people(r[4])));
    tr.appendChild(labelled("support", this.people(r[5])));
    var deadline = null;
    if (r[6]) {
      deadline = el("span", { className: "vb-deadline", "data-iso": r[6] }, [r[7]]);
      if (state === "qua-han") deadline.appendChild(el("span", { className: "vb-badge vb-badge--late", text: "Quá hạn" }));
      if (state === "thang-nay") deadline.appendChild(el("span", { className: "vb-badge vb-badge--soon", text: "Tháng này" }));
    }
    tr.appendChild(labelled("deadline", deadline));
    tr.appendChild(labelled("locality", doc[3] || ""));
    return tr.cells;
  };

  /* --- start ------------------------------------------------------------------------------------ */

  installQueue();
  window.vbTheoDoiState = deadlineState; // for the tests: the same rule the rows are marked by

  function init() {
    var root = document.getElementById("vb-theo-doi");
    if (root) new Tracker(root).start();
  }

  // the page preloads the core and the first chunk (tracker.py): run them now, beside the theme's scripts
  if (document.getElementById("vb-theo-doi")) {
    load("chi-muc.js", function () { return !!data.core; }).catch(function () {});
    if (!location.search) loadChunk(0).catch(function () {});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
