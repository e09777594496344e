// Filters, zoom and pan for the relationship graph: by kind, by theme, all labels on or off.
// The graph itself is laid out at build time; this hides, shows and moves what is there.
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

  // Zoom and pan move the view box; the labels keep their size on screen, so zooming in
  // spreads them apart until every label shows. Ctrl + wheel, pinch and drag on the graph,
  // the buttons, and + - 0 and the arrow keys while a node or a button has focus.
  var base = { x: 0, y: 0, w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
  var view = { x: base.x, y: base.y, w: base.w, h: base.h };
  var zoomLabel = form.querySelector(".graph-zoom-level");
  function setView(next) {
    var w = Math.min(base.w, Math.max(base.w / 12, next.w)), h = w * base.h / base.w;
    var x = Math.min(base.x + base.w - w / 2, Math.max(base.x - w / 2, next.x));
    var y = Math.min(base.y + base.h - h / 2, Math.max(base.y - h / 2, next.y));
    view = { x: x, y: y, w: w, h: h };
    svg.setAttribute("viewBox", [x, y, w, h].map(function (v) { return Math.round(v * 10) / 10; }).join(" "));
    // Labels read at 11.5 px on screen whatever the zoom and the screen's width; once they
    // are half the size the layout placed them at, they have room enough to all show. The
    // drawing is square inside a box that may be wider: its own matrix gives the scale.
    var matrix = svg.getScreenCTM();
    var font = 11.5 / (matrix && matrix.a ? matrix.a : 1);
    svg.style.fontSize = font + "px";
    svg.classList.toggle("zoomed", font <= 5.5);
    if (zoomLabel) zoomLabel.textContent = Math.round(base.w / w * 100) + "%";
  }
  function zoomAt(x, y, factor) {
    var w = view.w / factor, h = view.h / factor;
    setView({ x: x - (x - view.x) / factor, y: y - (y - view.y) / factor, w: w, h: h });
  }
  function zoomCentre(factor) { zoomAt(view.x + view.w / 2, view.y + view.h / 2, factor); }
  function toGraph(clientX, clientY) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    point = point.matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  // The wheel scrolls the page; with Ctrl or ⌘ held (a trackpad's pinch sends that too) it zooms.
  svg.addEventListener("wheel", function (event) {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    var at = toGraph(event.clientX, event.clientY);
    zoomAt(at.x, at.y, Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)));
  }, { passive: false });

  var pointers = new Map(), dragged = false, last = null;
  svg.addEventListener("pointerdown", function (event) {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    dragged = false;
    last = null;
  });
  svg.addEventListener("pointermove", function (event) {
    var before = pointers.get(event.pointerId);
    if (!before) return;
    var now = { x: event.clientX, y: event.clientY };
    if (pointers.size === 1) {
      if (!dragged && Math.abs(now.x - before.x) + Math.abs(now.y - before.y) < 5) return;
      if (!dragged) { dragged = true; svg.setPointerCapture(event.pointerId); }
      var from = toGraph(before.x, before.y), to = toGraph(now.x, now.y);
      setView({ x: view.x - (to.x - from.x), y: view.y - (to.y - from.y), w: view.w, h: view.h });
      pointers.set(event.pointerId, now);
    } else if (pointers.size === 2) {
      pointers.set(event.pointerId, now);
      var points = Array.from(pointers.values());
      var distance = Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
      var middle = toGraph((points[0].x + points[1].x) / 2, (points[0].y + points[1].y) / 2);
      if (last && distance > 0) zoomAt(middle.x, middle.y, distance / last);
      last = distance;
      dragged = true;
    }
  });
  function release(event) { pointers.delete(event.pointerId); last = null; }
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  // A drag is not a click on the node it ended on; a key's click (detail 0) always is.
  svg.addEventListener("click", function (event) {
    if (dragged && event.detail !== 0) event.preventDefault();
    dragged = false;
  }, true);

  form.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-zoom]");
    if (!button) return;
    var action = button.getAttribute("data-zoom");
    if (action === "in") zoomCentre(1.5);
    else if (action === "out") zoomCentre(1 / 1.5);
    else setView(base);
  });
  function keys(event) {
    var step = view.w / 8;
    var handled = true;
    switch (event.key) {
      case "+": case "=": zoomCentre(1.5); break;
      case "-": case "_": zoomCentre(1 / 1.5); break;
      case "0": setView(base); break;
      case "ArrowLeft": setView({ x: view.x - step, y: view.y, w: view.w, h: view.h }); break;
      case "ArrowRight": setView({ x: view.x + step, y: view.y, w: view.w, h: view.h }); break;
      case "ArrowUp": setView({ x: view.x, y: view.y - step, w: view.w, h: view.h }); break;
      case "ArrowDown": setView({ x: view.x, y: view.y + step, w: view.w, h: view.h }); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  }
  svg.addEventListener("keydown", keys);
  // A theme that kept an older graph page has no zoom buttons: the keys still work.
  var zoomButtons = form.querySelector(".graph-zoom");
  if (zoomButtons) zoomButtons.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") keys(event);
  });

  // On a narrow screen the whole graph would be too small to read: it opens on the most
  // connected node, zoomed so that labels read at their size, with its nearest neighbours
  // around it; the zoom buttons and "Whole graph" show the rest.
  function neighbourhood() {
    var degree = {};
    edges.forEach(function (edge) {
      [edge.getAttribute("data-a"), edge.getAttribute("data-b")].forEach(function (n) { degree[n] = (degree[n] || 0) + 1; });
    });
    var hub = Object.keys(degree).sort(function (a, b) { return degree[b] - degree[a]; })[0];
    var node = hub === undefined ? null : svg.querySelector('.node[data-node="' + hub + '"] circle');
    if (!node) return;
    var size = base.w / 2.5;
    setView({ x: node.cx.baseVal.value - size / 2, y: node.cy.baseVal.value - size / 2, w: size, h: size });
  }
  if (svg.getBoundingClientRect().width < 600) neighbourhood(); else setView(base);
  window.addEventListener("resize", function () { setView(view); });

  form.addEventListener("change", apply);
  svg.addEventListener("mouseover", highlight);
  svg.addEventListener("focusin", highlight);
  svg.addEventListener("mouseout", clear);
  svg.addEventListener("focusout", clear);
  apply();
})();
