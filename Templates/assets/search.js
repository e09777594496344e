// Search over the index the build writes (search/index.js): names, aliases, titles and
// short details of every entity and document. Queries are folded as the build folds the
// index (Swift's String.searchFolded): no accents or case, Arabic letters as Persian ones.
// The matching is shared: the search page uses it, and the header's box (quick-search.js)
// loads this script and the index on first use and calls self.dossierSearchQuery.
(function () {
  "use strict";
  var data = self.dossierSearch;
  if (!data || self.dossierSearchQuery) return;
  var PER_KIND = 10;

  function fold(text) {
    // Most text is ASCII, where folding is lowercasing.
    if (!/[^\x00-\x7F]/.test(text)) return text.toLowerCase();
    return text.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase()
      .replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9").replace(/\u200C/g, " ").replace(/\u0640/g, "").replace(/\u03C2/g, "\u03C3");
  }
  function words(text) { return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  // Words of each row's keys, and of its name and detail folded on first use.
  var rows = data.items.map(function (item) {
    return { kind: item[0], name: item[1], link: item[2], detail: item[3], keys: words(item[4]), weight: item[5], text: null };
  });

  function matches(list, token) {
    for (var i = 0; i < list.length; i++) if (list[i].lastIndexOf(token, 0) === 0) return list[i] === token ? 2 : 1;
    return 0;
  }

  function search(query) {
    var tokens = words(fold(query));
    if (!tokens.length) return [];
    var found = [];
    rows.forEach(function (row) {
      var score = 0;
      for (var t = 0; t < tokens.length; t++) {
        var inKeys = matches(row.keys, tokens[t]);
        if (inKeys) { score += 10 + 5 * (inKeys - 1); continue; }
        if (!row.text) row.text = words(fold(row.name + " " + row.detail));
        if (matches(row.text, tokens[t])) { score += 2; continue; }
        return;
      }
      if (row.keys[0] === tokens.join(" ") || fold(row.name) === tokens.join(" ")) score += 20;
      found.push({ row: row, score: score + Math.log(1 + row.weight) });
    });
    found.sort(function (a, b) { return b.score - a.score || a.row.name.localeCompare(b.row.name); });
    return found;
  }

  self.dossierSearchQuery = search;
  self.dossierSearchKinds = data.kinds;

  var form = document.querySelector(".search-form");
  if (!form) return;
  var input = form.elements.q;
  var out = document.getElementById("_search-results");
  var root = form.getAttribute("data-root") || "";

  function render(query) {
    out.textContent = "";
    if (!query.trim()) return;
    var found = search(query);
    var summary = document.createElement("p");
    summary.className = "muted";
    summary.textContent = found.length ? found.length + (found.length === 1 ? " result" : " results") : "Nothing matches “" + query + "”.";
    out.appendChild(summary);
    data.kinds.forEach(function (kind, k) {
      var group = found.filter(function (f) { return f.row.kind === k; });
      if (!group.length) return;
      var section = document.createElement("section");
      section.className = "search-group search-" + kind;
      var heading = document.createElement("h2");
      heading.textContent = data.labels[k] + " (" + group.length + ")";
      section.appendChild(heading);
      var list = document.createElement("ol");
      group.slice(0, PER_KIND).forEach(function (f) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + f.row.link;
        a.textContent = f.row.name;
        a.className = "mention-" + kind;
        a.dir = "auto";
        li.appendChild(a);
        if (f.row.detail) {
          var detail = document.createElement("p");
          detail.className = "muted";
          detail.dir = "auto";
          detail.textContent = f.row.detail;
          li.appendChild(detail);
        }
        list.appendChild(li);
      });
      section.appendChild(list);
      if (group.length > PER_KIND) {
        var more = document.createElement("p");
        more.className = "muted";
        more.textContent = "and " + (group.length - PER_KIND) + " more: refine the search.";
        section.appendChild(more);
      }
      out.appendChild(section);
    });
  }

  var pending = 0;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      render(input.value);
      var url = new URL(location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      try { history.replaceState(null, "", url); } catch (e) { /* file: URLs */ }
    }, 60);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); render(input.value); });
  // Fold every row's text while the reader has not typed yet, a slice at a time, so the
  // first query does not pay for it.
  var warmed = 0;
  (function warm() {
    var end = Math.min(rows.length, warmed + 1500);
    for (; warmed < end; warmed++) if (!rows[warmed].text) rows[warmed].text = words(fold(rows[warmed].name + " " + rows[warmed].detail));
    if (warmed < rows.length) setTimeout(warm, 0);
  })();
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; render(initial); }
})();
