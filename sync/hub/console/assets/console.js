// The console's only script, niceties over forms that work without it: the notice preview follows the
// form as you type (the "预览 / Preview" button renders the same on the server); a 常用回复 chip inserts
// its text at the cursor (without script it re-renders the form with the text appended); buttons with
// data-confirm ask first (撤回, 关闭, 停用 …); a form with data-unsaved asks before the page is left with
// typed text not yet sent. The CSP forbids inline script: everything is here.
(function () {
  'use strict';

  // ---- Notice preview ----
  var form = document.querySelector('form[data-preview]');
  var target = document.getElementById('preview');
  if (form && target && window.fetch) {
    var timer = null;
    var refresh = function () {
      // Multipart, like the form itself: httplib refuses url-encoded bodies over 8 KiB.
      fetch(form.getAttribute('data-preview'), {
        method: 'POST', body: new FormData(form), credentials: 'same-origin'
      }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
        // The fragment is rendered and escaped by the hub, like every page.
        if (html !== null) target.innerHTML = html;
      }).catch(function () {});
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    form.addEventListener('change', refresh);
  }

  // ---- 常用回复 chips: insert at the cursor, never replace what was typed ----
  document.addEventListener('click', function (e) {
    var chip = e.target.closest ? e.target.closest('button.chip[data-body]') : null;
    if (!chip || !chip.form) return;
    var box = chip.form.querySelector('textarea[name="text"]');
    if (!box) return;
    e.preventDefault();
    var body = chip.getAttribute('data-body');
    var start = box.selectionStart, end = box.selectionEnd;
    if (typeof start !== 'number') start = end = box.value.length;
    var before = box.value.slice(0, start), after = box.value.slice(end);
    // At the end of a last line, the template starts a line of its own; inside the text it goes where the
    // cursor is.
    var sep = !after && before && before.slice(-1) !== '\n' ? '\n' : '';
    box.value = before + sep + body + after;
    var caret = (before + sep + body).length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });

  // ---- Confirmation before an action that cannot be taken back ----
  document.addEventListener('click', function (e) {
    var btn = e.target.closest ? e.target.closest('[data-confirm]') : null;
    if (!btn) return;
    if (!window.confirm(btn.getAttribute('data-confirm'))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  // ---- Unsaved text: ask before leaving ----
  // A form (or a field) marked data-unsaved is dirty once typed into; sending it is not leaving.
  var dirty = false;
  document.addEventListener('input', function (e) {
    if (e.target.closest && e.target.closest('[data-unsaved]')) dirty = true;
  });
  document.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (e) {
    if (!dirty) return undefined;
    e.preventDefault();
    e.returnValue = '';
    return '';
  });
}());
