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

// Streamlit calls a component's cleanup also for a superseded render: forget
// the element only once its host has really left the page.
function whenGone(host, teardown) {
  return () => setTimeout(() => {
    const root = host.host || host;
    if (!root.isConnected) teardown();
  }, 0);
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
