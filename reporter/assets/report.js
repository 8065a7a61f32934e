// kumite report renderer.
//
// Every page of the report carries its data once, as JSON in
// <script type="application/json" id="data">, and loads this file, which
// draws the page from it. The DOM is built with createElement and
// textContent only (never by parsing markup), so every text that comes from a
// feature file or from the site under test stays text. No network, no
// inline script or style: it works from file://, from an S3 website
// endpoint and under the page's Content-Security-Policy.
(function () {
  'use strict';

  var STATUS = {
    passed: { label: 'Passed', icon: '\u2713', group: 'passed' },
    failed: { label: 'Failed', icon: '\u2715', group: 'failed' },
    flaky: { label: 'Flaky', icon: '\u21bb', group: 'flaky' },
    skipped: { label: 'Skipped', icon: '\u2013', group: 'skipped' },
    undefined: { label: 'Undefined', icon: '?', group: 'undefined' },
    ambiguous: { label: 'Ambiguous', icon: '?', group: 'undefined' },
    pending: { label: 'Pending', icon: '\u2026', group: 'undefined' }
  };
  // Chip order: what needs attention first.
  var GROUPS = ['failed', 'flaky', 'undefined', 'passed', 'skipped'];
  var SEVERITY = { skipped: 0, passed: 1, flaky: 2, pending: 3, undefined: 4, ambiguous: 5, failed: 6 };
  // Above this many steps a feature page draws a scenario's steps only when
  // it is opened.
  var EAGER_STEPS = 3000;
  // The index shows this many failure cards before a "Show all" button, so
  // that a run with many failures still shows its features table.
  var FAILURES_SHOWN = 20;

  // ---- DOM helpers -------------------------------------------------------

  // h builds an element: props sets class, text, on<event> listeners and
  // attributes (true means an empty attribute; null and false are skipped);
  // the other arguments are children (nodes, strings, arrays of them).
  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v == null || v === false) return;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = v;
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }

  // add appends children to el: nodes, strings, arrays of them; null and
  // false are skipped.
  function add(el) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null || c === false) continue;
      if (Array.isArray(c)) add.apply(null, [el].concat(c));
      else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function status(s) {
    return STATUS[s] || { label: s ? String(s) : 'Unknown', icon: '?', group: 'failed' };
  }

  function stClass(s) {
    return 'st-' + status(s).group;
  }

  function pill(s, text) {
    var st = status(s);
    return h('span', { class: 'pill ' + stClass(s) },
      h('span', { class: 'icon', 'aria-hidden': 'true', text: st.icon }), ' ', text || st.label);
  }

  function icon(s) {
    var st = status(s);
    return h('span', { class: 'icon ' + stClass(s), title: st.label, role: 'img', 'aria-label': st.label, text: st.icon });
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : (many || one + 's'));
  }

  // ---- formatting --------------------------------------------------------

  // fmtDur prints milliseconds for people: 840 ms, 1.24 s, 12.3 s, 2 m 3 s, 1 h 4 m.
  function fmtDur(ms) {
    if (ms == null || isNaN(ms)) return '';
    if (ms < 1000) return Math.round(ms) + ' ms';
    var s = ms / 1000;
    if (s < 9.995) return s.toFixed(2) + ' s';
    if (s < 59.95) return s.toFixed(1) + ' s';
    var t = Math.round(s);
    var hh = Math.floor(t / 3600);
    var mm = Math.floor((t % 3600) / 60);
    if (hh > 0) return hh + ' h ' + mm + ' m';
    return mm + ' m ' + (t % 60) + ' s';
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function parseTime(iso) {
    if (!iso) return null;
    var d = new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  }

  // fmtTime prints an ISO time in the reader's time zone: 2025-11-23 20:15:03.
  function fmtTime(iso) {
    var d = parseTime(iso);
    if (!d) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + fmtClock(iso);
  }

  function fmtClock(iso) {
    var d = parseTime(iso);
    if (!d) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function timeEl(iso, short) {
    if (!iso) return null;
    return h('time', { datetime: iso, title: iso, text: short ? fmtClock(iso) : fmtTime(iso) });
  }

  // stepText shows a step's text with its "quoted" arguments highlighted.
  function stepText(text) {
    var out = h('span', { class: 'text' });
    var re = /"[^"]*"/g;
    var last = 0;
    var m;
    text = text || '';
    while ((m = re.exec(text)) !== null) {
      add(out, text.slice(last, m.index));
      add(out, h('span', { class: 'arg', text: m[0] }));
      last = m.index + m[0].length;
    }
    add(out, text.slice(last));
    return out;
  }

  // tagList shows tags, leaving out those in except (a scenario inherits
  // its feature's tags; they are shown once, on the feature).
  function tagList(tags, onTag, except) {
    tags = (tags || []).filter(function (t) { return !except || except.indexOf(t) < 0; });
    if (!tags.length) return null;
    return h('span', { class: 'tags' }, tags.map(function (t) {
      if (!onTag) return h('span', { class: 'tag', text: t });
      return h('button', {
        type: 'button', class: 'tag', text: t, title: 'Show only ' + t,
        onclick: function (e) { e.stopPropagation(); onTag(t); }
      });
    }));
  }

  function isWebURL(u) {
    return typeof u === 'string' && /^https?:\/\//i.test(u);
  }

  // ---- lightbox ----------------------------------------------------------

  var lightbox = null;

  // shot is a screenshot thumbnail: a link to the image (so that it still
  // opens without JavaScript, or in a new tab with a modifier key) that
  // opens the lightbox on a plain click.
  function shot(att, big) {
    if (!att.href) {
      return h('span', { class: 'shot missing', title: 'Its path leads outside the report folder' },
        (att.name || 'attachment') + ' (not in the report)');
    }
    if (!/^image\//.test(att.mediaType || '')) {
      return h('a', { class: 'attachment', href: att.href, text: att.name || att.href });
    }
    var img = h('img', {
      src: att.href, alt: att.name || 'screenshot', loading: 'lazy', decoding: 'async',
      width: att.width || null, height: att.height || null
    });
    return h('a', {
      class: 'shot' + (big ? ' big' : ''), href: att.href, 'data-name': att.name || '',
      title: (att.name || 'screenshot') + ' (click to enlarge)', onclick: openShot
    }, img, big ? null : h('span', { class: 'caption', text: att.name || '' }));
  }

  function openShot(e) {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    showShot(e.currentTarget);
  }

  function showShot(link) {
    var box = lightbox || (lightbox = makeLightbox());
    var all = Array.prototype.slice.call(document.querySelectorAll('a.shot'));
    box.list = all;
    box.index = all.indexOf(link);
    box.opener = link;
    drawShot(box);
    if (!box.dialog.open) {
      box.dialog.showModal();
      box.dialog.focus();
    }
  }

  function drawShot(box) {
    var link = box.list[box.index];
    box.img.src = link.getAttribute('href');
    box.img.alt = link.getAttribute('data-name') || 'screenshot';
    box.name.textContent = link.getAttribute('data-name') || '';
    box.count.textContent = box.list.length > 1 ? (box.index + 1) + ' / ' + box.list.length : '';
    box.orig.setAttribute('href', link.getAttribute('href'));
  }

  function makeLightbox() {
    var box = {};
    box.img = h('img', { alt: '' });
    box.name = h('span', { class: 'name' });
    box.count = h('span', { class: 'count' });
    box.orig = h('a', { href: '#', target: '_blank', rel: 'noopener', text: 'Open original' });
    var close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close (Escape)', text: '\u2715' });
    // The dialog itself takes focus, not a button in it: the key that opened
    // it must not also press that button.
    box.dialog = h('dialog', { class: 'lightbox', 'aria-label': 'Screenshot', tabindex: '-1' },
      h('div', { class: 'lb-bar' }, box.name, box.count, box.orig, close),
      h('div', { class: 'lb-img' }, box.img));
    close.addEventListener('click', function () { box.dialog.close(); });
    box.dialog.addEventListener('click', function (e) {
      if (e.target === box.dialog || e.target.classList.contains('lb-img')) box.dialog.close();
    });
    box.dialog.addEventListener('keydown', function (e) {
      var step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step || box.list.length < 2) return;
      e.preventDefault();
      box.index = (box.index + step + box.list.length) % box.list.length;
      drawShot(box);
    });
    box.dialog.addEventListener('close', function () {
      box.img.removeAttribute('src');
      if (box.opener && document.contains(box.opener)) box.opener.focus();
    });
    document.body.appendChild(box.dialog);
    return box;
  }

  // ---- shared header pieces ----------------------------------------------

  // chips are the status counts, which double as a status filter.
  function chips(counts, current, onPick) {
    var row = h('div', { class: 'chips', role: 'group', 'aria-label': 'Filter by status' });
    var all = h('button', {
      type: 'button', class: 'chip st-all', 'aria-pressed': String(current === 'all'),
      onclick: function () { onPick('all'); }
    }, 'All ', h('b', { text: counts.total || 0 }));
    add(row, all);
    GROUPS.forEach(function (g) {
      var n = counts[g] || 0;
      if (!n) return;
      add(row, h('button', {
        type: 'button', class: 'chip st-' + g, 'aria-pressed': String(current === g),
        'data-status': g, onclick: function () { onPick(current === g ? 'all' : g); }
      }, h('span', { class: 'icon', 'aria-hidden': 'true', text: STATUS[g].icon }), ' ' + STATUS[g].label + ' ', h('b', { text: n })));
    });
    return row;
  }

  function pressChips(row, current) {
    Array.prototype.forEach.call(row.querySelectorAll('.chip'), function (b) {
      var g = b.getAttribute('data-status') || 'all';
      b.setAttribute('aria-pressed', String(g === current));
    });
  }

  function countChips(counts) {
    return h('span', { class: 'mini-chips' }, GROUPS.map(function (g) {
      var n = counts[g] || 0;
      if (!n) return null;
      return h('span', { class: 'mini ' + 'st-' + g, title: n + ' ' + STATUS[g].label.toLowerCase() },
        h('span', { class: 'icon', 'aria-hidden': 'true', text: STATUS[g].icon }), ' ' + n);
    }));
  }

  function errorBlock(text, cls) {
    if (!text) return null;
    return h('pre', { class: cls || 'error', text: text });
  }

  // ---- filter state in the URL fragment ------------------------------------

  function readState(defaults) {
    var st = Object.assign({}, defaults);
    var hash = location.hash.replace(/^#/, '');
    if (hash.indexOf('=') < 0) return st;
    hash.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) return;
      var k = decodeURIComponent(kv.slice(0, i));
      if (Object.prototype.hasOwnProperty.call(defaults, k)) {
        st[k] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      }
    });
    return st;
  }

  function writeState(st, defaults) {
    var parts = Object.keys(defaults).filter(function (k) { return st[k] !== defaults[k]; }).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(st[k]);
    });
    var url = location.pathname + location.search + (parts.length ? '#' + parts.join('&') : '');
    try {
      history.replaceState(null, '', url);
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages; the filter still works.
    }
  }

  // ---- index page --------------------------------------------------------

  function renderIndex(d, app) {
    var defaults = { status: 'all', tag: '', q: '' };
    var state = readState(defaults);
    if (d.tags.indexOf(state.tag) < 0) state.tag = '';
    if (GROUPS.indexOf(state.status) < 0) state.status = 'all';
    var sort = { key: 'status', dir: -1 };
    var expanded = {};
    var run = d.run;
    var counts = run.counts || {};

    // Header: status banner, chips, tag and text filters.
    var chipRow = chips(counts, state.status, function (g) { state.status = g; pressChips(chipRow, g); update(); });
    var tagSel = h('select', { id: 'tag', onchange: function () { state.tag = tagSel.value; update(); } },
      h('option', { value: '', text: 'All tags' }),
      d.tags.map(function (t) { return h('option', { value: t, text: t }); }));
    tagSel.value = state.tag;
    var search = h('input', {
      type: 'search', id: 'q', placeholder: 'Search features, scenarios, errors  ( / )',
      'aria-label': 'Search features, scenarios and errors', autocomplete: 'off', spellcheck: 'false'
    });
    search.value = state.q;
    var timer = 0;
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = search.value; update(); }, 120);
    });
    var shown = h('span', { 'aria-live': 'polite' });
    var reset = h('button', {
      type: 'button', class: 'link-button', text: 'Clear', hidden: true,
      onclick: function () {
        state = Object.assign({}, defaults);
        search.value = '';
        tagSel.value = '';
        pressChips(chipRow, 'all');
        update();
      }
    });

    var title = 'kumite report';
    var meta = [plural(counts.total || 0, 'scenario'), plural(d.features.length, 'feature'), fmtDur(run.durationMs)];
    add(app, h('header', { class: 'top ' + stClass(run.status) },
      h('div', { class: 'banner' },
        pill(run.status, status(run.status).label.toUpperCase()),
        run.interrupted ? h('span', { class: 'pill st-undefined', text: 'INTERRUPTED' }) : null,
        h('h1', { text: title }),
        h('span', { class: 'meta' }, meta.join(' \u00b7 '),
          run.start ? [' \u00b7 started ', timeEl(run.start)] : null,
          run.id ? [' \u00b7 run ', h('code', { text: run.id })] : null,
          ' \u00b7 ', h('a', { href: 'timeline.html', class: 'timeline-link', text: 'Timeline' })),
        ciLine(run.env || {})),
      h('div', { class: 'filters' }, chipRow,
        h('label', { class: 'field', for: 'tag' }, 'Tag ', tagSel),
        search, h('span', { class: 'shown' }, shown, reset))));

    var main = h('main');
    add(app, main);
    if (run.interrupted) {
      add(main, h('p', { class: 'notice', role: 'status', text: 'The run was interrupted: this report shows the scenarios that finished.' }));
    }
    if (run.errors && run.errors.length) {
      add(main, h('section', { class: 'run-errors', role: 'alert' },
        h('h2', { text: 'Run errors' }), run.errors.map(function (e) { return errorBlock(e); })));
    }
    add(main, envSection(run));

    // Failures first.
    var failList = h('ol', { class: 'failures' });
    var failCount = h('span', { class: 'count' });
    var showAll = false;
    var more = h('button', { type: 'button', class: 'link-button more', hidden: true,
      onclick: function () { showAll = true; update(); } });
    var failSection = h('section', { class: 'failures-section', 'aria-labelledby': 'failures-h' },
      h('h2', { id: 'failures-h' }, 'Failures ', failCount), failList, more);
    var cards = d.failures.map(function (f) {
      var card = failureCard(d, f, setTag);
      add(failList, card);
      return card;
    });
    if (cards.length) add(main, failSection);

    // Features table.
    var tbody = h('tbody');
    var sortButtons = {};
    function th(key, label, cls) {
      var b = h('button', { type: 'button', class: 'sort', text: label, onclick: function () {
        sort.dir = sort.key === key ? -sort.dir : (key === 'name' ? 1 : -1);
        sort.key = key;
        update();
      } });
      sortButtons[key] = b;
      return h('th', { scope: 'col', class: cls || null }, b);
    }
    var table = h('table', { class: 'features' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'col-toggle' }, h('span', { class: 'visually-hidden', text: 'Scenarios' })),
        th('status', 'Status', 'col-status'), th('name', 'Feature'),
        h('th', { scope: 'col', class: 'col-counts', text: 'Scenarios' }),
        th('duration', 'Duration', 'col-dur'))),
      tbody);
    var noMatch = h('p', { class: 'empty', hidden: true, text: 'No feature matches the filters.' });
    add(main, h('section', { class: 'features-section', 'aria-labelledby': 'features-h' },
      h('h2', { id: 'features-h' }, 'Features ', h('span', { class: 'count', text: d.features.length })),
      d.features.length ? table : h('p', { class: 'empty', text: 'No scenario was run.' }), noMatch));

    function setTag(t) {
      state.tag = t;
      tagSel.value = t;
      update();
      tagSel.focus(); // the tag button that was pressed may have been redrawn
    }

    function filtering() {
      return state.status !== 'all' || state.tag !== '' || state.q !== '';
    }

    function scenarioMatches(f, s, q) {
      if (state.status !== 'all' && status(s.status).group !== state.status) return false;
      if (state.tag && (f.tags || []).indexOf(state.tag) < 0 && (s.tags || []).indexOf(state.tag) < 0) return false;
      if (!q) return true;
      return (f.name + '\n' + f.uri + '\n' + s.name + '\n' + (s.tags || []).join(' ')).toLowerCase().indexOf(q) >= 0;
    }

    function update() {
      writeState(state, defaults);
      reset.hidden = !filtering();
      var q = state.q.trim().toLowerCase();
      var matches = d.features.map(function (f) {
        return f.scenarios.filter(function (s) { return scenarioMatches(f, s, q); });
      });
      // Failures: a card stays when its scenario matches, or its error does.
      var shownFails = 0;
      d.failures.forEach(function (fl, i) {
        var f = d.features[fl.feature];
        var s = f.scenarios[fl.scenario];
        var ok = scenarioMatches(f, s, q);
        if (!ok && q && scenarioMatches(f, s, '')) {
          ok = ((fl.error || '') + '\n' + (fl.step ? fl.step.text : '')).toLowerCase().indexOf(q) >= 0;
          if (ok && matches[fl.feature].indexOf(s) < 0) matches[fl.feature].push(s);
        }
        if (ok) shownFails++;
        cards[i].hidden = !ok || (!showAll && shownFails > FAILURES_SHOWN);
      });
      more.hidden = showAll || shownFails <= FAILURES_SHOWN;
      more.textContent = 'Show all ' + shownFails + ' failures';
      failCount.textContent = filtering() && shownFails !== cards.length ? shownFails + ' of ' + cards.length : String(cards.length);
      failSection.hidden = shownFails === 0;

      var order = d.features.map(function (f, i) { return i; });
      order.sort(function (a, b) {
        var fa = d.features[a], fb = d.features[b], c = 0;
        if (sort.key === 'status') c = (SEVERITY[fa.status] || 0) - (SEVERITY[fb.status] || 0);
        else if (sort.key === 'duration') c = fa.durationMs - fb.durationMs;
        else c = fa.name.localeCompare(fb.name);
        return c * sort.dir || a - b;
      });
      Object.keys(sortButtons).forEach(function (k) {
        var th = sortButtons[k].parentNode;
        if (k === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      });

      clear(tbody);
      var visible = 0;
      order.forEach(function (i) {
        var f = d.features[i];
        var m = matches[i];
        if (filtering() && m.length === 0) return;
        visible++;
        featureRows(f, i, m).forEach(function (r) { add(tbody, r); });
      });
      noMatch.hidden = visible > 0 || d.features.length === 0;
      table.hidden = visible === 0;
      shown.textContent = filtering() ? visible + ' of ' + plural(d.features.length, 'feature') : '';
    }

    function featureRows(f, i, m) {
      var open = expanded[i] !== undefined ? expanded[i] : filtering();
      var list = filtering() ? m : f.scenarios;
      var toggle = h('button', {
        type: 'button', class: 'toggle', 'aria-expanded': String(open),
        'aria-label': (open ? 'Hide' : 'Show') + ' scenarios of ' + f.name,
        onclick: function () {
          expanded[i] = !open;
          update();
          var again = tbody.querySelector('tr[data-feature="' + i + '"] .toggle');
          if (again) again.focus(); // the rows were redrawn
        }
      }, h('span', { class: 'chev', 'aria-hidden': 'true' }));
      var row = h('tr', { class: 'feature-row ' + stClass(f.status), 'data-feature': i },
        h('td', { class: 'col-toggle' }, f.scenarios.length ? toggle : null),
        h('td', { class: 'col-status' }, pill(f.status)),
        h('td', { class: 'col-name' },
          h('a', { href: f.page, class: 'feature-link', text: f.name || f.uri }),
          h('span', { class: 'uri', text: f.uri }),
          tagList(f.tags, setTag)),
        h('td', { class: 'col-counts' }, countChips(f.counts),
          filtering() ? h('span', { class: 'matching', text: m.length + ' of ' + f.scenarios.length + ' match' }) : null),
        h('td', { class: 'col-dur', text: fmtDur(f.durationMs) }));
      if (!open) return [row];
      var sub = h('tr', { class: 'scenario-row' }, h('td', { colspan: '5' },
        h('ul', { class: 'scenario-list' }, list.map(function (s) {
          return h('li', { class: stClass(s.status) },
            icon(s.status),
            h('a', { href: f.page + '#' + encodeURIComponent(s.anchor), text: s.name || '(unnamed scenario)' }),
            s.attempts ? h('span', { class: 'badge', text: plural(s.attempts, 'attempt') }) : null,
            tagList(s.tags, setTag, f.tags),
            h('span', { class: 'dur', text: fmtDur(s.durationMs) }));
        }))));
      return [row, sub];
    }

    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && document.activeElement !== search && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        e.preventDefault();
        search.focus();
      }
    });
    update();
  }

  // ciLine says which CodeBuild build made the run: build number (a link
  // to the build), short commit, pull request or branch, initiator.
  function ciLine(e) {
    if (!e.buildId && !e.buildNumber && !e.commit) return null;
    var label = e.buildNumber ? 'build #' + e.buildNumber : 'build ' + (e.buildId || '');
    var parts = [];
    if (e.buildId || e.buildNumber) {
      parts.push(isWebURL(e.buildUrl) ? h('a', { href: e.buildUrl, rel: 'noopener noreferrer', title: e.buildId || e.buildUrl, text: label }) : h('span', { title: e.buildId || '', text: label }));
    }
    if (e.commit) parts.push(h('code', { title: e.commit, text: e.commit.slice(0, 7) }));
    if (e.pullRequest) parts.push(h('span', { text: 'PR #' + e.pullRequest + (e.branch ? ' (' + e.branch + ')' : '') }));
    else if (e.branch) parts.push(h('span', { text: e.branch }));
    if (e.initiator) parts.push(h('span', { text: 'by ' + e.initiator }));
    if (e.batchBuildIdentifier) parts.push(h('span', { title: e.batchBuildId || '', text: 'batch ' + e.batchBuildIdentifier }));
    var line = h('span', { class: 'meta ci' });
    parts.forEach(function (p, i) { add(line, i ? ' \u00b7 ' : null, p); });
    return line;
  }

  function envSection(run) {
    var e = run.env || {};
    var build = [e.buildNumber ? '#' + e.buildNumber : '', e.buildId || ''].join(' ').trim();
    if (isWebURL(e.buildUrl)) {
      build = h('a', { href: e.buildUrl, rel: 'noopener noreferrer', title: e.buildUrl, text: build || e.buildUrl });
    }
    var rows = [
      ['kumite', e.kumite], ['Browser', e.browser], ['Workers', e.workers],
      ['Base URL', e.baseUrl], ['Host', e.host], ['OS', e.os], ['Tags', e.tags], ['Shard', e.shard],
      ['Window', e.windowSize ? e.windowSize + (e.headless ? ' (headless)' : '') : null],
      ['Started', run.start ? timeEl(run.start) : null], ['Finished', run.end ? timeEl(run.end) : null],
      ['Build', build], ['Build URL', e.buildUrl && !isWebURL(e.buildUrl) ? e.buildUrl : null],
      ['Commit', e.commit ? h('code', { text: e.commit }) : null], ['Branch', e.branch],
      ['Pull request', e.pullRequest ? '#' + e.pullRequest : null], ['Trigger', e.webhookTrigger],
      ['Source version', e.sourceVersion && e.sourceVersion !== e.commit && e.sourceVersion !== e.webhookTrigger ? e.sourceVersion : null],
      ['Initiator', e.initiator], ['Batch', e.batchBuildId ? e.batchBuildId + (e.batchBuildIdentifier ? ' (' + e.batchBuildIdentifier + ')' : '') : null]
    ];
    var dl = h('dl', { class: 'env' });
    rows.forEach(function (r) {
      var v = r[1];
      if (v == null || v === '' || v === 0) return;
      add(dl, h('div', null, h('dt', { text: r[0] }),
        h('dd', { title: typeof v === 'object' ? v.getAttribute('title') || v.textContent : String(v) }, v)));
    });
    return h('section', { class: 'env-section', 'aria-label': 'Environment' }, dl);
  }

  function failureCard(d, fl, onTag) {
    var f = d.features[fl.feature];
    var s = f.scenarios[fl.scenario];
    var where = h('div', { class: 'where' },
      pill(s.status),
      h('a', { href: f.page + '#' + encodeURIComponent(s.anchor), class: 'scenario-link' },
        h('span', { class: 'feature-name', text: f.name || f.uri }),
        h('span', { class: 'sep', 'aria-hidden': 'true', text: ' \u203a ' }),
        h('span', { class: 'scenario-name', text: s.name || '(unnamed scenario)' })));
    var facts = [f.uri + (s.line ? ':' + s.line : '')];
    if (s.attempts) facts.push('attempt ' + fl.attempt + ' of ' + s.attempts);
    if (fl.worker) facts.push('worker ' + fl.worker);
    facts.push(fmtDur(s.durationMs));
    var step = fl.step ? h('div', { class: 'failed-step' },
      icon(fl.step.status), ' ', h('span', { class: 'kw', text: fl.step.keyword }), ' ', stepText(fl.step.text),
      fl.step.line ? h('span', { class: 'line', text: 'line ' + fl.step.line }) : null) : null;
    return h('li', { class: 'card ' + stClass(s.status) },
      fl.screenshot ? h('div', { class: 'thumb' }, shot(fl.screenshot)) : null,
      h('div', { class: 'card-body' },
        where,
        h('div', { class: 'facts' }, facts.join(' \u00b7 '), tagList(s.tags, onTag, f.tags)),
        step,
        errorBlock(fl.error),
        fl.errorTruncated ? h('p', { class: 'truncated' }, 'Error shortened: ',
          h('a', { href: f.page + '#' + encodeURIComponent(s.anchor), text: 'see it whole on the feature page' })) : null,
        fl.suggestion ? suggestion(fl.suggestion) : null));
  }

  function suggestion(text) {
    return h('div', { class: 'suggestion' }, h('span', { class: 'label', text: 'Suggestion' }), h('pre', { text: text }));
  }

  // ---- feature page ------------------------------------------------------

  function renderFeature(d, app) {
    // The fragment of a feature page names a scenario (#L12), so its status
    // filter is not kept in the URL.
    var state = { status: 'all' };
    var f = d.feature;
    var totalSteps = 0;
    d.scenarios.forEach(function (s) {
      s.attempts.forEach(function (a) { totalSteps += a.steps.length; });
    });
    var eager = totalSteps <= EAGER_STEPS;

    var chipRow = chips(f.counts, state.status, function (g) { state.status = g; pressChips(chipRow, g); update(); });
    var meta = [f.uri + (f.line ? ':' + f.line : ''), plural(f.counts.total || 0, 'scenario'), fmtDur(f.durationMs)];
    add(app, h('header', { class: 'top ' + stClass(f.status) },
      h('div', { class: 'banner' },
        h('a', { class: 'back', href: d.index }, h('span', { 'aria-hidden': 'true', text: '\u2190 ' }), 'All features'),
        pill(f.status),
        h('h1', { text: f.name || f.uri }),
        h('span', { class: 'meta', text: meta.join(' \u00b7 ') })),
      h('div', { class: 'filters' }, chipRow,
        h('button', { type: 'button', class: 'link-button', text: 'Expand all', onclick: function () { setAll(true); } }),
        h('button', { type: 'button', class: 'link-button', text: 'Collapse all', onclick: function () { setAll(false); } }))));

    var main = h('main');
    add(app, main);
    if (f.tags && f.tags.length) add(main, h('p', { class: 'feature-tags' }, tagList(f.tags)));
    if (f.description) add(main, h('p', { class: 'description', text: f.description }));
    var noMatch = h('p', { class: 'empty', hidden: true, text: 'No scenario has this status.' });
    var list = h('div', { class: 'scenarios' });
    add(main, list, noMatch);
    if (!d.scenarios.length) add(main, h('p', { class: 'empty', text: 'No scenario of this feature was run.' }));

    var items = d.scenarios.map(function (s) {
      var el = scenarioEl(s, f.tags);
      if (eager || el.open) ensureBody(el);
      add(list, el);
      return el;
    });

    function setAll(open) {
      items.forEach(function (el) {
        if (el.hidden) return;
        if (open) ensureBody(el);
        el.open = open;
      });
    }

    function update() {
      var visible = 0;
      d.scenarios.forEach(function (s, i) {
        var ok = state.status === 'all' || status(s.status).group === state.status;
        items[i].hidden = !ok;
        if (ok) visible++;
      });
      noMatch.hidden = visible > 0 || !d.scenarios.length;
    }

    function openFromHash() {
      var id = decodeURIComponent(location.hash.replace(/^#/, ''));
      if (!id || id.indexOf('=') >= 0) return;
      var el = document.getElementById(id);
      if (!el || !el.classList.contains('scenario')) return;
      if (el.hidden) {
        state.status = 'all';
        pressChips(chipRow, 'all');
        update();
        location.hash = id;
      }
      ensureBody(el);
      el.open = true;
      el.scrollIntoView({ block: 'start' });
      el.querySelector('summary').focus({ preventScroll: true });
    }

    window.addEventListener('hashchange', openFromHash);
    update();
    openFromHash();
  }

  function scenarioEl(s, featureTags) {
    var open = SEVERITY[s.status] >= SEVERITY.pending;
    var el = h('details', { class: 'scenario ' + stClass(s.status), id: s.anchor, open: open },
      h('summary', null,
        icon(s.status),
        h('span', { class: 'kw', text: (s.keyword || 'Scenario') + ':' }), ' ',
        h('span', { class: 'name', text: s.name || '(unnamed scenario)' }),
        tagList(s.tags, null, featureTags),
        s.attempts.length > 1 ? h('span', { class: 'badge ' + stClass(s.status), text: plural(s.attempts.length, 'attempt') }) : null,
        h('span', { class: 'dur', text: fmtDur(s.durationMs) })));
    el.scenario = s;
    el.addEventListener('toggle', function () { if (el.open) ensureBody(el); });
    return el;
  }

  // ensureBody draws a scenario's attempts the first time it is needed.
  function ensureBody(el) {
    if (el.drawn) return;
    el.drawn = true;
    var s = el.scenario;
    var body = h('div', { class: 'scenario-body' });
    if (s.attempts.length === 1) {
      add(body, attemptMeta(s, s.attempts[0]), attemptBody(s.attempts[0]));
    } else if (s.attempts.length > 1) {
      s.attempts.forEach(function (a, i) {
        var last = i === s.attempts.length - 1;
        add(body, h('details', { class: 'attempt ' + stClass(a.status), open: last },
          h('summary', null, icon(a.status), ' ',
            h('span', { class: 'attempt-title', text: 'Attempt ' + a.number + ' of ' + s.attempts.length }), ' ',
            h('span', { class: 'meta', text: attemptFacts(s, a).join(' \u00b7 ') })),
          attemptBody(a)));
      });
    } else {
      add(body, h('p', { class: 'empty', text: 'This scenario did not run.' }));
    }
    add(el, body);
  }

  function attemptFacts(s, a) {
    var out = [];
    if (s.line) out.push('line ' + s.line);
    if (a.worker) out.push('worker ' + a.worker);
    if (a.start) out.push('started ' + fmtClock(a.start));
    out.push(fmtDur(a.durationMs));
    return out;
  }

  function attemptMeta(s, a) {
    return h('p', { class: 'attempt-meta' }, attemptFacts(s, a).join(' \u00b7 '),
      a.url ? [' \u00b7 page ', h('code', { class: 'url', text: a.url })] : null);
  }

  function attemptBody(a) {
    var stepErrors = a.steps.map(function (st) { return st.error || ''; }).join('\n');
    var own = a.error && stepErrors.indexOf(a.error) < 0 ? errorBlock(a.error) : null;
    return h('div', { class: 'attempt-body' },
      own,
      a.url && own ? h('p', { class: 'attempt-meta' }, 'page ', h('code', { class: 'url', text: a.url })) : null,
      h('ol', { class: 'steps' }, a.steps.map(stepEl)));
  }

  function stepEl(st) {
    return h('li', { class: 'step ' + stClass(st.status) + (st.background ? ' background' : '') },
      h('div', { class: 'step-head' },
        icon(st.status),
        h('span', { class: 'kw', text: st.keyword }), ' ', stepText(st.text),
        h('span', { class: 'step-meta' },
          st.background ? h('span', { class: 'bg-label', text: 'background' }) : null,
          st.line ? h('span', { class: 'line', text: ':' + st.line }) : null,
          st.status === 'skipped' || (st.status === 'undefined' && !st.durationMs) ? null : h('span', { class: 'dur', text: fmtDur(st.durationMs) }))),
      st.table && st.table.length ? dataTable(st.table) : null,
      st.docString ? h('pre', { class: 'docstring', text: st.docString }) : null,
      errorBlock(st.error),
      st.suggestion ? suggestion(st.suggestion) : null,
      st.logs && st.logs.length ? logTable(st.logs) : null,
      st.attachments && st.attachments.length ? h('div', { class: 'shots' }, st.attachments.map(function (a) { return shot(a); })) : null);
  }

  function dataTable(rows) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'datatable' },
      h('tbody', null, rows.map(function (r) {
        return h('tr', null, r.map(function (c) { return h('td', { text: c }); }));
      }))));
  }

  function logTable(logs) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'logs' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', text: 'Time' }), h('th', { scope: 'col', text: 'Level' }),
        h('th', { scope: 'col', text: 'Source' }), h('th', { scope: 'col', text: 'Message' }))),
      h('tbody', null, logs.map(function (l) {
        var lvl = /^(error|warning|info)$/.test(l.level) ? l.level : 'info';
        return h('tr', { class: 'log-' + lvl },
          h('td', { class: 'log-time', text: l.offsetMs != null ? '+' + fmtDur(l.offsetMs) : '' }),
          h('td', { class: 'log-level' }, h('span', { class: 'level', text: l.level || '' })),
          h('td', { class: 'log-source', text: l.source || '' }),
          h('td', { class: 'log-text' }, h('span', { text: l.text || '' }),
            l.url ? h('code', { class: 'url', text: l.url }) : null));
      }))));
  }

  // ---- timeline page -----------------------------------------------------

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var LANE_H = 22;
  var AXIS_H = 22;

  // sv builds an SVG element with attributes and children, like h.
  function sv(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // tickStep picks an axis step (ms) so that ticks are at least minPx apart.
  function tickStep(pxPerMs, minPx) {
    var steps = [100, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * pxPerMs >= minPx) return steps[i];
    }
    return steps[steps.length - 1] * Math.ceil(minPx / (steps[steps.length - 1] * pxPerMs));
  }

  function laneLabel(l) {
    return (l.shard ? 'shard ' + l.shard + ' \u00b7 ' : '') + 'worker ' + l.worker;
  }

  function renderTimeline(d, app) {
    var zoom = 1;
    var counts = {};
    d.bars.forEach(function (b) { var g = status(b.st).group; counts[g] = (counts[g] || 0) + 1; });
    var zoomLabel = h('span', { class: 'zoom-level', 'aria-live': 'polite' });
    function setZoom(z) { zoom = Math.max(1, Math.min(z, 4096)); draw(); }
    add(app, h('header', { class: 'top ' + stClass(d.run.status) },
      h('div', { class: 'banner' },
        h('a', { class: 'back', href: d.index }, h('span', { 'aria-hidden': 'true', text: '\u2190 ' }), 'All features'),
        pill(d.run.status),
        h('h1', { text: 'Timeline' }),
        h('span', { class: 'meta' }, [plural(d.bars.length, 'attempt'), plural(d.lanes.length, 'lane'), fmtDur(d.durationMs)].join(' \u00b7 '),
          d.run.start ? [' \u00b7 started ', timeEl(d.run.start)] : null)),
      h('div', { class: 'filters' },
        h('span', { class: 'mini-chips legend' }, GROUPS.map(function (g) {
          if (!counts[g]) return null;
          return h('span', { class: 'mini st-' + g }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), ' ' + STATUS[g].label + ' ' + counts[g]);
        })),
        h('span', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' },
          h('button', { type: 'button', class: 'link-button', text: 'Zoom out', onclick: function () { setZoom(zoom / 2); } }),
          zoomLabel,
          h('button', { type: 'button', class: 'link-button', text: 'Zoom in', onclick: function () { setZoom(zoom * 2); } }),
          h('button', { type: 'button', class: 'link-button', text: 'Fit', onclick: function () { setZoom(1); } })))));

    var main = h('main', { class: 'timeline-main' });
    add(app, main);
    if (!d.bars.length) {
      add(main, h('p', { class: 'empty', text: 'No scenario ran, so there is no timeline.' }));
      return;
    }
    var labels = h('div', { class: 'lane-labels', 'aria-hidden': 'true' },
      h('div', { class: 'lane-label axis-label', text: '' }),
      d.lanes.map(function (l) { return h('div', { class: 'lane-label', text: laneLabel(l) }); }));
    var scroller = h('div', { class: 'timeline-scroll', tabindex: '0', 'aria-label': 'Timeline of scenario attempts by worker' });
    add(main, h('div', { class: 'timeline' }, labels, scroller));
    var start = parseTime(d.run.start);

    function barTitle(b) {
      var f = d.features[b.f] || {};
      var lines = [b.n || '(unnamed scenario)', f.name || ''];
      lines.push(status(b.st).label + (b.of > 1 ? ' \u00b7 attempt ' + b.a + ' of ' + b.of : '') + ' \u00b7 ' + laneLabel(d.lanes[b.l]));
      var when = '+' + fmtDur(b.s) + ' \u2192 +' + fmtDur(b.s + b.d);
      if (start) when = fmtClock(new Date(start.getTime() + b.s).toISOString()) + ' \u2192 ' + fmtClock(new Date(start.getTime() + b.s + b.d).toISOString()) + ' (' + when + ')';
      lines.push(when + ' \u00b7 ' + fmtDur(b.d));
      return lines.join('\n');
    }

    function draw() {
      var total = Math.max(d.durationMs, 1);
      var avail = Math.max(scroller.clientWidth - 8, 200);
      var pxPerMs = avail / total * zoom;
      var width = Math.ceil(total * pxPerMs) + 8;
      var height = AXIS_H + d.lanes.length * LANE_H;
      zoomLabel.textContent = zoom === 1 ? 'fit' : zoom + '\u00d7';
      var svg = sv('svg', { class: 'timeline-svg', width: width, height: height, role: 'img', 'aria-label': plural(d.bars.length, 'attempt') + ' on ' + plural(d.lanes.length, 'lane') });
      var step = tickStep(pxPerMs, 80);
      var axis = sv('g', { class: 'axis' });
      for (var t = 0; t <= total; t += step) {
        var x = Math.round(t * pxPerMs) + 0.5;
        axis.appendChild(sv('line', { x1: x, x2: x, y1: AXIS_H - 6, y2: height, class: 'tick' }));
        axis.appendChild(sv('text', { x: x + 3, y: AXIS_H - 9 }, fmtDur(t)));
      }
      svg.appendChild(axis);
      var rows = sv('g', { class: 'lanes' });
      d.lanes.forEach(function (l, i) {
        rows.appendChild(sv('rect', { x: 0, y: AXIS_H + i * LANE_H, width: width, height: LANE_H, class: 'lane' + (i % 2 ? ' odd' : '') }));
      });
      svg.appendChild(rows);
      var bars = sv('g', { class: 'bars' });
      d.bars.forEach(function (b) {
        var f = d.features[b.f] || {};
        var rect = sv('rect', {
          x: (b.s * pxPerMs).toFixed(1), y: AXIS_H + b.l * LANE_H + 3,
          width: Math.max(b.d * pxPerMs, 1.5).toFixed(1), height: LANE_H - 6, rx: 2,
          class: 'bar ' + stClass(b.st)
        }, sv('title', null, barTitle(b)));
        bars.appendChild(sv('a', { href: f.page + '#' + encodeURIComponent(b.h) }, rect));
      });
      svg.appendChild(bars);
      clear(scroller);
      scroller.appendChild(svg);
    }
    draw();
    var resizeTimer = 0;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(draw, 150);
    });
  }

  // ---- start -------------------------------------------------------------

  function start() {
    var app = document.getElementById('app');
    var src = document.getElementById('data');
    try {
      var d = JSON.parse(src.textContent);
      var kind = document.body.getAttribute('data-page');
      if (kind === 'feature') renderFeature(d, app);
      else if (kind === 'timeline') renderTimeline(d, app);
      else renderIndex(d, app);
      document.documentElement.setAttribute('data-rendered', 'true');
    } catch (err) {
      add(app, h('p', { class: 'notice', role: 'alert', text: 'This report could not be drawn: ' + err }));
      throw err;
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
