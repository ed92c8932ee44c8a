// Running builds from tests: the real build function, into a temporary folder.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildRequest } from '../../src/commands/build.js';
import { run } from '../../src/cli/main.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

export function tempDir(prefix = 'wp-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A writable copy of the bundled English content (and nothing else), for tests that change it. */
export function copyContent(locales = ['en']): string {
  const dir = tempDir('wp-content-');
  for (const l of locales) cpSync(path.join(REPO, 'content', l), path.join(dir, 'content', l), { recursive: true });
  return dir;
}

export async function buildInto(request: BuildRequest) {
  return build({ cwd: REPO, ...request });
}

/** Run the CLI in-process; returns exit code and what it printed. */
export async function cli(args: string[], cwd = REPO) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
