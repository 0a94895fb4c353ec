#!/usr/bin/env node
// The ESM build in a real browser: serves dist/esm/ from a tiny localhost server with an import
// map that points the bare specifiers `ndarray` and `ndarray-ops` (CommonJS packages) at ESM
// shims bundled by esbuild, and `scipy-entropy` and its subpaths (`/stats`, `/special`,
// `/spatial`) at dist/esm, as docs/browser.md shows; opens the page in Debian's headless Chromium
// through playwright-core, and checks the numbers it computes (entropy from `scipy-entropy/stats`,
// rel_entr from `/special`, jensenshannon from `/spatial`, KL) against this Node process running
// the CommonJS build. Also checks what docs/browser.md says about a Content-Security-Policy: the
// scijs ndarray stack needs 'unsafe-eval'.
//
// Usage: npm run build && node scripts/browser-check.js   (CHROMIUM=path overrides the browser)
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const { entropy, rel_entr, jensenshannon } = require(path.join(root, 'dist', 'cjs', 'index.js'));

// The computation, as text: run verbatim in the page (ESM) and here (CJS).
const COMPUTE = `
  const M = [[1, 2, 3, 4], [4, 5, 6, 0], [0.5, 0.25, 0.125, 0.125]];
  const Q = [[4, 3, 2, 1], [1, 1, 1, 1], [0.25, 0.25, 0.25, 0.25]];
  const flat = (x) => (typeof x === 'number' ? [x] : Array.from(x.toFloat64Array()));
  return {
    rowEntropy: flat(entropy(M, { axis: 1 })),
    colEntropyBits: flat(entropy(M, { base: 2 })),
    kl: flat(entropy(M, Q, { axis: -1 })),
    relEntr: flat(rel_entr(M, Q)),
    all: flat(entropy(M, { axis: null })),
    js: flat(jensenshannon(M, Q, { axis: 1 })),
  };
`;
const compute = new Function('entropy', 'rel_entr', 'jensenshannon', COMPUTE);

/** The import map of docs/browser.md: the package's root and each subpath of its exports map. */
const IMPORT_MAP = {
  imports: {
    ndarray: '/vendor/ndarray.js',
    'ndarray-ops': '/vendor/ndarray-ops.js',
    'scipy-entropy': '/dist/esm/index.js',
    'scipy-entropy/stats': '/dist/esm/stats/index.js',
    'scipy-entropy/special': '/dist/esm/special/index.js',
    'scipy-entropy/spatial': '/dist/esm/spatial/index.js',
  },
};

async function shims(dir) {
  // Each CommonJS dependency of the ESM build becomes one ESM file with a default export.
  for (const name of ['ndarray', 'ndarray-ops']) {
    await esbuild.build({
      entryPoints: [require.resolve(name, { paths: [root] })],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: path.join(dir, `${name}.js`),
      logLevel: 'error',
    });
  }
}

function page(csp) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>scipy-entropy in the browser</title>
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}
<script type="importmap">${JSON.stringify(IMPORT_MAP)}</script>
<script type="module">
const fail = (err) => { window.__result = { error: err.name + ': ' + err.message }; };
Promise.all(['scipy-entropy', 'scipy-entropy/stats', 'scipy-entropy/special', 'scipy-entropy/spatial'].map((m) => import(m))).then(([root, stats, special, spatial]) => {
  try {
    const { entropy } = stats;
    const { rel_entr } = special;
    const { jensenshannon } = spatial;
    window.__result = (() => {${COMPUTE}})();
    window.__result.sameModules = [root.entropy === entropy && root.rel_entr === rel_entr && root.jensenshannon === jensenshannon ? 1 : 0];
  } catch (err) {
    fail(err);
  }
}, fail);
</script></head><body>scipy-entropy</body></html>`;
}

function serve(vendor) {
  const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file;
    if (url.pathname === '/' || url.pathname === '/csp-strict' || url.pathname === '/csp-eval') {
      // The policies allow the inline module and import map ('unsafe-inline'); only eval differs.
      const csp = { '/': '', '/csp-strict': "script-src 'self' 'unsafe-inline'", '/csp-eval': "script-src 'self' 'unsafe-inline' 'unsafe-eval'" }[url.pathname];
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page(csp));
      return;
    }
    if (url.pathname.startsWith('/dist/esm/')) file = path.join(root, url.pathname);
    else if (url.pathname.startsWith('/vendor/')) file = path.join(vendor, url.pathname.slice('/vendor/'.length));
    const resolved = file && path.resolve(file);
    if (!resolved || !(resolved.startsWith(path.join(root, 'dist', 'esm')) || resolved.startsWith(vendor)) || !fs.existsSync(resolved)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(resolved)] || 'application/octet-stream' });
    fs.createReadStream(resolved).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'esm', 'index.js'))) throw new Error('dist/esm is missing: run npm run build first');
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install chromium`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scipy-entropy-browser-'));
  const vendor = path.join(tmp, 'vendor');
  const server = await serve(vendor);
  let context;
  try {
    await shims(vendor);
    const { port } = server.address();
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
    const tab = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    tab.on('pageerror', (err) => errors.push(err.message));
    tab.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    const run = async (route) => {
      await tab.goto(`http://127.0.0.1:${port}${route}`);
      await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
      return tab.evaluate(() => window.__result);
    };

    const got = await run('/');
    if (got.error) throw new Error(`the page failed: ${got.error} ${errors.join('; ')}`);
    const want = { ...compute(entropy, rel_entr, jensenshannon), sameModules: [1] };
    let failures = 0;
    for (const key of Object.keys(want)) {
      const a = got[key];
      const b = want[key];
      const same = a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || Math.abs(x - b[i]) <= 1e-15 * Math.abs(b[i]));
      console.log(`${same ? 'ok  ' : 'FAIL'} ${key}: browser ${JSON.stringify(a)}${same ? '' : ` node ${JSON.stringify(b)}`}`);
      if (!same) failures++;
    }
    const version = context.browser()?.version() ?? (await tab.evaluate(() => navigator.userAgent));
    console.log(`Chromium ${version}: ESM build from dist/esm (root, /stats, /special, /spatial), ndarray and ndarray-ops through an import map`);

    // Content-Security-Policy: without 'unsafe-eval' the scijs code generation is refused.
    const strict = await run('/csp-strict');
    const strictFails = typeof strict.error === 'string' && /EvalError|unsafe-eval|Refused/i.test(strict.error);
    console.log(`${strictFails ? 'ok  ' : 'FAIL'} CSP without 'unsafe-eval' refuses ndarray's code generation: ${(strict.error ?? 'no error').replace(/\s+/g, ' ').trim()}`);
    const withEval = await run('/csp-eval');
    const evalWorks = !withEval.error && Object.is(withEval.all[0], want.all[0]);
    console.log(`${evalWorks ? 'ok  ' : 'FAIL'} CSP with 'unsafe-eval' computes: ${withEval.error ?? withEval.all[0]}`);
    if (!strictFails) failures++;
    if (!evalWorks) failures++;
    if (failures > 0) throw new Error(`${failures} browser check(s) failed`);
    console.log('browser check: ok');
  } finally {
    if (context) await context.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`browser check failed: ${err.message}`);
  process.exitCode = 1;
});
