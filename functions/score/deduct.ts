import { PART_CAPS, SCORE_PARTS, type DeductionLine, type ScorePart } from './table.ts';

// The arithmetic of the deduction part (扣分指标): each line deducts its points per counted finding
// up to its own maximum, and each part's deductions stop at the part's points ("各项指标扣分总和
// 不超过该指标总分"). Everything is added in tenths of a point, so 0.5-point lines never leave a
// float remainder that could tip a verdict at 60.

export const toTenths = (points: number) => Math.round(points * 10);
export const fromTenths = (tenths: number) => tenths / 10;

export interface Deductions {
  /** Per line, in table order: what the line deducts after its own maximum (before the part cap). */
  lineTenths: number[];
  /** Per part: the sum of its lines, capped at the part's points. */
  partTenths: Record<ScorePart, number>;
  /** Per part: the sum of its lines before the part cap. */
  uncappedPartTenths: Record<ScorePart, number>;
  totalTenths: number;
}

/** `counts[i]`: how many counted findings line `i` matched. */
export function deduct(lines: readonly DeductionLine[], counts: readonly number[]): Deductions {
  const lineTenths = lines.map((line, i) =>
    Math.min((counts[i] ?? 0) * toTenths(line.points), toTenths(line.maxPoints)),
  );
  const uncappedPartTenths = Object.fromEntries(SCORE_PARTS.map((p) => [p, 0])) as Record<ScorePart, number>;
  lines.forEach((line, i) => (uncappedPartTenths[line.part] += lineTenths[i]!));
  const partTenths = { ...uncappedPartTenths };
  let totalTenths = 0;
  for (const cap of PART_CAPS) {
    partTenths[cap.part] = Math.min(uncappedPartTenths[cap.part], toTenths(cap.points));
    totalTenths += partTenths[cap.part];
  }
  return { lineTenths, partTenths, uncappedPartTenths, totalTenths };
}

/**
 * Splits the total deduction over departments in proportion to what their findings deducted,
 * after both caps, so the parts add up to the total exactly: whole tenths by the largest remainder.
 * `owners[i]` lists the department of each finding line `i` counted.
 */
export function splitByDepartment(
  lines: readonly DeductionLine[],
  owners: readonly string[][],
  d: Deductions,
): { department: string; deducted: number }[] {
  const exact = new Map<string, number>();
  lines.forEach((line, i) => {
    const n = owners[i]!.length;
    const partScale =
      d.uncappedPartTenths[line.part] === 0 ? 0 : d.partTenths[line.part] / d.uncappedPartTenths[line.part];
    const perFinding = n === 0 ? 0 : (d.lineTenths[i]! / n) * partScale;
    for (const dept of owners[i]!) exact.set(dept, (exact.get(dept) ?? 0) + perFinding);
  });
  const rows = [...exact].map(([department, share]) => ({ department, share, tenths: Math.floor(share + 1e-9) }));
  let left = d.totalTenths - rows.reduce((sum, r) => sum + r.tenths, 0);
  const byRemainder = [...rows].sort(
    (a, b) => b.share - b.tenths - (a.share - a.tenths) || a.department.localeCompare(b.department, 'zh'),
  );
  for (const r of byRemainder) {
    if (left <= 0) break;
    r.tenths += 1;
    left -= 1;
  }
  return rows
    .filter((r) => r.tenths > 0)
    .sort((a, b) => b.tenths - a.tenths || a.department.localeCompare(b.department, 'zh'))
    .map((r) => ({ department: r.department, deducted: fromTenths(r.tenths) }));
}
