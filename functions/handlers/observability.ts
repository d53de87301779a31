// Where the handlers' logs and metrics are filed: read by runtime.ts (Powertools) and by the
// stack (its environment and the alarms on these metrics), so the two cannot drift apart.

export const METRICS = { namespace: 'DisclosureWatch', service: 'disclosure-watch' } as const;

/**
 * The handlers' own metrics, each named once: the handlers emit them and the stack's alarms watch
 * them, so a rename on one side cannot leave an alarm waiting on a metric nobody sends.
 */
export const METRIC_NAMES = {
  ScansStarted: 'ScansStarted',
  StalledScans: 'StalledScans',
  ScansCrawled: 'ScansCrawled',
  MalformedMessages: 'MalformedMessages',
  ScansCompleted: 'ScansCompleted',
  OpenFindings: 'OpenFindings',
  VetoRisks: 'VetoRisks',
  DigestsSent: 'DigestsSent',
  DigestsFailed: 'DigestsFailed',
  DigestsUnconfirmed: 'DigestsUnconfirmed',
  /** Portal probe rounds recorded: none for two hours means the probe pipeline itself is down. */
  ProbeRounds: 'ProbeRounds',
  Probes: 'Probes',
  ProbeFailures: 'ProbeFailures',
  /** Alert notices that reached at least one target, and deliveries (or whole dispatches) that failed. */
  AlertsSent: 'AlertsSent',
  AlertsFailed: 'AlertsFailed',
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];
