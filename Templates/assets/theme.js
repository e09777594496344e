// Light or dark. Loaded in <head> without defer, so that a reader's choice is applied
// before the page is drawn; without a choice, the system's setting decides through CSS
// (prefers-color-scheme). The header's button switches to the other scheme and remembers
// it; it stays hidden where this script does not run.
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var chosen = localStorage.getItem("dossier-theme");
    if (chosen === "dark" || chosen === "light") root.dataset.theme = chosen;
  } catch (e) { /* storage refused (a private window): the system decides */ }

  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function isDark() { return root.dataset.theme ? root.dataset.theme === "dark" : system.matches; }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("_theme-toggle");
    if (!button) return;
    function show() { button.setAttribute("aria-pressed", String(isDark())); }
    button.hidden = false;
    show();
    system.addEventListener("change", show);
    button.addEventListener("click", function () {
      root.dataset.theme = isDark() ? "light" : "dark";
      try { localStorage.setItem("dossier-theme", root.dataset.theme); } catch (e) { /* kept for this page only */ }
      show();
    });
  });
})();
