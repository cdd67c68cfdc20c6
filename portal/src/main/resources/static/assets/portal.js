// Cascade portal: small progressive enhancements; every page works without them.
(function () {
  'use strict';
  // htmx sends the CSRF token as a header on every request it makes.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) { event.detail.headers[header.content] = token.content; }
  });

  var form = document.getElementById('report-form');
  if (!form) { return; }

  // The percentage of each ratio, shown as it is typed.
  function percent(box) {
    var inputs = box.querySelectorAll('input');
    var out = box.querySelector('output');
    var n = parseFloat(inputs[0].value), d = parseFloat(inputs[1].value);
    var lang = document.documentElement.lang === 'en' ? 'en' : 'vi-VN';
    out.textContent = (isFinite(n) && isFinite(d) && d > 0)
      ? (n * 100 / d).toLocaleString(lang, { maximumFractionDigits: 2 }) + ' %' : '';
  }
  form.querySelectorAll('[data-ratio]').forEach(function (box) {
    box.addEventListener('input', function () { percent(box); });
    percent(box);
  });

  // A draft survives a reload and a lost connection: kept in this browser until the report is sent.
  var key = form.dataset.draftKey;
  var note = document.getElementById('draft-note');
  var sent = document.querySelector('#notice[data-sent="true"]');
  var refused = document.getElementById('form-errors');
  function fields() { return form.querySelectorAll('input[name^="values."], input[name^="tasks["], select, textarea'); }
  if (sent) { localStorage.removeItem(key); }
  else if (!refused) {
    var saved = localStorage.getItem(key);
    if (saved) {
      try {
        var draft = JSON.parse(saved);
        if (String(draft.version) === form.dataset.version) {
          fields().forEach(function (f) { if (draft.values[f.name] !== undefined) { f.value = draft.values[f.name]; } });
          form.querySelectorAll('[data-ratio]').forEach(percent);
          if (note) { note.textContent = note.dataset.restored || ''; }
        }
      } catch (e) { localStorage.removeItem(key); }
    }
  }
  form.addEventListener('input', function () {
    var values = {};
    fields().forEach(function (f) { values[f.name] = f.value; });
    localStorage.setItem(key, JSON.stringify({ version: form.dataset.version, values: values }));
    if (note) { note.textContent = note.dataset.saved || ''; }
  });
})();
