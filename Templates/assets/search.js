// Full-text search over the files the build writes under search/ (SearchIndex.swift): the
// manifest (search/index.js) says which shard holds which words; a query loads the shards
// of its words and then one small file per result shown, with its title, link and text for
// the excerpt. Every file is a script (self.dossierSearchLoad(id, data, version)), so search works
// from disk too, where browsers refuse fetch. Queries are folded as the build folds text
// (Swift's String.searchFolded): no accents or case, Arabic letters as Persian ones.
// The search page uses it, and the header's box (quick-search.js) loads this script and
// calls self.dossierSearchQuery and self.dossierSearchText.
(function () {
  "use strict";
  var data = self.dossierSearch;
  if (!data || self.dossierSearchQuery) return;
  var MAX_WORD = 32;  // SearchWords.maxLength
  var PAGE = 10;

  // Where the manifest came from is where its shards are.
  var base = "";
  document.querySelectorAll("script[src]").forEach(function (script) {
    if (/search\/index\.js(\?.*)?$/.test(script.src)) base = script.src.replace(/index\.js(\?.*)?$/, "");
  });

  function fold(text) {
    // Most text is ASCII, where folding is lowercasing.
    if (!/[^\x00-\x7F]/.test(text)) return text.toLowerCase();
    return text.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase()
      .replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9").replace(/\u200C/g, " ").replace(/\u0640/g, "").replace(/\u03C2/g, "\u03C3");
  }
  function words(text) {
    return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (word) {
      var scalars = Array.from(word);
      return scalars.length > MAX_WORD ? scalars.slice(0, MAX_WORD).join("") : word;
    });
  }

  // Loading: each file once, by a <script> whose URL names the version the manifest lists
  // for it (so no cache serves an older one; a file that did not change keeps its version
  // and its URL from build to build); a failed one is tried again on the next query. Each
  // file hands over its data and its version, and its own load event settles its promise:
  // a file of another version than the manifest's (the site was rebuilt since the page
  // loaded it) is Stale, and the query loads the manifest again and runs again.
  var loaded, pending, split, onReset = null;
  var arrived = Object.create(null);
  function reset() {
    data = self.dossierSearch;
    loaded = Object.create(null); pending = Object.create(null);
    split = { names: new Set(data.namesSplit), terms: new Set(data.termsSplit) };
    if (onReset) onReset();
  }
  reset();
  function Stale() {}
  self.dossierSearchLoad = function (id, value, version) { arrived[id] = { value: value, version: version }; };
  // The version the manifest lists for a file, by its id: a few characters per file, in
  // file order, for each kind of file (the id's first letter); a text's later parts (x12-2)
  // share the version of its first.
  // A manifest without versions (an older one a cache kept) expects none: the file is
  // Stale, and the manifest is loaded again.
  function version(id) {
    var width = data.versionWidth, list = data.versions && data.versions[id.charAt(0)];
    return list ? list.substr(width * parseInt(id.slice(1), 10), width) : "";
  }
  function script(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.async = true;
      element.onload = function () { element.remove(); resolve(); };
      element.onerror = function () { element.remove(); reject(new Error(src + " did not load")); };
      document.head.appendChild(element);
    });
  }
  function load(id, path) {
    if (id in loaded) return Promise.resolve(loaded[id]);
    if (!pending[id]) {
      var expected = version(id), table = loaded;
      var entry = pending[id] = script(base + path + "?" + expected).then(function () {
        var got = arrived[id];
        delete arrived[id];
        if (!got || got.version !== expected) throw new Stale();
        table[id] = got.value;
        return got.value;
      });
      var waits = pending;
      entry.catch(function () { if (waits[id] === entry) delete waits[id]; });
    }
    return pending[id];
  }
  // The manifest loaded again, once for everyone asking at the same time; true when it is
  // another build's.
  var reloading = null;
  function refresh() {
    if (!reloading) {
      reloading = script(base + "index.js?" + Date.now()).then(function () {
        reloading = null;
        if (!self.dossierSearch || self.dossierSearch.build === data.build) return false;
        reset();
        return true;
      }, function (error) { reloading = null; throw error; });
    }
    return reloading;
  }
  // Runs `task`, and once more with a new manifest if a file was stale or missing (a
  // rebuild can leave fewer files) and the manifest is now another build's.
  function fresh(task) {
    return task().catch(function (error) {
      return refresh().then(function (changed) {
        if (!changed) throw error;
        return task();
      });
    });
  }

  // Posting lists: base-32 digits, the last of each number from the first half of the
  // alphabet (SearchNumbers.swift).
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  function decode(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      value = value * 32 + (d & 31);
      if (d < 32) { out.push(value); value = 0; }
    }
    return out;
  }

  // The shard of a word: its first letters (one for names, two for text), one more while
  // that shard was split. `complete`: the shard holds every word starting with `word`.
  function shard(kind, word) {
    var letters = Array.from(word), depth = kind === "names" ? 1 : 2;
    var key = letters.slice(0, depth).join("");
    while (split[kind].has(key) && letters.length > depth) key = letters.slice(0, ++depth).join("");
    var number = data[kind][key];
    // A word shorter than the key length has a key of its own that holds only itself (its
    // file may hold other keys' words): it matches exactly.
    var complete = !split[kind].has(key) && letters.length >= (kind === "names" ? 1 : 2);
    if (number === undefined) return Promise.resolve(null);
    return load((kind === "names" ? "n" : "t") + number, kind + "/" + number + ".js").then(function (words) {
      return { words: words, complete: complete };
    });
  }
  // The words of a loaded shard that `token` matches: itself, and longer words it starts,
  // or where their files were split off, the key's summary of them ("*" + token, or
  // "+" + token when it lists only the first units).
  function matching(found, token) {
    if (!found) return [];
    if (!found.complete) {
      return [token, "*" + token, "+" + token].filter(function (word) { return word in found.words; });
    }
    var out = [];
    for (var word in found.words) if (word.lastIndexOf(token, 0) === 0) out.push(word);
    return out;
  }

  // Calls fn(unit, value, word) for each posting of each word `token` matches in a loaded
  // shard; true when a summary among them lists only the first units.
  function eachPosting(found, token, fn) {
    var partial = false;
    matching(found, token).forEach(function (word) {
      if (word[0] === "+") partial = true;
      var list = decode(found.words[word]), unit = 0;
      for (var i = 0; i < list.length; i += 2) {
        unit += list[i];
        fn(unit, list[i + 1], word);
      }
    });
    return partial;
  }

  function unitKind(unit) {
    for (var k = data.kinds.length - 1; k >= 0; k--) if (unit >= data.starts[k]) return k;
    return 0;
  }

  // Resolves to { results: [{unit, kind, score}], counts: per kind, tokens }, best first:
  // title and name matches, then how often and how rarely the words occur. Every word of
  // the query must match (a title, a name or the text); the last may be the start of one.
  // options.kind (an index into data.kinds) and options.theme (a theme's name) filter.
  function search(query, options) {
    return fresh(function () { return run(query, options || {}); });
  }
  function run(query, options) {
    var tokens = words(fold(query)).filter(function (t, i, all) { return all.indexOf(t) === i; });
    if (!tokens.length) return Promise.resolve({ results: [], counts: data.kinds.map(function () { return 0; }), tokens: [] });
    var total = data.starts[data.starts.length - 1];
    var loads = [];
    tokens.forEach(function (token) {
      loads.push(shard("names", token));
      loads.push(shard("terms", token));
    });
    // The theme by name: its number may differ in another build's manifest.
    var themeNumber = options.theme ? data.themes.findIndex(function (theme) { return theme[0] === options.theme; }) : -1;
    if (themeNumber >= 0) loads.push(load("h" + themeNumber, "themes/" + themeNumber + ".js"));
    return Promise.all(loads).then(function (shards) {
      var scores = null, inText = null, partial = false;
      tokens.forEach(function (token, t) {
        var names = shards[2 * t], terms = shards[2 * t + 1];
        var hits = new Map();
        // A name match outranks any text: more for the whole word, and more the shorter the
        // name (the query is more of it).
        if (eachPosting(names, token, function (unit, length, word) {
          var score = 1000 + (word === token ? 100 : 0) + 400 / length;
          if ((hits.get(unit) || 0) < score) hits.set(unit, score);
        })) partial = true;
        var counts = new Map();
        if (eachPosting(terms, token, function (unit, count) {
          counts.set(unit, (counts.get(unit) || 0) + count);
        })) partial = true;
        var rarity = Math.log(1 + total / Math.max(1, counts.size));
        counts.forEach(function (count, unit) {
          hits.set(unit, (hits.get(unit) || 0) + Math.min(99 / tokens.length, Math.log(1 + count) * rarity));
        });
        if (!inText) inText = new Set();
        counts.forEach(function (count, unit) { inText.add(unit); });
        if (!scores) { scores = hits; return; }
        var next = new Map();
        hits.forEach(function (score, unit) { if (scores.has(unit)) next.set(unit, scores.get(unit) + score); });
        scores = next;
      });
      var theme = themeNumber >= 0 ? shards[shards.length - 1] : null;
      var within = null;
      if (theme !== null) {
        within = new Set();
        var unit = 0;
        decode(theme).forEach(function (gap) { unit += gap; within.add(unit); });
      }
      var counts = data.kinds.map(function () { return 0; });
      var results = [];
      scores.forEach(function (score, unit) {
        if (within && !within.has(unit)) return;
        var kind = unitKind(unit);
        counts[kind]++;
        if (options.kind >= 0 && kind !== options.kind) return;
        // inText: some word is in its text (not only its name), so an excerpt is worth looking for.
        results.push({ unit: unit, kind: kind, score: score, inText: inText.has(unit) });
      });
      results.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
      // partial: a word of one or two letters matched through a summary listing only the
      // first units of the many words it starts; more letters find them all.
      return { results: results, counts: counts, tokens: tokens, partial: partial, build: data.build };
    });
  }

  // A result's title, link (from the site root), kind, detail line and the start of its text.
  // `build`: the build the result came from; unit numbers of another build name other pages,
  // so a result of an older build is Stale (and the caller runs its query again).
  function text(unit, build) {
    if (build !== undefined && build !== data.build) return Promise.reject(new Stale());
    return load("x" + unit, "text/" + unit + ".js");
  }

  // Where the text first shows a query word, as pieces [text, marked] around it; the text's
  // later parts are loaded while the word is not found. Null when no part shows one.
  function excerpt(unit, tokens, inText, build, length) {
    length = length || 220;
    return text(unit, build).then(function (record) {
      function find(part, body) {
        var pattern = /[\p{L}\p{N}\p{M}]+/gu, match, first = -1;
        var marks = [];
        while ((match = pattern.exec(body))) {
          var folded = words(fold(match[0]));
          var hit = folded.some(function (word) {
            return tokens.some(function (token) { return token.length > 1 ? word.lastIndexOf(token, 0) === 0 : word === token; });
          });
          if (!hit) continue;
          if (first < 0) first = match.index;
          marks.push([match.index, match.index + match[0].length]);
          if (match.index > first + length) break;
        }
        if (first < 0) {
          // Later parts only when the words are in the text; a part that fails to load leaves
          // the result without an excerpt.
          if (!inText || part >= record.p) return null;
          return load("x" + unit + "-" + (part + 1), "text/" + unit + "-" + (part + 1) + ".js")
            .then(function (next) { return find(part + 1, next); }, function () { return null; });
        }
        var start = Math.max(0, first - Math.round(length / 4));
        if (start > 0) { var space = body.indexOf(" ", start); start = space >= 0 && space < first ? space + 1 : start; }
        var end = Math.min(body.length, start + length);
        if (end < body.length) { var back = body.lastIndexOf(" ", end); if (back > first) end = back; }
        var pieces = [], at = start;
        marks.forEach(function (mark) {
          if (mark[0] < at || mark[1] > end) return;
          if (mark[0] > at) pieces.push([body.slice(at, mark[0]), false]);
          pieces.push([body.slice(mark[0], mark[1]), true]);
          at = mark[1];
        });
        if (at < end) pieces.push([body.slice(at, end), false]);
        if (start > 0) pieces.unshift(["…", false]);
        if (end < body.length || part < record.p) pieces.push(["…", false]);
        return pieces;
      }
      return Promise.resolve(find(1, record.x)).then(function (pieces) { return { record: record, pieces: pieces }; });
    });
  }

  self.dossierSearchQuery = search;
  // The words a text is indexed under, as the build splits them (SearchWords.swift).
  self.dossierSearchWords = function (text) { return words(fold(text)); };
  self.dossierSearchText = text;
  self.dossierSearchExcerpt = excerpt;
  // For callers whose results went stale: loads the manifest again (true if it changed).
  self.dossierSearchRefresh = refresh;
  self.dossierSearchIsStale = function (error) { return error instanceof Stale; };
  self.dossierSearchKinds = data.kinds;

  // The search page.
  var form = document.querySelector(".search-form");
  if (!form) return;
  var input = form.elements.q;
  var out = document.getElementById("_search-results");
  var root = form.getAttribute("data-root") || "";
  var kindBox = document.getElementById("_search-kinds");
  var themeBox = document.getElementById("_search-theme");
  // The theme by name ("" for all), kept across manifests.
  var state = { kind: -1, theme: "" };
  var sequence = 0;

  // The theme list, made again for a new manifest.
  function themeOptions() {
    if (!themeBox) return;
    while (themeBox.options.length > 1) themeBox.remove(1);
    themeBox.parentNode.hidden = !data.themes.length;
    data.themes.forEach(function (theme) {
      var option = document.createElement("option");
      option.value = theme[0];
      option.textContent = theme[0] + " (" + theme[1] + ")";
      themeBox.appendChild(option);
    });
    themeBox.value = state.theme;
    if (themeBox.value !== state.theme) { themeBox.value = ""; state.theme = ""; }
  }
  if (themeBox) {
    themeBox.options[0].value = "";
    themeBox.addEventListener("change", function () { state.theme = themeBox.value; update(); });
  }
  onReset = themeOptions;

  // A result of an older build: load the new manifest and run the query again, once per render.
  var staleFor = -1;
  function stale() {
    if (staleFor === sequence) return;
    staleFor = sequence;
    refresh().catch(function () { return false; }).then(function () { render(input.value); });
  }

  // The kind chips: made once (a radio that is replaced loses the keyboard focus), then
  // their counts updated; a kind with no result is hidden unless it is the chosen one.
  var chipLabels = [];
  function chips(counts, all) {
    if (!kindBox) return;
    if (!chipLabels.length) {
      [-1].concat(data.kinds.map(function (kind, k) { return k; })).forEach(function (k) {
        var label = document.createElement("label");
        label.className = "search-kind-chip";
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "kind";
        radio.value = String(k);
        radio.addEventListener("change", function () { state.kind = k; update(); });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(""));
        kindBox.appendChild(label);
        chipLabels.push({ kind: k, label: label, radio: radio, text: label.lastChild });
      });
    }
    chipLabels.forEach(function (chip) {
      var count = chip.kind < 0 ? all : counts[chip.kind];
      chip.text.textContent = " " + (chip.kind < 0 ? "All" : data.labels[chip.kind]) + " (" + count + ")";
      chip.radio.checked = state.kind === chip.kind;
      chip.label.hidden = chip.kind >= 0 && !count && state.kind !== chip.kind;
    });
    kindBox.hidden = false;
  }

  function item(result, tokens, build) {
    var li = document.createElement("li");
    li.className = "search-hit";
    var a = document.createElement("a");
    a.dir = "auto";
    a.className = "mention-" + data.kinds[result.kind];
    a.textContent = "…";
    li.appendChild(a);
    var kind = document.createElement("span");
    kind.className = "search-hit-kind";
    kind.textContent = data.kinds[result.kind];
    li.appendChild(kind);
    excerpt(result.unit, tokens, result.inText, build).then(function (found) {
      var record = found.record;
      a.href = root + record.u;
      a.textContent = record.t.trim() || "(untitled)";
      if (record.d) {
        var detail = document.createElement("p");
        detail.className = "muted search-hit-detail";
        detail.dir = "auto";
        detail.textContent = record.d;
        li.appendChild(detail);
      }
      if (found.pieces) {
        var quote = document.createElement("p");
        quote.className = "search-excerpt";
        quote.dir = "auto";
        found.pieces.forEach(function (piece) {
          if (piece[1]) {
            var mark = document.createElement("mark");
            mark.textContent = piece[0];
            quote.appendChild(mark);
          } else {
            quote.appendChild(document.createTextNode(piece[0]));
          }
        });
        li.appendChild(quote);
      }
    }, function (error) {
      if (error instanceof Stale) stale(); else a.textContent = "(could not load this result)";
    });
    return li;
  }

  function render(query) {
    var mine = ++sequence;
    if (!query.trim()) {
      out.textContent = "";
      if (kindBox) kindBox.hidden = true;
      return;
    }
    search(query, state).then(function (found) {
      if (mine !== sequence) return;
      out.textContent = "";
      var all = found.counts.reduce(function (a, b) { return a + b; }, 0);
      chips(found.counts, all);
      var summary = document.createElement("p");
      summary.className = "muted search-summary";
      summary.textContent = found.results.length
        ? found.results.length + (found.partial ? "+ results (type more of the word to find them all)" : found.results.length === 1 ? " result" : " results")
        : "Nothing matches “" + query + "”" + (state.kind >= 0 || state.theme ? " with these filters." : ".");
      out.appendChild(summary);
      var list = document.createElement("ol");
      list.className = "search-hits";
      out.appendChild(list);
      var shown = 0;
      var more = document.createElement("button");
      more.type = "button";
      more.className = "search-more";
      function next() {
        found.results.slice(shown, shown + PAGE).forEach(function (result) { list.appendChild(item(result, found.tokens, found.build)); });
        shown = Math.min(found.results.length, shown + PAGE);
        more.hidden = shown >= found.results.length;
        more.textContent = "Show " + Math.min(PAGE, found.results.length - shown) + " more of " + (found.results.length - shown);
      }
      more.addEventListener("click", function () {
        var first = shown;
        next();
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
      next();
      out.appendChild(more);
    }, function () {
      if (mine !== sequence) return;
      out.textContent = "";
      var failed = document.createElement("p");
      failed.className = "notice";
      failed.textContent = "The search index could not be loaded. Try again, or rebuild the site.";
      out.appendChild(failed);
    });
  }

  function update() {
    render(input.value);
    var url = new URL(location.href);
    [["q", input.value], ["kind", state.kind >= 0 ? data.kinds[state.kind] : ""], ["theme", state.theme]]
      .forEach(function (entry) { if (entry[1]) url.searchParams.set(entry[0], entry[1]); else url.searchParams.delete(entry[0]); });
    try { history.replaceState(null, "", url); } catch (e) { /* file: URLs */ }
  }

  var typing = 0;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(update, 60);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  var params = new URLSearchParams(location.search);
  state.kind = data.kinds.indexOf(params.get("kind") || "");
  state.theme = params.get("theme") || "";
  themeOptions();
  var initial = params.get("q");
  if (initial) { input.value = initial; render(initial); }
})();
