// Defuse web desk: the reply composer's live coach and the "use this line" buttons. Plain ES2017, no libraries.
// The page works without this file: the form posts as is and the server's coach has the last word.
(function () {
  'use strict';

  var form = document.getElementById('reply-form');
  var draft = document.getElementById('draft');
  if (!form || !draft) return;
  var panel = document.getElementById('coach');
  var sendAnyway = document.getElementById('send-anyway');
  var sendAnywayLabel = sendAnyway ? sendAnyway.closest('label') || sendAnyway.parentElement : null;
  var staticNote = panel ? panel.querySelector('.coach-static') : null;

  var DEBOUNCE_MS = 350;
  var timer = null;
  var sequence = 0;      // the newest request; older answers are dropped
  var controller = null; // aborts the request a newer one replaces
  var shownFor = null;   // the draft text the panel currently describes
  var lastJSON = '';     // skip re-rendering (and re-announcing) an identical answer
  var visited = false;   // has the agent put the cursor in the draft yet?

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function words(name) { return String(name || '').replace(/_/g, ' '); }

  function showSendAnyway(show) {
    if (!sendAnywayLabel) return;
    sendAnywayLabel.hidden = !show;
    if (!show) sendAnyway.checked = false; // sending a flagged draft is always a fresh, deliberate choice
  }

  function clearPanel() {
    if (panel) panel.textContent = '';
  }

  // Replaces draft[start, end) with text, keeping the browser's undo history where it can, then re-checks.
  function replaceRange(start, end, text) {
    draft.focus();
    draft.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand('insertText', false, text); } catch (e) { done = false; }
    if (!done) draft.setRangeText(text, start, end, 'end');
    var caret = start + text.length;
    draft.setSelectionRange(caret, caret);
    checkNow();
  }

  // Inserts a line at the cursor, with a space on either side where the text needs one.
  // Until the agent has been in the draft, "the cursor" is the end of it.
  function insertAtCursor(line) {
    var value = draft.value;
    var start = visited ? draft.selectionStart : value.length;
    var end = visited ? draft.selectionEnd : value.length;
    var before = value.slice(0, start);
    var after = value.slice(end);
    var text = line;
    if (before && !/\s$/.test(before)) text = ' ' + text;
    if (after && !/^\s/.test(after)) text = text + ' ';
    replaceRange(start, end, text);
  }

  function appendLine(line) {
    var value = draft.value;
    var sep = !value || /\s$/.test(value) ? '' : ' ';
    replaceRange(value.length, value.length, sep + line);
  }

  // The draft with what the coach found marked: text nodes only, never HTML from the draft.
  function preview(text, findings) {
    // Hidden from screen readers (the lists below say the same) so the live panel stays short.
    var box = el('div', 'coach-preview');
    box.setAttribute('aria-hidden', 'true');
    var spans = findings.filter(function (f) {
      return typeof f.start === 'number' && typeof f.end === 'number' && f.start >= 0 && f.end <= text.length && f.start < f.end;
    }).sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var cursor = 0;
    spans.forEach(function (f) {
      if (f.start < cursor) return; // overlapping: keep the first
      if (f.start > cursor) box.appendChild(document.createTextNode(text.slice(cursor, f.start)));
      var label = words(f.flag || f.move);
      var mark = el('mark', 'hl ' + (f.flag ? 'hl-flag' : 'hl-move'), text.slice(f.start, f.end));
      mark.setAttribute('data-label', label);
      if (f.why) mark.title = f.why;
      box.appendChild(mark);
      cursor = f.end;
    });
    if (cursor < text.length) box.appendChild(document.createTextNode(text.slice(cursor)));
    return box;
  }

  function section(title, items) {
    var wrap = el('div', 'coach-section');
    wrap.appendChild(el('h3', null, title));
    var list = el('ul', 'coach-list');
    items.forEach(function (item) { list.appendChild(item); });
    wrap.appendChild(list);
    return wrap;
  }

  function render(review, text) {
    var findings = Array.isArray(review.findings) ? review.findings : [];
    var flags = Array.isArray(review.flags) ? review.flags : [];
    var missing = Array.isArray(review.missing) ? review.missing : [];
    var lines = Array.isArray(review.lines) ? review.lines : [];
    clearPanel();

    var head = el('div', 'coach-head');
    var send = review.verdict === 'send';
    head.appendChild(el('span', 'verdict ' + (send ? 'verdict-send' : 'verdict-revise'), send ? 'Ready to send' : 'Revise'));
    if (review.summary) head.appendChild(el('p', 'coach-summary', review.summary));
    panel.appendChild(head);
    if (findings.length) panel.appendChild(preview(text, findings));

    var flagItems = findings.filter(function (f) { return f.flag; }).map(function (f) {
      var li = el('li', 'coach-item coach-item-flag');
      var top = el('p');
      top.appendChild(el('span', 'coach-name', words(f.flag)));
      top.appendChild(document.createTextNode(' '));
      top.appendChild(el('q', 'coach-quote', f.text));
      li.appendChild(top);
      if (f.why) li.appendChild(el('p', 'coach-why', f.why));
      if (f.suggestion) {
        li.appendChild(el('p', 'coach-suggestion', 'Try: ' + f.suggestion));
        var use = el('button', 'btn btn-small btn-secondary', 'Use this wording');
        use.type = 'button';
        use.addEventListener('click', function () { useWording(text, f); });
        li.appendChild(use);
      }
      return li;
    });
    if (flagItems.length) panel.appendChild(section('Flags', flagItems));

    var missingItems = missing.map(function (move) {
      var li = el('li', 'coach-item coach-item-missing');
      li.appendChild(el('p', 'coach-name', words(move)));
      var found = lines.filter(function (l) { return l.move === move && l.line; })[0];
      if (found) {
        li.appendChild(el('p', 'coach-why', found.line));
        var insert = el('button', 'btn btn-small btn-secondary', 'Insert');
        insert.type = 'button';
        insert.setAttribute('aria-label', 'Insert: ' + found.line);
        insert.addEventListener('click', function () { appendLine(found.line); });
        li.appendChild(insert);
      }
      return li;
    });
    if (missingItems.length) panel.appendChild(section('Missing', missingItems));
    if (review.truncated) panel.appendChild(el('p', 'coach-quiet', 'Only the first part of a long draft was checked.'));

    showSendAnyway(flags.length > 0 || flagItems.length > 0);
  }

  // Offsets describe the text that was checked; if the draft changed since, find the passage again.
  function useWording(checked, finding) {
    var value = draft.value;
    var passage = checked.slice(finding.start, finding.end);
    var start = value === checked ? finding.start : value.indexOf(passage);
    if (start < 0 || !passage) { checkNow(); return; }
    replaceRange(start, start + passage.length, finding.suggestion);
  }

  function unavailable() {
    clearPanel();
    lastJSON = '';
    if (staticNote) panel.appendChild(staticNote);
    panel.appendChild(el('p', 'coach-quiet', 'Coach unavailable. You can still send; the server checks the reply.'));
    showSendAnyway(true); // the server may still hold a flagged draft back: leave the choice open
  }

  function check() {
    var text = draft.value;
    if (!text.trim()) {
      if (controller) controller.abort();
      sequence += 1;
      shownFor = null;
      lastJSON = '';
      clearPanel();
      showSendAnyway(false);
      return;
    }
    if (text === shownFor) { // back to the text on show: drop whatever is still on its way
      if (controller) controller.abort();
      sequence += 1;
      return;
    }
    var mine = ++sequence;
    if (controller) controller.abort();
    controller = typeof AbortController === 'function' ? new AbortController() : null;
    fetch(form.dataset.coachUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json',
        'X-CSRF-Token': form.dataset.csrf || ''
      },
      body: JSON.stringify({ text: text, case: form.dataset.case }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error('coach answered ' + response.status);
      return response.json();
    }).then(function (review) {
      if (mine !== sequence) return; // a newer draft is on its way
      shownFor = text;
      var json = JSON.stringify(review);
      if (json === lastJSON) return;
      lastJSON = json;
      render(review, text);
    }).catch(function (error) {
      if (mine !== sequence || (error && error.name === 'AbortError')) return;
      shownFor = null;
      unavailable();
    });
  }

  function checkNow() {
    clearTimeout(timer);
    check();
  }

  draft.addEventListener('focus', function () { visited = true; });
  draft.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  });

  // Any "use this line" button (next best actions, phrase library) inserts its line where the cursor is.
  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('.use-line') : null;
    if (!button || !button.hasAttribute('data-line')) return;
    event.preventDefault();
    insertAtCursor(button.getAttribute('data-line'));
  });

  // Start: the "send anyway" box only shows when there are flags; a draft put back by the server is checked at once.
  showSendAnyway(!!staticNote);
  if (draft.value.trim()) check();
})();
