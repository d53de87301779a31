import type { z } from 'zod';

// zod's own messages ("Invalid input: expected number, received string") are written for
// programmers; a bureau's webmaster gets the path, what is wrong in plain words, and the fix.

export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || '(top level)';
}

/** What a JSON value is, as the file's author would say it. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a fraction';
  if (typeof value === 'boolean') return 'true/false';
  return 'an object';
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ … ]',
  object: 'an object { … }',
  record: 'an object { … }',
};

/** The value the issue is about, and whether its field is there at all. */
function valueAt(data: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let node: unknown = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg as PropertyKey))
      return { present: false };
    node = (node as Record<PropertyKey, unknown>)[seg as PropertyKey];
  }
  return { present: true, value: node };
}

/** A value quoted in a message: short, whatever the file holds. */
const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

// A message given in the schema says more than zod's generic one; zod's start with these words.
const GENERIC = /^(Invalid|Too (big|small)|Expected|Required)/;

function sizeText(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, value: unknown): string {
  const bound = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const limit = issue.code === 'too_big' ? `at most ${bound}` : `at least ${bound}`;
  if (issue.origin === 'string') {
    const length = typeof value === 'string' ? value.length : 0;
    if (issue.code === 'too_small' && length === 0) return 'must not be empty. Fix: fill it in or leave the field out';
    return `is ${length} characters long; ${limit} are allowed. Fix: ${issue.code === 'too_big' ? 'shorten it' : 'lengthen it'}`;
  }
  if (issue.origin === 'array') {
    const entries = Array.isArray(value) ? value.length : 0;
    return `has ${entries} entries; ${limit} are allowed. Fix: ${issue.code === 'too_big' ? 'split or shorten the list' : 'add entries'}`;
  }
  if (issue.code === 'too_small' && bound === 0 && !issue.inclusive) return 'must be above 0. Fix: correct the value';
  return `must be ${limit}, not ${show(value)}. Fix: correct the value`;
}

export function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const at = pathOf(issue.path);
  const { present, value } = valueAt(data, issue.path);
  const custom = !GENERIC.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}. Fix: remove or rename ${issue.keys.length > 1 ? 'them' : 'it'} (see docs/config.md for the allowed fields).`;
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (!present) return `${at}: required field is missing. Fix: add it (expected ${expected}).`;
      if (custom) return `${at}: ${issue.message}. Fix: correct the value.`;
      const hint = typeof value === 'string' && issue.expected === 'number' ? ' (write it without quotes)' : '';
      return `${at}: expected ${expected}, got ${kindOf(value)}${hint}. Fix: correct the value.`;
    }
    case 'too_big':
    case 'too_small':
      return custom ? `${at}: ${issue.message}. Fix: correct the value.` : `${at}: ${sizeText(issue, value)}.`;
    case 'invalid_value':
      return custom
        ? `${at}: ${issue.message}. Fix: correct the value.`
        : `${at}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${show(value)}. Fix: correct the value.`;
    case 'invalid_union':
      return custom
        ? `${at}: ${issue.message}. Fix: correct the value.`
        : `${at}: ${kindOf(value)} is not one of the forms this field takes. Fix: see docs/config.md for its shape.`;
    default:
      return `${at}: ${issue.message}. Fix: correct the value.`;
  }
}
