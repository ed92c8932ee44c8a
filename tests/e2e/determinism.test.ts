// The same input gives the same bytes, whatever else the process built before or alongside: one
// document built alone in a fresh process equals the same document built within a larger build.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInto, REPO, tempDir } from '../helpers/build.js';

const EPOCH = '1733788800';

/** The compiled CLI in a fresh process (npm ci compiles dist/ through `prepare`). */
function buildAlone(args: string[]): string {
  const out = tempDir('wp-alone-');
  execFileSync(process.execPath, [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', ...args, '--out', out], { cwd: REPO, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
  return out;
}

describe('output does not depend on what else was built', () => {
  it('an Arabic pack and an English story are byte-identical alone and within a bigger build', async () => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    const together = tempDir('wp-together-');
    await buildInto({ locales: ['en'], outDir: together });
    await buildInto({ locales: ['ar'], docs: ['udhr', 'story', 'pack'], outDir: together });
    const pack = buildAlone(['--locale', 'ar', '--doc', 'pack']);
    const story = buildAlone(['--locale', 'en', '--doc', 'story']);
    const bytes = (dir: string, locale: string, doc: string) => readFileSync(path.join(dir, 'maryia-kalesnikava', locale, `${doc}.pdf`));
    expect(bytes(pack, 'ar', 'pack').equals(bytes(together, 'ar', 'pack'))).toBe(true);
    expect(bytes(story, 'en', 'story').equals(bytes(together, 'en', 'story'))).toBe(true);
  });
});
