// Offline page: registers the service worker (/sw.js) where the browser supports one. A page
// that never runs this, or where registering fails, works exactly the same.
'use strict';
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(function () {
    // Nothing to do: the offline page is an extra, not something the page depends on.
  });
}
