import { loadConfig } from '../../functions/config/load-config.ts';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { CheckRefused, checkUrl, portalForUrl, type CheckResult } from '../../functions/scan/check-url.ts';
import { parseCommon, requireConfig, UsageError } from './args.ts';
import { checkJson } from '../../functions/api/json.ts';
import { onShutdown } from './shutdown.ts';

export async function checkCommand(argv: string[]): Promise<number> {
  const opts = parseCommon(argv);
  const url = opts.positionals[0];
  if (!url || opts.positionals.length > 1)
    throw new UsageError('give exactly one URL: disclosure-watch check URL --config FILE');
  const config = loadConfig(requireConfig(opts));
  try {
    portalForUrl(config, url); // refuse before starting anything
  } catch (e) {
    if (e instanceof CheckRefused) throw new UsageError(e.message);
    throw e;
  }
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    const result = await checkUrl({ config, url, asOf: opts.asOf ?? todayInShanghai() }, { repo: await store.repo });
    process.stdout.write(
      (opts.format === 'json' ? JSON.stringify(checkJson(result), null, 2) : checkText(result)) + '\n',
    );
    return 0;
  } finally {
    release();
    await store.close();
  }
}

function checkText(r: CheckResult): string {
  const out = [`${r.url}  (${r.kind === 'list' ? '栏目列表' : '信息页面'}, ${r.portal.name})`];
  if (!r.fetch.ok) out.push(`  无法访问: ${r.fetch.error}`);
  if (r.page) {
    const p = r.page;
    out.push(
      `  标题 ${p.title ?? '—'}`,
      `  索引号 ${p.indexNo ?? '—'} · 文号 ${p.docNo ?? '—'} · 发布机构 ${p.publisher ?? '—'}`,
    );
    out.push(
      `  成文日期 ${p.generatedDate ?? '—'} · 发布日期 ${p.publishedDate ?? '—'} · 正文 ${p.bodyChars} 字 · 附件 ${p.attachments} · 链接 ${p.links}`,
    );
  }
  if (r.list)
    out.push(
      `  ${r.list.items.length} 条信息，${r.list.pages} 页；最新 ${
        r.list.items
          .map((i) => i.date)
          .filter(Boolean)
          .sort()
          .at(-1) ?? '无日期'
      }`,
    );
  out.push(r.findings.length ? `  问题 ${r.findings.length}:` : '  未发现问题');
  for (const f of r.findings) out.push(`    [${f.severity}] ${f.rule} ${f.message}`, `      → ${f.action}`);
  for (const f of r.resolved) out.push(`  ✓ 已整改 ${f.rule} ${f.title}`);
  return out.join('\n');
}
