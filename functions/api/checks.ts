import { randomBytes } from 'node:crypto';
import { PORTAL_ID_SOURCE } from '../common/portal-id.ts';
import type { Config, PortalConfig } from '../config/schema.ts';
import type { Fetcher } from '../net/fetcher.ts';
import { CheckRefused, checkUrl } from '../scan/check-url.ts';
import type { CheckMessage, TaskQueue } from '../scan/messages.ts';
import { expiresAfter } from '../store/keys.ts';
import type { CheckRecord } from '../store/records.ts';
import { WritesFenced, type Repository } from '../store/repository.ts';
import { checkJson } from './json.ts';
import { publicOnlyAgent, refusePrivateHost, type Resolver } from '../net/public-only.ts';
import { portalFetcher } from '../scan/settings.ts';

// An on-demand check asked through the API. It is answered inline when it finishes within the
// budget; otherwise the caller gets a 202 and polls GET /checks/{id}. In Lambda the function
// freezes once it has answered, so the check is handed to the crawl queue to finish there; on a
// laptop (`serve`) the same promise simply runs on.

const CHECK_DAYS = 7;

export interface CheckDeps {
  config: Config;
  repo: Repository;
  /** Present in AWS: where a check that outlives the budget is finished. */
  queue?: TaskQueue;
  fetcherFor?: (portal: PortalConfig) => Fetcher;
  /** False (the default) in AWS: the URL's host must resolve to public addresses only (SSRF). */
  allowPrivateAddresses?: boolean;
  resolve?: Resolver;
  now?: () => Date;
  /** Told of failures that are ours, not the caller's (their message is not shown to the caller). */
  onInternalError?: (error: Error, checkId: string) => void;
  /** `serve`: how many checks run at once; the rest wait their turn (AWS has the FIFO group instead). */
  slots?: CheckSlots;
}

/** More checks are waiting than `serve` keeps: the caller should ask again later. */
export class ChecksBusy extends Error {
  constructor(
    readonly waiting: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`${waiting} checks are already waiting; ask again in ${retryAfterSeconds} s`);
  }
}

/**
 * At most `running` checks at once in a process; up to `waiting` more queue in arrival order. A
 * check past both is refused before anything is stored, so nothing accepted is ever dropped.
 */
export class CheckSlots {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {}

  /** Takes a place or throws ChecksBusy; `queued` says whether the check must wait for a slot. */
  enter(): { queued: boolean; run: <T>(task: () => Promise<T>) => Promise<T> } {
    if (this.queue.length >= this.waiting) throw new ChecksBusy(this.queue.length, 30);
    const queued = this.active >= this.running;
    const turn = queued ? new Promise<void>((resolve) => this.queue.push(resolve)) : Promise.resolve();
    // Counted at once, so the next caller already sees this check's slot taken.
    if (!queued) this.active += 1;
    return {
      queued,
      run: async (task) => {
        await turn;
        try {
          return await task();
        } finally {
          const next = this.queue.shift();
          if (next) next();
          else this.active -= 1;
        }
      },
    };
  }
}

