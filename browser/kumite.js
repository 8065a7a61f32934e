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
    return collapse(rawContentOf(el));
  }

  // rawContentOf is contentOf with its whitespace as written.
  function rawContentOf(el) {
    let out = "";
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === 3) out += c.data;
        else if (c.nodeType === 1 && !/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(c.tagName)) walk(c);
      }
    };
    walk(el);
    return out;
  }

  // activeChain is the element that has the focus and every element that
  // holds it on the way down from the top document: a shadow host holds the
  // focus of what is inside its shadow root, an <iframe> that of its
  // (same-origin) document, as each root's activeElement says. It does not
  // ask document.hasFocus(): a background tab of a headless browser may
  // lack the window's focus while its elements keep theirs.
  function activeChain() {
    const chain = [];
    let a = document.activeElement;
    while (a && !chain.includes(a)) {
      chain.push(a);
      if (a.shadowRoot && a.shadowRoot.activeElement) {
        a = a.shadowRoot.activeElement;
      } else if (a.tagName === "IFRAME" || a.tagName === "FRAME") {
        let d = null;
        try { d = a.contentDocument; } catch (e) { d = null; }
        a = d && d.activeElement;
      } else {
        a = null;
      }
    }
    return chain;
  }

  // focusState says whether one of targets has (or holds) the focus, and
  // what has it: "" when nothing does (the focus is on a <body>).
  function focusState(state, targets) {
    const chain = activeChain();
    const held = chain.find((e) => targets.includes(e));
    const deepest = chain[chain.length - 1];
    state.focused = !!held;
    if (held) state.describe = describe(held);
    state.active = !deepest || deepest.tagName === "BODY" ? "" : describe(deepest);
    return state;
  }

  function all(root, l) {
    if (l.startsWith(CHAIN)) return chain(root, JSON.parse(l.slice(CHAIN.length)));
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

  // A chained locator (chain.go) is CHAIN and a JSON list of steps, each
  // from the element the step before found: "locate" (a locator, and which
  // match: -1 for the first visible one), "within" (a locator inside it),
  // "closest" (CSS, itself or an ancestor), "walk" (parent, children,
  // firstChild, lastChild, previousSibling, nextSibling: elements) and
  // "rightOf", "leftOf", "above", "below", "near" (positional, see beside).
  const CHAIN = "kumite-chain:";
  function chain(root, steps) {
    let els = [root];
    for (const st of steps) {
      const from = st.op === "locate" ? null : pick(els, -1);
      if (st.op !== "locate" && !from) return [];
      switch (st.op) {
        case "locate": {
          const found = all(root, st.loc);
          const el = pick(found, st.nth);
          els = el ? [el] : [];
          break;
        }
        case "within":
          els = all(from, st.loc).filter((e) => e !== from);
          break;
        case "closest": {
          const c = from.closest(st.loc);
          els = c ? [c] : [];
          break;
        }
        case "walk": {
          const w = { parent: "parentElement", firstChild: "firstElementChild", lastChild: "lastElementChild",
            previousSibling: "previousElementSibling", nextSibling: "nextElementSibling" }[st.loc];
          els = st.loc === "children" ? Array.from(from.children) : [from[w]].filter((e) => e);
          break;
        }
        default: {
          const e = beside(from, st.op, st.loc);
          els = e ? [e] : [];
        }
      }
    }
    return els;
  }

  // pick is the match a locator acts on: the nth, or the first visible one
  // (else the first).
  function pick(els, nth) {
    if (nth >= 0) return els[nth];
    return els.find(visible) || els[0];
  }

  // beside is Karate's friendly locators: from the middle of ref, it
  // looks at the element under a point that moves 10 px at a time, up to
  // 200 times, to the right, left, up or down, or for "near" along a
  // spiral out to about 86 px; the first element there (or an ancestor of
  // it that holds neither ref nor is inside it) that find matches wins.
  // find is a tag name ("input", the default), a text locator ("{}Go",
  // "{^span}Go") or a CSS selector.
  function beside(ref, dir, find) {
    const win = ref.ownerDocument.defaultView;
    let r = ref.getBoundingClientRect();
    let ox = r.left + r.width / 2, oy = r.top + r.height / 2;
    if (ox < 0 || oy < 0 || ox > win.innerWidth || oy > win.innerHeight) {
      ref.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      r = ref.getBoundingClientRect();
      ox = r.left + r.width / 2;
      oy = r.top + r.height / 2;
    }
    const wants = finder(find || "input");
    const ok = (e) => e !== ref && !e.contains(ref) && !ref.contains(e) && wants(e);
    let x = 0, y = 0;
    for (let i = 0; i < 200; i++) {
      if (dir === "rightOf") x += 10;
      else if (dir === "leftOf") x -= 10;
      else if (dir === "below") y += 10;
      else if (dir === "above") y -= 10;
      else {
        const a = 0.381966 * i;
        x = (10 + a) * Math.cos(a);
        y = (10 + a) * Math.sin(a);
      }
      const hit = ref.ownerDocument.elementFromPoint(ox + x, oy + y);
      for (let e = hit; e && e.nodeType === 1; e = e.parentElement) {
        if (e.contains(ref)) break;
        if (ok(e)) return e;
      }
    }
    return null;
  }

  // finder is what friendly locators' find(...) matches.
  function finder(find) {
    if (/^[A-Za-z][\w-]*$/.test(find)) {
      const tag = find.toUpperCase();
      return (e) => e.tagName === tag;
    }
    const p = parse(find);
    if (p.kind === "text") {
      return (e) => {
        if (p.tag !== "*" && e.tagName.toLowerCase() !== p.tag.toLowerCase()) return false;
        const a = textOf(e), b = contentOf(e);
        return p.contains ? a.includes(p.text) || b.includes(p.text) : a === p.text || b === p.text;
      };
    }
    if (p.kind === "xpath") throw new Error("find(" + JSON.stringify(find) + "): use a tag name, a text locator or CSS here, not XPath");
    return (e) => e.matches(p.expr);
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
    const outer = []; // each enclosing document and the frame element in it
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
        return { error: "frame " + JSON.stringify(f) + " is from another origin (" + clip(el.src, 200) + "); kumite can only enter same-origin frames" };
      }
      const r = el.getBoundingClientRect();
      outer.push({ doc, frame: el, x: dx, y: dy });
      dx += r.left + el.clientLeft;
      dy += r.top + el.clientTop;
      doc = inner;
    }
    return { doc, dx, dy, outer };
  }

  // clip cuts s after n characters: a description needs only its start,
  // and what Go asks for only to describe must not carry a page's megabytes.
  const clip = (s, n) => (s.length > n ? s.slice(0, n) + "…" : s);

  // valueFormats are the values the inputs that take no typing accept.
  const valueFormats = {
    date: "YYYY-MM-DD, e.g. 2026-03-05",
    time: "HH:MM or HH:MM:SS, e.g. 13:45",
    "datetime-local": "YYYY-MM-DDTHH:MM, e.g. 2026-03-05T13:45",
    month: "YYYY-MM, e.g. 2026-03",
    week: "YYYY-Www, e.g. 2026-W10",
    color: "#rrggbb, e.g. #12ab34",
  };

  // describeTag is the element's opening tag with its id and classes.
  function describeTag(el) {
    let s = "<" + el.tagName.toLowerCase();
    if (el.id) s += ' id="' + clip(el.id, 80) + '"';
    const cls = typeof el.className === "string" ? el.className.trim() : "";
    if (cls) s += ' class="' + clip(cls.split(/\s+/).slice(0, 3).join(" "), 80) + '"';
    return s + ">";
  }

  // describe is describeTag and the start of the element's text.
  function describe(el) {
    if (!el) return "nothing";
    let s = describeTag(el);
    const t = textOf(el);
    if (t) s += " " + JSON.stringify(clip(t, 40));
    return s;
  }

  function valueOf(el) {
    if ("value" in el && el.tagName !== "BUTTON" && el.tagName !== "LI") return String(el.value);
    if (el.isContentEditable) return el.innerText;
    return el.getAttribute("value") || "";
  }

  // The element at (x, y) of doc, looking into open shadow roots.
  function hitAt(doc, x, y) {
    let h = doc.elementFromPoint(x, y);
    while (h && h.shadowRoot) {
      const inner = h.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === h) break;
      h = inner;
    }
    return h;
  }

  // Whether node is target or inside it (across shadow roots), or inside a
  // label of target (a click on it reaches the control).
  function reaches(node, target) {
    for (let n = node; n; n = n.parentElement || (n.parentNode && n.parentNode.host)) {
      if (n === target) return true;
      if (n.tagName === "LABEL" && n.control === target) return true;
    }
    return false;
  }

  const sameBox = (a, b) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

  // nextFrame resolves true at the window's next animation frame, or
  // false after 500 ms without one.
  const nextFrame = (win) => new Promise((resolve) => {
    const t = setTimeout(() => resolve(0), 500);
    win.requestAnimationFrame((time) => { clearTimeout(t); resolve(time || 1); });
  });

  // A pointer action (Go's Locator.pointer) gets its element ready in the
  // page as Playwright's actionability model does, in one of two ways.
  // A hover is one evaluation, "hover": scroll el into view, wait until
  // its box is the same in two consecutive animation frames (settle),
  // check that the element at the action point is el or inside it
  // (hitTest), and install the hit-target check (listen) that watches the
  // mouse move Go sends next. A click (or check) is two, around the mouse
  // move that Go sends between them: "aim" scrolls, takes el's box and the
  // action point, hit-tests it at once and remembers el and its box (AIM);
  // "arm", after the move and a frame boundary, requires el's box to be
  // the one aimed at, hit-tests the point again and installs the
  // hit-target check for the press and release. Chrome dispatches a move
  // at the next animation frame: so the frame the move waits for is also
  // the frame boundary of the stability check (arm waits for no other
  // once it saw both), and a hover effect of the move (a menu that opens,
  // an element that jumps away) is seen before the button goes down.
  //
  // arg is the kind and, after a colon, the number of tries whose point
  // missed el: each scrolls el to another place, so that sticky headers
  // and footers are stepped around (as Playwright does). Kinds: "hover"
  // (the listener watches mousemove), "mouse" (press, release, click),
  // "check" (as mouse; a hidden checkbox is clicked through its label).
  const AIM = "__kumiteAim";

  // prepare returns the element a pointer action acts on, scrolled into
  // view, or null when it is not visible and enabled. A checkbox hidden
  // under its styled label is acted on through the label.
  function prepare(el, kind, attempt, state) {
    if (kind === "check" && !state.visible && el.labels) {
      const label = Array.from(el.labels).find(visible);
      if (label) {
        el = label;
        state.visible = true;
      }
    }
    if (!state.visible || !state.enabled) return null;
    const win = doc.defaultView;
    const r = el.getBoundingClientRect();
    const inView = r.top >= 0 && r.left >= 0 && r.bottom <= win.innerHeight && r.right <= win.innerWidth;
    if (!inView || attempt > 0) {
      const block = ["center", "end", "start", "nearest"][attempt % 4];
      el.scrollIntoView({ block, inline: block, behavior: "instant" });
    }
    return el;
  }

  // actionPoint is the middle of the part of box r inside the viewport,
  // in doc's coordinates; state.x and state.y get it in the top window's.
  // It is null, and state.hit says why, when no part of r is inside.
  function actionPoint(r, state) {
    const win = doc.defaultView;
    const left = Math.max(r.left, 0), right = Math.min(r.right, win.innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, win.innerHeight);
    if (right <= left || bottom <= top) {
      state.hit = "nothing: it is outside the viewport";
      return null;
    }
    const p = { x: Math.round((left + right) / 2), y: Math.round((top + bottom) / 2) };
    state.x = p.x + fr.dx;
    state.y = p.y + fr.dy;
    return p;
  }

  // hitTest checks what is at point p now, in doc and in each document
  // around it (the frame element must be hit there): state.hitOK says
  // whether it is el's target (el, or the button or link it is in) or
  // inside it, state.hit what it is. It returns the target.
  function hitTest(el, p, state) {
    const target = el.closest("button, [role=button], a, [role=link]") || el;
    for (const o of fr.outer) {
      const h = hitAt(o.doc, state.x - o.x, state.y - o.y);
      if (h !== o.frame) {
        state.hitOK = false;
        state.hit = describe(h);
        return target;
      }
    }
    const hit = hitAt(doc, p.x, p.y);
    state.hitOK = !hit || reaches(hit, target);
    state.hit = describe(hit);
    return target;
  }

  // labelFor is the visible label of a checkbox made invisible under it
  // (opacity 0, clipped, behind it), to click instead; else null.
  function labelFor(el, kind) {
    if (kind !== "check" || !el.labels) return null;
    return Array.from(el.labels).find(visible) || null;
  }

  // settle waits until el's box is the same in two consecutive animation
  // frames and returns it, or null (state.stable false; state.moved says
  // whether two frames showed different boxes; state.count 0 when el left
  // the document). Only boxes seen in animation frames count: a page that
  // renders no frame also runs no animation, and looks still when it is not.
  async function settle(el, state) {
    const win = doc.defaultView;
    let last = null, lastTime = 0;
    state.stable = false;
    const start = win.performance.now();
    for (let i = 0; i < 12 && !state.stable && win.performance.now() - start < 1000; i++) {
      const now = await nextFrame(win);
      const framed = now !== 0;
      if (!el.isConnected) {
        state.count = 0;
        return null;
      }
      if (framed && last !== null && tooSoon(now, lastTime)) continue;
      const b = framed ? el.getBoundingClientRect() : null;
      state.rendered = state.rendered || framed;
      state.stable = last !== null && b !== null && sameBox(last, b);
      state.moved = state.moved || (last !== null && b !== null && !state.stable);
      last = b;
      lastTime = now;
    }
    return state.stable ? last : null;
  }

  // tooSoon says a frame whose time is less than 15 ms after the last
  // one's is skipped: Chrome can run animation frame callbacks twice with
  // no change in between, also on a busy machine (Playwright's stable
  // check skips them too). The frame's time is what animations use.
  const tooSoon = (now, lastTime) => now - lastTime < 15;

  // hover is the one-evaluation arming of a hover (see above).
  async function hover(el, arg, state) {
    const attempt = parseInt(arg.split(":")[1] || "0", 10);
    el = prepare(el, "hover", attempt, state);
    if (!el) return state;
    const r = await settle(el, state);
    if (!r) return state;
    const p = actionPoint(r, state);
    if (!p) return state;
    const target = hitTest(el, p, state);
    if (state.hitOK) listen("hover", target);
    return state;
  }

  // aim is the first evaluation of a click (see above). B0, the box it
  // remembers, is read outside any animation frame: arm compares it with
  // the box after the move, across at least one frame boundary. aim also
  // watches for that boundary (an animation frame callback) and for the
  // move (a trusted mousemove in el's window), so that arm can tell that
  // both came.
  function aim(el, arg, state) {
    const [kind, attemptText] = arg.split(":");
    const attempt = parseInt(attemptText || "0", 10);
    unaim();
    el = prepare(el, kind, attempt, state);
    if (!el) return state;
    const box = el.getBoundingClientRect();
    const p = actionPoint(box, state);
    if (!p) return state;
    hitTest(el, p, state);
    const label = state.hitOK ? null : labelFor(el, kind);
    if (label) return aim(label, "mouse:" + attempt, state);
    if (!state.hitOK) return state;
    const a = { el, ctl: el.tagName === "LABEL" && el.control ? el.control : el, box, p, x: state.x, y: state.y, doc, dx: fr.dx, dy: fr.dy, framed: false, moved: false };
    const win = doc.defaultView;
    const onMove = (e) => { if (e.isTrusted) a.moved = true; };
    win.addEventListener("mousemove", onMove, true);
    win.requestAnimationFrame(() => { a.framed = true; });
    const timer = setTimeout(() => a.stop(), 10000); // should arm never come
    a.stop = () => {
      clearTimeout(timer);
      win.removeEventListener("mousemove", onMove, true);
    };
    window[AIM] = a;
    return state;
  }

  // unaim forgets the aim of the last click, if any.
  function unaim() {
    const a = window[AIM];
    delete window[AIM];
    if (a) a.stop();
  }

  // arm is the second evaluation of a click (see above), after the move.
  // When the move reached el's window and an animation frame has run
  // since aim (usually the frame the move was dispatched in: Chrome
  // dispatches a move at the next frame, before its animation frame
  // callbacks), both came after B0 was read: the box now is the one after
  // a frame boundary and after the move's effects, and arm checks at once.
  // Else its first frame is one that comes 15 ms or more after the last
  // frame before it (the document timeline's time), the frame the move was
  // dispatched in or a later one.
  async function arm() {
    const a = window[AIM];
    unaim();
    if (!a || a.doc !== doc) return { count: 0 };
    const el = a.el, win = doc.defaultView;
    const state = {
      count: 1, visible: visible(el), enabled: enabled(el) && enabled(a.ctl),
      describe: describe(el), x: a.x, y: a.y, stable: false, hitOK: false,
    };
    if (!state.visible || !state.enabled) return state;
    const settled = () => {
      state.rendered = true;
      state.stable = sameBox(a.box, el.getBoundingClientRect()) && fr.dx === a.dx && fr.dy === a.dy;
      state.moved = !state.stable;
    };
    if (a.framed && a.moved) {
      if (!el.isConnected) return { count: 0 };
      settled();
    } else {
      state.waited = true;
      const lastTime = doc.timeline && typeof doc.timeline.currentTime === "number" ? doc.timeline.currentTime : 0;
      const start = win.performance.now();
      for (let i = 0; i < 12 && win.performance.now() - start < 1000; i++) {
        const now = await nextFrame(win);
        if (!el.isConnected) return { count: 0 };
        if (now === 0 || tooSoon(now, lastTime)) continue;
        settled();
        break;
      }
    }
    if (!state.stable) return state;
    const target = hitTest(el, a.p, state);
    if (state.hitOK) listen("mouse", target);
    return state;
  }

  // listen installs the hit-target check: a one-shot capturing listener
  // in every window of the frame chain that records who receives the
  // first event of the action and blocks the action's events if it is not
  // target (or inside it).
  function listen(kind, target) {
    if (window[HIT]) window[HIT].stop();
    const events = kind === "hover" ? ["pointermove", "mousemove"]
      : ["pointerdown", "mousedown", "pointerup", "mouseup", "click", "dblclick", "auxclick", "contextmenu"];
    const h = { result: undefined, stop: null };
    const listeners = [];
    const listenIn = (w, inner) => {
      const fn = (e) => {
        if (!e.isTrusted) return; // the page's own synthetic events are its business
        if (h.result === undefined) {
          const node = e.composedPath()[0];
          h.result = inner && node && node.nodeType === 1 && reaches(node, target) ? "ok" : describe(node && node.nodeType === 1 ? node : null);
        }
        if (h.result !== "ok") {
          e.preventDefault();
          e.stopImmediatePropagation();
        }
      };
      for (const type of events) {
        w.addEventListener(type, fn, true);
        listeners.push([w, type, fn]);
      }
    };
    for (const o of fr.outer) listenIn(o.doc.defaultView, false);
    listenIn(doc.defaultView, true);
    const unlisten = () => { for (const [w, type, fn] of listeners) w.removeEventListener(type, fn, true); };
    h.stop = () => {
      unlisten();
      if (window[HIT] === h) delete window[HIT];
    };
    window[HIT] = h;
    // Should kumite never come back to disarm (its step was cancelled), the
    // page's own input is not blocked for long.
    setTimeout(unlisten, 10000);
  }

  // The hit-target check of a pointer action: "hover" and "arm" install
  // it before the events are sent, "disarm" says who received them.
  const HIT = "__kumiteHitCheck";
  if (op === "disarm") {
    const h = window[HIT];
    if (!h) return { hitOK: true, count: 1 };
    h.stop();
    return { hitOK: h.result === undefined || h.result === "ok", hit: h.result, count: 1 };
  }

  const fr = frameRoot();
  // A frame that is not there yet may come; one that is not a frame, or is
  // from another origin, will not: say so at once.
  if (fr.error) return { count: 0, error: fr.error, retry: !!fr.missing, fatal: !fr.missing };
  const doc = fr.doc;
  // A click's arm acts on the element its aim remembered.
  if (op === "arm") return arm();

  if (op === "frameWindow") return doc.defaultView;
  if (op === "pageText") return { count: 1, text: collapse(doc.body ? doc.body.innerText : "") };
  if (op === "pageURL") return { count: 1, text: doc.location.href };
  if (op === "storageGet" || op === "storageSet") {
    // loc is the item's key, arg the value to set. An about:blank page
    // that replaced a page keeps that page's origin and storage: it is no
    // page of the site to read or write.
    let st = null;
    if (doc.location.protocol !== "about:") {
      try {
        st = doc.defaultView.localStorage;
      } catch (e) {
        st = null;
      }
    }
    if (!st) {
      return { count: 0, error: "the page " + doc.location.href + " has no local storage (open a page of the site first)", fatal: true };
    }
    if (op === "storageSet") st.setItem(loc, arg);
    const v = st.getItem(loc);
    const keys = [];
    for (let i = 0; i < st.length && i < 50; i++) keys.push(st.key(i));
    return { count: 1, has: v !== null, text: v, texts: keys.sort() };
  }

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

  // A label stands for its control (for=, or the input inside it) in
  // checks, as Playwright's check() and toBeChecked() follow labels.
  const ctl = el.tagName === "LABEL" && el.control ? el.control : el;
  const state = {
    count,
    visibleCount: vis.length,
    visible: visible(el),
    enabled: enabled(el) && enabled(ctl),
    editable: enabled(el) && !el.readOnly,
    checked: !!ctl.checked || ctl.getAttribute("aria-checked") === "true",
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
    case "hover":
      return hover(el, arg, state);
    case "aim":
      return aim(el, arg, state);
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
    case "call":
    case "callAll": {
      // arg: a JavaScript function's source, called with the element
      // (callAll: with each match); its result comes back as JSON text.
      let fn;
      try {
        fn = (0, eval)("(" + arg + ")");
        if (typeof fn !== "function") throw new Error("it is not a function");
        const json = (e) => { const v = fn(e); return v === undefined ? "" : JSON.stringify(v); };
        if (op === "call") state.text = json(el);
        else state.texts = els.map(json);
      } catch (e) {
        return { count, error: "JavaScript " + arg + " on " + describe(el) + ": " + (e && e.message ? e.message : String(e)), fatal: true };
      }
      return state;
    }
    case "focus": {
      // arg: "end" puts the caret after the text (type), "all" selects it
      // (fill), "" leaves the caret and selection as they are (press).
      // An element that is not visible and enabled is left alone: the
      // caller waits for it.
      if (!state.visible || !state.enabled) return state;
      if (arg === "") {
        if (doc.activeElement !== el) el.focus();
        state.focused = doc.activeElement === el;
        return state;
      }
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
      // For inputs that take no typing (date, color, range…): set and
      // notify, as Playwright's fill does. An input drops a value it does
      // not take (a date as 05/03/2026) or clamps it (a range past max):
      // that fails rather than pass on an empty or other value.
      el.focus();
      const want = arg.trim();
      el.value = want;
      const took = el.type === "color" ? el.value.toLowerCase() === want.toLowerCase() : el.value === want;
      if (want !== "" && !took) {
        const format = valueFormats[el.type];
        state.error = describe(el) + " does not take " + JSON.stringify(arg) + ": " +
          (format ? "a " + el.type + " input takes " + format : "it became " + JSON.stringify(el.value));
        state.fatal = true;
        return state;
      }
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
    case "rawText":
      // The text as rendered and as written, whitespace kept.
      state.text = typeof el.innerText === "string" ? el.innerText : el.textContent;
      state.alt = rawContentOf(el);
      return state;
    case "classes":
      state.texts = Array.from(el.classList || []);
      return state;
    case "focused":
      // Any match may have the focus; a handle from locateAll only its own.
      return focusState(state, nth >= 0 ? [el] : els);
    case "blur": {
      // Blur what has the focus when one of the matches has or holds it
      // (an element's blur() does nothing when it has not), as a user
      // clicking elsewhere would, then say where the focus is.
      const targets = nth >= 0 ? [el] : els;
      const chain = activeChain();
      const held = chain.find((e) => targets.includes(e));
      if (held) {
        chain[chain.length - 1].blur();
        if (activeChain().includes(held)) held.blur();
      }
      return focusState(state, targets);
    }
    default:
      return { count: 0, error: "unknown operation " + op, fatal: true };
  }
})
