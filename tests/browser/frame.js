// Inlined (after instrument.js) in the <head> of every case frame ("slot":
// one or more cases in one mode), before the cases' HTML.
// URL: /c/<batch>/<slot>/<mode>.
//   mode "body":  the cases' HTML is the rest of this document (parsed as
//                 a page), one after the other;
//   mode "inner": the HTML strings are a JSON array in <script
//                 type="application/json" id="__xss_payload">; each goes in
//                 through innerHTML, into a <div> of its own in the body.
// Then every element gets the usual events, links and buttons are clicked,
// forms submitted, and after a settle time the frame reports "__done".
// Everything the content could clobber (document.x named properties, form
// controls named like form methods) is reached through prototypes captured
// here, before the content is parsed.
(() => {
  'use strict';
  const W = window;
  const D = document;
  const H = W.__xssHarness;
  if (!H) return; // instrumentation missing: Node times the frame out
  const setTimeout_ = H.setTimeout;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const qsa = Document.prototype.querySelectorAll;
  const elQsa = Element.prototype.querySelectorAll;
  const getById = Document.prototype.getElementById;
  const bodyGet = getter(Document.prototype, 'body');
  const docElGet = getter(Document.prototype, 'documentElement');
  const attrsGet = getter(Element.prototype, 'attributes');
  const shadowGet = getter(Element.prototype, 'shadowRoot');
  const nameGet = getter(Attr.prototype, 'name');
  const textGet = getter(Node.prototype, 'textContent');
  const innerHTMLSet = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML').set;
  const removeEl = Element.prototype.remove;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const htmlClick = HTMLElement.prototype.click;
  const focusOf = (el) => (el instanceof HTMLElement ? HTMLElement.prototype.focus
    : el instanceof SVGElement ? SVGElement.prototype.focus
      : (W.MathMLElement && el instanceof MathMLElement) ? MathMLElement.prototype.focus : null);
  const requestSubmit = HTMLFormElement.prototype.requestSubmit;
  const formSubmit = HTMLFormElement.prototype.submit;
  const JSONparse = JSON.parse;
  const createEl = Document.prototype.createElement;
  const appendChild = Node.prototype.appendChild;

  const m = /^\/c\/[^/]+\/\d+\/(body|inner)$/.exec(W.location.pathname);
  const mode = m ? m[1] : 'body';

  // Event types fired on every element (plus every on* attribute's own).
  const MOUSE = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'mouseout',
    'mouseleave', 'dblclick', 'contextmenu', 'auxclick', 'pointerover', 'pointerenter',
    'pointerdown', 'pointermove', 'pointerup', 'pointerout', 'pointerleave', 'pointerrawupdate',
    'gotpointercapture', 'lostpointercapture', 'wheel', 'mousewheel'];
  const OTHER = ['load', 'error', 'abort', 'focus', 'focusin', 'blur', 'focusout',
    'animationstart', 'animationend', 'animationiteration', 'animationcancel',
    'webkitanimationstart', 'webkitanimationend', 'webkitanimationiteration',
    'transitionstart', 'transitionrun', 'transitionend', 'transitioncancel', 'webkittransitionend',
    'input', 'beforeinput', 'change', 'select', 'selectstart', 'selectionchange', 'invalid',
    'keydown', 'keypress', 'keyup', 'submit', 'reset', 'formdata', 'search',
    'toggle', 'beforetoggle', 'command', 'close', 'cancel', 'scroll', 'scrollend', 'resize',
    'copy', 'cut', 'paste', 'beforecopy', 'beforecut', 'beforepaste',
    'drag', 'dragstart', 'dragend', 'dragenter', 'dragleave', 'dragover', 'drop',
    'touchstart', 'touchend', 'touchmove', 'touchcancel',
    'play', 'playing', 'pause', 'canplay', 'canplaythrough', 'loadstart', 'loadeddata',
    'loadedmetadata', 'loadend', 'progress', 'durationchange', 'timeupdate', 'ended',
    'volumechange', 'seeking', 'seeked', 'stalled', 'suspend', 'waiting', 'emptied',
    'ratechange', 'encrypted', 'cuechange', 'enterpictureinpicture', 'leavepictureinpicture',
    'begin', 'end', 'repeat', 'beginEvent', 'endEvent', 'repeatEvent',
    'SVGLoad', 'SVGAbort', 'SVGError', 'SVGResize', 'SVGScroll', 'SVGZoom',
    'DOMActivate', 'DOMFocusIn', 'DOMFocusOut', 'DOMNodeInserted', 'DOMSubtreeModified',
    'contentvisibilityautostatechange', 'fullscreenchange', 'webkitfullscreenchange',
    'start', 'finish', 'bounce', 'message', 'hashchange', 'popstate', 'pageshow', 'pagehide',
    'beforeprint', 'afterprint', 'online', 'offline', 'storage', 'show', 'slotchange',
    'securitypolicyviolation', 'readystatechange', 'visibilitychange', 'unload', 'beforeunload'];
  const WINDOW_EVENTS = ['load', 'error', 'focus', 'blur', 'resize', 'scroll', 'hashchange',
    'message', 'popstate', 'pageshow', 'pagehide', 'beforeprint', 'afterprint', 'online',
    'offline', 'storage', 'languagechange', 'orientationchange', 'DOMContentLoaded'];

  const make = (type) => {
    if (MOUSE.includes(type)) return new MouseEvent(type, { bubbles: true, cancelable: true, view: W });
    if (type === 'focus' || type === 'blur' || type === 'focusin' || type === 'focusout') {
      return new FocusEvent(type, { bubbles: type.length > 5, cancelable: false, view: W });
    }
    return new Event(type, { bubbles: true, cancelable: true });
  };
  const fire = (target, type) => { try { call(dispatch, target, make(type)); } catch (e) { /* ignore */ } };

  const collect = (root, out, depth) => {
    let list;
    try { list = root === D ? call(qsa, D, '*') : call(elQsa, root, '*'); } catch (e) { return; }
    for (const el of list) {
      out.push(el);
      if (depth < 8) {
        let sr = null;
        try { sr = call(shadowGet, el); } catch (e) { /* ignore */ }
        if (sr) collect(sr, out, depth + 1);
      }
    }
  };

  const exercise = () => {
    const els = [];
    collect(D, els, 0);
    for (const el of els) {
      const types = new Set(OTHER.concat(MOUSE));
      try {
        for (const a of call(attrsGet, el)) {
          const n = call(nameGet, a);
          if (/^on/i.test(n)) types.add(n.slice(2).toLowerCase());
        }
      } catch (e) { /* ignore */ }
      const focus = focusOf(el);
      if (focus) { try { call(focus, el); } catch (e) { /* ignore */ } }
      for (const t of types) fire(el, t);
      // click last: it may follow a link or submit a form
      try {
        if (el instanceof HTMLElement) call(htmlClick, el);
        else fire(el, 'click');
      } catch (e) { /* ignore */ }
    }
    for (const el of els) {
      if (el instanceof HTMLFormElement) {
        try { call(requestSubmit, el); } catch (e) { /* ignore */ }
        try { call(formSubmit, el); } catch (e) { /* ignore */ }
      }
    }
    for (const t of WINDOW_EVENTS) fire(W, t);
    fire(D, 'readystatechange');
    fire(D, 'visibilitychange');
  };

  let started = false;
  const finish = () => {
    try { H.checkGlobals(); } catch (e) { /* ignore */ }
    H.send('__done', mode);
  };
  const run = () => {
    if (started) return;
    started = true;
    setTimeout_(() => {
      exercise();
      setTimeout_(finish, 400);
    }, 50);
  };

  if (mode === 'inner') {
    call(addListener, D, 'DOMContentLoaded', () => {
      // One container per case, each filled through innerHTML.
      try {
        const holder = call(getById, D, '__xss_payload');
        const list = JSONparse(call(textGet, holder));
        call(removeEl, holder);
        const body = call(bodyGet, D) || call(docElGet, D);
        for (const html of list) {
          const div = createEl.call(D, 'div');
          appendChild.call(body, div);
          try { call(innerHTMLSet, div, html); } catch (e) { /* ignore */ }
        }
      } catch (e) { /* ignore */ }
    });
  }
  // Both modes: exercise after the load event (inserted images have failed by
  // then), or after 3 s if load never comes (a hanging resource).
  call(addListener, W, 'load', () => setTimeout_(run, 30));
  setTimeout_(run, 3000);
})();
