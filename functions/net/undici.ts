import type * as undici from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';
import DispatcherModule from 'undici/lib/dispatcher/dispatcher.js';
import dispatcherApi from 'undici/lib/api/index.js';
import errorsModule from 'undici/lib/core/errors.js';
import connectModule from 'undici/lib/core/connect.js';
import globalModule from 'undici/lib/global.js';

// The part of undici this project uses (Agent, request, errors, buildConnector), taken from the
// modules undici's main entry takes them from. That entry also loads fetch, WebSocket,
// EventSource, the cache stores and the mocks: about 230 KB of every Lambda that fetches and
// ~35 ms of its cold start (bench/lambda.ts), none of it ever run. Typed as undici's own exports.

// What undici's main entry does on load: every dispatcher gets request(), stream(), pipeline() …
Object.assign((DispatcherModule as { prototype: object }).prototype, dispatcherApi);

export const Agent = AgentModule as typeof undici.Agent;
export type Agent = undici.Agent;
export const errors = errorsModule as typeof undici.errors;
export const buildConnector = connectModule as typeof undici.buildConnector;
const { getGlobalDispatcher } = globalModule as { getGlobalDispatcher: typeof undici.getGlobalDispatcher };

export type RequestOptions = Omit<undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: undici.Dispatcher.HttpMethod;
  dispatcher?: undici.Dispatcher;
};

/** undici's `request(url, options)`: the URL as origin and path, on the given dispatcher or the global one. */
export function request(url: string | URL, opts: RequestOptions = {}): Promise<undici.Dispatcher.ResponseData> {
  const { dispatcher = getGlobalDispatcher(), ...rest } = opts;
  const u = new URL(url);
  return dispatcher.request({
    ...rest,
    origin: u.origin,
    path: u.search ? `${u.pathname}${u.search}` : u.pathname,
    method: opts.method ?? (opts.body ? 'PUT' : 'GET'),
  });
}
