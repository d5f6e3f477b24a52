// Loaded before anything else in every frame the harness serves (inlined at
// the top of /h/frame.js and /h/instrument.js) and, through Playwright's
// addInitScript, in every other frame too (frames and popups the content
// creates). It turns every way script can show itself into a report: the
// dialog functions, eval, Function (and its async/generator siblings),
// string timers, console, document.write, window.open, uncaught errors,
// javascript: navigations and new global variables (the "global marker":
// anything the content's script assigns to window). Nothing here stops the
// content's script from running: the harness only has to see it.
//
// Reports go to the harness's own server as a beacon (POST /r), naming the
// case frame found by walking up parent/opener windows of the same origin;
// a frame that cannot be placed that way (a cross-origin data: frame, say)
// reports through the Playwright binding `__xssReport`, which Node places by
// the frame tree, or which makes the batch be split until the case is found.
(() => {
  'use strict';
  const W = window;
  if (Object.prototype.hasOwnProperty.call(W, '__xssHarness')) return;
  const String_ = String;
  const binding = W.__xssReport; // Playwright's binding (installed before us)
  const JSONstringify = JSON.stringify;
  const RegExpExec = RegExp.prototype.exec;
  const beacon = Navigator.prototype.sendBeacon;
  const nav = W.navigator;
  const locGet = (w, name) => w.location[name];
  const slice = (v) => {
    let s;
    try { s = typeof v === 'function' ? '[function]' : String_(v); } catch (e) { s = '[unprintable]'; }
    return s.length > 200 ? s.slice(0, 200) + '...' : s;
  };
  const CASE_RE = /^\/c\/(\w+)\/(\d+)\/(body|inner)$/;
  const TOP_RE = /^\/t\/(\w+)$/;
  // Which case frame (or batch top page) does this window belong to?
  const place = () => {
    let w = W;
    for (let hops = 0; hops < 32 && w; hops++) {
      let path, origin;
      try { path = locGet(w, 'pathname'); origin = locGet(w, 'origin'); } catch (e) { return null; }
      if (origin && origin.startsWith('http://127.0.0.1:')) {
        let m = RegExpExec.call(CASE_RE, path);
        if (m) return { origin, batch: m[1], k: Number(m[2]), mode: m[3] };
        m = RegExpExec.call(TOP_RE, path);
        if (m) return { origin, batch: m[1], k: -1, mode: 'top', popup: w !== W && !isAncestor(w) };
      }
      let next = null;
      try { next = w.parent !== w ? w.parent : w.opener; } catch (e) { return null; }
      w = next;
    }
    return null;
  };
  const isAncestor = (w) => {
    let x = W;
    for (let i = 0; i < 32; i++) {
      if (x === w) return true;
      if (x.parent === x) return false;
      x = x.parent;
    }
    return false;
  };
  let placed;
  const send = (kind, detail) => {
    const href = (() => { try { return slice(W.location.href); } catch (e) { return ''; } })();
    if (placed === undefined) placed = place();
    // Both channels: a beacon can be blocked (a CSP <meta> in the content),
    // the binding can be missing (a frame Playwright did not instrument).
    if (placed) {
      const body = JSONstringify({ batch: placed.batch, k: placed.k, mode: placed.mode,
        popup: !!placed.popup, kind, detail: slice(detail), href });
      try { beacon.call(nav, placed.origin + '/r', body); } catch (e) { /* ignore */ }
    }
    try { binding(kind, slice(detail), href); } catch (e) { /* no binding */ }
  };
  const hit = send;
  const defineValue = (obj, name, value) => {
    try {
      Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
    } catch (e) { /* non-configurable: leave it */ }
  };

  // Dialogs and other functions payloads call to prove they ran.
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    defineValue(W, name, function (msg) {
      hit(name, msg);
      return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
    });
  }
  const origOpen = W.open;
  defineValue(W, 'open', function (url) { hit('window.open', url); return origOpen.apply(this, arguments); });

  // eval / Function / string timers: record, then do what was asked.
  const origEval = W.eval;
  // Playwright answers every binding call by evaluating this in the page's
  // main world through globalThis.eval: not the content's doing.
  const PW_DELIVER = "arg => globalThis['__playwright__binding__controller__'].deliverBindingResult(";
  defineValue(W, 'eval', function (src) {
    if (!(typeof src === 'string' && src.startsWith(PW_DELIVER))) hit('eval', src);
    return origEval(src);
  });
  const wrapCtor = (Orig, kind) => {
    const Wrapped = function () {
      hit(kind, arguments.length ? arguments[arguments.length - 1] : '');
      return Reflect.construct(Orig, Array.prototype.slice.call(arguments), new.target || Orig);
    };
    Wrapped.prototype = Orig.prototype;
    defineValue(Orig.prototype, 'constructor', Wrapped);
    return Wrapped;
  };
  defineValue(W, 'Function', wrapCtor(Function, 'Function'));
  try { wrapCtor(Object.getPrototypeOf(async function () {}).constructor, 'AsyncFunction'); } catch (e) { /* ignore */ }
  try { wrapCtor(Object.getPrototypeOf(function* () {}).constructor, 'GeneratorFunction'); } catch (e) { /* ignore */ }
  const timers = {};
  for (const name of ['setTimeout', 'setInterval']) {
    const orig = timers[name] = W[name];
    defineValue(W, name, function (handler) {
      if (typeof handler === 'string') hit(name + '(string)', handler);
      return orig.apply(this, arguments);
    });
  }
  try {
    const c = W.console;
    for (const name of ['log', 'info', 'warn', 'error', 'debug', 'dir', 'table', 'trace']) {
      const orig = c[name];
      defineValue(c, name, function (m) { hit('console.' + name, m); return orig.apply(this, arguments); });
    }
  } catch (e) { /* ignore */ }
  for (const name of ['write', 'writeln']) {
    const orig = Document.prototype[name];
    defineValue(Document.prototype, name, function (m) { hit('document.' + name, m); return orig.apply(this, arguments); });
  }

  // Uncaught errors thrown by content script (ErrorEvent; failed resource
  // loads are plain Events and are ignored) and unhandled rejections.
  W.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) hit('uncaught-error', e.message);
  }, true);
  W.addEventListener('unhandledrejection', (e) => { hit('unhandledrejection', e.reason); }, true);

  // Navigations: javascript: URLs run script in this frame; other
  // destinations are cancelled here (and answered 204 by the route handler
  // as a fallback) so that the case frame stays in place for the next event.
  try {
    W.navigation.addEventListener('navigate', (e) => {
      const url = e.destination && e.destination.url || '';
      if (/^\s*javascript:/i.test(url)) { hit('navigate-javascript', url); return; }
      if (e.cancelable && !e.hashChange) {
        send('__nav', url);
        e.preventDefault();
      }
    });
  } catch (e) { /* no Navigation API */ }

  // Global marker: the own property names of window now, to compare with
  // the names at the end of the case. A payload's `x=1`, `var a`, function
  // declarations... all add one.
  const baseline = new Set(Object.getOwnPropertyNames(W));
  const checkGlobals = () => {
    const added = [];
    for (const n of Object.getOwnPropertyNames(W)) {
      if (!baseline.has(n) && !/^__playwright|^__pw|^__xss/.test(n) && !/^\d+$/.test(n)) added.push(n);
    }
    if (added.length) hit('global', added.join(','));
    return added;
  };
  defineValue(W, '__xssHarness', Object.freeze({ hit, send, checkGlobals, setTimeout: timers.setTimeout }));
})();
