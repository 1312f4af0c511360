/* Theo dõi nhiệm vụ: the task tracker (theo-doi/), drawn in the browser from the data scripts that
 * build_scripts/writers/pages/tracker.py writes beside the page: chi-muc.js (the core: filter values),
 * nhiem-vu-N.js (the tasks, newest document first), tom-tat.js (what each chunk holds, loaded once a filter
 * is chosen) and co-quan.js (bodies' names, and the chunks each body's rows are in: a body filter reads only
 * those).
 * They are loaded as <script> files (no fetch), so the tracker works from file:// and under a sub-path.
 *
 * The filters live in the address (?co-quan=...&thoi-han=qua-han&tinh-trang=dang-thuc-hien), so a filtered
 * view can be saved and shared, and the dashboard (tinh-hinh/) and the body pages link to one; a filter loads
 * only the chunks that can match it. Rows are drawn a screenful at a time, and in document order a chunk is
 * loaded only when its rows are to be drawn: what a reader downloads does not grow with the archive (the count
 * of a filtered view is then known once every chunk that can match is read: the page says so, and offers to
 * count them). A view sorted by deadline reads the chunks in the order of their earliest deadline (their
 * summaries tell it), and draws a row once no unread chunk can hold an earlier one. Whether a task is overdue is
 * worked out against the reader's date by the one rule of assets/tinh-trang.js (loaded before this file):
 * not done, and its deadline passed. Nothing from a source or the office's status file is parsed as HTML:
 * every string is set with textContent.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? here.replace(/assets\/theo-doi\.js(?:[?#].*)?$/, "") : "";
  var FROM_FILE = location.protocol === "file:";
  var DATA = BASE + "theo-doi/";
  var QUEUE = "vbTheoDoi";
  var BATCH = 40; // rows drawn at a time
  var T = window.vbTinhTrang; // the overdue rule (assets/tinh-trang.js)

  var STATES = [ // the deadline's state: T.deadlineState
    ["qua-han", "Đã quá hạn (chưa hoàn thành)"],
    ["thang-nay", "Đến hạn trong tháng này"],
    ["sau", "Hạn sau tháng này"],
    ["da-qua", "Hạn đã qua, đã hoàn thành"],
    ["khong-han", "Không ghi thời hạn"],
  ];
  var DONE = "da-hoan-thanh", NO_REPORT = "chua-bao-cao";
  // the state the office reports (the core's "states"), and two that read it with the deadline
  var MORE_STATUS = [["chua-xong", "Chưa hoàn thành"], ["qua-han", "Quá hạn"]];
  var SORTS = { "van-ban": "Văn bản mới nhất trước", "thoi-han": "Thời hạn gần nhất trước" };
  var PARAMS = ["co-quan", "dia-phuong", "nam", "thoi-han", "loai", "tinh-trang", "thang", "loai-co-quan", "sap-xep"];

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* A name as the body filter compares it (as bodies.search_key does): folded words, "và" left out. */
  function nameKey(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (w) { return w && w !== "va"; }).join(" ");
  }

  var el = T.el; // tinh-trang.js: text as textContent, never HTML

  /* "tháng 3/2024" for "2024-03" */
  function monthLabel(ym) { return "tháng " + Number(ym.slice(5, 7)) + "/" + ym.slice(0, 4); }

  /* --- data arrives through a queue, from <script> files -------------------------------------- */

  var data = { core: null, chunks: {}, summaries: null, bodies: null, loading: {}, waiting: [] };

  function receive(item) {
    if (!Array.isArray(item)) return;
    if (item[0] === "chi-muc") data.core = item[1];
    else if (item[0] === "nhiem-vu") data.chunks[item[1]] = item[2];
    else if (item[0] === "co-quan") data.bodies = item[1];
    else if (item[0] === "tom-tat") data.summaries = item[1];
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

  /* A chunk's rows, packed by the build (assets/giai-nen.js unpacks them), once. */
  function loadChunk(n) {
    var name = "nhiem-vu-" + n;
    if (!data.loading[name]) {
      data.loading[name] = load(name + ".js", function () { return !!data.chunks[n]; })
        .then(function () { return window.vbGiaiNen.unpack(data.chunks[n]); })
        .then(function (chunk) { data.chunks[n] = chunk; });
    }
    return data.loading[name];
  }

  function loadSummaries() {
    return load("tom-tat.js", function () { return !!data.summaries; });
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
    this.today = T.today();
    var params = new URLSearchParams(location.search);
    this.filters = {};
    PARAMS.forEach(function (p) { this.filters[p] = params.get(p) || ""; }, this);
    this.matches = [];
    this.drawn = 0;
    this.ticket = 0;
    this.wanted = [];
    this.next = 0;
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
      select("tinh-trang", "Tình trạng", this.statusOptions()),
      select("thang", "Tháng đến hạn", core.months.map(function (m) { return [m, monthLabel(m)]; })),
      select("loai-co-quan", "Loại cơ quan chủ trì", core.kinds.slice().sort(function (a, b) {
        return a[1].localeCompare(b[1], "vi"); })),
      select("sap-xep", "Sắp xếp", []),
    ]);
    // an archive without a status file: no choice of state to offer, unless the address holds one
    if (!this.reported() && !this.filters["tinh-trang"]) {
      fields.querySelector("select[name=tinh-trang]").parentNode.hidden = true;
    }
    var sort = fields.querySelector("select[name=sap-xep]");
    sort.replaceChildren();
    Object.keys(SORTS).forEach(function (k) { sort.appendChild(el("option", { value: k, text: SORTS[k] })); });
    var clear = el("button", { type: "button", className: "vb-filters__clear", text: "Bỏ mọi bộ lọc" });
    // the live region; focus comes to it when the button that counts goes (its news is here)
    this.count = el("p", { className: "vb-count", role: "status", "aria-live": "polite", tabindex: "-1" });
    this.counter = el("button", { type: "button", className: "md-button vb-count-all" });
    this.counter.hidden = true;
    this.counter.addEventListener("click", function () {
      if (self.counting || self.complete()) return;
      self.counting = true; // every chunk that can match is read: the count becomes exact
      self.say(null);
      self.pump();
    });
    this.summaryText = el("span", { className: "vb-filters__chosen" });
    this.form = el("form", { className: "vb-filters", role: "search", "aria-label": "Lọc nhiệm vụ" }, [fields, clear]);
    this.details = el("details", { className: "vb-filters-box" }, [
      el("summary", null, [el("span", { text: "Bộ lọc" }), " ", this.summaryText]), this.form]);
    this.details.open = window.matchMedia("(min-width: 45em)").matches;
    this.root.replaceChildren(this.details, this.count, this.counter);
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

  /* The states some task of the archive is in, then "not done" and "overdue". */
  Tracker.prototype.statusOptions = function () {
    var present = this.core.present || [];
    return this.core.states.filter(function (s, i) { return present.indexOf(i) >= 0; }).concat(MORE_STATUS);
  };

  /* Whether the office's status file reports on any task. */
  Tracker.prototype.reported = function () { return (this.core.empty || []).indexOf("status") < 0; };

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

  /* The filters that some chunks cannot match (their summaries tell which). */
  var NARROWING = ["dia-phuong", "loai", "nam", "thang", "loai-co-quan", "thoi-han", "tinh-trang"];

  Tracker.prototype.narrowed = function () {
    var f = this.filters;
    return NARROWING.some(function (p) { return f[p]; });
  };

  /* Numbers from a string of varints (writers/varints.py; tim-kiem.js reads them so): 5 bits a
   * character of base64url, 32 when more follow. */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  function unvarints(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  /* The chunks a body's rows are in (tracker.py: chunk_list), marked in ``into``: the gaps between them as varints,
   * or "." and a bitset (chunk 6i + j: the bit 2^j of character i). */
  function chunkList(text, into) {
    if (text.charAt(0) === ".") {
      for (var i = 1; i < text.length; i++) {
        var d = DIGITS.indexOf(text.charAt(i));
        for (var j = 0; j < 6; j++) if (d & (1 << j)) into[(i - 1) * 6 + j] = true;
      }
      return;
    }
    var n = -1;
    unvarints(text).forEach(function (gap) { n += gap + 1; into[n] = true; });
  }

  /* The chunks that can hold a row the body filter matches (co-quan.js "chunks": for each body id, in the order
   * of its "bodies", the chunks with a row naming it; the same test as ``test`` on those ids), or null when the
   * filter cannot tell (words, looked for in the names as written). */
  Tracker.prototype.bodyChunks = function (body) {
    var lists = data.bodies && data.bodies.chunks;
    if (!body || !lists || body.text) return null;
    var self = this, found = {};
    Object.keys(data.bodies.bodies).sort().forEach(function (id, i) {
      if (lists[i] && self.namesBody(body, id)) chunkList(lists[i], found);
    });
    return found;
  };

  /* Whether a row naming the body ``id`` (a lead, the body addressed, a support) matches the body filter. */
  Tracker.prototype.namesBody = function (body, id) {
    if (body.ids) { // the body (or every body of a kind), by its own name or through a group it is in
      var members = (data.bodies && data.bodies.members) || {};
      var named = function (b) {
        return body.ids.some(function (want) { return b === want || b.indexOf(want + "--") === 0; });
      };
      return named(id) || (members[id] || []).some(named);
    }
    return kindsOf(id).some(function (k) { return body.kinds[k]; });
  };

  /* Chunks that can hold a match, from the summary of each (tom-tat.js: loaded before, once a filter narrows)
   * and, for a body filter, the chunks that name its bodies (co-quan.js: loaded before a body filter runs). */
  Tracker.prototype.chunksFor = function () {
    var held = this.bodyChunks(this.body), all = [];
    for (var k = 0; k < this.core.chunks; k++) if (!held || held[k]) all.push(k);
    if (!this.narrowed()) return all;
    var f = this.filters, core = this.core, month = this.today.slice(0, 7);
    var locality = core.localities.indexOf(f["dia-phuong"]), type = core.types.indexOf(f.loai);
    var done = this.stateIndex(DONE), status = this.stateIndex(f["tinh-trang"]);
    var kind = core.kinds.map(function (k) { return k[0]; }).indexOf(f["loai-co-quan"]);
    var late = f["thoi-han"] === "qua-han" || f["tinh-trang"] === "qua-han";
    var out = [];
    data.summaries.forEach(function (c, n) {
      if (held && !held[n]) return;
      var states = c.s || [], months = c.m || [];
      var notDone = states.some(function (s) { return s !== done; });
      var passed = months.some(function (m) { return m <= month; });
      if (f["dia-phuong"] && c.l.indexOf(locality) < 0) return;
      if (f.loai && c.k.indexOf(type) < 0) return;
      if (f.nam && c.y.indexOf(f.nam) < 0) return;
      if (f.thang && months.indexOf(f.thang) < 0) return;
      if (f["loai-co-quan"] && (c.c || []).indexOf(kind) < 0) return;
      if (f["thoi-han"] === "khong-han" && c.y.indexOf("") < 0) return;
      if (late && !(notDone && passed)) return;
      if (f["thoi-han"] === "da-qua" && !(states.indexOf(done) >= 0 && passed)) return;
      if (f["thoi-han"] === "thang-nay" && months.indexOf(month) < 0) return;
      if (f["thoi-han"] === "sau" && !months.some(function (m) { return m > month; })) return;
      if (f["tinh-trang"] === "chua-xong" && !notDone) return;
      if (status >= 0 && states.indexOf(status) < 0) return;
      out.push(n);
    });
    return out;
  };

  /* A state's index in the core's "states" ("chua-bao-cao" included), or -1. */
  Tracker.prototype.stateIndex = function (slug) {
    return this.core.states.map(function (s) { return s[0]; }).indexOf(slug);
  };

  /* A row's state as the office reports it ("chua-bao-cao" without a report), and its deadline's state. */
  Tracker.prototype.statusOf = function (row) {
    return row[8] ? this.core.states[row[8][0]][0] : NO_REPORT;
  };

  Tracker.prototype.deadlineOf = function (row) {
    return T.deadlineState(row[6], this.statusOf(row) === DONE, this.today);
  };

  Tracker.prototype.test = function (chunk, row, body) {
    var f = this.filters, doc = chunk.d[row[0]];
    if (f["dia-phuong"] && doc[3] !== f["dia-phuong"]) return false;
    if (f.loai && doc[4] !== f.loai) return false;
    if (f.nam && (!row[6] || row[6].slice(0, 4) !== f.nam)) return false;
    if (f.thang && (!row[6] || T.dueMonth(row[6]) !== f.thang)) return false;
    var deadline = this.deadlineOf(row), status = this.statusOf(row);
    if (f["thoi-han"] && deadline !== f["thoi-han"]) return false;
    if (f["tinh-trang"] === "qua-han") { if (deadline !== "qua-han") return false; }
    else if (f["tinh-trang"] === "chua-xong") { if (status === DONE) return false; }
    else if (f["tinh-trang"] && status !== f["tinh-trang"]) return false;
    if (f["loai-co-quan"]) {
      var kind = this.core.kinds.map(function (k) { return k[0]; }).indexOf(f["loai-co-quan"]);
      if ((row[9] || []).indexOf(kind) < 0) return false;
    }
    if (body) {
      var people = row[4].concat(row[5]), self = this;
      if (!body.text) return people.some(function (p) { return p[1] && self.namesBody(body, p[1]); });
      var names = people.map(function (p) { return p[0] + " " + (p[1] && data.bodies ? data.bodies.bodies[p[1]] || "" : ""); });
      return (" " + nameKey(names.join(" ")) + " ").indexOf(body.text) >= 0;
    }
    return true;
  };

  /* Opens the view the filters choose: the chunks' summaries first when a filter narrows, the bodies' names
   * first when it names a body, then its chunks (``load``). */
  Tracker.prototype.run = function () {
    var self = this;
    this.shown = false; // until the new view's first screen: scrolling asks nothing of the old one
    // which chunks can match, or hold the earliest deadlines: their summaries come first
    if ((this.narrowed() || this.filters["sap-xep"]) && !data.summaries) {
      var asked = ++this.ticket;
      loadSummaries().then(function () { if (asked === self.ticket) self.run(); }).catch(function () {
        if (asked === self.ticket) self.say("Không tải được một phần dữ liệu. Hãy tải lại trang.");
      });
      return;
    }
    if (this.filters["co-quan"] && !data.bodies) { // the filter reads the bodies' names: they come first
      var waiting = ++this.ticket;
      loadBodies().then(function () { self.bodiesReady(); }).catch(function () {}).then(function () {
        if (waiting === self.ticket) self.load();
      });
      return;
    }
    this.load();
  };

  /* Opens a view: the chunks that can hold its rows (wanted), read in order as they are needed. In document
   * order the first screen waits only for the chunks that fill it; the next chunk is loaded when the reader
   * asks for more rows (the button, or scrolling near it), so that what a reader downloads does not grow with
   * the archive. A view sorted by deadline reads them by their earliest deadline instead (``drawable``). */
  Tracker.prototype.load = function () {
    this.ticket++;
    this.sorted = !!this.filters["sap-xep"];
    this.body = this.bodyFilter();
    this.wanted = this.sorted ? byEarliestDeadline(this.chunksFor()) : this.chunksFor();
    this.next = 0; // wanted[next] is the next chunk to read
    this.unsorted = false; // matches added since they were last sorted (a sorted view)
    this.want = BATCH; // rows the reader asked to see
    this.asked = false; // whether the reader asked for more: then one batch is kept ahead
    this.counting = false; // whether the reader asked for the count: then every chunk that can match is read
    this.pulling = false;
    this.shown = false; // whether the first screen is drawn
    this.matches = [];
    this.drawn = 0;
    this.tbody.replaceChildren();
    this.more.hidden = true;
    this.root.removeAttribute("data-ready");
    this.root.removeAttribute("data-complete");
    this.showSummary();
    this.say("Đang tải nhiệm vụ…");
    this.pump();
  };

  /* Whether every chunk the view can match has been read: its matches, and their count, are complete. */
  Tracker.prototype.complete = function () { return this.next >= this.wanted.length; };

  /* Whether the view needs another chunk now. */
  Tracker.prototype.hungry = function () {
    if (this.complete()) return false;
    if (this.counting) return true;
    return this.drawable() < this.want + (this.asked ? BATCH : 0);
  };

  /* The earliest day a chunk's deadlines can fall due on (its summary's first month), "9999" for none. */
  function earliest(n) {
    var months = data.summaries[n].m || [];
    return months.length ? months[0] + "-01" : "9999";
  }

  /* Chunks in the order of their earliest deadline (then document order): a sorted view reads them so. */
  function byEarliestDeadline(list) {
    return list.slice().sort(function (a, b) {
      return earliest(a) < earliest(b) ? -1 : earliest(a) > earliest(b) ? 1 : a - b;
    });
  }

  function dueKey(m) { return m[1][6] ? T.dueDay(m[1][6]) : "9999"; }

  /* How many matches, from the first, are in their final place: all in document order; in a sorted view
   * those due before any row an unread chunk can hold (every chunk read after them is due later). */
  Tracker.prototype.drawable = function () {
    if (!this.sorted) return this.matches.length;
    this.sortMatches();
    if (this.complete()) return this.matches.length;
    var bound = earliest(this.wanted[this.next]), n = this.drawn;
    while (n < this.matches.length && dueKey(this.matches[n]) < bound) n++;
    return n;
  };

  var AHEAD = 2; // chunks fetched ahead of the one being read when every chunk is needed (counting)

  /* Reads the next chunk the view needs, one at a time and in order; draws and counts as each arrives. */
  Tracker.prototype.pump = function () {
    if (this.pulling) return;
    if (!this.hungry()) { this.settle(); return; }
    var self = this, ticket = this.ticket, n = this.wanted[this.next];
    if (this.counting) { // the next few download while this one is read
      this.wanted.slice(this.next + 1, this.next + 1 + AHEAD).forEach(function (k) { loadChunk(k).catch(function () {}); });
    }
    this.pulling = true;
    this.busy(true);
    loadChunk(n).then(function () {
      if (ticket !== self.ticket) return;
      self.pulling = false;
      self.next++;
      var chunk = data.chunks[n], body = self.body;
      chunk.t.forEach(function (row, i) { // [chunk, row, its place in document order]
        if (self.test(chunk, row, body)) self.matches.push([chunk, row, n * 1e6 + i]);
      });
      self.unsorted = true;
      if (!(self.sorted && self.counting)) self.draw(); // a sorted view sorts once the count is in
      self.say(self.shown ? undefined : "Đang tải nhiệm vụ…");
      self.pump();
    }).catch(function () {
      if (ticket !== self.ticket) return;
      self.pulling = false;
      self.busy(false);
      self.say("Không tải được một phần dữ liệu. Hãy tải lại trang.");
    });
  };

  /* Nothing more to read for now: the first screen is drawn (once), the count says what is known. */
  Tracker.prototype.settle = function () {
    var self = this;
    this.busy(false);
    this.draw();
    if (this.counting && this.complete()) this.counting = false;
    this.say(null);
    if (this.complete()) this.root.setAttribute("data-complete", "");
    if (this.shown) return;
    this.shown = true;
    this.root.setAttribute("data-ready", this.query()); // the first screen (tests and the benchmark wait for it)
    // the bodies' names (suggestions, and the name of a body chosen by its id): after the first screen
    if (!data.loading["co-quan.js"]) loadBodies().then(function () { self.bodiesReady(); }).catch(function () {});
  };

  /* The count and the button say whether a chunk is on its way (aria-busy holds the live region's news). */
  Tracker.prototype.busy = function (on) {
    if (on) { this.count.setAttribute("aria-busy", "true"); this.more.setAttribute("aria-busy", "true"); }
    else { this.count.removeAttribute("aria-busy"); this.more.removeAttribute("aria-busy"); }
  };

  /* Whether the view is filtered: its count is then known only once every chunk that can match is read. */
  Tracker.prototype.filtered = function () { return this.narrowed() || !!this.body; };

  Tracker.prototype.query = function () {
    var f = this.filters;
    return PARAMS.filter(function (p) { return f[p]; }).map(function (p) { return p + "=" + f[p]; }).join("&");
  };

  /* By deadline (the day it falls due; none last), then in document order; the rows drawn stay first. */
  Tracker.prototype.sortMatches = function () {
    if (!this.unsorted) return;
    this.unsorted = false;
    this.matches.sort(function (a, b) {
      var x = dueKey(a), y = dueKey(b);
      return x < y ? -1 : x > y ? 1 : a[2] - b[2];
    });
  };

  /* The live region: how many tasks the view holds. Without a filter the core's total is the count; with one
   * the count is known once every chunk that can match is read, and until then the page says how far it got
   * (and offers to count them all). ``loading``: a message while the first screen is not drawn; null: settled. */
  Tracker.prototype.say = function (loading) {
    var matched = this.matches.length, done = this.complete(), text;
    var n = T.count(matched), total = T.count(this.core.total);
    var parts = " (đã xem " + this.next + "/" + this.wanted.length + " phần dữ liệu có thể khớp)";
    if (loading) text = loading + (this.filtered() ? " " + n + " nhiệm vụ khớp đến nay." : "");
    else if (!this.filtered()) text = "Tất cả " + total + " nhiệm vụ.";
    else if (done) text = n + " trong " + total + " nhiệm vụ khớp với bộ lọc.";
    else if (this.counting) text = "Đang đếm… " + n + " nhiệm vụ khớp đến nay" + parts + ".";
    else text = "Đã thấy " + n + " nhiệm vụ khớp" + parts + "; tổng số chưa đếm hết.";
    if (!loading && this.drawn < (this.filtered() ? matched : this.core.total)) {
      text += " Cuộn xuống để xem tiếp.";
    }
    this.count.textContent = text;
    var counter = this.counter;
    var offer = !loading && this.filtered() && !done;
    if (counter.hidden === offer) {
      if (!offer && document.activeElement === counter) this.count.focus(); // the button goes: its news stays
      counter.hidden = !offer;
    }
    counter.textContent = this.counting ? "Đang đếm…" : "Đếm tất cả nhiệm vụ khớp";
    counter.setAttribute("aria-disabled", this.counting ? "true" : "false");
  };

  Tracker.prototype.showSummary = function () {
    var f = this.filters, chosen = 0;
    PARAMS.forEach(function (p) { if (f[p] && p !== "sap-xep") chosen++; });
    this.summaryText.textContent = chosen ? "(" + chosen + " đang chọn)" : "";
  };

  /* --- drawing: the same markup as a document's task table (a table, or cards on a phone) --------- */

  var COLUMNS = [
    ["doc", "Văn bản"], ["number", "Số"], ["summary", "Nội dung"], ["lead", "Chủ trì / thực hiện"],
    ["support", "Phối hợp"], ["deadline", "Thời hạn"], ["status", "Tình trạng"], ["locality", "Địa phương"],
  ];
  // a column whose cells a card labels: the key the stylesheet gives the label by (luu-tru.css, .vb-h--<key>)
  var LABELED = { lead: "lead-addressed", support: "support", deadline: "deadline", status: "status",
    locality: "locality" };

  Tracker.prototype.buildTable = function () {
    var head = el("tr"), empty = this.core.empty || [];
    this.columns = COLUMNS.filter(function (c) { return empty.indexOf(c[0]) < 0; });
    this.columns.forEach(function (c, i) {
      // the mark that the stylesheet finds task tables by (the class-less table keeps the theme's style)
      var text = LABELED[c[0]] ? el("span", { className: "vb-h--" + LABELED[c[0]], text: c[1] }) : c[1];
      head.appendChild(el("th", { scope: "col" }, [i ? text : el("span", { className: "vb-tasks-mark", text: c[1] })]));
    });
    this.tbody = el("tbody");
    this.table = el("table", { "data-vb-tracker": "" }, [el("thead", null, [head]), this.tbody]);
    this.more = el("button", { type: "button", className: "md-button vb-more", text: "Xem thêm nhiệm vụ" });
    this.more.hidden = true;
    var self = this;
    this.more.addEventListener("click", function () { self.askMore(); });
    this.root.appendChild(el("div", { className: "vb-tracker-wrap" }, [this.table]));
    this.root.appendChild(this.more);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) self.askMore();
      }, { rootMargin: "600px" }).observe(this.more);
    }
  };

  /* The reader asks for more rows (the button, or scrolling near it): the next batch, and from then on one
   * batch kept ahead, so that scrolling on does not wait; a chunk is loaded only when its rows are needed. */
  Tracker.prototype.askMore = function () {
    if (!this.shown) return;
    this.asked = true;
    this.want = Math.max(this.want, this.drawn + BATCH);
    this.draw();
    this.pump();
  };

  /* Draws the rows matched so far, up to what the reader asked to see. */
  Tracker.prototype.draw = function () {
    var end = Math.min(this.drawable(), this.want);
    var frag = document.createDocumentFragment();
    for (var i = this.drawn; i < end; i++) frag.appendChild(this.row(this.matches[i][0], this.matches[i][1]));
    this.tbody.appendChild(frag);
    var first = this.drawn === 0 && end > 0;
    this.drawn = Math.max(this.drawn, end);
    // more rows to draw, or chunks not read yet that can hold some
    this.more.hidden = this.drawn >= this.matches.length && this.complete();
    if (first && !this.marked && window.performance && performance.mark) {
      this.marked = true;
      performance.mark("vb-theo-doi"); // the first screen is drawn (the benchmark reads it)
    }
    if (this.drawn > 0 || !this.matches.length) this.root.setAttribute("data-drawn", String(this.drawn));
  };

  /* A cell of the column ``key``; empty when there is nothing to show, so that a card leaves its line out. A
     labelled column's text comes after a space: on a card, the space after the label (markdown.card_cells). */
  function cell(key, content) {
    var td = el("td", { className: "vb-col-" + key });
    if (!content || (content.childNodes && !content.childNodes.length)) return td;
    if (LABELED[key]) td.appendChild(document.createTextNode(" "));
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
    var state = this.deadlineOf(r);
    var tr = el("tr", { className: "vb-state-" + state });
    var cells = this.cells(chunk, r, doc, pages, state);
    COLUMNS.forEach(function (c, i) { if (empty.indexOf(c[0]) < 0) tr.appendChild(cells[i]); });
    return tr;
  };

  Tracker.prototype.cells = function (chunk, r, doc, pages, state) {
    var tr = { cells: [], appendChild: function (td) { this.cells.push(td); } };
    tr.appendChild(cell("doc", el("a", { href: pageHref(pages.document, doc[0]), title: doc[2], text: doc[1] })));
    tr.appendChild(cell("number", el("a", { href: pageHref(pages.document, doc[0], r[2]),
      text: r[1] || "—", "aria-label": "Nhiệm vụ " + (r[1] || "") + " trong văn bản " + doc[1] })));
    tr.appendChild(cell("summary", r[3]));
    tr.appendChild(cell("lead", this.people(r[4])));
    tr.appendChild(cell("support", this.people(r[5])));
    var deadline = null;
    if (r[6]) { // the mark beside the date, not inside it (as tinh-trang.js marks a page): it may take the next line
      deadline = document.createDocumentFragment();
      deadline.appendChild(el("span", { className: "vb-deadline", "data-iso": r[6] }, [r[7]]));
      if (state === "qua-han") deadline.appendChild(el("span", { className: "vb-badge vb-badge--late", text: "Quá hạn" }));
      if (state === "thang-nay" && this.statusOf(r) !== DONE) deadline.appendChild(el("span", { className: "vb-badge vb-badge--soon", text: "Tháng này" }));
    }
    tr.appendChild(cell("deadline", deadline));
    tr.appendChild(cell("status", this.status(r[8])));
    tr.appendChild(cell("locality", doc[3] || ""));
    return tr.cells;
  };

  /* The office's report, as a document's page shows it (render/status.py): the state, its date, the evidence. */
  Tracker.prototype.status = function (s) {
    if (!s) return null;
    var slug = this.core.states[s[0]][0], frag = document.createDocumentFragment();
    frag.appendChild(el("span", { className: "vb-state vb-state--" + slug, text: this.core.states[s[0]][1] }));
    frag.appendChild(document.createTextNode(" "));
    frag.appendChild(el("span", { className: "vb-state-date", text: s[1].split("-").reverse().join("/") }));
    if (s[2]) {
      var href = s[3] && /^https?:\/\//i.test(s[3]) ? s[3] :
        s[3] && /^van-ban\/[a-z0-9_-]+\/$/.test(s[3]) ? pageHref(this.core.pages.document, s[3].split("/")[1]) : "";
      frag.appendChild(el("span", { className: "vb-state-part" }, [el("span", { className: "vb-sep", text: " · " }),
        "Căn cứ: ", href ? el("a", { href: href, className: "vb-evidence", rel: "nofollow noopener", text: s[2] }) : s[2]]));
    }
    return frag;
  };

  /* --- start ------------------------------------------------------------------------------------ */

  installQueue();
  window.vbTheoDoiState = T.deadlineState; // for the tests: the same rule the rows are marked by

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
