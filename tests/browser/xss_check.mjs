#!/usr/bin/env node
// Headless-Chromium XSS check: loads every case's HTML in a real browser, as a
// document body and through innerHTML, fires the usual events on every
// element, clicks and submits, and reports every case in which any script ran.
// See docs/browser-check.md.
//
//   node xss_check.mjs --cases FILE.jsonl [--expect clean | --expect trips --min-tripped N]
//                      [--report OUT.json] [--modes body,inner] [--group 8] [--batch 48]
//                      [--pages 2] [--chromium /usr/bin/chromium] [--batch-timeout-ms 60000]
//                      [--limit N] [--verbose]
//
// FILE.jsonl: one {"id", "preset", "html"[, "input"]} per line; a case is one line.
// --expect clean:  exit 1 if anything ran in any case (or a case could not be checked).
// --expect trips:  exit 1 if fewer than N distinct ids ran script (the control set).
//
// Pages are served by a server of our own on 127.0.0.1 (ephemeral port). Every
// request to any other host is aborted by Playwright routing (navigations to
// other hosts are answered 204 No Content so that the frame stays put), and
// Chromium is started with a dead proxy for non-loopback hosts and a host
// resolver that knows no name, as a second fence: nothing leaves the machine
// and nothing hangs.
//
// Batching: a page holds --batch cases; each iframe ("slot", named
// s<j>-<mode>) holds --group cases in one mode. Reports name their slot (from
// the frame's URL, or through the frame tree for cross-origin frames). A slot
// in which something ran is checked again one case per frame; a report that
// cannot be placed (top page, popup), a crash or a timeout makes the harness
// re-run the batch one case per frame, then in halves, down to single cases.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = {
    cases: null, expect: null, minTripped: 0, report: null, modes: ['body', 'inner'],
    batch: 48, group: 8, pages: 2, chromium: '/usr/bin/chromium', batchTimeoutMs: 60000, slotGraceMs: 10000, verbose: false,
    limit: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--cases') o.cases = next();
    else if (a === '--expect') o.expect = next();
    else if (a === '--min-tripped') o.minTripped = Number(next());
    else if (a === '--report') o.report = next();
    else if (a === '--modes') o.modes = next().split(',').filter(Boolean);
    else if (a === '--batch') o.batch = Number(next());
    else if (a === '--pages') o.pages = Number(next());
    else if (a === '--group') o.group = Number(next());
    else if (a === '--chromium') o.chromium = next();
    else if (a === '--batch-timeout-ms') o.batchTimeoutMs = Number(next());
    else if (a === '--limit') o.limit = Number(next());
    else if (a === '--slot-grace-ms') o.slotGraceMs = Number(next());
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--help' || a === '-h') { console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 17).join('\n')); process.exit(0); }
    else if (!o.cases && !a.startsWith('--')) o.cases = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.cases) throw new Error('--cases FILE is required');
  if (o.expect && !['clean', 'trips'].includes(o.expect)) throw new Error('--expect clean|trips');
  for (const m of o.modes) if (!['body', 'inner'].includes(m)) throw new Error(`bad mode ${m}`);
  return o;
}

const opts = parseArgs(process.argv.slice(2));
// Playwright event handlers must not take the run down with them.
process.on('unhandledRejection', (e) => { if (opts.verbose) console.log(`(ignored) ${e && e.message}`); });
const log = (...a) => console.log(...a);
const vlog = (...a) => { if (opts.verbose) console.log(...a); };

// ---------------------------------------------------------------- cases
const cases = [];
for (const [n, line] of readFileSync(opts.cases, 'utf8').split('\n').entries()) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  if (typeof c.id !== 'string' || typeof c.html !== 'string') throw new Error(`${opts.cases}:${n + 1}: needs id and html`);
  cases.push({ id: c.id, preset: c.preset ?? '', html: c.html, input: c.input });
  if (opts.limit && cases.length >= opts.limit) break;
}

// ---------------------------------------------------------------- server
const instrumentJs = readFileSync(join(here, 'instrument.js'), 'utf8');
// Served in the <head> of every case frame: instrumentation first, then the
// driver. (Playwright's init script installs the same instrumentation in
// every frame, but a frame's own copy does not depend on that.)
const frameJs = `${instrumentJs}\n${readFileSync(join(here, 'frame.js'), 'utf8')}`;
if (/<\/script/i.test(frameJs)) throw new Error('frame.js/instrument.js must not contain </script');
const batches = new Map(); // token -> { cases, served: Set }
let batchSeq = 0;

