/* The trail wardens' report app (docs/trails.md "Offline report app").

   Without this script the form posts normally. With it, every report is first kept on the
   device (IndexedDB, photos included) under an idempotency key made here (crypto.randomUUID),
   then sent when the browser is online; a report leaves the queue only when the portal
   answered with its reference (201 new, 200 the same report again for a retry of the same
   key). A refusal (400) stays in the queue with the portal's message until removed. The page,
   its data and its static files are kept in the cache for the service worker (warden_sw.js). */
(function () {
  "use strict";

  const CACHE = "wegewart-v1";
  const DB_NAME = "wegewart";
  const STORE = "queue";
  const form = document.getElementById("warden-report-form");
  if (!form || !("indexedDB" in window) || !window.crypto || !crypto.randomUUID) return;
  const text = form.dataset;
  const statusLine = document.getElementById("warden-app-status");
  const queueList = document.getElementById("warden-queue");
  const queueEmpty = document.getElementById("warden-queue-empty");
  const sentList = document.getElementById("warden-sent");
  let flushing = false;
  let retry = null;

  function retryLater() {
    // The answer was lost on the way (or the network dropped): send again soon; the
    // idempotency key makes the portal answer with the report it already has.
    if (retry === null) retry = setTimeout(() => { retry = null; flush(); }, 3000);
  }

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function withStore(mode, work) {
    return openDb().then((db) => new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => { db.close(); resolve(request ? request.result : undefined); };
      transaction.onerror = () => { db.close(); reject(transaction.error); };
    }));
  }

  function waiting() {
    return withStore("readonly", (store) => store.getAll())
      .then((items) => items.filter((item) => item.url === form.action)
        .sort((a, b) => a.created - b.created));
  }
  const save = (item) => withStore("readwrite", (store) => store.put(item));
  const drop = (key) => withStore("readwrite", (store) => store.delete(key));

  function say(message) {
    statusLine.textContent = message;
  }

  async function render() {
    const items = await waiting();
    queueList.replaceChildren();
    for (const item of items) {
      const entry = document.createElement("li");
      entry.dataset.key = item.key;
      entry.textContent = `${item.label} (${item.photos.length} ${text.msgPhotos})`;
      if (item.error) {
        const error = document.createElement("p");
        error.className = "error";
        error.textContent = `${text.msgRefused} ${item.error}`;
        entry.append(error);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = text.msgRemove;
        remove.addEventListener("click", () => drop(item.key).then(render));
        entry.append(" ", remove);
      }
      queueList.append(entry);
    }
    queueEmpty.hidden = items.length > 0;
    form.dataset.queued = String(items.length);
  }

  function csrfToken() {
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  async function sendOne(item) {
    const body = new FormData();
    for (const [name, value] of Object.entries(item.fields)) body.append(name, value);
    body.append("idempotency_key", item.key);
    for (const photo of item.photos) body.append("photos", photo.blob, photo.name);
    return fetch(item.url, {
      method: "POST", body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
  }

  async function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    try {
      for (const item of await waiting()) {
        if (item.error) continue;
        let response;
        try {
          response = await sendOne(item);
        } catch (error) {
          retryLater(); // the network is gone again: the report stays queued
          break;
        }
        if (response.status === 200 || response.status === 201) {
          const result = await response.json();
          await drop(item.key);
          const entry = document.createElement("li");
          entry.textContent = `${text.msgSent} ${result.reference}: ${item.label}`;
          sentList.append(entry);
        } else if (response.status === 400) {
          let message = "";
          try { message = (await response.json()).error || ""; } catch (error) { /* HTML */ }
          item.error = message || String(response.status);
          await save(item);
        } else {
          if (response.status === 403) say(text.msgSignin);
          break; // signed out, rate-limited or the server is away: try again later
        }
      }
    } finally {
      flushing = false;
      await render();
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const category = form.elements.category;
    const fields = {};
    for (const name of ["category", "signpost", "latitude", "longitude", "description"]) {
      fields[name] = String(data.get(name) || "");
    }
    const photos = data.getAll("photos").filter((file) => file && file.size)
      .map((file) => ({ name: file.name, type: file.type, blob: file }));
    const label = `${category.options[category.selectedIndex].text} – ` +
      fields.description.slice(0, 60);
    await save({ key: crypto.randomUUID(), url: form.action, created: Date.now(), fields,
                 photos, label, error: "" });
    form.reset();
    say(text.msgQueued);
    await render();
    flush();
  });

  async function keepCopies() {
    if (!("serviceWorker" in navigator) || !("caches" in window)) return;
    await navigator.serviceWorker.register(form.dataset.swUrl, { scope: "/wegewart/" });
    await navigator.serviceWorker.ready;
    const assets = Array.from(document.querySelectorAll("link[rel=stylesheet], script[src]"))
      .map((node) => node.href || node.src).filter((url) => url.startsWith(location.origin));
    const cache = await caches.open(CACHE);
    await cache.addAll([location.pathname, form.dataset.dataUrl, ...assets]);
  }

  window.addEventListener("online", () => { say(text.msgOnline); flush(); });
  window.addEventListener("offline", () => say(text.msgOffline));
  setInterval(flush, 30000);
  say(navigator.onLine ? text.msgOnline : text.msgOffline);
  render().then(flush);
  keepCopies().then(() => { form.dataset.offlineReady = "1"; },
                    () => { form.dataset.offlineReady = "0"; });
}());
