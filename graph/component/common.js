// Shared by the page's components; app.py puts it in front of a component's script.
const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

// The server sends data as UTF-8 JSON bytes (a dict would make Streamlit
// look for dataframes in it, importing pandas on the first run).
function decodeJson(raw) {
  try {
    if (raw instanceof ArrayBuffer) raw = new Uint8Array(raw);
    if (raw instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(raw));
  } catch (err) {
    return null;
  }
  return raw;
}

// A component's state lives on its host element across reruns: create()
// makes it on the first render.  The cleanup returned is what the component
// gives Streamlit, which calls it also for a superseded render: teardown(st)
// runs only once the host has really left the page.
function hostState(host, prop, create, teardown) {
  let st = host[prop];
  if (!st) {
    st = create();
    host[prop] = st;
  }
  const cleanup = () => setTimeout(() => {
    const root = host.host || host;
    if (root.isConnected) return;
    teardown(st);
    delete host[prop];
  }, 0);
  return [st, cleanup];
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
function askOnce(st, key, ask) {
  if (st.asked !== key) {
    st.asked = key;
    ask(key);
  }
}