const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const jsonForScript = (s) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
  .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function topPage(token, b) {
  let frames = '';
  b.slots.forEach((slot, j) => {
    for (const mode of opts.modes) {
      frames += `<iframe name="s${j}-${mode}" src="/c/${token}/${j}/${mode}" width="320" height="120"></iframe>\n`;
    }
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>batch ${token}</title>`
    + `<script>${instrumentJs}</script></head><body>${frames}</body></html>`;
}

function casePage(b, j, mode) {
  const htmls = b.slots[j].map((k) => b.cases[k].html);
  const head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>case</title>'
    + `<script>${frameJs}</script></head><body>`;
  if (mode === 'body') return `${head}\n${htmls.join('\n')}\n</body></html>`;
  return `${head}<script type="application/json" id="__xss_payload">${jsonForScript(htmls)}</script></body></html>`;
}

const T0 = Date.now();
const server = createServer((req, res) => {
  if (process.env.XSS_DEBUG) console.log(`srv +${Date.now() - T0} ${req.method} ${req.url} ${req.headers['sec-fetch-dest']}`);
  const url = new URL(req.url, 'http://127.0.0.1');
  const dest = req.headers['sec-fetch-dest'] || '';
  const isDoc = dest === 'document' || dest === 'iframe' || dest === 'frame';
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  let m;
  if (req.method === 'GET' && url.pathname === '/h/frame.js') return send(200, 'text/javascript', frameJs);
  if (req.method === 'GET' && url.pathname === '/h/instrument.js') return send(200, 'text/javascript', instrumentJs);
  if (req.method === 'POST' && url.pathname === '/r') {
    // A report from the instrumentation (navigator.sendBeacon).
    const chunks = [];
    let size = 0;
    req.on('data', (d) => { size += d.length; if (size <= 65536) chunks.push(d); });
    req.on('end', () => {
      res.writeHead(204); res.end();
      let r;
      try { r = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) { return; }
      const b = batches.get(String(r.batch));
      if (!b || !b.run) return;
      if (process.env.XSS_DEBUG) console.log('beacon', r.kind, String(r.detail).slice(0, 60), r.k, r.mode, r.href);
      const k = Number(r.k);
      const where = k >= 0 && k < b.slots.length && (r.mode === 'body' || r.mode === 'inner') ? { k, mode: r.mode } : null;
      b.run.onReport(where, String(r.kind), String(r.detail ?? ''), String(r.href ?? ''), !!r.popup);
    });
    return undefined;
  }
  if (req.method === 'GET' && (m = /^\/t\/(\w+)$/.exec(url.pathname)) && batches.has(m[1])) {
    const b = batches.get(m[1]);
    if (!b.served.has('top')) { b.served.add('top'); return send(200, 'text/html; charset=utf-8', topPage(m[1], b)); }
  }
  if (req.method === 'GET' && (m = /^\/c\/(\w+)\/(\d+)\/(body|inner)$/.exec(url.pathname)) && batches.has(m[1])) {
    const b = batches.get(m[1]);
    const key = `${m[2]}-${m[3]}`;
    if (b.slots[Number(m[2])] && !b.served.has(key)) { b.served.add(key); return send(200, 'text/html; charset=utf-8', casePage(b, Number(m[2]), m[3])); }
  }
  // Anything else: a navigation (link, form, refresh, reload of a case) gets
  // 204 so the frame keeps its document; a subresource gets an empty 404.
  if (isDoc) { res.writeHead(204); return res.end(); }
  return send(404, 'text/plain', '');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const origin = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------- browser
const userDataDir = mkdtempSync(join(tmpdir(), 'xss-check-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: opts.chromium,
  headless: true,
  chromiumSandbox: false,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--mute-audio', '--autoplay-policy=no-user-gesture-required',
    // Second fence: any non-loopback host goes to a proxy that is not there.
    '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: false,
  serviceWorkers: 'block',
  bypassCSP: false,
});
const browserVersion = context.browser()?.version?.() ?? '';

// page -> batch run state
const pageRuns = new Map();
const runOfPage = (page) => {
  if (!page) return null;
  if (pageRuns.has(page)) return pageRuns.get(page);
  return null;
};

function attribute(frame) {
  // Walk up to the direct child of the top frame: its name is s<slot>-<mode>.
  let f = frame;
  const page = frame.page();
  const main = page.mainFrame();
  while (f && f.parentFrame() && f.parentFrame() !== main) f = f.parentFrame();
  if (!f || f === main || !f.parentFrame()) return null;
  const m = /^s(\d+)-(body|inner)$/.exec(f.name());
  return m ? { k: Number(m[1]), mode: m[2] } : null;
}

if (!process.env.XSS_NOINIT) await context.exposeBinding('__xssReport', async (source, kind, detail, href) => {
  const page = source.page;
  let run = runOfPage(page);
  let popup = false;
  if (!run && page) {
    const opener = await page.opener().catch(() => null);
    run = runOfPage(opener);
    popup = true;
  }
  if (!run) return;
  const where = popup ? null : attribute(source.frame);
  if (process.env.XSS_DEBUG) console.log('binding', kind, String(detail).slice(0, 60), href, where, source.frame.name(), source.frame.url());
  run.onReport(where, String(kind), String(detail ?? ''), String(href ?? ''), popup);
});
if (!process.env.XSS_NOINIT) await context.addInitScript({ content: instrumentJs });

if (!process.env.XSS_NOROUTE) await context.route('**/*', async (route) => {
  const req = route.request();
  if (process.env.XSS_DEBUG) console.log(`route +${Date.now() - T0} ${req.method()} ${req.url().slice(0, 80)} nav=${req.isNavigationRequest()}`);
  let url;
  try { url = new URL(req.url()); } catch (e) { return route.abort().catch(() => {}); }
  if (url.protocol === 'http:' && url.host === `127.0.0.1:${port}`) return route.continue().catch(() => {});
  if (req.isNavigationRequest()) {
    try {
      const frame = req.frame(); // throws for a popup's first navigation
      const run = runOfPage(frame.page());
      if (run) run.onNav(frame, req.url());
    } catch (e) { /* not placed: it is only a note anyway */ }
    return route.fulfill({ status: 204, body: '' }).catch(() => {});
  }
  return route.abort().catch(() => {});
});

const ownPages = new WeakSet();
context.on('page', (p) => {
  // Popups: let their scripts report for a moment, then close them. (The
  // event also fires for our own pages, before newPage() returns them.)
  p.on('dialog', (d) => d.dismiss().catch(() => {}));
  setTimeout(() => { if (!ownPages.has(p)) p.close().catch(() => {}); }, 1500);
});

// ---------------------------------------------------------------- one batch
const EXEC_IGNORE = new Set(['__done', '__nav']);

async function runBatch(batchCases, group) {
  const token = `b${++batchSeq}`;
  const slots = [];
  for (let k = 0; k < batchCases.length; k += group) {
    slots.push([...Array(Math.min(group, batchCases.length - k)).keys()].map((x) => k + x));
  }
  const batch = { cases: batchCases, slots, served: new Set(), run: null };
  batches.set(token, batch);
  const page = await context.newPage();
  ownPages.add(page);
  const expected = slots.length * opts.modes.length;
  const results = slots.map(() => ({ hits: {}, done: new Set(), navs: [] }));
  const unattributed = [];
  let doneCount = 0;
  let resolveAll;
  const allDone = new Promise((r) => { resolveAll = r; });
  const run = {
    onReport(where, kind, detail, href, popup) {
      if (kind === '__nav') {
        if (where) results[where.k].navs.push(detail);
        return;
      }
      if (kind === '__done') {
        if (where && !results[where.k].done.has(where.mode)) {
          results[where.k].done.add(where.mode);
          if (++doneCount === expected) resolveAll();
          else if (run.progress) run.progress();
        }
        return;
      }
      if (!where) { unattributed.push({ kind, detail, href, popup }); return; }
      const h = results[where.k].hits;
      (h[where.mode] ||= []).push({ kind, detail, href });
    },
    onNav(frame, url) {
      let where = null;
      try { where = attribute(frame); } catch (e) { /* ignore */ }
      if (where) results[where.k].navs.push(url);
    },
  };
  pageRuns.set(page, run);
  batch.run = run;
  // A slot frame that navigates away (a meta refresh to a data: URL, say,
  // or a javascript: URL whose value replaces the document)
  // will never say it is done: count it done a moment later (reports from
  // the new document still arrive through the binding meanwhile).
  const reached = new Set();
  const onNavigated = (frame) => {
    const m = /^s(\d+)-(body|inner)$/.exec(frame.name());
    if (!m || frame.parentFrame() !== page.mainFrame()) return;
    const key = `${m[1]}-${m[2]}`;
    if (!reached.has(key)) {
      // the initial about:blank, then the slot's own document
      if (frame.url() === `${origin}/c/${token}/${m[1]}/${m[2]}`) reached.add(key);
      return;
    }
    // Anything after that: another URL, or the same one with a new document
    // (a javascript: URL that evaluates to a string replaces the document).
    results[Number(m[1])].navs.push(`frame navigated to ${frame.url().slice(0, 100)}`);
    setTimeout(() => run.onReport({ k: Number(m[1]), mode: m[2] }, '__done', '', '', false), 1000);
  };
  page.on('framenavigated', onNavigated);
  let crashed = false;
  page.on('crash', () => { crashed = true; resolveAll(); });
  page.on('dialog', (d) => { unattributed.push({ kind: 'dialog', detail: d.message(), href: '' }); d.dismiss().catch(() => {}); });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; resolveAll(); }, opts.batchTimeoutMs);
  // Once slots have started finishing, a batch in which none finishes for
  // --slot-grace-ms is over: the slots left lost their driver (document
  // replaced, frame navigated) — not a hang of the batch, so no bisection.
  let softTimer = null;
  const armSoft = () => { clearTimeout(softTimer); softTimer = setTimeout(resolveAll, opts.slotGraceMs); };
  run.progress = armSoft;
  try {
    await page.goto(`${origin}/t/${token}`, { waitUntil: 'commit', timeout: opts.batchTimeoutMs });
    await allDone;
    // Late reports (javascript: URLs queued by the last clicks, timers).
    await new Promise((r) => setTimeout(r, 200));
    // A slot that never finished: is its harness script still there? If the
    // document was replaced (a javascript: URL's string value, document.open),
    // script ran.
    for (const f of page.frames()) {
      const m = /^s(\d+)-(body|inner)$/.exec(f.name());
      if (!m || f.parentFrame() !== page.mainFrame() || results[Number(m[1])].done.has(m[2])) continue;
      const state = await Promise.race([
        // (a locator runs in Playwright's utility world: nothing the
        // instrumentation of the main world would see)
        f.locator('head > script').count().then((n) => (n > 0 ? 'intact' : 'replaced'), () => 'unknown'),
        new Promise((r) => setTimeout(() => r('unknown'), 2000))]);
      if (state === 'replaced' && f.url().startsWith(`${origin}/c/${token}/`)) {
        (results[Number(m[1])].hits[m[2]] ||= []).push({ kind: 'document-replaced', detail: 'the harness document was replaced by script', href: f.url() });
        results[Number(m[1])].done.add(m[2]);
      }
    }
  } catch (e) {
    vlog(`batch ${token}: ${e.message.split('\n')[0]}`);
    timedOut = true;
  } finally {
    clearTimeout(timer);
    clearTimeout(softTimer);
    pageRuns.delete(page);
    batches.delete(token);
    await page.close({ runBeforeUnload: false }).catch(() => {});
  }
  const incomplete = [];
  results.forEach((r, j) => {
    for (const m of opts.modes) if (!r.done.has(m)) incomplete.push({ j, mode: m });
  });
  return { slots, results, unattributed, crashed, timedOut, incomplete };
}

// ---------------------------------------------------------------- driver
const perCase = new Map(); // index -> { hits: {mode: [...]}, navs, problems: [] }
const stats = { pagesRun: 0, bisections: 0, regroups: 0 };
const entry = (idx) => {
  let e = perCase.get(idx);
  if (!e) perCase.set(idx, e = { hits: {}, navs: [], problems: [] });
  return e;
};
const executedIn = (hits) => Object.values(hits).some((hs) => hs.some((h) => !EXEC_IGNORE.has(h.kind)));

// Checks cases `indices`, `group` of them per frame. Anything that cannot be
// pinned on one case (a trip in a frame holding several cases, a report from
// the top page or a popup, a crash, a timeout) is checked again more finely:
// one case per frame, then halves of the batch, down to single cases.
async function check(indices, group) {
  stats.pagesRun++;
  const res = await runBatch(indices.map((i) => cases[i]), group);
  const troubled = res.unattributed.length > 0 || res.crashed || (res.timedOut && res.incomplete.length > 0);
  if (troubled && (group > 1 || indices.length > 1)) {
    vlog(`batch of ${indices.length} (group ${group}) again: unattributed=${res.unattributed.map((u) => u.kind).join(',')} crashed=${res.crashed} timedOut=${res.timedOut}`);
    if (group > 1) { stats.regroups++; await check(indices, 1); return; }
    stats.bisections++;
    // Reports from the top page or a popup come from links, forms and script
    // that reach other windows: look at the cases that could first.
    const reach = /target|_top|_blank|_parent|open|top|parent|<base|<meta/i;
    const likely = res.unattributed.length && !res.crashed && !res.timedOut
      ? indices.filter((i) => reach.test(cases[i].html)) : [];
    if (likely.length && likely.length < indices.length) {
      await check(likely, 1);
      await check(indices.filter((i) => !likely.includes(i)), 1);
      return;
    }
    const mid = indices.length >> 1;
    await check(indices.slice(0, mid), 1);
    await check(indices.slice(mid), 1);
    return;
  }
  const suspects = [];
  const groupedTrips = [];
  res.slots.forEach((slot, j) => {
    const r = res.results[j];
    const ids = slot.map((l) => indices[l]);
    if (ids.length === 1) {
      const e = entry(ids[0]);
      for (const [mode, hs] of Object.entries(r.hits)) (e.hits[mode] ||= []).push(...hs);
      e.navs.push(...r.navs.slice(0, 5));
    } else {
      for (const idx of ids) entry(idx);
      if (executedIn(r.hits)) { suspects.push(...ids); groupedTrips.push({ ids, hits: r.hits }); }
    }
  });
  if (indices.length === 1) {
    const e = entry(indices[0]);
    for (const u of res.unattributed) {
      const mode = u.popup ? 'popup' : 'top';
      (e.hits[mode] ||= []).push({ kind: u.kind, detail: u.detail, href: u.href });
    }
    if (res.crashed) e.problems.push('renderer crashed');
  }
  for (const { j, mode } of res.incomplete) {
    const ids = res.slots[j].map((l) => indices[l]);
    if (ids.length > 1) { suspects.push(...ids); continue; }
    const e = entry(ids[0]);
    if (indices.length > 1 && !res.timedOut) e.retry = true; // own page later
    else e.problems.push(`${mode}: did not finish${res.timedOut ? ' (timeout)' : ''}`);
  }
  if (suspects.length) {
    stats.regroups++;
    const uniq = [...new Set(suspects)];
    vlog(`${uniq.length} cases again one per frame`);
    await check(uniq, 1);
    // A trip seen in a group must show up again in one of its cases.
    for (const g of groupedTrips) {
      if (!g.ids.some((idx) => executedIn(entry(idx).hits))) {
        const kinds = [...new Set(Object.values(g.hits).flat().map((h) => h.kind))].join(',');
        for (const idx of g.ids) entry(idx).problems.push(`script ran (${kinds}) in a frame with ${g.ids.length} cases but in none alone`);
      }
    }
  }
}

const t0 = Date.now();
const queue = [];
for (let i = 0; i < cases.length; i += opts.batch) {
  queue.push([...Array(Math.min(opts.batch, cases.length - i)).keys()].map((j) => i + j));
}
let progressed = 0;
let lastLog = 0;
async function worker() {
  while (queue.length) {
    const idxs = queue.shift();
    await check(idxs, opts.group);
    progressed += idxs.length;
    if (opts.verbose || Date.now() - lastLog > 15000) {
      lastLog = Date.now();
      log(`  ${progressed}/${cases.length} cases, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}
await Promise.all([...Array(Math.max(1, opts.pages)).keys()].map(() => worker()));
// Cases whose frame did not finish in a shared page get a page each.
const retries = [...perCase.entries()].filter(([, e]) => e.retry).map(([i]) => i);
for (const i of retries) {
  const e = perCase.get(i);
  e.retry = false;
  await check([i], 1);
}
const seconds = (Date.now() - t0) / 1000;

await context.close().catch(() => {});
server.close();
try { rmSync(userDataDir, { recursive: true, force: true }); } catch (e) { /* ignore */ }

// ---------------------------------------------------------------- report
const executed = [];
const problems = [];
for (const [idx, e] of [...perCase.entries()].sort((a, b) => a[0] - b[0])) {
  const c = cases[idx];
  const modes = Object.keys(e.hits).filter((m) => e.hits[m].some((h) => !EXEC_IGNORE.has(h.kind)));
  if (modes.length) {
    executed.push({
      id: c.id, preset: c.preset, modes,
      kinds: [...new Set(modes.flatMap((m) => e.hits[m].map((h) => h.kind)))],
      hits: Object.fromEntries(modes.map((m) => [m, e.hits[m].slice(0, 10)])),
      input: c.input, html: c.html,
    });
  }
  if (e.problems.length) problems.push({ id: c.id, preset: c.preset, problems: e.problems, html: c.html });
}
const trippedIds = new Set(executed.map((x) => x.id));
const byPreset = {};
for (const c of cases) byPreset[c.preset] ||= { cases: 0, executed: 0 };
for (const c of cases) byPreset[c.preset].cases++;
for (const x of executed) byPreset[x.preset].executed++;
const kindCounts = {};
for (const x of executed) for (const k of x.kinds) kindCounts[k] = (kindCounts[k] || 0) + 1;

const summary = {
  cases: cases.length, modes: opts.modes, chromium: browserVersion, seconds: Number(seconds.toFixed(1)),
  group: opts.group, pages: stats.pagesRun, bisections: stats.bisections, regroups: stats.regroups,
  executed_cases: executed.length, executed_distinct_ids: trippedIds.size,
  unchecked_cases: problems.length, by_preset: byPreset, kinds: kindCounts,
};
if (opts.report) writeFileSync(opts.report, JSON.stringify({ summary, executed, problems }, null, 1));

log(`xss_check: ${cases.length} cases x ${opts.modes.length} modes from ${opts.cases} in ${seconds.toFixed(1)} s `
  + `(Chromium ${browserVersion}, ${opts.group} cases per frame, ${stats.pagesRun} pages, ${stats.regroups} regroupings, ${stats.bisections} bisections)`);
for (const [p, s] of Object.entries(byPreset)) log(`  preset ${p || '(none)'}: ${s.executed}/${s.cases} cases executed script`);
log(`  script ran in ${executed.length} cases, ${trippedIds.size} distinct ids; kinds: ${JSON.stringify(kindCounts)}`);
if (problems.length) log(`  ${problems.length} cases could not be checked to the end`);

let failed = false;
if (opts.expect === 'clean') {
  for (const x of executed.slice(0, 50)) {
    log(`EXECUTED id=${x.id} preset=${x.preset} modes=${x.modes.join(',')} kinds=${x.kinds.join(',')}`);
    if (x.input !== undefined) log(`  input:  ${JSON.stringify(x.input)}`);
    log(`  output: ${JSON.stringify(x.html)}`);
    for (const [m, hs] of Object.entries(x.hits)) for (const h of hs.slice(0, 3)) log(`  [${m}] ${h.kind}: ${h.detail}`);
  }
  for (const p of problems.slice(0, 20)) log(`UNCHECKED id=${p.id} preset=${p.preset}: ${p.problems.join('; ')}`);
  failed = executed.length > 0 || problems.length > 0;
  log(failed ? 'FAIL: script executed (or a case could not be checked)' : 'OK: no script executed in any case');
} else if (opts.expect === 'trips') {
  failed = trippedIds.size < opts.minTripped;
  log(failed ? `FAIL: only ${trippedIds.size} distinct ids tripped the check, expected at least ${opts.minTripped}`
    : `OK: ${trippedIds.size} distinct ids tripped the check (at least ${opts.minTripped} required)`);
}
process.exit(failed ? 1 : 0);
