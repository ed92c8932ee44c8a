// A line diff (longest common subsequence) of two versions of an English file, printed as changed
// lines with one line of context: what a translator must update in an outdated translation.
// Removed lines carry their number in the old English, added and unchanged ones in the current one.
// Content files are a few hundred lines, so the quadratic table is small.

export function lineDiff(before: string, after: string, context = 1): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: { op: ' ' | '-' | '+'; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Removed lines before added ones, numbered in the version they belong to (old for -, new for +).
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', text: a[i++], line: ++j });
    else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', text: a[i], line: ++i });
    else ops.push({ op: '+', text: b[j], line: ++j });
  }
  const near = (k: number) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.op !== ' ');
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (o.op !== ' ' || near(k)) {
      if (skipped && out.length) out.push('…');
      skipped = false;
      out.push(`${o.op === ' ' ? ' ' : o.op} ${String(o.line).padStart(4)}| ${o.text}`);
    } else skipped = true;
  });
  return out;
}