/** `<portalId>.<time><random>`: the portal is the record's partition, so the id must carry it. */
export function newCheckId(portalId: string, now: Date): string {
  return `${portalId}.${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
}

const CHECK_ID = new RegExp(`^(${PORTAL_ID_SOURCE})\\.[a-z0-9]{8,40}$`);

export function portalOfCheckId(checkId: string): string | null {
  const m = CHECK_ID.exec(checkId);
  return m ? m[1]! : null;
}

/** Errors whose message is written for the caller; anything else is ours and is not shown. */
class CheckFailed extends Error {}

/**
 * Runs a check taken from the queue to its end. A redelivered message, or a check another
 * attempt has answered, returns that answer: crawling again would only rewrite its pages and
 * findings.
 */
export async function runCheck(job: Omit<CheckMessage, 'kind'>, deps: CheckDeps): Promise<CheckRecord> {
  const answered = await deps.repo.getCheck(job.portalId, job.checkId, true);
  if (answered && answered.status !== 'running') return answered;
  return attemptCheck(job, deps);
}

/**
 * Runs a check and stores the answer (or the failure) under its id. When another attempt of the
 * same check answered first, that answer is kept and returned.
 */
async function attemptCheck(job: Omit<CheckMessage, 'kind'>, deps: CheckDeps): Promise<CheckRecord> {
  const now = () => deps.now?.() ?? new Date();
  const requestedAt = job.requestedAt ? new Date(job.requestedAt) : now();
  const base = {
    checkId: job.checkId,
    portalId: job.portalId,
    url: job.url,
    asOf: job.asOf,
    requestedAt: requestedAt.toISOString(),
    expiresAt: expiresAfter(requestedAt, CHECK_DAYS),
  };
  const portal = deps.config.portals.find((p) => p.id === job.portalId);
  let record: CheckRecord;
  try {
    if (!portal) throw new CheckFailed(`portal ${job.portalId} is no longer configured`);
    // Again when the check runs from the queue: DNS may have changed since the API accepted it.
    const refused = deps.allowPrivateAddresses
      ? null
      : await refusePrivateHost(new URL(job.url).hostname, deps.resolve);
    if (refused) throw new CheckFailed(refused);
    // In AWS every connection is re-checked as it is made (DNS rebinding); locally any address goes.
    const fetcher =
      deps.fetcherFor?.(portal) ??
      (deps.allowPrivateAddresses ? undefined : portalFetcher(portal, { dispatcher: publicOnlyAgent() }));
    try {
      const result = await checkUrl(
        { config: { portals: [portal] }, url: job.url, asOf: job.asOf },
        { repo: deps.repo, fetcher, now: deps.now },
      );
      record = { ...base, status: 'done', finishedAt: now().toISOString(), result: checkJson(result) };
    } finally {
      if (fetcher && !deps.fetcherFor) await fetcher.close();
    }
  } catch (e) {
    if (e instanceof WritesFenced) throw e; // handed on: the queued attempt answers, not this one
    const known = e instanceof CheckFailed || e instanceof CheckRefused;
    // A store or programming error says nothing useful to the caller and may say too much.
    if (!known) deps.onInternalError?.(e as Error, job.checkId);
    const error = known
      ? (e as Error).message
      : `the check failed inside the service; quote check id ${job.checkId} to the operator`;
    record = { ...base, status: 'failed', finishedAt: now().toISOString(), error };
  }
  return deps.repo.finishCheck(record);
}

export type StartedCheck = { finished: true; record: CheckRecord } | { finished: false; record: CheckRecord };

export async function startCheck(
  job: { portal: PortalConfig; url: string; asOf: string },
  budgetMs: number,
  deps: CheckDeps,
): Promise<StartedCheck> {
  // Before the record is written: a refused check leaves nothing behind.
  const slot = deps.slots?.enter();
  const now = deps.now?.() ?? new Date();
  const message: CheckMessage = {
    kind: 'check',
    checkId: newCheckId(job.portal.id, now),
    portalId: job.portal.id,
    url: job.url,
    asOf: job.asOf,
    requestedAt: now.toISOString(),
  };
  const running: CheckRecord = {
    checkId: message.checkId,
    portalId: message.portalId,
    url: message.url,
    asOf: message.asOf,
    status: 'running',
    requestedAt: now.toISOString(),
    expiresAt: expiresAfter(now, CHECK_DAYS),
  };
  try {
    await deps.repo.putCheck(running);
  } catch (e) {
    slot?.run(async () => {}).catch(() => {}); // gives the place back
    throw e;
  }
  // In AWS an inline attempt past its budget is frozen with the Lambda and may wake in a later
  // invocation; from the hand-off on, the queued attempt owns the check and this one may not write.
  const handOff = new AbortController();
  // Just created as running: nothing to read back before the first attempt.
  const attempt = () =>
    attemptCheck(message, deps.queue ? { ...deps, repo: deps.repo.fencedBy(handOff.signal) } : deps);
  const work = slot ? slot.run(attempt) : attempt();
  // Whatever happens to the inline attempt after the answer, it must not become an unhandled
  // rejection; the queued attempt (AWS) or the stored record (serve) carries the outcome.
  work.catch((e: Error) => {
    if (!(e instanceof WritesFenced)) deps.onInternalError?.(e, message.checkId);
  });
  let timer: NodeJS.Timeout | undefined;
  // A check that must wait for a slot is answered 202 at once: its turn may be minutes away.
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), slot?.queued ? 0 : budgetMs)));
  const done = await Promise.race([work, late]);
  clearTimeout(timer);
  if (done) return { finished: true, record: done };
  if (deps.queue) {
    handOff.abort();
    await deps.queue.send([message]);
  }
  return { finished: false, record: running };
}
