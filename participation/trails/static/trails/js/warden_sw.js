/* The trail wardens' offline app (docs/trails.md "Offline report app"): served at
   /wegewart/sw.js, scope /wegewart/. GET requests of the app pages, their data and the
   portal's static files go to the network first and fall back to the copy kept in the cache
   (the page itself stores its copies when it opens, warden_app.js). POSTs are never touched:
   the page queues reports in IndexedDB and sends them itself. */
"use strict";

const CACHE = "wegewart-v1";

function keep(url) {
  return url.pathname.startsWith("/static/") ||
    /^\/wegewart\/[^/]+\/app\/(daten\.json)?$/.test(url.pathname);
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !keep(url)) return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request, { ignoreSearch: true, ignoreVary: true })
      .then((cached) => cached || Response.error()))
  );
});
