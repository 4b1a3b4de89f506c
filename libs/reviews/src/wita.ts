/**
 * Calendar days and months in Bali's time (WITA, UTC+8, no daylight saving): a sale at
 * 07:00 in Ubud belongs to that day, not to the previous UTC day.
 */
export const WITA = 'Asia/Makassar';
const OFFSET_MS = 8 * 3600_000;

/** The WITA calendar date (YYYY-MM-DD) of an instant. */
export function witaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a WITA calendar date (YYYY-MM-DD) starts. */
export function witaStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Every month (YYYY-MM) touched by the dates from `from` to `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return months;
}
