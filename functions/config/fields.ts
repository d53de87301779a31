import * as z from 'zod';
import { isIsoDate } from '../calendar/dates.ts';
import { hasCredentials, parseHttpUrl } from '../common/url.ts';

// Field types the config schemas share. Every free text has a ceiling: a value far past any real
// one (a 50 MB name) is a mistake, and caught here it never reaches a crawl, a key or a mail.

/** Browsers and CDNs stop near 2,000 characters; no portal page's address is longer. */
export const MAX_URL_LENGTH = 2048;
/** A portal, column, department or person's name, a rule's short text. */
export const MAX_NAME_LENGTH = 100;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'is not a calendar date (no such day in that month), e.g. "2019-02-28"' });

export const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((s) => parseHttpUrl(s) !== null, {
    message: 'must be an absolute http:// or https:// URL, e.g. "http://www.example.gov.cn/index.html"',
  })
  .refine((s) => !hasCredentials(parseHttpUrl(s) ?? new URL('http://x')), {
    message:
      'must not carry credentials (user:password@): they would be stored, shown in reports and sent with every request. Fix: remove them',
  });

export const shortName = z.string().min(1).max(MAX_NAME_LENGTH);
