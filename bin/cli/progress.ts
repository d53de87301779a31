import type { ScanProgress } from '../../functions/scan/local-scan.ts';

// Progress on stderr, so stdout stays one clean document with --format json. On a terminal it
// redraws one line; in a log (CI, cron) it prints a line at most every two seconds and at the end.

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastPrint = 0;
  return (p: ScanProgress) => {
    const line = `[${p.portalId}] ${p.done}/${p.total} 首页及栏目 · ${p.pagesFetched} 页 · ${p.failures} 失败${p.current ? ` · ${p.current}` : ''}`;
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${line}${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const now = Date.now();
    if (p.done === p.total || now - lastPrint >= 2000) {
      lastPrint = now;
      stream.write(`${line}\n`);
    }
  };
}
