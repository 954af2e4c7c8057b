// The map's bridge, inside the sandboxed frame (see docs/page-hooks.md): it runs
// in pyvis's own script right after drawGraph() (graph/render.py puts it there,
// with the generated ID_RE first inside it and the view's settings in SETTINGS).
// It keeps the view fitted (once the frame has a size, and after every resize),
// draws the first view (the root and what fits around it readably; the rest is
// hidden, one click away), the toolbar, the focus on a selected node, applies
// the style updates the page posts (argmap:update) and posts clicks back.
(function () {
  "use strict";
  var SETTINGS = {};
  var READABLE_PX = SETTINGS.readablePx || 11;
  var MAX_SCALE = SETTINGS.maxScale || 1;
  var ZOOM_STEP = 1.25;
  var FADE = 0.18;
  var FADED_TEXT = "#c8c8c8";
  // Room kept free around the fitted map (px): the toolbar sits on the top strip.
  var PAD = {top: 46, right: 14, bottom: 30, left: 14};
  // Shapes vis draws their label inside of (the others have it underneath).
  var LABEL_INSIDE = {box: true, circle: true, database: true, ellipse: true, text: true};
  var baseNodes = {}, baseEdges = {}, overNodes = {}, overEdges = {};
  var container = network.body.container;
  var nodeIds = [], links = {}, kinds = {}, bounds = {};
  var mode = "first";      // "first": the first view; "whole": every node
  var shown = null;        // id -> true of the nodes drawn (null: all)
  var revealed = {};       // nodes a focus opened in the first view
  var badges = [];         // [x, y, text] under nodes with hidden neighbours
  var focus = null;        // {id, ids: {id: true}} of the focused node
  var fadedNodes = {}, fadedEdges = {};
  var serverFocus;         // the last focus the page asked for (undefined: none yet)
  var marked = {};         // id -> true of the nodes "Compare with" marks (a blue frame)
  var fitted = {w: 0, h: 0}, viewMoved = false, readable = 1;
  window.lastUpdate = 0;
  window.lastUpdateSeq = -1;
  window.mapReady = false;
  window.mapFits = 0;
  window.mapView = mode;
  window.mapFocus = null;
  window.mapWheelHints = 0;

  function tipElement(text) {
    var div = document.createElement("div");
    div.className = "argmap-tip";
    div.textContent = String(text);
    return div;
  }
  function withTitle(item) {
    var copy = Object.assign({}, item);
    if (typeof copy.tip === "string") { copy.title = tipElement(copy.tip); }
    return copy;
  }
  function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  nodes.get().forEach(function (n) {
    baseNodes[n.id] = Object.assign({}, n);
    nodeIds.push(n.id);
    kinds[n.id] = n.kind;
    links[n.id] = [];
  });
  edges.get().forEach(function (e) {
    baseEdges[e.id] = Object.assign({}, e);
    if (has(links, e.from) && has(links, e.to)) {
      links[e.from].push({other: e.to, kind: e.kind, out: true});
      links[e.to].push({other: e.from, kind: e.kind, out: false});
    }
  });
  // Tooltips are built when first needed (hover), not for every node at load:
  // a 3,000-node map would otherwise create 3,000 DOM elements up front.
  network.on("hoverNode", function (params) {
    var n = nodes.get(params.node);
    if (n && typeof n.tip === "string" && !(n.title instanceof Element)) {
      nodes.update({id: n.id, title: tipElement(n.tip)});
    }
  });

  // ---- the graph's shape -------------------------------------------------
  function isArgument(id) { return kinds[id] === "argument"; }
  function around(id, kind, out) {
    var list = [];
    links[id].forEach(function (l) {
      if ((kind === null || l.kind === kind) && (out === null || l.out === out)) { list.push(l.other); }
    });
    return list;
  }
  // What a node rests on, what rests on it and what attacks it (what it
  // attacks too: an objection's neighbourhood is what it answers).
  function neighbourhood(id) {
    var ids = {};
    ids[id] = true;
    function add(list) { list.forEach(function (x) { ids[x] = true; }); }
    if (isArgument(id)) {
      add(around(id, null, null));
      return ids;
    }
    around(id, "support", false).forEach(function (a) {  // its arguments and their premises
      ids[a] = true;
      add(around(a, "support", false));
      add(around(a, "attack", false));
    });
    around(id, "support", true).forEach(function (a) {  // what it helps to support
      ids[a] = true;
      add(around(a, "support", true));
    });
    add(around(id, "attack", null));
    return ids;
  }
  // Units the first view grows by, nearest first: a reason (an argument with
  // every premise), an attacker, what a statement helps to support.
  function unitsOf(id) {
    var units = [];
    function reason(a) { return [a].concat(around(a, "support", false)); }
    if (isArgument(id)) {
      around(id, "attack", false).forEach(function (x) { units.push([x]); });
      return units;
    }
    around(id, "support", false).forEach(function (a) { units.push(reason(a)); });
    around(id, "attack", false).forEach(function (x) { units.push([x]); });
    around(id, "support", true).forEach(function (a) { units.push(reason(a).concat(around(a, "support", true))); });
    around(id, "attack", true).forEach(function (t) {
      units.push(isArgument(t) ? reason(t).concat(around(t, "support", true)) : [t]);
    });
    return units;
  }
  function root() {
    if (typeof SETTINGS.root === "string" && has(kinds, SETTINGS.root)) { return SETTINGS.root; }
    var best = null;
    nodeIds.forEach(function (id) {
      if (!isArgument(id) && (best === null || bounds[id].top < bounds[best].top)) { best = id; }
    });
    return best === null ? nodeIds[0] : best;
  }

  // ---- sizes and the view ------------------------------------------------
  function measure() {
    // The size of every box (hidden ones too) from its label, once.
    network.body.emitter.emit("_resizeNodes");
    var smallest = Infinity;
    nodeIds.forEach(function (id) {
      var drawn = network.body.nodes[id], bb = network.getBoundingBox(id);
      var b = {left: bb.left, right: bb.right, top: bb.top, bottom: bb.bottom};
      if (drawn && !LABEL_INSIDE[drawn.options.shape] && drawn.options.label) {
        // A label under its shape: vis places it only when drawn (its box
        // is stale until then), and its last line reaches below the box vis reports.
        var half = Math.max(drawn.shape.width || 0, drawn.labelModule.size.width || 0) / 2 + 2;
        b.left = drawn.x - half;
        b.right = drawn.x + half;
        b.bottom += 0.6 * drawn.labelModule.fontOptions.size;
      }
      bounds[id] = b;
      if (drawn && drawn.labelModule && drawn.options.label) {
        smallest = Math.min(smallest, drawn.labelModule.fontOptions.size);
      }
    });
    Object.keys(baseEdges).forEach(function (id) {
      var drawn = network.body.edges[id];
      if (drawn && drawn.labelModule && drawn.options.label) {
        smallest = Math.min(smallest, drawn.labelModule.fontOptions.size);
      }
    });
    // The scale at which the smallest label is READABLE_PX on screen.
    readable = isFinite(smallest) ? Math.min(READABLE_PX / smallest, MAX_SCALE) : 0;
  }
  function frameSize() { return {w: container.clientWidth, h: container.clientHeight}; }
  function union(box, id) {
    var b = bounds[id];
    if (!box) { return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; }
    return {left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
            top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)};
  }
  function scaleFor(box, size) {
    var w = Math.max(box.right - box.left, 1), h = Math.max(box.bottom - box.top, 1);
    var sx = (size.w - PAD.left - PAD.right) / w, sy = (size.h - PAD.top - PAD.bottom) / h;
    return Math.min(sx, sy, MAX_SCALE);
  }
  function firstView(size) {
    var start = root(), set = {}, box = null, queue = [[start]], seen = {};
    function touches(id) { return links[id].some(function (l) { return set[l.other]; }); }
    for (var q = 0; q < queue.length; q++) {
      var unit = queue[q].filter(function (id) { return !set[id]; });
      if (!unit.length) { continue; }
      // A lone node joins only next to one shown (the view stays one piece).
      if (box !== null && queue[q].length === 1 && !touches(unit[0])) { continue; }
      var grown = box;
      unit.forEach(function (id) { grown = union(grown, id); });
      if (box !== null && scaleFor(grown, size) < readable) {
        // A whole reason does not fit: try its nodes one by one, later.
        if (unit.length > 1) { unit.forEach(function (id) { queue.push([id]); }); }
        continue;
      }
      box = grown;
      unit.forEach(function (id) {
        set[id] = true;
        if (!seen[id]) {
          seen[id] = true;
          unitsOf(id).forEach(function (u) { queue.push(u); });
        }
      });
    }
    return set;
  }
  function countBadges() {
    badges = [];
    window.mapBadges = badges;
    if (shown === null) { return; }
    nodeIds.forEach(function (id) {
      if (!shown[id]) { return; }
      // What a click on the badge (or a focus on the node) opens.
      var hidden = 0, near = neighbourhood(id);
      Object.keys(near).forEach(function (x) { if (!shown[x]) { hidden += 1; } });
      if (hidden) {
        var b = bounds[id];
        badges.push({id: id, x: (b.left + b.right) / 2, y: b.bottom + 10, text: "+" + hidden + " more", w: 0});
      }
    });
  }
  // The hidden flags that make set (null: every node) the nodes drawn.
  function showChanges(set) {
    var changes = [];
    nodeIds.forEach(function (id) {
      var was = shown === null || !!shown[id], now = set === null || !!set[id];
      if (was !== now) { changes.push({id: id, hidden: !now}); }
    });
    shown = set;
    return changes;
  }
  function show(set) {
    var changes = showChanges(set);
    if (changes.length) { nodes.update(changes); }
    countBadges();
  }
  function shownBox() {
    var box = null;
    nodeIds.forEach(function (id) { if (shown === null || shown[id]) { box = union(box, id); } });
    return box;
  }
  function moveTo(box, size, animate) {
    var scale = scaleFor(box, size);
    // The centre of the free area (the toolbar's strip is not part of it).
    var dx = (PAD.left - PAD.right) / 2 / scale, dy = (PAD.top - PAD.bottom) / 2 / scale;
    network.moveTo({
      position: {x: (box.left + box.right) / 2 - dx, y: (box.top + box.bottom) / 2 - dy},
      scale: scale,
      animation: animate ? {duration: 250, easingFunction: "easeInOutQuad"} : false,
    });
  }
  function syncCanvas() {
    // vis's own ResizeObserver may not have run yet: resize its canvas first,
    // so that its camera adjustment cannot land on top of this fit.
    try { network.canvas.setSize(); } catch (err) { /* internal API: best effort only */ }
  }
  // Fit the current view (first view or whole map) to the frame; false while
  // the frame has no size yet (a fit then would leave scale 1 on a corner).
  function fit(recompute) {
    var size = frameSize();
    if (size.w < 2 || size.h < 2) { return false; }
    syncCanvas();
    if (mode === "first" && (recompute || shown === null)) {
      show(Object.assign(firstView(size), revealed));
    } else if (mode === "whole" && shown !== null) {
      show(null);
    }
    moveTo(shownBox(), size, false);
    fitted = size;
    viewMoved = false;
    window.mapFits += 1;
    window.mapView = mode;
    updateToolbar();
    return true;
  }

  // ---- the toolbar -------------------------------------------------------
  var bar = document.createElement("div");
  bar.className = "argmap-bar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Map view");
  function button(text, name, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (name !== text) {
      b.setAttribute("aria-label", name);
      b.title = name;
    }
    b.addEventListener("click", onClick);
    bar.appendChild(b);
    return b;
  }
  function zoomBy(factor) {
    var scale = Math.max(0.05, Math.min(4, network.getScale() * factor));
    network.moveTo({position: network.getViewPosition(), scale: scale, animation: false});
    viewMoved = true;
  }
  button("+", "Zoom in", function () { zoomBy(ZOOM_STEP); });
  button("\u2212", "Zoom out", function () { zoomBy(1 / ZOOM_STEP); });
  button("Fit", "Fit", function () { fit(false); });
  var modeButton = button("Show the whole map", "Show the whole map", function () {
    mode = mode === "first" ? "whole" : "first";
    if (mode === "first") { revealed = {}; }
    fit(true);
  });
  // The map as drawn now, on white, as a PNG: the frame may not download
  // (its sandbox has no allow-downloads), so the page saves what it posts.
  button("Save as PNG", "Save the map as a PNG image", function () {
    var drawn = network.canvas.frame.canvas, copy = document.createElement("canvas");
    copy.width = drawn.width;
    copy.height = drawn.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(drawn, 0, 0);
    window.parent.postMessage({type: "argmap:png", url: copy.toDataURL("image/png")}, "*");
  });
  var caption = document.createElement("span");
  caption.className = "argmap-caption";
  bar.appendChild(caption);
  var hint = document.createElement("div");
  hint.className = "argmap-hint";
  hint.setAttribute("aria-live", "polite");
  function updateToolbar() {
    modeButton.textContent = mode === "first" ? "Show the whole map" : "Show the first view";
    var count = 0;
    nodeIds.forEach(function (id) { if (shown === null || shown[id]) { count += 1; } });
    caption.textContent = shown === null ? "" : count + " of " + nodeIds.length + " shown";
  }
  container.style.position = "relative";
  container.appendChild(bar);
  container.appendChild(hint);

  // ---- badges ("+N more" under a node whose neighbourhood is partly hidden)
  network.on("afterDrawing", function (ctx) {
    if (shown === null || !badges.length) { return; }
    ctx.save();
    ctx.font = "12px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    badges.forEach(function (b) {
      b.w = ctx.measureText(b.text).width + 12;
      ctx.fillStyle = "#ffffff";
      ctx.strokeStyle = "#8a8a8a";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.rect(b.x - b.w / 2, b.y - 8, b.w, 16);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#333333";
      ctx.fillText(b.text, b.x, b.y);
    });
    ctx.restore();
  });

  // A click on a badge opens what it counts (canvas point in canvas units).
  function badgeAt(point) {
    for (var i = 0; i < badges.length; i++) {
      var b = badges[i];
      if (Math.abs(point.x - b.x) <= b.w / 2 && Math.abs(point.y - b.y) <= 8) { return b.id; }
    }
    return null;
  }

  // ---- focus -------------------------------------------------------------
  function currentEdge(id) { return has(overEdges, id) ? overEdges[id] : baseEdges[id]; }
  function decorateEdge(item) {
    var copy = withTitle(item);
    var faded = !!fadedEdges[item.id];
    if (copy.color && typeof copy.color === "object") {
      copy.color = Object.assign({}, copy.color, {opacity: faded ? FADE : 1});
    }
    if (faded && copy.font) { copy.font = {color: FADED_TEXT}; }
    return copy;
  }
  // The fading that the focus asks for: node items, and ids of edges to redo.
  function fadeChanges() {
    var ids = focus ? focus.ids : null, nodeChanges = [], edgeIds = [];
    nodeIds.forEach(function (id) {
      var faded = ids !== null && !ids[id];
      if (faded !== !!fadedNodes[id]) {
        nodeChanges.push(faded ? {id: id, opacity: FADE, font: {color: FADED_TEXT}} : {id: id, opacity: 1, font: null});
        if (faded) { fadedNodes[id] = true; } else { delete fadedNodes[id]; }
      }
    });
    Object.keys(baseEdges).forEach(function (id) {
      var e = baseEdges[id];
      var faded = ids !== null && !(ids[e.from] && ids[e.to]);
      if (faded !== !!fadedEdges[id]) {
        if (faded) { fadedEdges[id] = true; } else { delete fadedEdges[id]; }
        edgeIds.push(id);
      }
    });
    return {nodes: nodeChanges, edges: edgeIds};
  }
  function inView(ids) {
    var size = frameSize();
    return Object.keys(ids).every(function (id) {
      var b = bounds[id];
      var a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
      return a.x >= 0 && a.y >= PAD.top - 10 && z.x <= size.w && z.y <= size.h;
    });
  }
  // Focus on id (null: none): "click" (a node clicked in the map), "page"
  // (the page's selection).  The selection shows at once; the fading, and in
  // the first view the opening of the node's hidden neighbourhood, are drawn
  // with the page's next update (a click always brings one): each DataSet
  // update costs vis a pass over every node, so a click costs no more than before.
  var pendingFocus = null, pendingTimer = null;
  function setFocus(id, how) {
    focus = id === null ? null : {id: id, ids: neighbourhood(id)};
    if (id === null) {
      network.unselectAll();
    } else if (network.getSelectedNodes().join() !== id) {
      network.selectNodes([id]);
    }
    pendingFocus = {how: how};
    clearTimeout(pendingTimer);
    pendingTimer = setTimeout(function () { commit([], [], null); }, 800);
  }
  // Apply node and edge changes, with what a pending focus asks for, in one
  // DataSet update each.  fade: the focus's fading, already worked out by the caller.
  function commit(nodeChanges, edgeChanges, fade) {
    var wanted = pendingFocus, opened = false;
    pendingFocus = null;
    clearTimeout(pendingTimer);
    if (wanted) {
      if (!fade) {
        fade = fadeChanges();
        fade.edges.forEach(function (id) { edgeChanges.push(decorateEdge(currentEdge(id))); });
      }
      nodeChanges = nodeChanges.concat(fade.nodes);
      if (focus && shown === null && mode === "first") {
        // Not fitted yet (the frame has no size): the first fit shows it.
        Object.assign(revealed, focus.ids);
      } else if (focus && shown !== null) {
        var set = Object.assign({}, shown);
        Object.keys(focus.ids).forEach(function (x) {
          if (!set[x]) { set[x] = true; revealed[x] = true; opened = true; }
        });
        if (opened) { nodeChanges = nodeChanges.concat(showChanges(set)); }
      }
    }
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
    if (!wanted) { return; }
    window.mapFocus = focus ? {id: focus.id, nodes: Object.keys(focus.ids).sort()} : null;
    if (opened) { countBadges(); updateToolbar(); }
    if (focus) { moveToSee(focus.ids, focus.id, opened || wanted.how === "page"); }
  }
  // Show the hidden nodes of ids (a badge's click: no update from the page follows).
  function open(ids, id) {
    if (shown === null) { return; }
    var set = Object.assign({}, shown), opened = false;
    Object.keys(ids).forEach(function (x) {
      if (!set[x]) { set[x] = true; revealed[x] = true; opened = true; }
    });
    if (!opened) { return; }
    show(set);
    updateToolbar();
    moveToSee(ids, id, true);
  }
  // Move the view (when asked) to ids if some are out of sight: fitted to
  // them if they can be read so, else centred on id at the readable scale.
  function moveToSee(ids, id, asked) {
    var box = null, size = frameSize();
    if (!asked || !window.mapReady || inView(ids)) { return; }
    Object.keys(ids).forEach(function (x) { box = union(box, x); });
    if (scaleFor(box, size) < readable) {
      var b = bounds[id], half = {w: (size.w - PAD.left - PAD.right) / 2 / readable,
                                  h: (size.h - PAD.top - PAD.bottom) / 2 / readable};
      var cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
      box = {left: cx - half.w, right: cx + half.w, top: cy - half.h, bottom: cy + half.h};
    }
    moveTo(box, size, true);
    viewMoved = true;
  }
  function clearFocus() {
    if (focus === null) { return; }
    setFocus(null, "click");
    window.parent.postMessage({type: "argmap:unselect"}, "*");
  }

  // ---- the first view, fitted as soon as the frame has a size -----------
  measure();
  function ready() {
    if (window.mapReady) { return; }
    // The first frame drawn with the page's own view (docs/page-hooks.md).
    network.once("afterDrawing", function () { window.mapDrawnAt = Date.now(); });
    window.mapReady = true;
  }
  // Until the frame has its size (it comes from the page, later on a busy
  // device) ask again: a ResizeObserver does not report while the browser
  // skips drawing a frame out of sight, timers still run.
  function fitWhenSized(tries) {
    if (window.mapReady) { return; }
    if (fit(true)) { window.mapSizeWaits = tries; ready(); return; }
    setTimeout(function () { fitWhenSized(tries + 1); }, tries < 40 ? 25 : 250);
  }
  fitWhenSized(0);
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () {
      var size = frameSize();
      if (size.w < 2 || size.h < 2) { return; }
      if (Math.abs(size.w - fitted.w) < 1 && Math.abs(size.h - fitted.h) < 1) { return; }
      // A reader who zoomed or panned keeps the view (vis keeps its centre).
      if (viewMoved && window.mapReady) { syncCanvas(); fitted = size; return; }
      if (fit(true)) { ready(); network.redraw(); }
    }).observe(container);
  }
  window.lastUpdate = 1;
  network.on("zoom", function () { viewMoved = true; });
  network.on("dragEnd", function (params) {
    if (params && params.nodes && params.nodes.length === 0) { viewMoved = true; }
  });

  // ---- the wheel scrolls the page; Ctrl/Cmd + wheel zooms the map --------
  var hintTimer = null;
  window.addEventListener("wheel", function (event) {
    if (event.ctrlKey || event.metaKey) { return; }
    // Not for vis (it would zoom): the browser scrolls the page instead.
    event.stopPropagation();
    window.mapWheelHints += 1;
    hint.textContent = "Ctrl + scroll (\u2318 + scroll on a Mac) or the + and \u2212 buttons zoom the map";
    hint.classList.add("shown");
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.remove("shown"); }, 1500);
  }, {capture: true, passive: true});
  // On a touch screen one finger scrolls the page (and taps); two fingers pan
  // and zoom the map.  vis's touch library (Hammer) does not pan for a lone
  // finger: it would move the map along with the page, and stay dragging
  // once the browser took the gesture over (pointercancel).
  var touches = {}, pointerType = "mouse";
  window.addEventListener("pointerdown", function (event) {
    pointerType = event.pointerType;
    if (event.pointerType === "touch") { touches[event.pointerId] = true; }
  }, true);
  ["pointerup", "pointercancel"].forEach(function (type) {
    window.addEventListener(type, function (event) { delete touches[event.pointerId]; }, true);
  });
  try {
    network.canvas.hammer.get("pan").set({
      pointers: 0,
      enable: function () { return pointerType !== "touch" || Object.keys(touches).length >= 2; },
    });
  } catch (err) { /* internal API: best effort only */ }
  // Set after Hammer's own (it computes "none"): the browser scrolls vertically.
  network.canvas.frame.style.touchAction = "pan-y";
  network.canvas.frame.canvas.style.touchAction = "pan-y";

  // ---- updates from the page ---------------------------------------------
  function validItems(list, base) {
    if (!Array.isArray(list)) { return null; }
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var it = list[i];
      if (!it || typeof it !== "object" || typeof it.id !== "string") { return null; }
      if (!has(base, it.id)) { continue; }
      out.push(it);
    }
    return out;
  }
  // The changes that make the items not listed their base style again and the
  // listed ones theirs; over becomes want (the items listed, by id).
  function restyle(base, over, items, decorate, changes) {
    var want = {};
    items.forEach(function (it) { want[it.id] = it; });
    Object.keys(over).forEach(function (id) {
      if (!want[id]) { changes.push(decorate(base[id])); }
    });
    items.forEach(function (it) { changes.push(decorate(it)); });
    return want;
  }
  function apply(msg) {
    var ns = validItems(msg.nodes, baseNodes), es = validItems(msg.edges, baseEdges);
    if (ns === null || es === null) { return; }
    var wanted = msg.focus;
    if (wanted !== undefined && wanted !== null && !(typeof wanted === "string" && has(baseNodes, wanted))) { return; }
    // The page's selection, only when it changed: a focus made in the map stays.
    if (wanted !== undefined && wanted !== serverFocus) {
      serverFocus = wanted;
      if (wanted === null ? focus !== null : !(focus && focus.id === wanted)) { setFocus(wanted, "page"); }
    }
    // The fading first: decorateEdge draws every edge restyled here with it.
    var fade = pendingFocus ? fadeChanges() : null, nodeChanges = [], edgeChanges = [], restyled = {};
    overNodes = restyle(baseNodes, overNodes, ns, withTitle, nodeChanges);
    Object.keys(overEdges).forEach(function (id) { restyled[id] = true; });
    es.forEach(function (it) { restyled[it.id] = true; });
    overEdges = restyle(baseEdges, overEdges, es, decorateEdge, edgeChanges);
    if (fade) {
      fade.edges.forEach(function (id) { if (!restyled[id]) { edgeChanges.push(decorateEdge(baseEdges[id])); } });
    }
    commit(nodeChanges, edgeChanges, fade);
    // An open tooltip would still show the old status: close it.
    try {
      var popup = network.interactionHandler && network.interactionHandler.popup;
      if (popup && !popup.hidden) { popup.hide(); }
    } catch (err) { /* internal API: best effort only */ }
    markNodes(msg.marked);
    window.lastUpdateSeq = msg.seq;
    window.lastUpdate += 1;
  }
  // The nodes where the reader's view and the one compared with part.
  function markNodes(list) {
    if (!Array.isArray(list)) { return; }
    var next = {};
    list.forEach(function (id) { if (typeof id === "string" && has(baseNodes, id)) { next[id] = true; } });
    if (Object.keys(next).sort().join() === Object.keys(marked).sort().join()) { return; }
    marked = next;
    window.mapMarked = Object.keys(marked).sort();
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    var ids = Object.keys(marked);
    if (!ids.length) { return; }
    ctx.save();
    ctx.strokeStyle = "#0b57d0";
    ctx.lineWidth = 3;
    ctx.setLineDash([6, 4]);
    ids.forEach(function (id) {
      if (shown !== null && !shown[id]) { return; }
      var b = bounds[id];
      ctx.strokeRect(b.left - 6, b.top - 6, b.right - b.left + 12, b.bottom - b.top + 12);
    });
    ctx.restore();
  });
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) { return; }
    var msg = event.data;
    if (!msg || typeof msg !== "object" || msg.type !== "argmap:update") { return; }
    if (typeof msg.seq !== "number" || !isFinite(msg.seq)) { return; }
    try { apply(msg); } catch (err) { /* a malformed update is ignored */ }
  });
  network.on("click", function (params) {
    if (!params || !params.nodes) { return; }
    if (params.nodes.length === 0) {
      var opens = params.pointer && params.pointer.canvas ? badgeAt(params.pointer.canvas) : null;
      if (opens !== null) { open(neighbourhood(opens), opens, "click"); } else { clearFocus(); }
      return;
    }
    if (params.nodes.length !== 1) { return; }
    var id = params.nodes[0];
    if (typeof id !== "string" || !ID_RE.test(id)) { return; }
    if (kinds[id] === "conclusion" || kinds[id] === "argument") {
      setFocus(id, "click");
    } else if (focus !== null) {
      // A given's click changes its choice (in the page); the focus stays where it was.
      network.selectNodes([focus.id]);
    }
    window.parent.postMessage({type: "argmap:click", id: id}, "*");
  });
  window.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearFocus(); }
  });
  window.parent.postMessage({type: "argmap:ready"}, "*");
})();
