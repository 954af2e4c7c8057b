// The map's bridge, inside the sandboxed frame (see docs/page-hooks.md): it runs
// in pyvis's own script right after drawGraph() (graph/render.py puts it there,
// with the generated ID_RE first inside it), fits the view, applies the style updates the page
// posts (argmap:update) and posts clicks on nodes back (argmap:click).
(function () {
  "use strict";
  var baseNodes = {}, baseEdges = {}, overNodes = {}, overEdges = {};
  window.lastUpdate = 0;
  window.lastUpdateSeq = -1;
  window.mapReady = false;
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
  nodes.get().forEach(function (n) { baseNodes[n.id] = Object.assign({}, n); });
  edges.get().forEach(function (e) { baseEdges[e.id] = Object.assign({}, e); });
  // Tooltips are built when first needed (hover), not for every node at load:
  // a 3,000-node map would otherwise create 3,000 DOM elements up front.
  network.on("hoverNode", function (params) {
    var n = nodes.get(params.node);
    if (n && typeof n.tip === "string" && !(n.title instanceof Element)) {
      nodes.update({id: n.id, title: tipElement(n.tip)});
    }
  });
  // The first frame drawn with the page's own view (docs/page-hooks.md).
  network.once("afterDrawing", function () { window.mapDrawnAt = Date.now(); });
  network.fit({animation: false});
  window.mapReady = true;
  window.lastUpdate = 1;

  function validItems(list, base) {
    if (!Array.isArray(list)) { return null; }
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var it = list[i];
      if (!it || typeof it !== "object" || typeof it.id !== "string") { return null; }
      if (!Object.prototype.hasOwnProperty.call(base, it.id)) { continue; }
      out.push(it);
    }
    return out;
  }
  function restyle(dataset, base, over, items) {
    var want = {}, changes = [];
    items.forEach(function (it) { want[it.id] = it; });
    Object.keys(over).forEach(function (id) {
      if (!want[id]) { changes.push(withTitle(base[id])); }
    });
    items.forEach(function (it) { changes.push(withTitle(it)); });
    if (changes.length) { dataset.update(changes); }
    return want;
  }
  function apply(msg) {
    var ns = validItems(msg.nodes, baseNodes), es = validItems(msg.edges, baseEdges);
    if (ns === null || es === null) { return; }
    overNodes = restyle(nodes, baseNodes, overNodes, ns);
    overEdges = restyle(edges, baseEdges, overEdges, es);
    // An open tooltip would still show the old status: close it.
    try {
      var popup = network.interactionHandler && network.interactionHandler.popup;
      if (popup && !popup.hidden) { popup.hide(); }
    } catch (err) { /* internal API: best effort only */ }
    window.lastUpdateSeq = msg.seq;
    window.lastUpdate += 1;
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) { return; }
    var msg = event.data;
    if (!msg || typeof msg !== "object" || msg.type !== "argmap:update") { return; }
    if (typeof msg.seq !== "number" || !isFinite(msg.seq)) { return; }
    try { apply(msg); } catch (err) { /* a malformed update is ignored */ }
  });
  network.on("click", function (params) {
    if (!params || !params.nodes || params.nodes.length !== 1) { return; }
    var id = params.nodes[0];
    if (typeof id !== "string" || !ID_RE.test(id)) { return; }
    window.parent.postMessage({type: "argmap:click", id: id}, "*");
  });
  window.parent.postMessage({type: "argmap:ready"}, "*");
})();
