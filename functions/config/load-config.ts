import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema, type Config } from './schema.ts';
import { buildLexicon } from './lexicon.ts';

// Reads and validates a portal config. Every problem is reported with its JSON path and a fix,
// all at once, so a bureau's webmaster can correct the file in one pass.

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: the config is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = pathOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}. Fix: remove or rename ${issue.keys.length > 1 ? 'them' : 'it'} (see docs/config.md for the allowed fields).`;
    case 'invalid_type':
      return issue.input === undefined
        ? `${at}: required field is missing. Fix: add it (expected ${issue.expected}).`
        : `${at}: expected ${issue.expected}. Fix: correct the value.`;
    default:
      return `${at}: ${issue.message}. Fix: correct the value.`;
  }
}

/** Checks that need the whole document: unique ids, departments that exist. */
function crossCheck(config: Config): string[] {
  const problems: string[] = [];
  const portalIds = new Map<string, number>();
  config.portals.forEach((portal, pi) => {
    const at = `portals[${pi}]`;
    const seen = portalIds.get(portal.id);
    if (seen !== undefined)
      problems.push(`${at}.id: "${portal.id}" is already used by portals[${seen}]. Fix: give each portal its own id.`);
    portalIds.set(portal.id, pi);
    // The lexicons merge with the built-in files: a clash shows here, at load, not mid-scan.
    try {
      buildLexicon(portal.lexicons);
    } catch (e) {
      problems.push(`${at}.lexicons: ${(e as Error).message}.`);
    }

    const departments = new Set((portal.departments ?? []).map((d) => d.name));
    const known = [...departments].join(', ') || 'none declared';
    const columnIds = new Map<string, number>();
    portal.columns.forEach((column, ci) => {
      const cat = `${at}.columns[${ci}]`;
      const dup = columnIds.get(column.id);
      if (dup !== undefined)
        problems.push(
          `${cat}.id: "${column.id}" is already used by ${at}.columns[${dup}]. Fix: give each column its own id.`,
        );
      columnIds.set(column.id, ci);
      if (column.department && !departments.has(column.department)) {
        problems.push(
          `${cat}.department: "${column.department}" is not one of the portal's departments (${known}). Fix: add it to ${at}.departments or correct the name.`,
        );
      }
    });
    // Probes reach only the portal's own hosts, like every other request the service makes.
    const hosts = new Set([portal.homepage, ...portal.columns.map((c) => c.url)].map((u) => new URL(u).host));
    (portal.probeUrls ?? []).forEach((url, ui) => {
      const host = new URL(url).host;
      if (!hosts.has(host))
        problems.push(
          `${at}.probeUrls[${ui}]: ${host} is not one of the portal's hosts (${[...hosts].join(', ')}). Fix: probe a page of the portal itself.`,
        );
    });
    (portal.recipients ?? []).forEach((r, ri) => {
      const rat = `${at}.recipients[${ri}]`;
      if (r.role === 'department' && !r.department)
        problems.push(
          `${rat}.department: a "department" recipient needs the department it heads. Fix: add "department".`,
        );
      if (r.department && !departments.has(r.department)) {
        problems.push(
          `${rat}.department: "${r.department}" is not one of the portal's departments (${known}). Fix: add it to ${at}.departments or correct the name.`,
        );
      }
    });
  });
  return problems;
}

export function parseConfig(data: unknown, file = 'config'): Config {
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map(describeIssue));
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return parsed.data;
}

export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      code === 'ENOENT'
        ? 'file not found. Fix: pass the path of an existing config with --config FILE.'
        : `cannot be read (${code}).`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [`not valid JSON: ${(e as Error).message}. Fix: correct the syntax.`]);
  }
  return parseConfig(data, file);
}
