/**
 * Child process of `npm run bench:llm`: opens a response cache file (filled by the parent) in a
 * fresh process and reports how long opening took, how long a lookup by key takes, and the
 * memory the process holds afterwards. Prints one JSON line.
 */
import { ResponseCache } from '../src/llm/index.js';
import { cacheBenchKey } from './llm-cache-fill.js';

const [path = '', countText = '0'] = process.argv.slice(2);
const count = Number(countText);
const rssBefore = process.memoryUsage().rss;
const opened = performance.now();
const cache = new ResponseCache(path);
const openMs = performance.now() - opened;

const lookups = 2000;
let found = 0;
const looked = performance.now();
for (let i = 0; i < lookups; i++) {
  if (cache.get(cacheBenchKey(Math.floor((i * 7919) % count)))) found++;
}
const lookupUs = ((performance.now() - looked) / lookups) * 1000;
const entries = cache.count();
cache.close();
const rssAfter = process.memoryUsage().rss;
process.stdout.write(
  `${JSON.stringify({ entries, openMs, lookupUs, found, lookups, rssGrowthMB: (rssAfter - rssBefore) / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
