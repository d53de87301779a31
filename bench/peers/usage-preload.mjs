// Preloaded into a measured node process (`node --import`): on exit it writes the process's own
// CPU time and peak RSS, exact from the kernel, to the file BENCH_USAGE_FILE names. The variable
// is removed at once so that node processes this one starts do not overwrite the figure.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
delete process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // userCPUTime and systemCPUTime are microseconds, maxRSS kilobytes.
    writeFileSync(file, JSON.stringify({ userUs: u.userCPUTime, systemUs: u.systemCPUTime, maxRssKb: u.maxRSS }));
  });
}
