// kumite's in-page engine: resolves locators (CSS, XPath, Karate text
// locators) inside a chain of same-origin frames and reports or changes the
// state of the element they find. Go calls it as
// (function)(op, frames, locator, arg, nth) and gets a plain JSON value back.
// It never throws for "not found": it answers {count: 0} so Go can retry.
(function (op, frames, loc, arg, nth) {
  "use strict";
  const collapse = (s) => String(s == null ? "" : s).replace(/\s+/g, " ").trim();

  function parse(l) {
    const m = /^\{(\^)?([^}:]*)(?::(\d+))?\}([\s\S]*)$/.exec(l);
    if (m) {
      return { kind: "text", contains: !!m[1], tag: m[2] === "" || m[2] === "*" ? "*" : m[2], nth: m[3] ? parseInt(m[3], 10) : 0, text: collapse(m[4]) };
    }
    if (l.startsWith("/") || l.startsWith("./") || l.startsWith("(")) return { kind: "xpath", expr: l };
    return { kind: "css", expr: l };
  }

  function textOf(el) {
    // innerText is what a person sees; hidden or unrendered nodes fall back to textContent.
    const t = typeof el.innerText === "string" ? el.innerText : el.textContent;
    return collapse(t);
  }

  // The text of the element's text nodes, without script and style, as
  // Playwright matches text: a flex row's innerText breaks "src/<mark>main</mark>.go"
  // into lines, its content does not.
  function contentOf(el) {
    let out = "";
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === 3) out += c.data;
        else if (c.nodeType === 1 && !/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(c.tagName)) walk(c);
      }
    };
    walk(el);
    return collapse(out);
  }

  function all(root, l) {
    const p = parse(l);
    const doc = root.ownerDocument || root;
    if (p.kind === "css") return Array.from(root.querySelectorAll(p.expr));
    if (p.kind === "xpath") {
      const r = doc.evaluate(p.expr, root, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
      const out = [];
      for (let i = 0; i < r.snapshotLength; i++) {
        const n = r.snapshotItem(i);
        if (n.nodeType === 1) out.push(n);
        else if (n.parentElement) out.push(n.parentElement);
      }
      return out;
    }
    const match = (el) => {
      const a = textOf(el), b = contentOf(el);
      return p.contains ? a.includes(p.text) || b.includes(p.text) : a === p.text || b === p.text;
    };
    let found = Array.from(root.querySelectorAll(p.tag)).filter(match);
    if (p.tag === "*") {
      // Any tag: keep the innermost elements, not <html>, <body> and every wrapper.
      found = found.filter((el) => !found.some((o) => o !== el && el.contains(o)));
    }
    if (p.nth > 0) return found.length >= p.nth ? [found[p.nth - 1]] : [];
    return found;
  }

  function visible(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === "function" && !el.checkVisibility({ visibilityProperty: true })) {
      return false;
    }
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) {
      // An <option> or a zero-size wrapper with visible children still counts.
      if (el.tagName === "OPTION") return true;
      return Array.from(el.children).some((c) => visible(c));
    }
    return getComputedStyle(el).visibility !== "hidden";
  }

  function enabled(el) {
    if (el.matches(":disabled")) return false;
    return el.closest('[aria-disabled="true"]') === null;
  }

  // The document (and the offset of its viewport in the top one) at the end
  // of the frame chain.
  function frameRoot() {
    let doc = document;
    let dx = 0, dy = 0;
    for (const f of frames) {
      const els = all(doc, f);
      const el = els.find(visible) || els[0];
      if (!el) return { error: "frame " + JSON.stringify(f) + " is not on the page", missing: true };
      if (el.tagName !== "IFRAME" && el.tagName !== "FRAME") {
        return { error: "frame " + JSON.stringify(f) + " is a <" + el.tagName.toLowerCase() + ">, not an <iframe>" };
      }
      let inner = null;
      try { inner = el.contentDocument; } catch (e) { inner = null; }
      if (!inner) {
        return { error: "frame " + JSON.stringify(f) + " is from another origin (" + el.src + "); kumite can only enter same-origin frames" };
      }
      const r = el.getBoundingClientRect();
      dx += r.left + el.clientLeft;
      dy += r.top + el.clientTop;
      doc = inner;
    }
    return { doc, dx, dy };
  }

  // describeTag is the element's opening tag with its id and classes.
  function describeTag(el) {
    let s = "<" + el.tagName.toLowerCase();
    if (el.id) s += ' id="' + el.id + '"';
    const cls = typeof el.className === "string" ? el.className.trim() : "";
    if (cls) s += ' class="' + cls.split(/\s+/).slice(0, 3).join(" ") + '"';
    return s + ">";
  }

  // describe is describeTag and the start of the element's text.
  function describe(el) {
    if (!el) return "nothing";
    let s = describeTag(el);
    const t = textOf(el);
    if (t) s += " " + JSON.stringify(t.length > 40 ? t.slice(0, 40) + "…" : t);
    return s;
  }

  function valueOf(el) {
    if ("value" in el && el.tagName !== "BUTTON" && el.tagName !== "LI") return String(el.value);
    if (el.isContentEditable) return el.innerText;
    return el.getAttribute("value") || "";
  }

  const fr = frameRoot();
  // A frame that is not there yet may come; one that is not a frame, or is
  // from another origin, will not: say so at once.
  if (fr.error) return { count: 0, error: fr.error, retry: !!fr.missing, fatal: !fr.missing };
  const doc = fr.doc;

  if (op === "frameWindow") return doc.defaultView;
  if (op === "pageText") return { count: 1, text: collapse(doc.body ? doc.body.innerText : "") };
  if (op === "pageURL") return { count: 1, text: doc.location.href };

  let els;
  try {
    els = all(doc, loc);
  } catch (e) {
    return { count: 0, error: "invalid locator " + JSON.stringify(loc) + ": " + e.message, fatal: true };
  }
  const count = els.length;
  const vis = els.filter(visible);
  if (op === "count") return { count, visibleCount: vis.length };
  // Actions and assertions act on the first visible match, else the first;
  // a handle from locateAll acts on its own match.
  const el = nth >= 0 ? els[nth] : vis[0] || els[0];
  if (!el) return { count: 0 };

  const state = {
    count,
    visibleCount: vis.length,
    visible: visible(el),
    enabled: enabled(el),
    editable: enabled(el) && !el.readOnly,
    checked: !!el.checked || el.getAttribute("aria-checked") === "true",
    // A document this young may not have shown a frame yet, and Chrome
    // drops input sent to a page before its first frame.
    young: window.performance.now() < 2000,
    origin: window.performance.timeOrigin,
    tag: el.tagName.toLowerCase(),
    type: (el.getAttribute("type") || "").toLowerCase(),
    describe: describe(el),
    describeTag: describeTag(el),
  };

  switch (op) {
    case "element":
      return el;
    case "state":
      return state;
    case "text":
      state.text = textOf(el);
      state.alt = contentOf(el);
      return state;
    case "texts":
      state.texts = els.map(textOf);
      return state;
    case "value":
      state.text = valueOf(el);
      return state;
    case "attr":
      state.has = el.hasAttribute(arg);
      state.text = el.getAttribute(arg);
      return state;
    case "point": {
      // Scroll into view, then the middle of the element in the top viewport,
      // and what a click there would hit.
      el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = doc.elementFromPoint(x, y);
      state.x = x + fr.dx;
      state.y = y + fr.dy;
      state.hitOK = !hit || hit === el || el.contains(hit) || (hit.tagName === "LABEL" && hit.control === el);
      state.hit = describe(hit);
      return state;
    }
    case "rect": {
      el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      const r = el.getBoundingClientRect();
      const win = doc.defaultView;
      state.x = r.left + fr.dx + window.scrollX;
      state.y = r.top + fr.dy + window.scrollY;
      state.w = r.width;
      state.h = r.height;
      state.sx = win.scrollX;
      return state;
    }
    case "scroll":
      el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      return state;
    case "focus": {
      // arg: "end" puts the caret after the text (type), "all" selects it (fill).
      el.focus();
      if (typeof el.setSelectionRange === "function" && /^(text|search|url|tel|password|email|)$/.test(state.type) || el.tagName === "TEXTAREA") {
        const n = String(el.value).length;
        try { el.setSelectionRange(arg === "all" ? 0 : n, n); } catch (e) { /* not selectable */ }
      } else if (el.isContentEditable) {
        const range = doc.createRange();
        range.selectNodeContents(el);
        if (arg !== "all") range.collapse(false);
        const sel = doc.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      } else if (arg === "all" && typeof el.select === "function") {
        el.select();
      }
      state.focused = doc.activeElement === el;
      return state;
    }
    case "setValue": {
      // For inputs that take no typing (date, color, range…): set and notify.
      el.focus();
      el.value = arg;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      state.text = valueOf(el);
      return state;
    }
    case "select": {
      if (el.tagName !== "SELECT") {
        state.error = describe(el) + " is not a <select>";
        return state;
      }
      const opts = Array.from(el.options);
      const want = collapse(arg);
      let o = opts.find((x) => collapse(x.text) === want) || opts.find((x) => x.value === arg);
      state.options = opts.map((x) => collapse(x.text));
      if (!o) return state;
      el.focus();
      o.selected = true;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      state.selected = collapse(o.text);
      return state;
    }
    default:
      return { count: 0, error: "unknown operation " + op, fatal: true };
  }
})
