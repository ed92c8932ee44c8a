// npm's prepare script in a checkout compiles only what changed since dist/ was built: npm runs it
// again when `npx workshop-pack` first links a clone into its npx folder, and compiling the same
// sources twice cost that first command ~6 s and a 366 MB tsc.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/build.js';
// @ts-expect-error: a plain ES module script, without types
import { compiledIsCurrent } from '../../scripts/prepare.mjs';

const SOURCES = ['src/cli/main.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/bundle-cli.mjs', 'scripts/prepare.mjs', 'node_modules/.package-lock.json'];
const BUILT = ['dist/cli/main.js', 'dist/workshop-pack.cjs'];

/** A checkout with its sources dated at 1000 s and its compiled files at 2000 s (seconds since 1970). */
function checkout(): string {
  const root = tempDir('wp-prepare-');
  for (const file of [...SOURCES, ...BUILT]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  for (const dir of ['src/cli', 'src']) utimesSync(path.join(root, dir), 1000, 1000);
  for (const file of SOURCES) utimesSync(path.join(root, file), 1000, 1000);
  for (const file of BUILT) utimesSync(path.join(root, file), 2000, 2000);
  return root;
}

describe('prepare in a checkout', () => {
  it('takes dist/ as current when it is newer than every source, and stale when any one is newer', () => {
    expect(compiledIsCurrent(checkout())).toBe(true);
    for (const file of SOURCES) {
      const root = checkout();
      utimesSync(path.join(root, file), 3000, 3000);
      expect([file, compiledIsCurrent(root)]).toEqual([file, false]);
    }
  });

  it('takes a deleted source (its folder changed), a new one, or a missing bundle as stale', () => {
    const deleted = checkout();
    utimesSync(path.join(deleted, 'src/cli'), 3000, 3000);
    expect(compiledIsCurrent(deleted)).toBe(false);

    const added = checkout();
    writeFileSync(path.join(added, 'src/cli/new.ts'), ''); // dated now
    utimesSync(path.join(added, 'src/cli'), 1000, 1000);
    expect(compiledIsCurrent(added)).toBe(false);

    const unbundled = checkout();
    rmSync(path.join(unbundled, 'dist/workshop-pack.cjs'));
    expect(compiledIsCurrent(unbundled)).toBe(false);
  });

  it('as npm runs it: leaves a current dist/ as it is and says so, and compiles a stale one', () => {
    const root = checkout();
    copyFileSync(path.join(REPO, 'scripts/prepare.mjs'), path.join(root, 'scripts/prepare.mjs'));
    utimesSync(path.join(root, 'scripts/prepare.mjs'), 1000, 1000);
    const current = spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: root, encoding: 'utf8' });
    expect(current.status).toBe(0);
    expect(current.stdout).toBe(''); // npm pack --json prints its JSON there
    expect(current.stderr).toMatch(/not compiled again/);
    expect(BUILT.map((f) => statSync(path.join(root, f)).mtimeMs)).toEqual([2_000_000, 2_000_000]);

    // This checkout has no TypeScript to compile with: the attempt fails, and says why.
    utimesSync(path.join(root, 'src/cli/main.ts'), 3000, 3000);
    const stale = spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: root, encoding: 'utf8' });
    expect(stale.status).not.toBe(0);
    expect(stale.stderr).not.toMatch(/not compiled again/);
    expect(stale.stderr).toMatch(/^prepare: .*typescript/m);
  });
});
