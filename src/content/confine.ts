// The one place where a path that content names becomes a file on disk. Content comes from
// volunteers and e-mails: a photo.src of "../../../etc/passwd", an absolute path, or a photo.png
// that is a symbolic link to somewhere else must never put a file of the build machine into a PDF.
// Every path resolves inside its root after symbolic links are followed, or it is refused; the
// answer for an outside path never says whether that outside file exists.
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type Resolved =
  | { ok: true; absolute: string }
  | { ok: false; reason: 'missing' | 'outside' | 'broken-link' | 'link-loop' | 'not-a-file' };

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (!real) {
    try {
      real = realpathSync(root);
    } catch {
      real = path.resolve(root);
    }
    realRoots.set(root, real);
  }
  return real;
}

/** Whether `file` is `dir` or lies under it (paths as given, no links followed). */
export const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Is `name` written as a plain relative path (no drive, no leading slash, no backslashes, no NUL)? */
export function isPlainRelative(name: string): boolean {
  return name.length > 0 && !path.isAbsolute(name) && !/^[a-zA-Z]:/.test(name) && !name.includes('\\') && !name.includes('\0');
}

/**
 * `rel` (relative to `base`, itself inside `root`) as a regular file inside `root`, symbolic links
 * followed. A path that leaves the root, by `..`, by being absolute or through a link, is `outside`.
 */
export function resolveInside(root: string, base: string, rel: string, kind: 'file' | 'dir' = 'file'): Resolved {
  if (!isPlainRelative(rel)) return { ok: false, reason: 'outside' };
  const absolute = path.resolve(base, rel);
  if (!inside(path.resolve(root), absolute)) return { ok: false, reason: 'outside' };
  try {
    lstatSync(absolute);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (e) {
    // A dangling link that points outside is refused as outside: the answer must not tell
    // whether some file out there exists.
    try {
      const target = path.resolve(path.dirname(absolute), readlinkSync(absolute));
      if (!inside(path.resolve(root), target) && !inside(realRoot(root), target)) return { ok: false, reason: 'outside' };
    } catch {
      /* not a link: a link further up the path is broken */
    }
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'link-loop' : 'broken-link' };
  }
  if (!inside(realRoot(root), real)) return { ok: false, reason: 'outside' };
  const stat = statSync(real);
  if (kind === 'file' ? !stat.isFile() : !stat.isDirectory()) return { ok: false, reason: 'not-a-file' };
  return { ok: true, absolute };
}

/** Words for a refusal, the same whether or not an outside file exists. */
export function refusal(reason: Exclude<Resolved, { ok: true }>['reason'], name: string): string {
  switch (reason) {
    case 'outside':
      return `"${name}" is outside the content folder: content may only name files inside it`;
    case 'broken-link':
      return `"${name}" is a broken link: it points to a file that does not exist`;
    case 'link-loop':
      return `"${name}" is a link that leads back to itself (through other links)`;
    case 'not-a-file':
      return `"${name}" is a folder, not a file`;
    case 'missing':
      return `"${name}" not found`;
  }
}
