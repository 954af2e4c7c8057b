// Shared by the page's components; graph/component/__init__.py puts it in
// front of each component's script, after the generated constants (ID_RE,
// STATUSES: the id rule and the statuses, from graph/ids.py and graph/status.py).

// The server sends data as UTF-8 JSON bytes (a dict would make Streamlit
// look for dataframes in it, importing pandas on the first run).
function decodeText(raw) {
  if (raw instanceof ArrayBuffer) raw = new Uint8Array(raw);
  return raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw;
}

function decodeJson(raw) {
  try {
    const text = decodeText(raw);
    if (typeof text === "string") return JSON.parse(text);
  } catch (err) {
    return null;
  }
  return raw;
}

// A component's state lives on its host element across reruns: create()
// makes it on the first render.  The cleanup returned is what the component
// gives Streamlit, which calls it also for a superseded render: teardown(state)
// runs only once the host has really left the page.
function hostState(host, prop, create, teardown) {
  let state = host[prop];
  if (!state) {
    state = create();
    host[prop] = state;
  }
  const cleanup = () => setTimeout(() => {
    const root = host.host || host;
    if (root.isConnected) return;
    teardown(state);
    delete host[prop];
  }, 0);
  return [state, cleanup];
}

// What the server sends once per key (data[field]) is kept in the page, only
// the latest key's: later reruns refer to it by data.key alone.
function keptPayload(cacheName, data, field) {
  const cache = window[cacheName] || (window[cacheName] = new Map());
  if (data[field] !== undefined && data[field] !== null) {
    cache.clear();
    cache.set(data.key, data[field]);
  }
  return cache.get(data.key);
}

// The page lost a kept payload (its element was remounted): ask the server
// for it once per key (it resends on the rerun the trigger causes).
function askOnce(state, key, ask) {
  if (state.asked !== key) {
    state.asked = key;
    ask(key);
  }
}
