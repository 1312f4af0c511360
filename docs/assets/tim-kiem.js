/* Tìm kiếm trong kho lưu trữ.
 *
 * On every page: the header's search box leads to the search page (tim-kiem/), also from file://.
 * On the search page (the element #search-results): loads the core of the index that
 * build_scripts/index.py built (chi-muc.js), then, per query, the shards (tu-N.js) that hold the
 * query's terms, as scripts (no fetch: works from file:// and under a sub-path). A query is scored
 * as lunr.js 2.3.9's query scores it (lunr's score reads only the query's terms of each field
 * vector), straight from the rows of its terms; tokens and scores come from the build. Nothing from a
 * source is ever parsed as HTML here: results are built with DOM calls and textContent only.
 */
(function () {
  "use strict";

  const here = document.currentScript && document.currentScript.src;
  const BASE = here ? here.replace(/assets\/tim-kiem\.js(?:[?#].*)?$/, "") : "";
  const FROM_FILE = location.protocol === "file:";
  const DATA = BASE + "data/tim-kiem/";
  const QUEUE = "vbTimKiem";

  /* A directory URL ("van-ban/x/") as a link: from file:// the folder's index.html. */
  function pageHref(url, anchor) {
    let href = BASE + url;
    if (FROM_FILE && href.endsWith("/")) href += "index.html";
    return anchor ? href + "#" + anchor : href;
  }

  /* --- tokens: the same rules as build_scripts/index.py ----------------------------------- */

  const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
  const JOINERS = "-/";

  function fold(word) {
    return word.replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D").normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
  }

  function token(s, start, end, symbol) {
    const text = s.slice(start, end).toLowerCase();
    // a symbol reads "/" as "-" (index.py: symbol_key): "215/TB-ThU" finds "215-TB/ThU"
    return { text: text, folded: symbol ? fold(text).replace(/\//g, "-") : fold(text), start: start, end: end };
  }

  /* Words joined by one "-" or "/" form a chain; a chain that starts with a digit and has a
   * letter is also a symbol ("340-TB/TU"). Offsets are in the NFC text that is returned. */
  function chains(text) {
    const s = text.normalize("NFC");
    const runs = [];
    let m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s))) runs.push([m.index, m.index + m[0].length]);
    const out = [];
    for (let k = 0; k < runs.length;) {
      let j = k;
      while (j + 1 < runs.length && runs[j + 1][0] - runs[j][1] === 1 && JOINERS.includes(s[runs[j][1]])) j++;
      const words = runs.slice(k, j + 1).map((r) => token(s, r[0], r[1]));
      const start = runs[k][0], end = runs[j][1];
      const whole = s.slice(start, end);
      const symbol = j > k && /^\p{Nd}/u.test(whole) && /\p{L}/u.test(whole) ? token(s, start, end, true) : null;
      out.push({ words: words, symbol: symbol });
      k = j + 1;
    }
    return { text: s, chains: out };
  }

  /* The longest name of a body (or an abbreviation) that the query's words begin with at ``i``:
   * { end, cls, loose } or null. The classes come from the build (index.py: synonyms). */
  function synonymAt(items, i) {
    let best = null;
    for (const entry of (state.synonyms && state.synonyms.get(items[i].t.folded)) || []) {
      const words = entry.words;
      if (i + words.length > items.length || (best && words.length <= best.end - i)) continue;
      if (words.every((w, k) => items[i + k].kind === "word" && items[i + k].t.folded === w)) {
        best = { end: i + words.length, cls: entry.cls, loose: entry.loose };
      }
    }
    return best;
  }

  /* What a query looks for: a symbol whole, otherwise each word (folded, and as written).
   * The result is the list of terms; ``terms.slots`` says what a match needs: every slot, and a
   * slot is met by any one of its alternatives, each a list of terms that must all be found. A
   * plain word is a slot of itself; a body's name or abbreviation is a slot whose alternatives
   * are all the names of that body ("MTTQ" -> "mttq", "ubmttq", "mặt trận tổ quốc"), so that
   * "MTTQ" and "Mặt trận Tổ quốc" find the same documents.
   * Words in quotes ("giải ngân", also “…”) are a phrase: they must stand next to each other, in that
   * order, as they are written (no other names); each carries its phrase's number (``phrase``) and its
   * place in it. ``terms.phrases`` counts the phrases. */
  function queryTerms(q) {
    const terms = [];
    const seen = new Map();
    function term(kind, text, folded, phrase, place) {
      const key = kind + ":" + text + (phrase === null ? "" : ":" + phrase + ":" + place);
      if (!seen.has(key)) {
        seen.set(key, terms.length);
        terms.push({ kind: kind, text: text, folded: folded, prefix: false, phrase: phrase, place: place });
      }
      return seen.get(key);
    }
    const slots = [];
    let phrases = 0, lastPlain = null;
    q.split(/["\u201c\u201d\u201e]/).forEach(function (part, p) {
      const items = [];
      for (const c of chains(part).chains) {
        if (c.symbol) items.push({ kind: "symbol", t: c.symbol });
        else c.words.forEach((w) => items.push({ kind: "word", t: w }));
      }
      const quoted = p % 2 === 1; // an unclosed quote runs to the end
      if (quoted && items.length > 1 && items.every((x) => x.kind === "word")) {
        const g = phrases++;
        items.forEach((x, k) => slots.push([[term("word", x.t.text, x.t.folded, g, k)]]));
        lastPlain = null;
        return;
      }
      for (let i = 0; i < items.length;) {
        const found = items[i].kind === "word" ? synonymAt(items, i) : null;
        if (found) {
          const own = items.slice(i, found.end).map((x) => term("word", x.t.text, x.t.folded, null, null));
          const alternatives = [own];
          for (const n of found.cls[1]) {
            const ids = found.cls[0][n].map((w) => term("word", w, w, null, null));
            if (ids.join() !== own.join()) alternatives.push(ids);
          }
          slots.push(alternatives);
          i = found.end;
          lastPlain = null;
          continue;
        }
        const id = term(items[i].kind, items[i].t.text, items[i].t.folded, null, null);
        slots.push([[id]]);
        lastPlain = quoted ? null : id;
        i++;
      }
    });
    const last = lastPlain === null ? null : terms[lastPlain];
    // the last word may still be being typed: it also matches as the start of a word
    // (3 letters at least: the build shards terms by their first 3 letters, so one shard holds them all)
    if (last && last.kind === "word" && slots.length && slots[slots.length - 1][0][0] === lastPlain &&
        Array.from(last.folded).length >= 3 && !/[\s"\u201c\u201d\u201e]$/.test(q)) last.prefix = true;
    terms.slots = slots;
    terms.phrases = phrases;
    return terms;
  }

  /* Sets of query terms as bit masks, ``width`` 32-bit words each (one for a query of up to 32 terms): the
   * terms a unit holds are a few words in one typed array for every unit, not a Set per unit. */
  function maskWidth(terms) {
    return Math.max(1, Math.ceil(terms.length / 32));
  }

  function mask(indices, width) {
    const bits = new Int32Array(width);
    for (const i of indices) bits[i >> 5] |= 1 << (i & 31);
    return bits;
  }

  /* ``satisfied`` on masks: are the query's slots met by the terms of masks[at .. at + width)? */
  function slotMasks(terms, width) {
    const slots = terms.slots.map((alts) => alts.map((alt) => mask(alt, width)));
    return function (masks, at) {
      for (const alts of slots) {
        let some = false;
        for (const alt of alts) {
          let all = true;
          for (let w = 0; w < width && all; w++) all = (masks[at + w] & alt[w]) === alt[w];
          if (all) {
            some = true;
            break;
          }
        }
        if (!some) return false;
      }
      return true;
    };
  }

  function bitCount(masks, at, width) {
    let n = 0;
    for (let w = 0; w < width; w++) for (let v = masks[at + w]; v; v &= v - 1) n++;
    return n;
  }

  function slotsMet(terms, found) {
    return terms.slots.filter((alts) => alts.some((alt) => alt.every((i) => found.has(i)))).length;
  }

  /* Does an index or text token match a query term? "exact": as written, diacritics included. */
  function tokenMatches(term, tok, isSymbol) {
    if (term.kind === "symbol") return isSymbol && tok.folded.startsWith(term.folded);
    if (isSymbol) return false;
    return tok.folded === term.folded || (term.prefix && tok.folded.startsWith(term.folded));
  }

  /* --- the query's rows of the index, and lunr's score (index.py: shards) ------------------- */

  /* Numbers from a string of varints (writers/varints.py: varints): 5 bits a character, 32 when more follow. */
  const DIGIT = new Int8Array(128).fill(-1);
  Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").forEach((c, i) => (DIGIT[c.charCodeAt(0)] = i));

  function unvarints(text) {
    const out = new Int32Array(text.length); // at most a number a character; typed: no array grows
    let n = 0, value = 0, shift = 0;
    for (let i = 0; i < text.length; i++) {
      const d = DIGIT[text.charCodeAt(i)];
      value += shift < 30 ? (d & 31) << shift : (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else {
        out[n++] = value;
        value = 0;
        shift = 0;
      }
    }
    return out.subarray(0, n);
  }

  /* The shard files a query's terms are in (index.py: shard_of, query_shards): a term's row is under the
   * longest key its folded form begins with (keys of 3 characters, longer for common beginnings; a word as
   * written is in its folded form's shard); a symbol or a word being typed also needs the keys that begin
   * with it. */
  function shardsFor(terms) {
    const files = new Set();
    for (const t of terms) {
      const chars = Array.from(t.folded); // code points, as Python counts
      for (let k = chars.length; k >= Math.min(state.meta.key, chars.length); k--) {
        const n = state.fileOf.get(chars.slice(0, k).join(""));
        if (n !== undefined) {
          files.add(n);
          break;
        }
      }
      if (t.kind === "symbol" || t.prefix) {
        for (const [key, n] of state.fileOf) if (key.startsWith(t.folded)) files.add(n);
      }
    }
    return Array.from(files).sort((a, b) => a - b);
  }

  /* The rows of the terms a query can match (those that begin with one of its words, folded or as
   * written), once its shards are in: term -> row. The rest of a shard is never decoded. */
  function rowsFor(terms) {
    const files = shardsFor(terms);
    const stems = Array.from(new Set(terms.flatMap((t) => [t.folded, t.text])));
    return Promise.all(files.map(loadShard)).then(function () {
      const rows = new Map();
      for (const n of files) for (const row of state.shards[n]) {
        if (stems.some((s) => row[0].startsWith(s))) rows.set(row[0], row);
      }
      state.rows = rows;
      state.places = new Map(); // "field term" -> its units and their positions, decoded when first asked
      state.postings = new Map(); // "field number term" -> its postings, decoded
      return rows;
    });
  }

  const WORD_FIELDS = ["t", "i", "l", "o", "x"];

  /* The clauses of a query, as lunr's query would hold them: symbols whole (and as a beginning) in
   * the symbol field; words folded in the word fields, a word being typed also as a beginning, and a
   * word written with diacritics as written in the field of exact spellings. */
  function clauses(terms) {
    const out = [], asked = new Set(); // a word asked twice (in a phrase and alone) is one clause
    for (const t of terms) {
      const key = t.kind + ":" + t.text + ":" + t.prefix;
      if (asked.has(key)) continue;
      asked.add(key);
      if (t.kind === "symbol") {
        out.push({ term: t.folded, fields: ["s"], boost: 10, wildcard: true });
        continue;
      }
      out.push({ term: t.folded, fields: WORD_FIELDS, boost: 1, wildcard: false });
      if (t.prefix) out.push({ term: t.folded, fields: WORD_FIELDS, boost: 0.3, wildcard: true });
      if (t.text !== t.folded) out.push({ term: t.text, fields: ["e"], boost: 3, wildcard: false });
    }
    return out;
  }

  /* Which query terms an index term found in a field stands for, and which of them as written. */
  function covering(terms, term, field) {
    const covered = [], exact = [];
    terms.forEach(function (t, i) {
      if (t.kind === "symbol") {
        if (field === "s" && term.startsWith(t.folded)) covered.push(i);
        return;
      }
      if (field === "e" && term === t.text) {
        covered.push(i);
        exact.push(i);
      }
      if (WORD_FIELDS.includes(field) && (term === t.folded || (t.prefix && term.startsWith(t.folded)))) covered.push(i);
    });
    return { covered: covered, exact: exact };
  }

  /* Every unit that holds a term of the query, and the query terms each holds (lunr.js 2.3.9: Index.prototype.query):
   * per field, the query vector holds the summed boosts of the clauses each index term answers. Per unit: the query
   * terms it holds (``covered``, masks of ``words`` words a unit), how many of them as written (``exact``), and
   * whether its text or symbols hold one (``inText``, not only its title or facts). Only whole numbers here: lunr's
   * score, the one sum of products per posting, is ``weigh``'s, for the units whose score can be seen. */
  function found(terms, rows) {
    const fields = state.meta.lunr.fields;
    const query = fields.map(() => new Map()); // per field: term index -> boost
    const pairs = new Map(); // "field term" -> [row, field number]: a posting list to read, once
    for (const c of clauses(terms)) {
      for (const row of rows.values()) {
        if (c.wildcard ? !row[0].startsWith(c.term) : row[0] !== c.term) continue;
        for (const name of c.fields) {
          const f = fields.indexOf(name), vector = query[f];
          vector.set(row[1], vector.has(row[1]) ? vector.get(row[1]) + c.boost : c.boost);
          pairs.set(name + " " + row[0], [row, f]);
        }
      }
    }
    const magnitude = query.map(function (vector) {
      let sum = 0;
      for (const i of Array.from(vector.keys()).sort((a, b) => a - b)) sum += vector.get(i) * vector.get(i);
      return Math.sqrt(sum);
    });
    const count = state.unitDoc.length, words = maskWidth(terms);
    const hit = new Uint8Array(count), touched = [];
    // per unit: the query terms it holds, and those as written (masks), whether its text holds one
    const covered = new Int32Array(count * words), exact = new Int32Array(count * words), inText = new Uint8Array(count);
    // in term order, as lunr's dot product walks the vectors
    const ordered = Array.from(pairs.values()).sort((a, b) => a[0][1] - b[0][1] || a[1] - b[1]);
    const lists = ordered.map(([row, f]) => ({ f: f, weight: query[f].get(row[1]), list: postingsOf(row, f) }));
    for (let o = 0; o < ordered.length; o++) {
      const row = ordered[o][0], f = ordered[o][1], name = fields[f];
      const cover = covering(terms, row[0], name), text = name === "x" || name === "s";
      const coverMask = mask(cover.covered, words), exactMask = mask(cover.exact, words);
      const covers = cover.covered.length > 0, exactly = cover.exact.length > 0;
      const refs = lists[o].list.refs, bit = 1 << f, one = words === 1, cover0 = coverMask[0], exact0 = exactMask[0];
      for (let k = 0; k < refs.length; k++) {
        const ref = refs[k], was = hit[ref];
        if (!was) touched.push(ref);
        hit[ref] = was | bit;
        if (text) inText[ref] = 1;
        if (one) { // a query of up to 32 terms: one word a unit
          covered[ref] |= cover0;
          exact[ref] |= exact0;
          continue;
        }
        if (covers) for (let w = 0; w < words; w++) covered[ref * words + w] |= coverMask[w];
        if (exactly) for (let w = 0; w < words; w++) exact[ref * words + w] |= exactMask[w];
      }
    }
    // the units found, in their order (so a document's units stand together), how many query terms each holds
    // as written and whether its text holds one: arrays, not an object a unit
    const refs = Int32Array.from(touched).sort(), n = refs.length;
    const exacts = new Int32Array(n), texts = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      exacts[k] = bitCount(exact, refs[k] * words, words);
      texts[k] = inText[refs[k]];
    }
    return { refs: refs, exact: exacts, inText: texts, covered: covered, words: words,
      hit: hit, lists: lists, magnitude: magnitude, score: null };
  }

  /* lunr's score (lunr.js 2.3.9: Vector.similarity) of the units found whose places ``want`` marks (all of them
   * without it): a unit's score adds, over its fields that hold a query term, dot(query vector, field vector) /
   * |query vector|, the field vector's entry for a term being that term's posting there; the same sums, in the
   * same order, as lunr's. The others stay NaN until ``weighRange`` is asked for them. */
  function weigh(scored, want) {
    scored.score = new Float64Array(scored.refs.length).fill(NaN);
    addScores(scored, 0, scored.refs.length, want);
    return scored;
  }

  /* The scores of the units found at places [from, to) that have none yet (a document's units stand together). */
  function weighRange(scored, from, to) {
    const scores = scored.score, want = new Uint8Array(scored.refs.length);
    let some = false;
    for (let k = from; k < to; k++) if (scores[k] !== scores[k]) some = want[k] = 1;
    if (some) addScores(scored, from, to, want);
  }

  /* Adds the scores of the units found at places [from, to) that ``want`` marks (all without it). */
  function addScores(scored, from, to, want) {
    const refs = scored.refs, scores = scored.score, hit = scored.hit, magnitude = scored.magnitude, width = magnitude.length;
    // a unit weighed -> 1 + its row of ``dots`` (0: not weighed); kept for the next call, cleared after use
    const slot = scored.slot || (scored.slot = new Int32Array(state.unitDoc.length));
    let rows = 0;
    for (let k = from; k < to; k++) if (!want || want[k]) slot[refs[k]] = ++rows;
    if (!rows) return;
    const lo = refs[from], hi = refs[to - 1], dots = new Float64Array(rows * width);
    for (const { f, weight, list } of scored.lists) { // in term order: lunr's sums, in lunr's order
      const at = list.refs, tf = list.tf;
      for (let k = lo === 0 ? 0 : lowerBound(at, lo, 0, at.length); k < at.length; k++) {
        const ref = at[k], r = slot[ref];
        if (ref > hi) break;
        if (r) dots[(r - 1) * width + f] += weight * (tf[k] / 1000);
      }
    }
    for (let k = from; k < to; k++) {
      const ref = refs[k], r = slot[ref] - 1;
      if (r < 0) continue;
      let total = 0;
      for (let f = 0; f < width; f++) if (hit[ref] & (1 << f)) total += dots[r * width + f] / magnitude[f] || 0;
      scores[k] = total;
      slot[ref] = 0;
    }
  }

  /* Every unit that holds a term of the query, with lunr's score: found and weighed. */
  function score(terms, rows) {
    return weigh(found(terms, rows), null);
  }

  /* A row's postings in field number ``f``, decoded once for the query (found and weigh read them, placeList
   * again): the units in order and the term's entry of each unit's field vector (× 1000). */
  function postingsOf(row, f) {
    const key = f + " " + row[0];
    let list = state.postings.get(key);
    if (!list) { // unvarints, into the two arrays at once: (unit - previous unit, entry) a posting
      const text = row[2 + f], refs = new Int32Array(text.length >> 1), tf = new Int32Array(refs.length);
      let n = 0, value = 0, shift = 0, ref = 0, second = false;
      for (let i = 0; i < text.length; i++) {
        const d = DIGIT[text.charCodeAt(i)];
        value += shift < 30 ? (d & 31) << shift : (d & 31) * Math.pow(2, shift);
        if (d & 32) shift += 5;
        else {
          if (second) tf[n++] = value;
          else refs[n] = ref += value;
          second = !second;
          value = 0;
          shift = 0;
        }
      }
      state.postings.set(key, (list = { refs: refs.subarray(0, n), tf: tf.subarray(0, n) }));
    }
    return list;
  }

  /* The posting list and positions of an index term in one field, decoded together the first time they are
   * asked: the units in order, where each unit's positions start, and the positions (from the row's
   * differences). */
  function placeList(term, field) {
    const key = field + " " + term;
    let list = state.places.get(key);
    if (!list) {
      const row = state.rows.get(term), fields = state.meta.lunr.fields, slot = (state.meta.positions || []).indexOf(field);
      const refs = row && slot >= 0 ? postingsOf(row, fields.indexOf(field)).refs : new Int32Array(0);
      const numbers = row && slot >= 0 ? unvarints(row[2 + fields.length + slot]) : [];
      const starts = new Int32Array(refs.length + 1), at = new Int32Array(numbers.length - refs.length);
      let k = 0, n = 0;
      for (let p = 0; p < refs.length; p++) {
        starts[p] = n;
        const count = numbers[k++];
        let position = 0;
        for (let c = 0; c < count; c++) at[n++] = position += numbers[k++];
      }
      starts[refs.length] = n;
      state.places.set(key, (list = { id: key, refs: refs, starts: starts, at: at }));
    }
    return list;
  }

  /* The first place of a sorted list, in [lo, hi), whose value is not below ``value``. */
  function lowerBound(sorted, value, lo, hi) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  const NO_PLACES = new Int32Array(0);
  let weighEvery = false; // for the tests: match weighs every unit found, as it did before weigh chose
  const NO_PHRASES = new Set(); // a document's phrases found, for a query without phrases: none, never added to

  /* Where a query's words stand in the units that hold them: per field of those that keep positions and per
   * query term, the lists of the index terms it matches (``termsOfIndex``), each with a cursor. Units asked
   * in increasing order move the cursors forward (a step, or a binary search past the units skipped). */
  function Places(terms) {
    this.lists = (state.meta.positions || []).map((field) => terms.map((t) => t.kind !== "word" ? [] :
      (t.indexTerms || []).map((w) => placeList(w, field)).filter((l) => l.refs.length)));
    this.cursors = this.lists.map((perTerm) => perTerm.map((lists) => new Int32Array(lists.length)));
    // per term, the first term with the same lists in every field ("giải" and the "giai" of its other name):
    // proximity reads their places, and walks their pairs, once
    const first = new Map();
    this.same = terms.map((_t, i) => {
      const key = this.lists.map((perTerm) => perTerm[i].map((l) => l.id).join(" ")).join("\n");
      if (!first.has(key)) first.set(key, i);
      return first.get(key);
    });
  }

  /* The positions, in field number ``f`` of unit ``ref``, of the words query term ``i`` matches, in order. */
  Places.prototype.of = function (f, i, ref) {
    const lists = this.lists[f][i], cursors = this.cursors[f][i];
    let one = NO_PLACES, more = null;
    for (let n = 0; n < lists.length; n++) {
      const list = lists[n], refs = list.refs;
      let k = cursors[n];
      if (k > 0 && refs[k - 1] >= ref) k = lowerBound(refs, ref, 0, k); // asked out of order
      else if (k < refs.length && refs[k] < ref) k = refs[k + 1] >= ref ? k + 1 : lowerBound(refs, ref, k + 1, refs.length);
      cursors[n] = k;
      if (k === refs.length || refs[k] !== ref || list.starts[k] === list.starts[k + 1]) continue;
      const at = list.at.subarray(list.starts[k], list.starts[k + 1]);
      if (!one.length) one = at;
      else (more = more || Array.from(one)).push(...at);
    }
    return more ? Int32Array.from(more).sort() : one;
  };

  /* Does a sorted list hold a value? */
  function holds(sorted, value) {
    let lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] === value) return true;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /* The core as the page uses it: facet values by name, and the document of every unit. */
  function readCore(meta) {
    meta.docs.forEach(function (d) {
      const f = {};
      meta.facets.forEach((name, i) => (f[name] = d.f[i].map((v) => meta.values[i][v])));
      d.f = f;
    });
    state.unitDoc = [];
    state.firstUnit = [];
    meta.units.forEach(function (count, doc) {
      state.firstUnit.push(state.unitDoc.length);
      for (let k = 0; k < count; k++) state.unitDoc.push(doc);
    });
    state.fileOf = new Map();
    meta.shards.forEach((keys, n) => keys.forEach((k) => state.fileOf.set(k, n)));
    state.synonyms = new Map(); // first word -> the names that begin with it
    (meta.syn || []).forEach(function (cls) {
      [[cls[0], false], [cls[2], true]].forEach(function ([names, loose]) {
        names.forEach(function (words) {
          if (!state.synonyms.has(words[0])) state.synonyms.set(words[0], []);
          state.synonyms.get(words[0]).push({ words: words, cls: cls, loose: loose });
        });
      });
    });
  }

  /* --- data arrives through a queue, from <script> files ------------------------------------ */

  const state = { meta: null, rows: new Map(), places: new Map(), postings: new Map(), parts: {}, shards: {}, loading: {}, waiting: [] };

  function receive(item) {
    if (!Array.isArray(item)) return;
    if (item[0] === "chi-muc") state.meta = item[1];
    else if (item[0] === "tu") state.shards[item[1]] = item[2];
    else if (item[0] === "phan") state.parts[item[1]] = item[2];
    const waiting = state.waiting;
    state.waiting = [];
    waiting.forEach((fn) => fn());
  }

  function installQueue() {
    const early = window[QUEUE];
    window[QUEUE] = { push: receive };
    if (Array.isArray(early)) early.forEach(receive);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const el = document.createElement("script");
      el.src = src;
      el.charset = "utf-8";
      el.async = true;
      el.onload = () => resolve();
      el.onerror = () => reject(new Error(src));
      document.head.appendChild(el);
    });
  }

  /* A part's texts, packed by the build (assets/giai-nen.js unpacks them). */
  function loadPart(p) {
    if (!state.loading[p]) {
      state.loading[p] = (state.parts[p] ? Promise.resolve() : loadScript(DATA + state.meta.parts[p]))
        .then(() => window.vbGiaiNen.unpack(state.parts[p]))
        .then((texts) => (state.parts[p] = texts));
    }
    return state.loading[p];
  }

  function loadShard(n) {
    const name = "tu-" + n + ".js";
    if (state.shards[n]) return Promise.resolve(state.shards[n]);
    if (!state.loading[name]) {
      state.loading[name] = loadScript(DATA + name).then(function () {
        if (!state.shards[n]) throw new Error(name);
        return state.shards[n];
      });
    }
    return state.loading[name];
  }

  /* --- header form (every page) ---------------------------------------------------------- */

  /* The home page's search box, made here (a generated page holds no form of its own); like the
   * search page, it needs JavaScript. */
  function homeForm() {
    const box = document.getElementById("vb-home-search");
    if (!box) return;
    const input = el("input", { id: "vb-home-q", type: "search", name: "q", autocomplete: "off", spellcheck: "false",
      placeholder: "Ví dụ: giải phóng mặt bằng, 340-TB/TU, Đà Lạt" });
    box.replaceChildren(el("form", { action: BASE + "tim-kiem/", method: "get", role: "search", "data-vb-search": "" }, [
      el("label", { for: "vb-home-q", text: "Tìm trong " + (box.getAttribute("data-docs") || "") + " văn bản" }),
      el("div", { className: "vb-tim-kiem__row" }, [
        input, el("button", { type: "submit", className: "md-button md-button--primary", text: "Tìm" })]),
    ]));
  }

  function headerForms() {
    homeForm();
    document.querySelectorAll("form.vb-search, form[data-vb-search]").forEach(function (form) {
      if (FROM_FILE) form.setAttribute("action", BASE + "tim-kiem/index.html");
      // an empty box (on a phone the header shows only its button) opens the search page, its field focused
      form.addEventListener("submit", function () {
        const input = form.querySelector("input[name=q]");
        if (input && !input.value.trim()) input.removeAttribute("name");
      });
      if (document.getElementById("search-results")) {
        const input = form.querySelector("input[name=q]");
        const q = new URLSearchParams(location.search).get("q");
        if (input && q) input.value = q;
      }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const input = document.querySelector("#vb-q") || document.querySelector("form.vb-search input[name=q]");
      if (input) {
        ev.preventDefault();
        input.focus();
      }
    });
  }

  /* --- the search page ------------------------------------------------------------------- */

  const FACETS = {
    "dia-phuong": "Địa phương",
    "nam": "Năm",
    "loai": "Loại văn bản",
    "to-chuc": "Cơ quan, tổ chức",
  };
  const PAGE = 20; // documents shown at a time
  const FIRST = 10; // of those, made before the first results show (more than a screen, even a wide one)
  const PASSAGES = 3; // passages shown per document before "more"
  const EXCERPT = 260; // characters of an excerpt around the matches
  const FACET_VALUES = 8; // values shown per facet before "more"
  const VI = new Intl.Collator("vi"); // one collator: localeCompare(b, "vi") makes one per call

  /* A count the Vietnamese way (188.340): tinh-trang.js's rule. That script comes after this one, and has run by the
   * time a count is written (this page starts at DOMContentLoaded, once every script of the page has run). */
  function countText(n) { return window.vbTinhTrang.count(n); }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) for (const k of Object.keys(attrs)) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach((c) => c && node.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
    return node;
  }

  /* Text with the tokens that match the query in <mark>; [from, to) limits it to an excerpt. */
  function highlighted(text, terms, from, to) {
    const t = chains(text);
    const s = t.text;
    from = from || 0;
    to = to === undefined ? s.length : to;
    const frag = document.createDocumentFragment();
    let at = from;
    for (const h of hits(t, terms)) {
      if (h.end <= at || h.start >= to) continue;
      const a = Math.max(h.start, at), b = Math.min(h.end, to);
      if (a > at) frag.appendChild(document.createTextNode(s.slice(at, a)));
      frag.appendChild(el("mark", { text: s.slice(a, b) }));
      at = b;
    }
    if (at < to) frag.appendChild(document.createTextNode(s.slice(at, to)));
    return frag;
  }

  /* Spans of a tokenised text that match the query: whole symbols, whole phrases, and words, where
   * neighbouring words of the query that stand next to each other are one span ("giải ngân"). A word
   * of a quoted phrase is marked only where the whole phrase is; a word of another name of a body
   * ("tổ" of "Mặt trận Tổ quốc" for "MTTQ") only where the whole name stands, its words next to each other
   * in order ("dân" of "Ủy ban nhân dân" for "UBND" is not marked in "công tác dân vận"). */
  function hits(t, terms) {
    const out = [];
    const seq = []; // the text's words in order; null where a matched symbol stands between them
    for (const c of t.chains) {
      const sym = c.symbol && terms.filter((q) => tokenMatches(q, c.symbol, true));
      if (sym && sym.length) {
        out.push({ start: c.symbol.start, end: c.symbol.end, words: sym, span: 1 });
        seq.push(null);
        continue;
      }
      c.words.forEach((w) => seq.push(w));
    }
    const index = (q) => terms.indexOf(q);
    let matched = seq.map((w) => (w ? terms.filter((q) => tokenMatches(q, w, false)) : []));
    if (terms.slots) { // the alternatives of a slot that this text holds whole
      const found = new Set();
      matched.forEach((qs) => qs.forEach((q) => found.add(index(q))));
      out.forEach((h) => h.words.forEach((q) => found.add(index(q))));
      const live = new Set();
      const at = seq.map(() => null); // per word: the terms of a name of several words that stands whole there
      for (const alts of terms.slots) {
        for (const alt of alts) {
          if (alts.length === 1 || (alt.length === 1 && found.has(alt[0]))) alt.forEach((i) => live.add(i));
          else if (alt.length > 1) { // a body's name of several words: marked where it stands whole, in order
            for (let k = 0; k + alt.length <= seq.length; k++) {
              if (!alt.every((i, n) => seq[k + n] && matched[k + n].includes(terms[i]))) continue;
              alt.forEach((i, n) => (at[k + n] = at[k + n] || new Set()).add(i));
            }
          }
        }
      }
      matched = matched.map((qs, k) => qs.filter((q) => live.has(index(q)) || (at[k] !== null && at[k].has(index(q)))));
    }
    const used = new Array(seq.length).fill(false);
    for (let g = 0; g < (terms.phrases || 0); g++) {
      const words = terms.filter((q) => q.phrase === g);
      for (let k = 0; k + words.length <= seq.length; k++) {
        if (!words.every((q, i) => matched[k + i].includes(q))) continue;
        const last = seq[k + words.length - 1];
        out.push({ start: seq[k].start, end: last.end, words: words, span: words.length,
          exact: words.every((q, i) => q.text === seq[k + i].text) });
        for (let i = 0; i < words.length; i++) used[k + i] = true;
      }
    }
    let run = null;
    seq.forEach(function (w, k) {
      const loose = used[k] ? [] : matched[k].filter((q) => q.phrase === null);
      if (!loose.length) { run = null; return; }
      const exact = loose.some((q) => q.text === w.text);
      // a neighbour of the previous word in the query too: one span
      const follows = run && loose.some((q) => run.words.some((p) => index(q) === index(p) + 1));
      if (follows) {
        run.end = w.end;
        run.span++;
        loose.forEach((q) => run.words.includes(q) || run.words.push(q));
        run.exact = run.exact || exact;
        return;
      }
      run = { start: w.start, end: w.end, words: loose.slice(), exact: exact, span: 1 };
      out.push(run);
    });
    return out.sort((a, b) => a.start - b.start);
  }

  /* The best segment of a unit for an excerpt: the one that matches most query terms. */
  function bestSegment(segments, terms) {
    let best = null;
    for (const seg of segments) {
      const t = chains(seg[1]);
      const found = hits(t, terms);
      if (!found.length) continue;
      const distinct = new Set();
      let exact = 0, joined = 0;
      found.forEach(function (h) {
        h.words.forEach((q) => distinct.add(terms.indexOf(q)));
        if (h.exact) exact++;
        if (h.span > 1) joined++;
      });
      const score = slotsMet(terms, distinct) * 1000 + Math.min(joined, 9) * 100 + exact * 10 + Math.min(found.length, 9);
      if (!best || score > best.score) best = { anchor: seg[0], text: t.text, hits: found, score: score };
    }
    return best;
  }

  /* The excerpt of a long text: the window that shows the most query terms, from a word start. */
  function excerptRange(text, found) {
    if (text.length <= EXCERPT) return [0, text.length];
    let first = found[0], most = -1;
    for (const h of found) {
      const seen = new Set();
      for (const g of found) if (g.start >= h.start && g.end <= h.start + EXCERPT - 60) g.words.forEach((q) => seen.add(q));
      if (seen.size > most) {
        most = seen.size;
        first = h;
      }
    }
    let start = Math.max(0, first.start - 60);
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < first.start ? space + 1 : start;
    }
    let end = Math.min(text.length, start + EXCERPT);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > first.end) end = space;
    }
    return [start, end];
  }

  const SEGMENT_LABELS = [
    [/^doan-(\d+)/, (m) => "Đoạn " + m[1]],
    [/^chu-ky/, () => "Người ký"],
    [/^noi-nhan/, () => "Nơi nhận"],
    [/^chu-thich-(.+)/, (m) => "Chú thích " + m[1]],
  ];

  function segmentLabel(anchor) {
    for (const [re, f] of SEGMENT_LABELS) {
      const m = re.exec(anchor || "");
      if (m) return f(m);
    }
    return "Văn bản";
  }

  /* The page's search box, made here: without JavaScript there is nothing it could do. */
  function searchForm(box) {
    if (!box) return null;
    const input = el("input", { id: "vb-q", type: "search", name: "q", autocomplete: "off", spellcheck: "false",
      placeholder: "Ví dụ: dân vận khéo, 340-TB/TU, Đà Lạt" });
    const form = el("form", { role: "search", method: "get", action: "" }, [
      el("label", { for: "vb-q", text: "Từ cần tìm" }),
      el("div", { className: "vb-tim-kiem__row" }, [
        input, el("button", { type: "submit", className: "md-button md-button--primary", text: "Tìm" })]),
    ]);
    box.replaceChildren(form);
    return form;
  }

  function SearchPage(root) {
    this.root = root;
    this.form = searchForm(document.getElementById("vb-tim-kiem"));
    this.input = document.getElementById("vb-q");
    this.status = document.getElementById("vb-status");
    this.facetBox = document.getElementById("vb-facets");
    const params = new URLSearchParams(location.search);
    this.query = params.get("q") || "";
    this.selected = {};
    for (const f of Object.keys(FACETS)) this.selected[f] = new Set(params.getAll(f));
    this.shown = PAGE;
    this.opened = new Set(); // facets whose every value is shown
    if (this.input) this.input.value = this.query;
    if (this.input && !this.query) this.input.focus(); // come to search: the field is ready to type in
    // the facets fold above the results on a phone, and stand open beside them on a wide screen
    this.facetsBox = document.getElementById("vb-facets-box");
    this.facetsChosen = document.getElementById("vb-facets-chosen");
    if (this.facetsBox) this.facetsBox.open = window.matchMedia("(min-width: 45em)").matches;
  }

  SearchPage.prototype.start = function () {
    const self = this;
    let timer = null;
    if (this.form) {
      this.form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        self.setQuery(self.input.value);
      });
    }
    if (this.input) {
      this.input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(() => self.setQuery(self.input.value), 200);
      });
    }
    this.say("Đang tải chỉ mục tìm kiếm…");
    loadScript(DATA + "chi-muc.js")
      .then(function () {
        if (!state.meta) throw new Error("chỉ mục");
        readCore(state.meta);
        self.ready = true;
        self.run();
      })
      .catch(() => this.failed());
  };

  SearchPage.prototype.failed = function () {
    this.say("Không tải được chỉ mục tìm kiếm. Hãy tải lại trang.");
  };

  SearchPage.prototype.say = function (text) {
    this.status.textContent = text;
  };

  SearchPage.prototype.setQuery = function (q) {
    if (q === this.query && this.results) return;
    this.query = q;
    this.shown = PAGE;
    this.run();
  };

  SearchPage.prototype.saveUrl = function () {
    const params = new URLSearchParams();
    if (this.query.trim()) params.set("q", this.query.trim());
    for (const f of Object.keys(FACETS)) for (const v of this.selected[f]) params.append(f, v);
    const search = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (e) {
      /* some browsers refuse history changes on file:// — the page still works */
    }
  };

  /* Runs the query once its shards are loaded; a later query supersedes one still loading. */
  SearchPage.prototype.run = function () {
    if (!this.ready) return;
    const query = this.query, terms = queryTerms(query);
    const ticket = (this.ticket = (this.ticket || 0) + 1);
    const found = terms.length ? rowsFor(terms) : Promise.resolve(null);
    found.then((rows) => {
      if (ticket !== this.ticket) return;
      this.terms = terms;
      this.results = this.match(rows, terms);
      this.render();
    }).catch(() => this.failed());
  };

  /* Which phrases a unit holds as phrases, and how many pairs of neighbouring query words (not in
   * quotes) stand next to each other in it, in one of the fields that keep positions. */
  function proximity(terms, ref, places) {
    const phrases = new Set(), n = terms.length, same = places.same, pairs = new Uint8Array(n);
    let count = 0;
    for (let f = 0; f < places.lists.length; f++) {
      const at = new Array(n), walked = new Uint8Array(n * n); // per pair of same terms: 1 together, 2 not
      for (let i = 0; i < n; i++) at[i] = same[i] === i ? places.of(f, i, ref) : at[same[i]];
      for (let g = 0; g < terms.phrases; g++) {
        if (phrases.has(g)) continue;
        const words = terms.map((t, i) => [t, i]).filter((ti) => ti[0].phrase === g);
        for (const p of at[words[0][1]]) {
          if (words.every((ti) => holds(at[ti[1]], p + ti[0].place))) {
            phrases.add(g);
            break;
          }
        }
      }
      for (let i = 0; i + 1 < n; i++) {
        if (pairs[i] || terms[i].phrase !== null || terms[i + 1].phrase !== null) continue;
        const key = same[i] * n + same[i + 1];
        if (!walked[key]) walked[key] = together(at[i], at[i + 1]) ? 1 : 2;
        if (walked[key] === 1) {
          pairs[i] = 1;
          count++;
        }
      }
    }
    return { phrases: phrases, pairs: count };
  }

  /* Does a word of sorted positions ``b`` stand right after one of ``a``? Both in order: one walk. */
  function together(a, b) {
    for (let x = 0, y = 0; x < a.length && y < b.length;) {
      if (b[y] === a[x] + 1) return true;
      if (b[y] < a[x] + 1) y++;
      else x++;
    }
    return false;
  }

  /* The index terms (folded) each query word matches: itself, or the words it begins while typed. */
  function termsOfIndex(terms) {
    const all = Array.from(state.rows.keys());
    terms.forEach(function (t) {
      t.indexTerms = t.kind !== "word" ? [] : t.prefix ? all.filter((w) => w.startsWith(t.folded)) :
        state.rows.has(t.folded) ? [t.folded] : [];
    });
  }

  /* Passages with every word (and every phrase) first, then those where more neighbouring words of the
   * query stand next to each other, then more words in their exact spelling, then lunr's score: the order
   * of two found units, by their places ``a`` and ``b`` in the arrays of ``q`` (see ``match``). */
  function rankAt(q, a, b) {
    return (q.all[b] - q.all[a]) || (q.near[b] - q.near[a]) || (q.exact[b] - q.exact[a]) ||
      (q.score[b] - q.score[a]) || (q.refs[a] - q.refs[b]);
  }

  /* The pairs of neighbouring query words (neither in quotes) that proximity counts: their first words. */
  function pairsOf(terms) {
    const out = [];
    for (let i = 0; i + 1 < terms.length; i++) if (terms[i].phrase === null && terms[i + 1].phrase === null) out.push(i);
    return out;
  }

  /* Of those pairs, the ones whose words stand next to each other somewhere in the archive, in a field that
   * keeps positions: a pair found nowhere counts in no unit, so it is left out of ``most`` (the bound stays a
   * bound, and a tight one). A synonym's alternatives are terms in a row, so the last word of one and the
   * first of the next make a pair ("bằng" "giai" for "giải phóng mặt bằng"), which texts seldom hold; while
   * it counted, no document's bound fell below the documents found, and every one was read. One walk of the
   * two words' lists per field, stopping at the first place found; a word with several index terms (a
   * beginning being typed) is not walked, its pairs kept. */
  function pairsFound(pairs, places) {
    const seen = new Map(); // the same two lists (a word and its other name's same word): walked once
    return pairs.filter(function (i) {
      let key = "";
      for (let f = 0; f < places.lists.length; f++) {
        const a = places.lists[f][i], b = places.lists[f][i + 1];
        if (a.length > 1 || b.length > 1) return true;
        key += (a.length ? a[0].id : "-") + " " + (b.length ? b[0].id : "-") + ";";
      }
      if (!seen.has(key)) {
        let found = false;
        for (let f = 0; f < places.lists.length && !found; f++) {
          const a = places.lists[f][i], b = places.lists[f][i + 1];
          found = a.length === 1 && b.length === 1 && adjacentSomewhere(a[0], b[0]);
        }
        seen.set(key, found);
      }
      return seen.get(key);
    });
  }

  /* Does some unit hold a word of list ``a`` followed at once by a word of list ``b`` (``placeList``)? */
  function adjacentSomewhere(a, b) {
    const ra = a.refs, rb = b.refs;
    for (let x = 0, y = 0; x < ra.length && y < rb.length;) {
      if (ra[x] < rb[y]) x++;
      else if (rb[y] < ra[x]) y++;
      else {
        const ea = a.starts[x + 1], eb = b.starts[y + 1];
        for (let p = a.starts[x], r = b.starts[y]; p < ea && r < eb;) {
          const want = a.at[p] + 1;
          if (b.at[r] === want) return true;
          if (b.at[r] < want) r++;
          else p++;
        }
        x++;
        y++;
      }
    }
    return false;
  }

  /* How many of those pairs a unit can hold at most: those whose two words it holds (``covered`` masks). */
  function mostPairs(pairs, covered, at) {
    let n = 0;
    for (const i of pairs) {
      const j = i + 1;
      if ((covered[at + (i >> 5)] & (1 << (i & 31))) && (covered[at + (j >> 5)] & (1 << (j & 31)))) n++;
    }
    return n;
  }

  /* The place of a document's best unit. Where neighbouring words stand (``near``) is read only for the
   * units that hold every word and are still open (near < 0), best first by the later keys (exact
   * spelling, score), until one holds as many pairs as any of them can (``most``: the pairs whose two
   * words it holds): none after it can rank higher. */
  function bestUnit(q, d) {
    const open = [];
    for (let k = d.from; k < d.to; k++) if (q.near[k] < 0) open.push(k);
    if (!open.length) {
      weighRange(q.scored, d.from, d.to); // (every unit of such a document is weighed already)
      let best = -1;
      for (let k = d.from; k < d.to; k++) if (best < 0 || rankAt(q, k, best) < 0) best = k;
      return best;
    }
    open.sort((a, b) => rankAt(q, a, b)); // all hold every word, near unknown: by exact spelling, score, place
    let most = 0;
    for (const k of open) most = Math.max(most, q.most[k]);
    let top = -1;
    for (const k of open) {
      q.near[k] = proximity(q.terms, q.refs[k], q.places).pairs;
      if (top < 0 || q.near[k] > q.near[top]) top = k;
      if (q.near[k] === most) break;
    }
    return top; // a unit with every word ranks above one without
  }

  /* A document's passages in rank order, as objects, every ``near`` read: made for the documents shown. */
  function rankedUnits(d) {
    if (!d.units) {
      const q = d.query, places = [];
      weighRange(q.scored, d.from, d.to); // its units without every word, not weighed before
      for (let k = d.from; k < d.to; k++) {
        if (q.near[k] < 0) q.near[k] = proximity(q.terms, q.refs[k], q.places).pairs;
        places.push(k);
      }
      d.units = places.sort((a, b) => rankAt(q, a, b)).map((k) => ({ ref: q.refs[k], own: q.refs[k] === state.firstUnit[d.doc],
        all: q.all[k] === 1, near: q.near[k], exact: q.exact[k], inText: q.inText[k] === 1, score: q.score[k] }));
    }
    return d.units;
  }

  /* Every matching unit of the index for ``terms``, grouped by document; the documents ranked by their
   * best passage. A document's passages are ranked when it is shown (``rankedUnits``): at 1,000 texts a
   * query of common words finds ~13,000 passages, and a page of results shows 60 of them. */
  SearchPage.prototype.match = function (rows, terms) {
    const meta = state.meta;
    const docs = [];
    let docMet = () => true; // every word (or another name of the body) must occur
    let q = null;
    if (terms.length) {
      termsOfIndex(terms);
      const scored = found(terms, rows), covered = scored.covered, words = scored.words, refs = scored.refs;
      const met = slotMasks(terms, words), places = new Places(terms), n = refs.length;
      const pairs = pairsFound(pairsOf(terms), places);
      q = { terms: terms, places: places, most: new Int32Array(n), refs: refs, score: null, exact: scored.exact,
        inText: scored.inText, all: new Uint8Array(n), near: new Int32Array(n), scored: scored };
      // a unit's masks are few distinct values (one word a unit for up to 32 terms): its tests, once per value
      const one = words === 1, metOf = new Map(), mostOf = new Map();
      const want = terms.phrases || weighEvery ? null : new Uint8Array(n); // the units whose score can be seen (below)
      for (let from = 0, to; from < n; from = to) { // a document's units stand together, in order
        const doc = state.unitDoc[refs[from]];
        for (to = from + 1; to < n && state.unitDoc[refs[to]] === doc;) to++;
        const d = { doc: doc, from: from, to: to, query: q, units: null, covered: new Int32Array(words), phrases: NO_PHRASES };
        if (terms.phrases) d.phrases = new Set();
        let complete = false;
        for (let k = from; k < to; k++) { // in the units' order: the places' cursors move forward
          const ref = refs[k], value = covered[ref];
          let all;
          if (one) {
            d.covered[0] |= value;
            all = metOf.get(value);
            if (all === undefined) metOf.set(value, (all = met(covered, ref)));
          } else {
            for (let w = 0; w < words; w++) d.covered[w] |= covered[ref * words + w];
            all = met(covered, ref * words);
          }
          if (terms.phrases) { // where words stand decides which documents match: read now
            const near = proximity(terms, ref, places);
            q.all[k] = all && near.phrases.size === terms.phrases ? 1 : 0;
            q.near[k] = near.pairs;
            near.phrases.forEach((g) => d.phrases.add(g));
          } else { // else read later, only where it can change the order (-1: not read yet)
            q.all[k] = all ? 1 : 0;
            q.near[k] = all ? -1 : 0;
            if (all) {
              complete = true;
              if (want) want[k] = 1;
              let most = one ? mostOf.get(value) : undefined;
              if (most === undefined) {
                most = mostPairs(pairs, covered, ref * words);
                if (one) mostOf.set(value, most);
              }
              q.most[k] = most;
            }
          }
        }
        // a document without a unit that holds every word ranks by the best of all its units: their scores count
        if (want && !complete && met(d.covered, 0)) want.fill(1, from, to);
        docs.push(d);
      }
      // lunr's score is read for a unit that holds every word, and for the units of a document with none that
      // matches: the other units of a document rank below its complete ones and are shown after them only
      // (rankedUnits weighs them when the document is shown)
      q.score = weigh(scored, want).score;
      docMet = (d) => met(d.covered, 0) && d.phrases.size === terms.phrases; // and every phrase, as a phrase
    } else {
      meta.docs.forEach((_d, i) => docs.push({ doc: i, units: [] }));
    }
    const matches = docs.filter((d) => docMet(d));
    matches.q = q;
    if (q && !terms.phrases) { // in the order of what each document can reach at best: see firstRanked
      for (const d of matches) d.bound = boundOf(q, d);
      matches.sort((a, b) => keyCmp(a.bound, b.bound));
      matches.ranked = false;
    } else { // every unit's places are read already (phrases), or there are no words
      for (const d of matches) d.best = q ? bestUnit(q, d) : -1;
      rankDocs(matches);
    }
    return matches;
  };

  /* The key a unit ranks by (rankAt), as an object; keyCmp orders two keys. */
  function keyAt(q, k) {
    return { all: q.all[k], near: q.near[k], exact: q.exact[k], score: q.score[k], ref: q.refs[k] };
  }

  function keyCmp(a, b) {
    return (b.all - a.all) || (b.near - a.near) || (b.exact - a.exact) || (b.score - a.score) || (a.ref - b.ref);
  }

  /* The highest key a document's best unit can have: its own where no unit holds every word (nothing to
   * read), else the most pairs of neighbours, the best spelling, score and place among those units (``d.best`` stays unknown, -1, until bestUnit reads where their words stand). */
  function boundOf(q, d) {
    let first = -1, near = 0, exact = 0, score = -Infinity;
    for (let k = d.from; k < d.to; k++) {
      if (!q.all[k]) continue;
      if (first < 0) first = k;
      near = Math.max(near, q.most[k]);
      exact = Math.max(exact, q.exact[k]);
      score = Math.max(score, q.score[k]);
    }
    if (first >= 0) {
      d.best = -1;
      return { all: 1, near: near, exact: exact, score: score, ref: q.refs[first] };
    }
    d.best = bestUnit(q, d);
    return keyAt(q, d.best);
  }

  function bestOf(q, d) {
    if (d.best < 0) d.best = bestUnit(q, d);
    return d.best;
  }

  /* Documents by their best unit (without words: the newest first). */
  function rankDocs(matches) {
    if (matches.ranked) return matches;
    const q = matches.q, meta = state.meta;
    if (q) for (const d of matches) bestOf(q, d);
    matches.sort(function (a, b) {
      if (!q) return (meta.docs[b.doc].i || "").localeCompare(meta.docs[a.doc].i || "") || a.doc - b.doc;
      return rankAt(q, a.best, b.best) || a.doc - b.doc;
    });
    matches.ranked = true;
    return matches;
  }

  /* The first ``k`` documents that ``passes`` in rank order, reading where words stand only for the
   * documents that can still be among them: in the order of their bounds, until the k-th document found
   * ranks above the next bound (and so above every document after it). The same documents as
   * rankDocs(matches).filter(passes).slice(0, k). */
  function firstRanked(matches, k, passes) {
    if (matches.ranked) return matches.filter(passes).slice(0, k);
    const q = matches.q, found = [];
    for (const d of matches) {
      if (!passes(d)) continue;
      if (found.length >= k && keyCmp(keyAt(q, found[k - 1].best), d.bound) < 0) break;
      const key = keyAt(q, bestOf(q, d));
      let at = found.length;
      while (at > 0 && keyCmp(key, keyAt(q, found[at - 1].best)) < 0) at--;
      found.splice(at, 0, d);
    }
    return found.slice(0, k);
  }

  SearchPage.prototype.passes = function (doc, except) {
    const f = state.meta.docs[doc].f;
    for (const name of Object.keys(FACETS)) {
      if (name === except || !this.selected[name].size) continue;
      if (!(f[name] || []).some((v) => this.selected[name].has(v))) return false;
    }
    return true;
  };

  /* Shows the results: the status and the first FIRST documents at once; the rest of the page, the
   * facets' counts and the address in a task of their own, so that the first screen does not wait for
   * them (the facets fold above the results on a phone). */
  SearchPage.prototype.render = function () {
    const later = this.paint();
    if (window.performance && performance.mark) performance.mark("vb-ket-qua"); // results shown (the benchmark reads it)
    const ticket = (this.painted = (this.painted || 0) + 1);
    setTimeout(() => {
      if (ticket !== this.painted) return; // painted again meanwhile
      if (later) later();
      this.renderFacets();
      this.saveUrl();
      this.root.setAttribute("data-query", this.query); // what the results are for (tests wait on it)
    }, 0);
  };

  SearchPage.prototype.paint = function () {
    const q = this.query.trim();
    const anyFacet = Object.keys(FACETS).some((f) => this.selected[f].size);
    const visible = this.results.filter((d) => this.passes(d.doc));
    this.root.replaceChildren();
    if (!this.terms.length && !anyFacet) {
      this.say(q ? "Hãy nhập từ cần tìm (chữ hoặc số)." :
        "Nhập từ cần tìm: có dấu hoặc không dấu, số hiệu văn bản (ví dụ 340-TB/TU), tên cơ quan, địa phương.");
      return;
    }
    if (!visible.length) {
      const msg = this.terms.length
        ? "Không tìm thấy kết quả nào cho “" + q + "”" + (anyFacet ? " với bộ lọc đã chọn." : ".") +
          " Hãy thử bớt từ, viết không dấu hoặc kiểm tra chính tả."
        : "Không có văn bản nào với bộ lọc đã chọn.";
      this.say(msg); // the status line says it, once: a second copy below read twice to a screen reader
      return;
    }
    this.say(this.terms.length
      ? "Tìm thấy " + countText(visible.length) + " văn bản khớp với “" + q + "”."
      : countText(visible.length) + " văn bản với bộ lọc đã chọn.");
    const list = el("ol", { className: "vb-results" });
    const passes = (d) => this.passes(d.doc);
    firstRanked(this.results, Math.min(FIRST, this.shown), passes).forEach((d) => list.appendChild(this.renderDoc(d)));
    this.root.appendChild(list);
    if (visible.length > this.shown) {
      const more = el("button", { type: "button", className: "md-button vb-more",
        text: "Xem thêm " + countText(Math.min(PAGE, visible.length - this.shown)) + " văn bản" });
      more.addEventListener("click", () => {
        this.shown += PAGE;
        this.render();
      });
      this.root.appendChild(more);
    }
    if (Math.min(visible.length, this.shown) <= FIRST) return null;
    return () => rankDocs(this.results).filter(passes).slice(FIRST, this.shown).forEach((d) => list.appendChild(this.renderDoc(d)));
  };

  SearchPage.prototype.renderDoc = function (d) {
    const doc = state.meta.docs[d.doc];
    const terms = this.terms;
    const item = el("li", { className: "vb-result", "data-doc": doc.u });
    const title = el("a", { className: "vb-result__title", href: pageHref(doc.u) }, [highlighted(doc.t, terms)]);
    item.appendChild(el("h2", { className: "vb-result__heading" }, [title]));
    const facts = [doc.k, doc.n, doc.d, ...(doc.f["dia-phuong"] || [])].filter(Boolean);
    if (facts.length) item.appendChild(el("p", { className: "vb-result__meta", text: facts.join(" · ") }));
    // passages: sections and items, and the document's own text where a word was found
    // passages: the units that hold every word (else the best few); the document's own unit
    // only where its text matched, not its title or facts
    const candidates = rankedUnits(d).filter((u) => !u.own || u.inText);
    const complete = candidates.filter((u) => u.all);
    const units = complete.length ? complete : candidates.slice(0, PASSAGES);
    if (!units.length) return item;
    const list = el("ol", { className: "vb-passages" });
    units.slice(0, PASSAGES).forEach((u) => list.appendChild(this.renderPassage(doc, u)));
    item.appendChild(list);
    if (units.length > PASSAGES) { // the others are made when asked for: a document may match in dozens
      const more = el("button", { type: "button", className: "vb-passages__more",
        text: "Xem thêm " + (units.length - PASSAGES) + " đoạn" });
      more.addEventListener("click", () => {
        units.slice(PASSAGES).forEach((u) => list.appendChild(this.renderPassage(doc, u)));
        more.remove();
      });
      item.appendChild(more);
    }
    return item;
  };

  /* One passage: a link to page#anchor; its label, heading and excerpt arrive with the document's
   * text part. */
  SearchPage.prototype.renderPassage = function (doc, u) {
    const terms = this.terms;
    const link = el("a", { className: "vb-passage", href: pageHref(doc.u) });
    const label = el("span", { className: "vb-passage__label", text: "Văn bản" });
    const text = el("span", { className: "vb-passage__text" });
    link.append(label, text);
    const row = el("li", null, [link]);
    loadPart(doc.p).then(function (part) {
      const [unitLabel, anchor, title, segments] = (part && part[String(u.ref)]) || ["", "", "", []];
      if (anchor) link.setAttribute("href", pageHref(doc.u, anchor));
      if (unitLabel) label.textContent = unitLabel;
      if (title) link.insertBefore(el("span", { className: "vb-passage__title" }, [highlighted(title, terms)]), text);
      const best = terms.length ? bestSegment(segments, terms) : null;
      if (!best) {
        if (!anchor) row.remove(); // the document matched by its title or facts: the title link says it
        else if (!title && segments.length) text.textContent = segments[0][1].slice(0, EXCERPT) + "…";
        return;
      }
      if (best.anchor && best.anchor !== anchor) {
        link.setAttribute("href", pageHref(doc.u, best.anchor));
        if (!unitLabel) label.textContent = segmentLabel(best.anchor);
      }
      const [from, to] = excerptRange(best.text, best.hits);
      text.replaceChildren();
      if (from > 0) text.appendChild(document.createTextNode("… "));
      text.appendChild(highlighted(best.text, terms, from, to));
      if (to < best.text.length) text.appendChild(document.createTextNode(" …"));
    }).catch(function () {
      text.textContent = "(không tải được đoạn trích)";
    }).then(() => text.setAttribute("data-loaded", ""));
    return row;
  };

  SearchPage.prototype.renderFacets = function () {
    const box = this.facetBox;
    if (!box) return;
    box.replaceChildren();
    const chosen = Object.keys(FACETS).reduce((n, f) => n + this.selected[f].size, 0);
    if (this.facetsChosen) this.facetsChosen.textContent = chosen ? "(" + chosen + " đang chọn)" : "";
    const docs = state.meta.docs;
    for (const name of Object.keys(FACETS)) {
      const counts = new Map();
      for (const d of this.results) {
        if (!this.passes(d.doc, name)) continue;
        for (const v of docs[d.doc].f[name] || []) counts.set(v, (counts.get(v) || 0) + 1);
      }
      for (const v of this.selected[name]) if (!counts.has(v)) counts.set(v, 0);
      if (!counts.size) continue;
      const values = Array.from(counts.keys()).sort(name === "nam"
        ? (a, b) => b.localeCompare(a)
        : (a, b) => counts.get(b) - counts.get(a) || VI.compare(a, b));
      const group = el("fieldset", { className: "vb-facet", "data-facet": name }, [el("legend", { text: FACETS[name] })]);
      let rows = 0;
      for (const v of values) {
        const check = el("input", { type: "checkbox", name: name, value: v });
        check.checked = this.selected[name].has(v);
        check.addEventListener("change", () => {
          if (check.checked) this.selected[name].add(v);
          else this.selected[name].delete(v);
          this.shown = PAGE;
          this.render();
        });
        const row = el("label", { className: "vb-facet__value" },
          [check, " " + v + " ", el("span", { className: "vb-facet__count", text: "(" + countText(counts.get(v)) + ")" })]);
        if (rows++ >= FACET_VALUES && !check.checked && !this.opened.has(name)) row.hidden = true;
        group.appendChild(row);
      }
      const hidden = group.querySelectorAll("label[hidden]");
      if (hidden.length) {
        const more = el("button", { type: "button", className: "vb-facet__more", text: "Xem thêm " + hidden.length });
        more.addEventListener("click", () => {
          this.opened.add(name);
          hidden.forEach((row) => (row.hidden = false));
          more.remove();
        });
        group.appendChild(more);
      }
      box.appendChild(group);
    }
    if (Object.keys(FACETS).some((f) => this.selected[f].size)) {
      const clear = el("button", { type: "button", className: "vb-facets__clear", text: "Bỏ mọi bộ lọc" });
      clear.addEventListener("click", () => {
        for (const f of Object.keys(FACETS)) this.selected[f].clear();
        this.render();
      });
      box.appendChild(clear);
    }
    // no result and no filter chosen: nothing to filter, so no empty "Lọc kết quả" box beside the message
    if (this.facetsBox) this.facetsBox.hidden = !box.childElementCount;
  };

  /* --- start --------------------------------------------------------------------------- */

  installQueue();
  // exposed for the tests: the tokeniser must agree with build_scripts/index.py
  window.vbTimKiemTokens = function (text) {
    return chains(text).chains.map((c) => ({
      words: c.words.map((w) => [w.text, w.folded]),
      symbol: c.symbol ? [c.symbol.text, c.symbol.folded] : null,
    }));
  };

  // exposed for the tests: a query's units and scores, to compare with lunr's (words and symbols only)
  window.vbTimKiemScores = function (q, typing) {
    const terms = [];
    for (const c of chains(q).chains) {
      const tokens = c.symbol ? [["symbol", c.symbol]] : c.words.map((w) => ["word", w]);
      tokens.forEach(([kind, t]) => terms.push({ kind: kind, text: t.text, folded: t.folded, prefix: false }));
    }
    const last = terms[terms.length - 1];
    if (typing && last && last.kind === "word" && Array.from(last.folded).length >= 3) last.prefix = true;
    return rowsFor(terms).then(function (rows) {
      const scored = score(terms, rows);
      return Array.from(scored.refs, (ref, k) => [ref, scored.score[k]]);
    });
  };

  // exposed for the tests: the documents found for a query, ranked, each with its passages in rank order and
  // their scores; ``every``: every passage weighed (the same order and scores are expected either way)
  window.vbTimKiemRanking = function (q, every) {
    const terms = queryTerms(q);
    return rowsFor(terms).then(function (rows) {
      weighEvery = every;
      try {
        const matches = rankDocs(SearchPage.prototype.match.call(null, rows, terms));
        return matches.map((d) => [d.doc, rankedUnits(d).map((u) => [u.ref, u.all, u.near, u.exact, u.score])]);
      } finally {
        weighEvery = false;
      }
    });
  };

  function init() {
    headerForms();
    const root = document.getElementById("search-results");
    if (root) new SearchPage(root).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
