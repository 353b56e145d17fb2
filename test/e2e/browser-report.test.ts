import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/core/ledger.js';
import { buildReport, renderHtml, reportInput } from '../../src/report/index.js';
import { rejectingGate } from '../ci/gate-fixture.js';
import { tempDir } from '../helpers/tmp.js';
import { BROWSER_CANDIDATES, CdpPipe, findBrowser } from './cdp-pipe.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const browser = await findBrowser();
if (!browser) {
  console.warn(`browser test skipped: no headless Chromium or Chrome at ${BROWSER_CANDIDATES.join(', ')} (apt-get install chromium, or set AGENTDEVEL_CHROMIUM)`);
}

const COMMIT = (c: string) => c.repeat(40);

function entry(iteration: number, decision: LedgerEntry['decision'], version: number | null, parent: number, rates: [number, number, number, number], flips: [number, number]): LedgerEntry {
  return {
    schemaVersion: 1,
    agent: 'shop-assistant',
    iteration,
    decision,
    version,
    tag: version === null ? null : `shop-assistant@v${version}`,
    parent: { version: parent, tag: `shop-assistant@v${parent}`, commit: COMMIT(String(parent)) },
    rc: { branch: `agentdevel/shop-assistant@rc-${iteration}`, commit: COMMIT('a'), base: COMMIT(String(parent)) },
    runs: { baseline: `b${iteration}`, candidate: `c${iteration}`, confirmation: [] },
    suites: [{ name: 'shop-faq', hash: 'h' }],
    models: { agent: { model: 'sim-agent', simulated: true, sampling: {} } },
    gate: {
      policy: 'default',
      p2f: flips[0],
      f2p: flips[1],
      flaky: 1,
      pValue: 0.03,
      p2fRate: 0,
      f2pRate: 0.4,
      passRate: { baseline: { dev: rates[0], holdout: rates[1] }, candidate: { dev: rates[2], holdout: rates[3] } },
      reasons: [],
    },
    usage: [{ role: 'agent', calls: 120, cacheHits: 4, promptTokens: 18_000, completionTokens: 1_600, cost: null }],
    simulated: true,
    report: `releases/shop-assistant/iteration-${iteration}.md`,
    startedAt: null,
    gatedAt: null,
    recordedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Three iterations on the line and a fourth (rejected) pending: every chart has points; text that tries to be markup. */
function reportHtml(): string {
  const report = buildReport(
    reportInput({
      agent: 'shop-assistant',
      iteration: 4,
      generatedAt: '2026-01-02T03:04:05.000Z',
      gate: rejectingGate(),
      intent: { targets: ['hallucinated-fact'], summary: 'Add the price list. <script>console.error("injected")</script><img src=x onerror="console.error(1)">', expectedFixes: ['price-service'] },
      ledger: [entry(1, 'accept', 1, 0, [0.32, 0.4, 0.77, 0.6], [0, 10]), entry(2, 'reject', null, 1, [0.77, 0.6, 0.7, 0.4], [3, 1]), entry(3, 'accept', 2, 1, [0.75, 0.6, 0.86, 0.8], [0, 4])],
      symptomHistory: new Map<number, Record<string, number>>([
        [1, { 'hallucinated-fact': 9, 'ignored-instruction': 5 }],
        [2, { 'ignored-instruction': 5, 'incorrect-output-format': 1 }],
        [3, { 'ignored-instruction': 4 }],
        [4, { 'ignored-instruction': 2, 'premature-stop': 1 }],
      ]),
      simulated: true,
    }),
  );
  return renderHtml(report);
}

interface ChartBox {
  id: string;
  width: number;
  height: number;
  marks: number;
  label: string | null;
}

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!browser)(`renders its three charts with no console error, no request and no script; a screenshot is kept${browser ? '' : ' (skipped: no headless Chromium or Chrome; apt-get install chromium, or set AGENTDEVEL_CHROMIUM)'}`, { timeout: 60_000 }, async () => {
    const dir = await tempDir('agentdevel-browser-');
    const page = join(dir, 'report.html');
    await writeFile(page, reportHtml());
    const cdp = CdpPipe.launch(browser!, join(dir, 'profile'));
    try {
      const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      const on = (method: string, params: Record<string, unknown> = {}) => cdp.send(method, params, sessionId);
      await Promise.all([on('Runtime.enable'), on('Log.enable'), on('Page.enable'), on('Network.enable')]);
      await on('Emulation.setDeviceMetricsOverride', { width: 1100, height: 900, deviceScaleFactor: 1, mobile: false });
      const loaded = cdp.once('Page.loadEventFired');
      await on('Page.navigate', { url: pathToFileURL(page).href });
      await loaded;

      const { result } = (await on('Runtime.evaluate', {
        returnByValue: true,
        expression: `[...document.querySelectorAll('svg[id^="chart-"]')].map((svg) => {
          const box = svg.getBoundingClientRect();
          return { id: svg.id, width: box.width, height: box.height, label: svg.getAttribute('aria-labelledby') ?? svg.getAttribute('aria-label'),
            marks: [...svg.querySelectorAll('path, rect, circle, polyline, line')].filter((m) => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length };
        })`,
      })) as { result: { value: ChartBox[] } };
      const charts = result.value;
      expect(charts.map((c) => c.id).sort()).toEqual(['chart-flips', 'chart-pass-rate', 'chart-symptoms']);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(100);
        expect(chart.height, chart.id).toBeGreaterThan(50);
        expect(chart.marks, `${chart.id}: drawn marks`).toBeGreaterThan(4);
      }
      const scripts = (await on('Runtime.evaluate', { returnByValue: true, expression: 'document.scripts.length + document.querySelectorAll("img").length' })) as { result: { value: number } };
      expect(scripts.result.value, 'hostile text stays text').toBe(0);

      const { data } = (await on('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true })) as { data: string };
      const png = Buffer.from(data, 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(join(ARTIFACTS, 'report.png'), png);

      const problems = cdp.events.filter(
        (e) =>
          e.method === 'Runtime.exceptionThrown' ||
          (e.method === 'Runtime.consoleAPICalled' && ['error', 'assert', 'warning'].includes(String(e.params.type))) ||
          (e.method === 'Log.entryAdded' && ['error', 'warning'].includes(String((e.params.entry as { level?: string }).level))),
      );
      expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
      const requests = cdp.events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => (e.params.request as { url: string }).url);
      expect(requests.filter((url) => !url.startsWith('file:')), 'a self-contained page asks for nothing').toEqual([]);
    } finally {
      await cdp.close();
    }
  });
});
