import { loadConfig } from '../../functions/config/load-config.ts';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { parseCommon, requireConfig, UsageError, type CommonOptions } from './args.ts';
import { scanJson, scanText } from './output.ts';
import { progressReporter } from './progress.ts';
import { onShutdown } from './shutdown.ts';

export async function scanCommand(argv: string[]): Promise<number> {
  const opts = parseCommon(argv);
  const config = loadConfig(requireConfig(opts));
  const results = await scanPortals(config, opts);
  printResults(results, opts.format);
  return 0;
}

export function selectPortals(config: Config, portalId?: string) {
  if (!portalId) return config.portals;
  const p = config.portals.find((x) => x.id === portalId);
  if (!p)
    throw new UsageError(
      `--portal "${portalId}" is not in the config; its portals are: ${config.portals.map((x) => x.id).join(', ')}.`,
    );
  return [p];
}

/**
 * Scans the selected portals as of each of `days` in turn (default: just `asOf`, or today) in
 * one store session, and returns the last day's results. `beforeDay` lets the demo turn its
 * sites to that day.
 */
export async function scanPortals(
  config: Config,
  opts: Pick<CommonOptions, 'portal' | 'asOf' | 'store' | 'endpoint' | 'dataDir'> & {
    days?: string[];
    beforeDay?: (day: string) => void;
    /** Runs on the open store after the last scan (the demo writes its digest there). */
    afterScans?: (repo: Repository) => Promise<void>;
  },
): Promise<ScanResult[]> {
  const portals = selectPortals(config, opts.portal);
  const days = opts.days ?? [opts.asOf ?? todayInShanghai()];
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    let results: ScanResult[] = [];
    let fresh = store.fresh;
    for (const asOf of days) {
      opts.beforeDay?.(asOf);
      results = [];
      for (const portal of portals) {
        results.push(
          await runLocalScan({ portal, asOf, repo: store.repo, freshStore: fresh, onProgress: progressReporter() }),
        );
      }
      fresh = false; // the next day's scan has this one's validators to send
    }
    await opts.afterScans?.(await store.repo);
    return results;
  } finally {
    release();
    await store.close();
  }
}

export function printResults(results: ScanResult[], format: 'text' | 'json') {
  if (format === 'json') {
    const docs = results.map(scanJson);
    process.stdout.write(JSON.stringify(docs.length === 1 ? docs[0] : { scans: docs }, null, 2) + '\n');
  } else {
    process.stdout.write(results.map(scanText).join('\n\n' + '─'.repeat(60) + '\n\n') + '\n');
  }
}
