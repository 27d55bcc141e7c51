// Service worker of the operator pages: keeps the field-log form available offline.
// Activities saved offline wait in IndexedDB (static/js/operatori/attivita.js), not here.
"use strict";
const CACHE = {{ cache_json|safe }};
const SHELL = {{ shell_json|safe }};
const FORM_URL = SHELL[0];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("operatori-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/operatori/")) {
    // Network first; offline, the cached form (the only operator page kept: lists hold personal data).
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (url.pathname === FORM_URL && response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(FORM_URL, copy));
          }
          return response;
        })
        .catch(() => caches.open(CACHE).then((cache) => cache.match(FORM_URL)))
        .then((response) => response || Response.error())
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(url.pathname)).then((hit) => hit || fetch(request)));
  }
});
