import { CheerioCrawler, Configuration } from '@crawlee/cheerio';
import { log, LogLevel } from '@crawlee/core';

// The Crawlee peer of the benchmark: CheerioCrawler from the start URL, same-origin links only,
// at most `concurrency` requests at once, its request queue in memory and nothing written to
// disk. Each page is parsed by cheerio (Crawlee does that before the handler) and nothing else
// is done with it. Prints {"pages": n, "failed": n} on stdout.
// Run: npx tsx bench/peers/crawlee.ts START_URL CONCURRENCY

const [startUrl, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
if (!startUrl || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('usage: crawlee.ts START_URL CONCURRENCY (a positive integer)');
  process.exit(2);
}
log.setLevel(LogLevel.WARNING);

let pages = 0;
let failed = 0;
// persistStorage false: the memory storage keeps the queue in memory and writes no ./storage.
const config = new Configuration({ persistStorage: false, purgeOnStart: true });
const crawler = new CheerioCrawler(
  {
    maxConcurrency: concurrency,
    // The portal's attachments are crawled like its pages, as linkinator fetches them too.
    additionalMimeTypes: ['application/pdf', 'application/msword'],
    async requestHandler({ enqueueLinks }) {
      pages += 1;
      await enqueueLinks({ strategy: 'same-origin' });
    },
    failedRequestHandler() {
      failed += 1;
    },
  },
  config,
);
await crawler.run([startUrl]);
console.log(JSON.stringify({ pages, failed }));
