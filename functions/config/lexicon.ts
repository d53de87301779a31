import seriousData from './lexicons/serious.json' with { type: 'json' };
import typoData from './lexicons/typos.json' with { type: 'json' };
import {
  lexiconFileSchema,
  type FallenOfficial,
  type Leader,
  type LexiconEntry,
  type LexiconsConfig,
} from './lexicon-schema.ts';

// The lexicons wording-error matches: the built-in data files, checked once when the module loads
// (a broken file fails at cold start, never mid-scan), merged with a portal's own `lexicons` block.

export type EntryKind = 'serious' | 'typo';

export interface KindedEntry extends LexiconEntry {
  kind: EntryKind;
}

export interface Lexicon {
  entries: KindedEntry[];
  leaders: Leader[];
  fallenOfficials: FallenOfficial[];
}

function parseFile(data: unknown, file: string, kind: EntryKind): KindedEntry[] {
  const parsed = lexiconFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`lexicon ${file} is invalid: ${parsed.error.message}`);
  if (parsed.data.kind !== kind) throw new Error(`lexicon ${file} says kind "${parsed.data.kind}", expected "${kind}"`);
  return parsed.data.entries.map((e) => ({ ...e, kind }));
}

/** The built-in entries, serious first. */
export const BUILT_IN_ENTRIES: readonly KindedEntry[] = [
  ...parseFile(seriousData, 'serious.json', 'serious'),
  ...parseFile(typoData, 'typos.json', 'typo'),
];

/** Built-ins plus the portal's block; a duplicate id or an exception for an unknown id is an error. */
export function buildLexicon(block: LexiconsConfig | undefined, builtIn: readonly KindedEntry[] = BUILT_IN_ENTRIES) {
  const entries = [
    ...builtIn,
    ...(block?.serious ?? []).map((e) => ({ ...e, kind: 'serious' as const })),
    ...(block?.typos ?? []).map((e) => ({ ...e, kind: 'typo' as const })),
  ].map((e) => ({ ...e, exceptions: [...(e.exceptions ?? [])] }));
  const byId = new Map<string, KindedEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new Error(`lexicon entry id "${e.id}" is used twice; ids must be unique`);
    byId.set(e.id, e);
  }
  for (const x of block?.exceptions ?? []) {
    const e = byId.get(x.id);
    if (!e) throw new Error(`lexicons.exceptions names "${x.id}", which is no lexicon entry`);
    e.exceptions!.push(...x.contexts);
  }
  return { entries, leaders: block?.leaders ?? [], fallenOfficials: block?.fallenOfficials ?? [] } satisfies Lexicon;
}

// One lexicon per config block: the config object lives as long as the process uses it.
const cache = new WeakMap<object, Lexicon>();
const NO_BLOCK = {};

/** The lexicon of a portal config's `lexicons` block (built once per block). */
export function lexiconOf(block: LexiconsConfig | undefined): Lexicon {
  const key = block ?? NO_BLOCK;
  let lex = cache.get(key);
  if (!lex) cache.set(key, (lex = buildLexicon(block)));
  return lex;
}
