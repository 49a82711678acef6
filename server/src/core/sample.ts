/**
 * Reproducible sampling for the spot checks the gazette asks of a programme (「按比例进行抽查」, 「抽验比例不低于…10%」):
 * anyone holding the seed draws the same records again, so a recorded draw can be verified by redrawing it. Web
 * Crypto rather than node:crypto, so that the rules files the web page imports may use this file too.
 */

/** How many of n records a sample of at least `percent` % takes: rounded up, at least one (none of none). */
export const sampleSize = (n: number, percent: number): number => (n === 0 ? 0 : Math.max(1, Math.ceil((n * percent) / 100)));

const hex = async (s: string) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The first `size` of `ids` ordered by sha256(`${seed}:${id}`): the same seed and ids always give the same sample. */
export async function seededSample<T extends number | string>(ids: readonly T[], seed: string, size: number): Promise<T[]> {
  const keyed = await Promise.all(ids.map(async (id) => ({ id, k: await hex(`${seed}:${id}`) })));
  return keyed
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, size)
    .map((x) => x.id);
}
