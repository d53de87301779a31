import * as z from 'zod';

// A portal id (and a column id, which follows the same rule) is written into DynamoDB keys, API
// paths, check ids and queue messages. The config, the API, the handlers and the gateway's
// request model all check it against this one rule, so none accepts an id another refuses.

export const PORTAL_ID_MAX_LENGTH = 63;

/** Unanchored, so a longer pattern can embed it (a check id starts with its portal id). */
export const PORTAL_ID_SOURCE = `[a-z0-9][a-z0-9-]{0,${PORTAL_ID_MAX_LENGTH - 1}}`;

/** Anchored, as a string: what API Gateway's JSON-schema model takes. */
export const PORTAL_ID_PATTERN = `^${PORTAL_ID_SOURCE}$`;

export const PORTAL_ID_REGEX = new RegExp(PORTAL_ID_PATTERN);

export const portalIdSchema = z
  .string()
  .regex(PORTAL_ID_REGEX, { message: 'must be lower-case letters, digits and dashes, e.g. "mhk-gtj"' });
