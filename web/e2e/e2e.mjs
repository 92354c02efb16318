// End-to-end test of the web UI: starts the real `actorgraph serve` on a fresh store
// holding the seed article, drives Debian's Chromium through playwright-core, walks the
// analyst's path (search → actor → network → evidence → article; map; SPARQL; ingest;
// a phone-sized screen), and fails loudly on anything missing, any page error, or any
// request to a host other than the server.
//
//   node e2e/e2e.mjs            (from web/; the binary must be built)
// Environment: ACTORGRAPH_BIN (default $CARGO_TARGET_DIR/release/actorgraph, else ../target/…),
// CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (where to save them; default e2e/output),
// E2E_URL (test a server already running there, e.g. `npm run dev`, instead of starting one).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
const binary = process.env.ACTORGRAPH_BIN || path.join(targetDir, 'release', 'actorgraph');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshots = path.resolve(process.env.SCREENSHOTS || path.join(here, 'output'));
const TOKEN = process.env.E2E_TOKEN || 'e2e-token';
const WAIT = 20_000;

let passed = 0;
let failed = 0;
const failures = [];

function log(message) {
  process.stdout.write(`${message}\n`);
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    failures.push(name);
    log(`FAIL ${name}: ${error.stack || error}`);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function startServer(work) {
  const child = spawn(binary, [
    'serve', '--bind', '127.0.0.1:0', '--location', path.join(work, 'store'), '--write-token', TOKEN,
  ], { cwd: repo, env: { ...process.env, RUST_LOG: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${output}`)), 120_000);
    const read = (chunk) => {
      output += chunk;
      // Only a whole line: the address may arrive split across chunks.
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\r?\n/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return { child, address };
}

async function main() {
  // A hard stop, so a hung browser cannot hold up CI.
  const deadline = setTimeout(() => {
    log('FAIL the end-to-end test took more than 5 minutes');
    process.exit(1);
  }, 300_000);
  deadline.unref();

  mkdirSync(screenshots, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'actorgraph-e2e-'));
  const { child, address } = process.env.E2E_URL
    ? { child: null, address: process.env.E2E_URL }
    : await startServer(work);
  const origin = new URL(address).origin;
  log(`server at ${origin}; screenshots in ${screenshots}`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const foreign = [];
  const pageErrors = [];
  async function newPage(viewport) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: console: ${message.text()}`);
    });
    return page;
  }
  const shot = (page, name) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });

  try {
    const page = await newPage({ width: 1280, height: 800 });

    await step('the server answers the app, and keeps its API paths', async () => {
      const app = await fetch(`${origin}/actor/wagner`);
      check(app.status === 200 && app.headers.get('content-type').startsWith('text/html'), `SPA route: ${app.status} ${app.headers.get('content-type')}`);
      check((app.headers.get('content-security-policy') || '').includes("default-src 'self'"), 'no CSP on the page');
      const html = await app.text();
      const asset = html.match(/src="(\/assets\/[^"]+\.js)"/);
      check(asset, 'no script in index.html');
      const script = await fetch(`${origin}${asset[1]}`);
      check(script.headers.get('content-type').startsWith('text/javascript'), `script type ${script.headers.get('content-type')}`);
      check(script.headers.get('cache-control').includes('immutable'), 'hashed assets are not cached');
      const api = await fetch(`${origin}/api/nothing-here`);
      check(api.status === 404 && api.headers.get('content-type').includes('problem+json'), `/api/… is shadowed: ${api.status}`);
      const missing = await fetch(`${origin}/assets/missing.js`);
      check(missing.status === 404, `missing asset: ${missing.status}`);
    });

    await step('search "wagner" as you type, then open the actor page', async () => {
      await page.goto(`${origin}/`);
      await page.locator('#actor-search').fill('wagner');
      const result = page.locator('#search-results a', { hasText: 'Wagner Group' }).first();
      await result.waitFor();
      await shot(page, 'search');
      await result.click();
      await page.waitForURL(`${origin}/actor/wagner`);
      await page.locator('#actor-name', { hasText: 'Wagner Group' }).waitFor();
      await page.locator('#first-seen', { hasText: '2024' }).waitFor();
    });

    await step('the network shows the Malian army as ally and the CSP-DPA as opponent', async () => {
      await page.locator('#allies', { hasText: 'Malian Armed Forces' }).waitFor();
      await page.locator('#opponents', { hasText: 'CSP-DPA' }).waitFor();
      await page.waitForFunction(() => window.actorgraph?.cy?.nodes().length > 2);
      const kinds = await page.evaluate(() => {
        const cy = window.actorgraph.cy;
        const between = (a, b) => cy.edges().filter((edge) => {
          const ends = [edge.data('source'), edge.data('target')];
          return ends.includes(a) && ends.includes(b) && !edge.data('derived');
        }).map((edge) => edge.classes().join(' '));
        return { fama: between('wagner', 'fama'), csp: between('wagner', 'csp-dpa') };
      });
      check(kinds.fama.some((c) => c.includes('ally')), `wagner–fama edge: ${JSON.stringify(kinds.fama)}`);
      check(kinds.csp.some((c) => c.includes('opponent')), `wagner–csp-dpa edge: ${JSON.stringify(kinds.csp)}`);
      // The canvas is drawn: some of its pixels are not blank.
      const drawn = await page.evaluate(() => [...document.querySelectorAll('#network canvas')].some((canvas) => {
        const context = canvas.getContext('2d');
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      }));
      check(drawn, 'the network canvas is blank');
      await shot(page, 'actor');
    });

    await step('clicking the ally edge shows the evidence sentence, its article, date and claimants', async () => {
      await page.locator('#network').scrollIntoViewIfNeeded();
      // Let the graph library see the scroll before it maps the click to an edge.
      await page.waitForTimeout(300);
      const point = await page.evaluate(() => {
        const cy = window.actorgraph.cy;
        const edge = cy.edges().filter((e) => e.hasClass('ally') && !e.data('derived')
          && [e.data('source'), e.data('target')].includes('fama'))[0];
        const mid = edge.renderedMidpoint();
        const box = cy.container().getBoundingClientRect();
        return { x: box.left + mid.x, y: box.top + mid.y };
      });
      await page.mouse.click(point.x, point.y);
      const panel = page.locator('#edge-panel');
      if (process.env.E2E_DEBUG) {
        await page.waitForTimeout(1500);
        log(`point ${JSON.stringify(point)}; panel: ${await panel.innerText()}`);
        await shot(page, 'debug');
      }
      await panel.locator('#evidence-title', { hasText: 'ally of' }).waitFor();
      await panel.locator('blockquote', { hasText: "l'armée malienne et ses alliés russes" }).waitFor();
      await panel.locator('.evidence-meta', { hasText: '2024-07' }).waitFor();
      await panel.locator('.claimed-by', { hasText: 'CSP-DPA' }).waitFor();
      await shot(page, 'evidence');
    });

    await step('the article view highlights the mention and links it to its entity', async () => {
      await page.locator('#edge-panel a', { hasText: 'Read the article' }).first().click();
      await page.waitForURL(/\/article\/[0-9a-f-]+\?highlight=/);
      const focused = page.locator('#article-text .mention.focus').first();
      await focused.waitFor();
      const entity = await focused.getAttribute('data-entity');
      check(['wagner', 'fama'].includes(entity), `highlighted entity ${entity}`);
      const army = page.locator('#article-text a.mention[href="/actor/fama"]').first();
      await army.waitFor();
      const mentions = await page.locator('#article-text .mention').count();
      check(mentions >= 10, `only ${mentions} mentions highlighted`);
      await page.locator('.article-facts', { hasText: 'Tinzaouatene' }).waitFor();
      await page.locator('#claims-title').waitFor();
      await shot(page, 'article');
    });

    await step('the map shows the Tinzaouatene battle, and its details', async () => {
      await page.locator('nav a', { hasText: 'Events' }).click();
      await page.waitForURL(`${origin}/events`);
      const dot = page.locator('#map circle.event-dot[aria-label*="Tinzaouatene"]').first();
      await dot.waitFor();
      const countries = await page.locator('#map path.country').count();
      check(countries > 100, `only ${countries} country outlines on the map`);
      check((await dot.getAttribute('aria-label')).startsWith('Battle'), 'the Tinzaouatene event is not a battle');
      // Keyboard: focus the dot and press Enter.
      await dot.focus();
      await page.keyboard.press('Enter');
      const panel = page.locator('#event-panel');
      await panel.locator('#event-place', { hasText: 'Tinzaouatene' }).waitFor();
      await panel.locator('.sides', { hasText: 'CSP-DPA' }).waitFor();
      await panel.locator('#event-date', { hasText: 'month' }).waitFor();
      await page.locator('#timeline .timeline-item').first().waitFor();
      await shot(page, 'events');
    });

    await step('the SPARQL editor runs a query and shows rows', async () => {
      await page.goto(`${origin}/editor`);
      await page.locator('.cm-content').waitFor();
      check(await page.locator('.cm-content .ͼb, .cm-content [class^="ͼ"]').count() > 0, 'no syntax highlighting');
      await page.locator('#run-query').click();
      await page.locator('#result-count', { hasText: 'rows' }).waitFor();
      const rows = await page.locator('.results-table tbody tr').count();
      check(rows > 0, 'no result rows');
      await page.locator('.results-table', { hasText: 'Wagner Group' }).waitFor();
      await shot(page, 'sparql');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('button', { hasText: 'Download CSV' }).click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      check(csv.startsWith('a,b') && csv.includes('Wagner Group'), `the CSV download: ${csv.slice(0, 80)}`);
      await page.selectOption('#examples', { label: 'The network as a graph (CONSTRUCT)' });
      await page.locator('#run-query').click();
      await page.locator('pre.turtle', { hasText: 'allyOf' }).waitFor();
    });

    await step('ingest: preview what is read, then save with the token', async () => {
      await page.goto(`${origin}/ingest`);
      await page.locator('button', { hasText: 'Insert an example' }).click();
      await page.locator('#preview-button').click();
      await page.locator('#preview h3', { hasText: 'Actors' }).waitFor();
      await page.locator('#preview', { hasText: 'Djibo' }).waitFor();
      await page.locator('#ingest-token').fill(TOKEN);
      await page.locator('#save-button').click();
      await page.locator('#saved', { hasText: process.env.E2E_URL ? /Stored\.|Already stored/ : 'Stored.' }).waitFor();
      await page.locator('#save-button').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('save-button').scrollIntoView({ block: 'start' }));
      await shot(page, 'ingest');
    });

    await step('keyboard: skip link, then search and Enter open an actor', async () => {
      await page.goto(`${origin}/articles`);
      await page.locator('.result').first().waitFor();
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement?.className);
      check(first === 'skip-link', `the first Tab stop is ${first}`);
      await page.keyboard.press('Enter');
      check(await page.evaluate(() => document.activeElement?.id) === 'main', 'the skip link does not reach the content');
      await page.goto(`${origin}/`);
      await page.locator('#actor-search').focus();
      await page.keyboard.type('CSP');
      await page.locator('#search-results a', { hasText: 'CSP-DPA' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/actor\//);
      await page.locator('#actor-name').waitFor();
    });

    const phone = await newPage({ width: 390, height: 844 });
    await step('a phone-sized screen: no sideways scrolling, network and map drawn', async () => {
      for (const [url, ready, name, focus] of [
        ['/actor/wagner', '#opponents >> text=CSP-DPA', 'phone-actor', '#network'],
        ['/events', '#map circle.event-dot', 'phone-events'],
        ['/editor', '.cm-content', 'phone-sparql'],
      ]) {
        await phone.goto(`${origin}${url}`);
        await phone.locator(ready).first().waitFor();
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 1, `${url} scrolls sideways by ${overflow}px`);
        if (focus) await phone.locator(focus).scrollIntoViewIfNeeded();
        await shot(phone, name);
      }
    });

    await step('no request left the server, and no page error', async () => {
      check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
      check(pageErrors.length === 0, `page errors:\n${pageErrors.join('\n')}`);
    });
  } finally {
    await browser.close();
    if (child) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  log(`e2e: ${passed} passed, ${failed} failed`);
  if (failed) {
    log(`failed: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  log(`FAIL ${error.stack || error}`);
  process.exit(1);
});
