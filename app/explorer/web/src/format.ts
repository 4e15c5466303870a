// Numbers as a Chinese reader expects them: 万元 with thousands separators and two decimals.
const WAN = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

export const DASH = "—";

/** 1531.22 → "1,531.22"; null → "—" (the document does not state it, never 0). */
export function wan(value: number | null | undefined): string {
  return value == null ? DASH : WAN.format(value);
}

/** With the unit: "1,531.22 万元". */
export function wanUnit(value: number | null | undefined): string {
  return value == null ? DASH : `${WAN.format(value)} 万元`;
}

export function count(value: number | null | undefined): string {
  return value == null ? DASH : COUNT.format(value);
}

export const KIND: Record<string, string> = { BUDGET: "预算", FINAL_ACCOUNTS: "决算" };

/** Sum of the stated values; null when none is stated. */
export function sum(values: (number | null | undefined)[]): number | null {
  const stated = values.filter((v): v is number => v != null);
  return stated.length ? Math.round(stated.reduce((a, b) => a + b, 0) * 100) / 100 : null;
}

/** "第 3 页 第 10–12 行" */
export function where(source: { page: number | null; lineStart: number | null; lineEnd: number | null } | null): string {
  if (!source) return DASH;
  const page = source.page != null ? `第 ${source.page} 页 ` : "";
  const { lineStart: a, lineEnd: b } = source;
  const lines = a == null ? "" : b != null && b !== a ? `第 ${a}–${b} 行` : `第 ${a} 行`;
  return (page + lines).trim() || DASH;
}

export function fileName(path: string | null | undefined): string {
  return path ? path.split(/[\\/]/).pop() ?? path : DASH;
}
