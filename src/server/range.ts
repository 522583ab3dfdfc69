/** Date ranges in queries (the exports, the programme page): a date alone names the whole of that day, in UTC. */
import { ApiError } from '../api/errors.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface TimeRange {
  /** Inclusive start and exclusive end, in ms since the epoch; null leaves that end open. */
  readonly from: number | null;
  readonly to: number | null;
}

/** `from` and `to` as the API schemas accept them (a date or an ISO time); refuses an end that is not after the start. */
export function timeRange(from: string | undefined, to: string | undefined): TimeRange {
  const range = { from: from === undefined ? null : instant(from, 0), to: to === undefined ? null : instant(to, DAY_MS) };
  if (range.from !== null && range.to !== null && range.to <= range.from) throw new ApiError('SB_API_INVALID', 'query.to: must be after query.from');
  return range;
}

/** A date alone is midnight UTC, plus `dateShift` (a day for `to`, so the whole day is taken in). */
function instant(value: string, dateShift: number): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) + dateShift : Date.parse(value);
}
