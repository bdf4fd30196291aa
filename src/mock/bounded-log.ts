/**
 * The request and violation logs as rings: past their limit the oldest entry goes, so a mock bin
 * left running for days holds a fixed number of entries however many requests it answers.
 */

/** The default number of entries each log keeps. */
export const DEFAULT_MAX_LOG_ENTRIES = 10_000;

/** Appends `entry`, dropping the oldest entries beyond `max` (the array stays the public, readable log). */
export function pushBounded<T>(log: T[], entry: T, max: number): void {
  log.push(entry);
  // V8 moves the start of the backing store on shift(): no copy of the whole log per request.
  while (log.length > max) log.shift();
}
