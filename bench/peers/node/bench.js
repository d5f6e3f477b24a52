'use strict';
// The Node peers of the libsanitize benchmark: DOMPurify on jsdom and
// sanitize-html, configured as close to bluemonday's UGCPolicy as their knobs
// allow (../ugc.json; details in docs/performance.md).
//
//   node bench/peers/node/bench.js --lib dompurify|sanitize-html [timing flags] FILE...
//
// Timing protocol shared by every runner: see bench/pyharness.py.
const fs = require('fs');
const path = require('path');

const UGC = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'ugc.json'), 'utf8'));

function pkgVersion(name) {
  const p = path.join(__dirname, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(p, 'utf8')).version;
}

function makeDompurify() {
  const { JSDOM } = require('jsdom');
  const createDOMPurify = require('dompurify');
  const window = new JSDOM('').window;
  const DOMPurify = createDOMPurify(window);
  const attrs = new Set(UGC.global_attributes);
  for (const names of Object.values(UGC.attributes)) names.forEach((a) => attrs.add(a));
  const config = {
    ALLOWED_TAGS: UGC.tags,
    ALLOWED_ATTR: [...attrs],
    // http, https, mailto, and relative URLs (DOMPurify's own default regexp
    // with the scheme list narrowed).
    ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_CONTENTS: UGC.drop_content,
    KEEP_CONTENT: true,
  };
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if ((node.nodeName === 'A' || node.nodeName === 'AREA') && node.hasAttribute('href')) {
      node.setAttribute('rel', 'nofollow');
    }
  });
  const version = 'dompurify ' + pkgVersion('dompurify') + ' on jsdom ' + pkgVersion('jsdom');
  return [(s) => DOMPurify.sanitize(s, config), version];
}

function makeSanitizeHtml() {
  const sanitizeHtml = require('sanitize-html');
  const allowedAttributes = { '*': UGC.global_attributes };
  for (const [tag, names] of Object.entries(UGC.attributes)) allowedAttributes[tag] = names;
  const options = {
    allowedTags: UGC.tags,
    allowedAttributes,
    allowedSchemes: UGC.protocols,
    allowedSchemesByTag: {},
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    nonTextTags: UGC.drop_content.concat(['textarea', 'option']),
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href !== undefined) attribs.rel = 'nofollow';
        return { tagName, attribs };
      },
    },
  };
  const version = 'sanitize-html ' + pkgVersion('sanitize-html');
  return [(s) => sanitizeHtml(s, options), version];
}

function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function wallMicros() {
  return Number(process.hrtime.bigint()) / 1e3;
}

function peakRssKb() {
  return process.resourceUsage().maxRSS;
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return 0;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function main() {
  const opts = { warmupMs: 100, budgetMs: 300, maxDocMs: 4000, sampleUs: 2000, minSamples: 5, maxSamples: 2001 };
  const flags = { '--budget-ms': 'budgetMs', '--max-doc-ms': 'maxDocMs', '--sample-us': 'sampleUs',
    '--min-samples': 'minSamples', '--max-samples': 'maxSamples', '--warmup-ms': 'warmupMs' };
  const files = [];
  let lib = null;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lib') lib = argv[++i];
    else if (flags[argv[i]]) opts[flags[argv[i]]] = Number(argv[++i]);
    else files.push(argv[i]);
  }
  const makers = { dompurify: makeDompurify, 'sanitize-html': makeSanitizeHtml };
  if (!makers[lib]) {
    process.stderr.write('usage: bench.js --lib dompurify|sanitize-html [flags] FILE...\n');
    process.exit(2);
  }
  const [fn, version] = makers[lib]();
  const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');
  emit({ runner: 'node', meta: true, impl: lib, version, node: process.version,
    rss_start_kb: peakRssKb() });
  for (const file of files) {
    const raw = fs.readFileSync(file);
    const input = raw.toString('utf8');
    let c0 = cpuMicros();
    let w0 = wallMicros();
    let out;
    try {
      out = fn(input);
    } catch (e) {
      emit({ runner: 'node', impl: lib, mode: 'sanitize', file, bytes_in: raw.length, ok: false,
        error: String(e) });
      continue;
    }
    const first = cpuMicros() - c0;
    const firstWall = wallMicros() - w0;
    const outLen = out.length;
    let inconsistent = false;
    let spent = first;
    let calls = 1;
    // JIT warm-up: keep calling until warmupMs of CPU went by, then size the
    // batch from the warm calls (the cold first call would make it too small).
    let per = first;
    if (first < opts.warmupMs * 1000) {
      const w0c = cpuMicros();
      let n = 0;
      while (cpuMicros() - w0c < opts.warmupMs * 1000) {
        fn(input);
        n++;
      }
      const warm = cpuMicros() - w0c;
      per = warm / n;
      calls += n;
    }
    const batch = Math.max(1, Math.floor(opts.sampleUs / Math.max(per, 0.01)));
    let cpu = [];
    let wall = [];
    if (first < opts.maxDocMs * 1000) {
      while (cpu.length < opts.maxSamples) {
        if (cpu.length >= opts.minSamples && spent >= opts.budgetMs * 1000) break;
        if (cpu.length && spent + cpu[cpu.length - 1] * batch > opts.maxDocMs * 1000) break;
        c0 = cpuMicros();
        w0 = wallMicros();
        for (let i = 0; i < batch; i++) {
          const o = fn(input);
          if (o.length !== outLen) inconsistent = true;
        }
        const c = cpuMicros() - c0;
        const w = wallMicros() - w0;
        cpu.push(c / batch);
        wall.push(w / batch);
        spent += c;
        calls += batch;
      }
    }
    if (!cpu.length) {
      cpu = [first];
      wall = [firstWall];
    }
    emit({ runner: 'node', impl: lib, mode: 'sanitize', file, bytes_in: raw.length,
      bytes_out: Buffer.byteLength(out, 'utf8'), ok: true, inconsistent, samples: cpu.length,
      calls, batch, cpu_median_us: median(cpu), cpu_min_us: Math.min(...cpu),
      wall_median_us: median(wall), wall_min_us: Math.min(...wall), peak_rss_kb: peakRssKb(),
      clock: 'process_cpu' });
  }
}

main();
