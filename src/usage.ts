// Wrong usage (exit code 2) and the "did you mean" suggestion for a mistyped id.

export class UsageError extends Error {}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest known id, if it is close enough to be a typo. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = distance(word.toLowerCase(), k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  // Short ids allow one slip, longer ones two (a swapped pair of letters counts as two).
  if (bestDistance <= (word.length <= 3 ? 1 : 2)) return best;
  // A part of an id (`maryia` for `maryia-kalesnikava`): the one id that begins with it or holds it.
  const w = word.toLowerCase();
  const holding = known.filter((k) => k.toLowerCase().startsWith(w) || (w.length >= 3 && k.toLowerCase().includes(w)));
  return holding.length === 1 ? holding[0] : undefined;
}
