// Offline page: keeps a copy of /offline and shows it when opening a page fails for want of a
// connection. Only page navigations are touched; everything else goes to the network as usual.
// An optional enhancement: every page works the same where this never runs.
'use strict';
var CACHE = 'pasar-kerthi-offline-v1';

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.add(new Request('/offline', { cache: 'reload', credentials: 'omit' }));
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (key) {
              return key !== CACHE;
            })
            .map(function (key) {
              return caches.delete(key);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

self.addEventListener('fetch', function (event) {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(
    fetch(event.request).catch(function () {
      return caches.match('/offline');
    }),
  );
});
