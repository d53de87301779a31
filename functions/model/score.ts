// The inspection score estimate's shape (检查评分估算; functions/score/ works it out, docs/score.md
// says how). Here, below the store, because every scan record keeps its estimate for the trend.

export const SCORE_PARTS = ['发布解读', '办事服务', '互动交流', '功能设计'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export type Verdict = '合格' | '不合格';

export interface ScoreLine {
  lineId: string;
  indicator: string;
  part: ScorePart;
  source: string;
  /** Per finding, and the most the line deducts (after the portal's overrides). */
  points: number;
  maxPoints: number;
  count: number;
  /** After the line's maximum, before its part's cap. */
  deducted: number;
}

/** Resolving the counted findings of one line for one department. */
export interface ScoreFix {
  lineId: string;
  indicator: string;
  part: ScorePart;
  department: string;
  findingIds: string[];
  /** Points the score would actually rise by, after every cap. */
  points: number;
  /** e.g. "处理土地利用科的「政策文件类一级栏目6个月未更新」（1 处），估计可加 5 分" */
  text: string;
}

export interface ScoreEstimate {
  /** Always true: only some deduction values are public (docs/score.md). */
  estimate: true;
  verdict: Verdict;
  /** Why 不合格: "单项否决：泄露个人隐私 1/1", "得分低于60（52）"; empty when 合格. */
  reasons: string[];
  /** 100 minus the capped deductions, to one decimal; computed even when a veto item decides the verdict. */
  score: number;
  byPart: { part: ScorePart; points: number; deducted: number }[];
  /** Departments whose findings deducted points, most first; they add up to 100 − score. */
  byDepartment: { department: string; deducted: number }[];
  /** Lines that counted at least one finding, in table order. */
  lines: ScoreLine[];
  /** The three fixes worth the most points, most first. */
  topFixes: ScoreFix[];
  /** The single-veto items reached, in the inspection's words. */
  vetoItems: string[];
}
