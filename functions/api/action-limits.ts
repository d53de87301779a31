// The shape of a finding action's body that both validators share: the route's zod schema
// (finding-actions.ts) and API Gateway's request model (lib/api.ts), which must not disagree.
// Kept free of imports that reach the store, so the CDK app loads no AWS SDK for it.

export const FINDING_ACTIONS = ['ack', 'ignore', 'reopen', 'confirm'] as const;

/** A display name shown beside the caller's identity. */
export const DISPLAY_NAME_MAX = 64;

/** A note: a sentence or two of why. */
export const NOTE_MAX = 500;

/** `until`: a day as YYYY-MM-DD (the route also refuses impossible days such as 2018-02-30). */
export const ISO_DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
