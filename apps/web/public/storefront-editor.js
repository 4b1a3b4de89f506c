// Storefront editor: saves each form in the background (the same form post the page makes
// without JavaScript), swaps in the editor panel the server answers with, and reloads the
// live preview. Without this file, or if a request fails, forms post and redirect as usual.
(function () {
  'use strict';
  var panel = document.getElementById('sfe-panel');
  var frame = document.getElementById('sfe-preview-frame');
  if (!panel || !frame || !window.fetch || !window.DOMParser) return;

  function openSections() {
    return Array.prototype.map.call(document.querySelectorAll('#sfe-panel details[open]'), function (d) {
      return d.id;
    });
  }

  function reloadPreview() {
    try {
      frame.contentWindow.location.reload();
    } catch (error) {
      // Assigning src again reloads a frame whose window we may not touch.
      // eslint-disable-next-line no-self-assign
      frame.src = frame.src;
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !panel.contains(form) || form.dataset.plain === '1') return;
    event.preventDefault();
    var submitter = event.submitter || null;
    var body = new URLSearchParams(new FormData(form, submitter));
    var keepOpen = openSections();
    panel.setAttribute('aria-busy', 'true');
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        return response.text().then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('sfe-panel');
          if (!next) throw new Error('no editor panel in the answer');
          panel.replaceWith(next);
          panel = next;
          keepOpen.forEach(function (id) {
            var details = id && document.getElementById(id);
            if (details) details.open = true;
          });
          if (response.ok && response.redirected) history.replaceState(null, '', response.url);
          reloadPreview();
          var message = panel.querySelector('[role="alert"], [role="status"]');
          if (message) {
            // Refusals scroll to their reasons; a plain save keeps the seller where they were.
            message.setAttribute('tabindex', '-1');
            message.focus({ preventScroll: response.ok });
          }
        });
      })
      .catch(function () {
        // Fall back to the page's own form post and redirect.
        form.dataset.plain = '1';
        if (submitter && form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      })
      .finally(function () {
        panel.removeAttribute('aria-busy');
      });
  });
})();
