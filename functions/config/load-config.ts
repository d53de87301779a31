import { readFileSync, statSync } from 'node:fs';
import { configSchema, type Config } from './schema.ts';
import { buildLexicon } from './lexicon.ts';
import { configWarnings, documentProblems, lengthProblems, MAX_CONFIG_BYTES } from './document-checks.ts';
import { describeIssue } from './issue-text.ts';

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

/** Where warnings go unless the caller collects them: stderr, beside the command's own output. */
const printWarning = (file: string) => (warning: string) => process.stderr.write(`${file}: warning: ${warning}\n`);

/**
 * Validates a parsed config: sizes first (so an absurd file costs one pass), then the schema,
 * then the checks that need the whole document. Each stage reports every problem it finds.
 * Warnings (legitimate in some files) go to `warn` and do not stop the load.
 */
export function parseConfig(
  data: unknown,
  file = 'config',
  warn: (warning: string) => void = printWarning(file),
): Config {
  const tooLong = lengthProblems(data);
  if (tooLong.length > 0) throw new ConfigError(file, tooLong);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success)
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => describeIssue(issue, data)),
    );
  const problems = [...crossCheck(parsed.data), ...documentProblems(parsed.data)];
  if (problems.length > 0) throw new ConfigError(file, problems);
  configWarnings(parsed.data).forEach(warn);
  return parsed.data;
}

export function loadConfig(file: string, warn?: (warning: string) => void): Config {
  let text: string;
  try {
    // Checked before reading: a multi-gigabyte file would exhaust memory before any message.
    const size = statSync(file).size;
    if (size > MAX_CONFIG_BYTES)
      throw new ConfigError(file, [
        `is ${(size / 1024 / 1024).toFixed(1)} MB; a config is at most ${MAX_CONFIG_BYTES / 1024 / 1024} MB. Fix: check that --config names the portal config (a real one is well under 1 MB).`,
      ]);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
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
  return parseConfig(data, file, warn);
}
