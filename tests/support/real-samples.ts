import { readFileSync } from 'node:fs';

// The real government pages of tests/fixtures/real-samples and their hand-checked manifest (its
// README says where each page comes from and how `expected` is to be compared).

export const SAMPLES_DIR = new URL('../fixtures/real-samples/', import.meta.url);

export interface ExpectedItem {
  title: string;
  displayText?: string;
  date: string | null;
  href: string;
  docNo?: string | null;
  generatedDate?: string | null;
}

export interface SampleEntry {
  file: string;
  kind: 'detail' | 'list';
  originalUrl: string | null;
  retrievedAt?: string;
  encoding: 'utf-8' | 'gb2312' | 'gbk';
  sha256: string;
  expected: Record<string, unknown> & {
    itemCount?: number;
    firstItem?: ExpectedItem;
    lastItem?: ExpectedItem;
  };
}

export const sampleManifest = JSON.parse(readFileSync(new URL('MANIFEST.json', SAMPLES_DIR), 'utf8')) as SampleEntry[];

/** The sample's bytes, as its site served them. */
export const sampleBytes = (entry: Pick<SampleEntry, 'file'>) => readFileSync(new URL(entry.file, SAMPLES_DIR));

/** The manifest's comparison: collapse whitespace runs, drop U+200B, U+00A0 and U+3000. */
export const norm = (v: unknown): unknown =>
  typeof v === 'string'
    ? v
        .replace(/[\u200b]/g, '')
        .replace(/[\s\u00a0\u3000]+/g, ' ')
        .trim()
    : v;
