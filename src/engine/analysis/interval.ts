/** Closed integer-or-real intervals, for over-approximating what play can produce. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export const point = (value: number): Interval => ({ lo: value, hi: value });
export const join = (a: Interval, b: Interval): Interval => ({ lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) });
export const joinMaybe = (a: Interval | null, b: Interval | null): Interval | null => (a && b ? join(a, b) : a ?? b);
export const sameInterval = (a: Interval | null, b: Interval | null): boolean => a === b || (!!a && !!b && a.lo === b.lo && a.hi === b.hi);
export const clampInterval = (i: Interval, min: number, max: number): Interval => ({
  lo: Math.min(max, Math.max(min, i.lo)),
  hi: Math.min(max, Math.max(min, i.hi)),
});
export const shift = (i: Interval, by: Interval): Interval => ({ lo: i.lo + by.lo, hi: i.hi + by.hi });

/** The part of `i` that satisfies `{ gte, lte, gt, lt }` over integers, or null when none does. */
export function restrict(i: Interval, range: { gte?: number | undefined; lte?: number | undefined; gt?: number | undefined; lt?: number | undefined }): Interval | null {
  let { lo, hi } = i;
  if (range.gte !== undefined) lo = Math.max(lo, range.gte);
  if (range.gt !== undefined) lo = Math.max(lo, range.gt + 1);
  if (range.lte !== undefined) hi = Math.min(hi, range.lte);
  if (range.lt !== undefined) hi = Math.min(hi, range.lt - 1);
  return lo <= hi ? { lo, hi } : null;
}
