import type { ColumnConfig, PortalConfig } from '../../functions/config/schema.ts';
import type { ColumnRecord, ItemSnapshot, PageRecord } from '../../functions/store/records.ts';

// Stored records as the stats command reads them back: a page starts with no title and no dates,
// so each test states exactly the metadata it counts.

export const HOST = 'http://gtj.example.gov.cn';

export const col = (id: string, name: string, kind: ColumnConfig['kind'], department?: string): ColumnConfig => ({
  id,
  name,
  kind,
  url: `${HOST}/${id}/index.html`,
  ...(department ? { department } : {}),
});

export const portal = (columns: ColumnConfig[]): PortalConfig => ({
  id: 'mhk-gtj',
  name: '梅河口市国土资源局',
  homepage: `${HOST}/index.html`,
  columns,
  departments: [{ name: '办公室' }, { name: '土地利用科' }, { name: '法规科' }],
});

export const item = (slug: string, title: string, date: string | null): ItemSnapshot => ({
  title,
  url: `${HOST}/i/${slug}.html`,
  date,
});

export const record = (columnId: string, items: ItemSnapshot[]): ColumnRecord => ({
  columnId,
  fetch: { ok: true, status: 200 },
  listPages: 1,
  items,
  placeholder: null,
  warnings: [],
  failStreak: 0,
  listCache: [],
  stateHash: 'x',
  scanId: 's',
});

export const page = (slug: string, columnId: string, over: Partial<PageRecord> = {}): PageRecord => ({
  url: `${HOST}/i/${slug}.html`,
  columnId,
  fetch: { ok: true, status: 200 },
  title: null,
  indexNo: null,
  docNo: null,
  publisher: null,
  generatedDate: null,
  publishedDate: null,
  validity: null,
  bodyChars: 500,
  attachments: 0,
  hasBody: true,
  notFound: false,
  firstSeen: '2018-01-14',
  fetchedAt: '2018-01-14T00:00:00Z',
  ...over,
});
