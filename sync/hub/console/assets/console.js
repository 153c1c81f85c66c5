// The console's only script, a nicety: the notice preview follows the form as you type. Everything works
// without it (the form's "预览 / Preview" button renders the same preview on the server).
(function () {
  'use strict';
  var form = document.querySelector('form[data-preview]');
  var target = document.getElementById('preview');
  if (!form || !target || !window.fetch) return;
  var timer = null;
  function refresh() {
    // Multipart, like the form itself: httplib refuses url-encoded bodies over 8 KiB.
    fetch(form.getAttribute('data-preview'), {
      method: 'POST', body: new FormData(form), credentials: 'same-origin'
    }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
      // The fragment is rendered and escaped by the hub, like every page.
      if (html !== null) target.innerHTML = html;
    }).catch(function () {});
  }
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  form.addEventListener('change', refresh);
}());
