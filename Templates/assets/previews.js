// Hover previews: hovering, focusing or tapping a mention shows its entity's card (name,
// kind, date, one line) without leaving the paragraph. The cards come from previews.js,
// loaded on first use. Keyboard: focus shows, Escape hides. Touch: the first tap shows the
// card (with a link to the page), a second tap on the same mention follows it.
(function () {
  "use strict";
  var script = document.currentScript;
  var dataURL = script && script.getAttribute("data-previews");
  if (!dataURL) return;
  var root = new URL(dataURL, location.href).href.replace(/previews\.js$/, "");
  var card = null, current = null, timer = 0, loading = null, touched = null;

  function load() {
    if (self.dossierPreviews) return Promise.resolve(self.dossierPreviews);
    if (!loading) {
      loading = new Promise(function (resolve) {
        var tag = document.createElement("script");
        tag.src = dataURL;
        tag.onload = function () { resolve(self.dossierPreviews || {}); };
        tag.onerror = function () { resolve({}); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function keyOf(link) {
    var href = link.href;
    if (href.indexOf(root) !== 0) return null;
    return decodeURIComponent(href.slice(root.length).split("#")[0].replace(/index\.html$/, "").replace(/\/$/, ""));
  }

  function ensureCard() {
    if (card) return card;
    card = document.createElement("div");
    card.id = "_preview";
    card.className = "preview-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(timer); });
    card.addEventListener("mouseleave", function () { hideSoon(); });
    document.body.appendChild(card);
    return card;
  }

  function show(link, withLink) {
    var key = keyOf(link);
    if (!key) return;
    load().then(function (data) {
      var entry = data[key];
      if (!entry) return;
      var box = ensureCard();
      box.textContent = "";
      var kind = document.createElement("p");
      kind.className = "preview-kind preview-" + entry[1];
      kind.textContent = entry[2] + (entry[3] ? " · " + entry[3] : "");
      var name = document.createElement("p");
      name.className = "preview-name";
      name.dir = "auto";
      name.textContent = entry[0];
      box.appendChild(kind);
      box.appendChild(name);
      if (entry[4]) {
        var line = document.createElement("p");
        line.className = "preview-line";
        line.dir = "auto";
        line.textContent = entry[4];
        box.appendChild(line);
      }
      var meta = document.createElement("p");
      meta.className = "preview-meta";
      meta.textContent = entry[5] + (entry[5] === 1 ? " mention" : " mentions");
      box.appendChild(meta);
      if (withLink) {
        var open = document.createElement("a");
        open.href = link.href;
        open.textContent = "Open page →";
        open.className = "preview-open";
        box.appendChild(open);
      }
      if (current && current !== link) current.removeAttribute("aria-describedby");
      current = link;
      link.setAttribute("aria-describedby", "_preview");
      box.hidden = false;
      var rect = link.getBoundingClientRect();
      var width = box.offsetWidth;
      var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
      var below = rect.bottom + 8 + box.offsetHeight < window.innerHeight;
      box.style.left = left + "px";
      box.style.top = (below ? rect.bottom + window.scrollY + 6 : rect.top + window.scrollY - box.offsetHeight - 6) + "px";
    });
  }

  function hide() {
    clearTimeout(timer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }
  function hideSoon() { clearTimeout(timer); timer = setTimeout(hide, 200); }
  function mentionOf(target) { return target && target.closest ? target.closest("a.mention") : null; }

  document.addEventListener("mouseover", function (event) {
    var link = mentionOf(event.target);
    if (!link) return;
    clearTimeout(timer);
    timer = setTimeout(function () { show(link, false); }, 250);
  });
  document.addEventListener("mouseout", function (event) {
    if (mentionOf(event.target)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = mentionOf(event.target);
    if (link) { clearTimeout(timer); show(link, false); }
  });
  document.addEventListener("focusout", function (event) {
    if (mentionOf(event.target)) hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch" ? mentionOf(event.target) : null;
  });
  document.addEventListener("click", function (event) {
    var link = mentionOf(event.target);
    if (!link || touched !== link) return;
    if (current === link && card && !card.hidden) return;  // second tap: follow the link
    event.preventDefault();
    show(link, true);
  });
})();
