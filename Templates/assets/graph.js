// Filters for the relationship graph: by kind, by theme, and all labels on or off. The graph
// itself is laid out at build time; this only hides and shows what is already there.
(function () {
  "use strict";
  var form = document.querySelector(".graph-filter");
  var svg = document.querySelector("svg.graph");
  if (!form || !svg) return;
  form.hidden = false;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".nodes .node"));
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edges line"));
  var count = form.querySelector(".graph-count");

  function apply() {
    var kinds = {};
    form.querySelectorAll("input[name=kind]").forEach(function (box) { kinds[box.value] = box.checked; });
    var theme = form.elements.theme.value;
    var visible = {};
    var shown = 0;
    nodes.forEach(function (node) {
      var themes = (node.getAttribute("data-themes") || "").split(" ");
      var on = kinds[node.getAttribute("data-kind")] !== false && (!theme || themes.indexOf(theme) >= 0);
      node.classList.toggle("is-hidden", !on);
      if (on) { visible[node.getAttribute("data-node")] = true; shown++; }
    });
    var links = 0;
    edges.forEach(function (edge) {
      var on = visible[edge.getAttribute("data-a")] && visible[edge.getAttribute("data-b")];
      edge.classList.toggle("is-hidden", !on);
      if (on) links++;
    });
    svg.classList.toggle("all-labels", form.elements.labels.checked);
    count.textContent = shown + " shown, " + links + " links";
  }

  // Hovering or focusing a node brings its links forward.
  function highlight(event) {
    var node = event.target.closest && event.target.closest(".node");
    if (!node) return;
    var id = node.getAttribute("data-node");
    svg.classList.add("has-focus");
    edges.forEach(function (edge) {
      edge.classList.toggle("is-near", edge.getAttribute("data-a") === id || edge.getAttribute("data-b") === id);
    });
    node.classList.add("is-near");
  }
  function clear() {
    svg.classList.remove("has-focus");
    svg.querySelectorAll(".is-near").forEach(function (el) { el.classList.remove("is-near"); });
  }

  form.addEventListener("change", apply);
  svg.addEventListener("mouseover", highlight);
  svg.addEventListener("focusin", highlight);
  svg.addEventListener("mouseout", clear);
  svg.addEventListener("focusout", clear);
  apply();
})();
