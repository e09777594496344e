// Search as you type in the header's box: on first use it loads the search manifest and
// the matcher (search/index.js, assets/search.js, as scripts, so it works from disk too),
// then lists the best matches of the full text under the box. Arrow keys move through them, Enter opens the one
// chosen (or, with none chosen, the search page with every result), Escape closes.
(function () {
  "use strict";
  var form = document.querySelector(".header-search");
  if (!form) return;
  var input = form.elements.q;
  var root = form.getAttribute("data-root") || "";
  var list = document.createElement("ul");
  list.id = "_quick-results";
  list.className = "quick-results";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Matches");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var LIMIT = 8;
  var active = -1, loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function ready() {
    if (self.dossierSearchQuery) return Promise.resolve();
    if (!loading) {
      loading = (self.dossierSearch ? Promise.resolve() : load(form.getAttribute("data-index")))
        .then(function () { return self.dossierSearchQuery ? null : load(form.getAttribute("data-script")); });
      // A failed load is tried again on the next use.
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function choose(index) {
    var options = list.querySelectorAll("[role=option]:not([aria-disabled])");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) { option.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", options[active].id);
  }
  var sequence = 0;
  // The best matches and their records; once more with a new manifest if the records are
  // of another build than the matches (the site was rebuilt meanwhile).
  function matches(query, again) {
    return self.dossierSearchQuery(query).then(function (found) {
      return Promise.all(found.results.slice(0, LIMIT).map(function (result) {
        return self.dossierSearchText(result.unit, found.build).then(function (record) { return { result: result, record: record }; });
      }));
    }).catch(function (error) {
      if (again || !self.dossierSearchIsStale(error)) throw error;
      return self.dossierSearchRefresh().then(function () { return matches(query, true); });
    });
  }
  function show(query) {
    var mine = ++sequence;
    if (!query.trim()) { close(); return; }
    ready().then(function () { return matches(query, false); }).then(function (shown) {
      if (mine !== sequence || input.value !== query) return;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      shown.forEach(function (entry, i) {
        var kindName = self.dossierSearchKinds[entry.result.kind];
        var li = document.createElement("li");
        li.id = "_quick-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        // An option holds text, not a link (a link inside an option is a control inside a
        // control); choosing it opens its page.
        li.setAttribute("data-href", root + entry.record.u);
        var name = document.createElement("span");
        name.dir = "auto";
        name.className = "quick-name mention-" + kindName;
        name.textContent = entry.record.t.trim() || "(untitled)";
        var kind = document.createElement("span");
        kind.className = "quick-kind";
        kind.textContent = kindName;
        li.appendChild(name);
        li.appendChild(kind);
        list.appendChild(li);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.className = "quick-none";
        none.textContent = "Nothing matches “" + query + "”";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }, function () { if (mine === sequence) close(); });
  }

  var pending = 0;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { show(input.value); }, 60);
  });
  input.addEventListener("focus", function () {
    ready().catch(function () { /* offline or missing: the form still submits */ });
    if (input.value) show(input.value);
  });
  // Pressing on the list keeps the focus in the box, so a slow click is not lost to blur.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) return;
      event.preventDefault();
      var down = event.key === "ArrowDown";
      choose(active < 0 ? (down ? 0 : -1) : active + (down ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = list.querySelectorAll("[role=option]:not([aria-disabled])")[active].getAttribute("data-href");
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("[data-href]");
    if (option) location.href = option.getAttribute("data-href");
  });
  // A click on a match opens it; anywhere else closes the list.
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) close();
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) setTimeout(close, 150);
  });
})();
