/**
 * A demo's history told as dated chapters on the install's demo clock (core/module.ts DemoClock): each chapter on its
 * own day, in date order, so every step is checked as a user's would be on that day.
 */
import type { DemoClock } from './module.js';

/** One day of a story: its time (Beijing, 'YYYY-MM-DDTHH:mm'), what is done on it, and whether it is told without the demo clock too. */
export type Chapter = [string, () => Promise<unknown>, 'undated'?];

/**
 * Tell the chapters in date order and return how many were told. On the demo clock every chapter dated before its
 * start, each on its own day, stopping at the first that is not (a step is never dated in the future, and one that
 * waits on a notice is never told before the notice ends); without the clock, only the undated ones, now.
 */
export async function tellStory(story: Chapter[], clock?: DemoClock): Promise<number> {
  const ordered = [...story].sort((a, b) => a[0].localeCompare(b[0]));
  let told = 0;
  for (const [at, run, undated] of ordered) {
    const iso = `${at}:00+08:00`;
    if (clock ? Date.parse(iso) >= Date.parse(clock.start) : !undated) {
      if (clock) break;
      continue;
    }
    clock?.at(iso);
    await run();
    told++;
  }
  clock?.resume();
  return told;
}
