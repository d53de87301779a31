// Where the handlers' logs and metrics are filed: read by runtime.ts (Powertools) and by the
// stack (its environment and the alarms on these metrics), so the two cannot drift apart.

export const METRICS = { namespace: 'DisclosureWatch', service: 'disclosure-watch' } as const;
