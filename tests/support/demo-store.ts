import { demoConfig, DEMO_AS_OF, DEMO_PREVIOUS_DAY } from '../../demo/portal/config.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config, PortalConfig } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from './dynamo.ts';

export interface DemoStore {
  server: DemoServer;
  repo: Repository;
  config: Config;
  portal: PortalConfig;
  /** Drops the table and stops the demo site. */
  close(): Promise<void>;
}

/**
 * The demo portal `mhk-gtj` scanned on its two days (2018-01-14, then 2018-01-15) into a table of
 * its own on DynamoDB Local: what the stats command and the rules read afterwards.
 */
export async function scannedDemoPortal(label: string): Promise<DemoStore> {
  const server = await startDemoServer({ asOf: DEMO_PREVIOUS_DAY });
  const repo = await testRepository(label);
  const config = parseConfig(demoConfig(server.origin));
  const portal = config.portals.find((p) => p.id === 'mhk-gtj')!;
  await runLocalScan({ portal, asOf: DEMO_PREVIOUS_DAY, repo });
  server.setAsOf(DEMO_AS_OF);
  await runLocalScan({ portal, asOf: DEMO_AS_OF, repo });
  return {
    server,
    repo,
    config,
    portal,
    close: async () => {
      repo.destroy();
      await server.close();
    },
  };
}
