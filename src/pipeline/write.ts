// Writing output atomically: bytes go to a temporary file beside the target, then a rename, so an
// interrupted or failed build never leaves a truncated PDF where a good one was. The write and the
// rename are synchronous, so Ctrl-C (a signal, handled between event-loop turns) cannot land
// between them; only a killed process or a power cut can leave a temporary file, and the next build
// removes those (`removeStaleTemporaries`). Failures of the machine (permissions, a full disk, a
// file where a folder should be) become one line naming the path and the cause.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Of the files a build writes into the output folder: PDFs and the build cache's JSON records. An
// --out that is a folder of the user's (".", "~") may hold other .<name>.<number>.tmp files.
const TEMPORARY = /^\..+\.(?:pdf|json)\.(\d+)\.tmp$/;

/** A failure of the machine rather than of the content: reported as one line, the build stops. */
export class EnvironmentError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a file stands where a folder should be',
  EEXIST: 'a file stands where a folder should be',
  EISDIR: 'a folder stands where the file should be',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'the disk reported an input/output error',
  ENOENT: 'no such file or folder',
};

/** The cause of a failed file operation in words, or undefined when it is not the machine's. */
export function environmentCause(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ? CAUSES[code] : undefined;
}

const READS = new Set(['read', 'scandir', 'stat', 'lstat', 'access', 'readlink', 'realpath']);

/**
 * "path: cannot write: permission denied" for an error of the file system with a cause above and
 * a path, from whatever command met it; undefined for anything else.
 */
export function machineFailure(e: unknown, cwd: string): string | undefined {
  const cause = environmentCause(e);
  const { path: file, syscall, dest } = (e ?? {}) as NodeJS.ErrnoException & { dest?: string };
  if (!cause || typeof file !== 'string') return undefined;
  const verb = syscall === 'mkdir' ? 'cannot create the folder' : syscall === 'open' ? 'cannot open' : syscall && READS.has(syscall) ? 'cannot read' : 'cannot write';
  return `${shownFrom(cwd, typeof dest === 'string' ? dest : file)}: ${verb}: ${cause}`;
}

/** A path as a message shows it: relative to `cwd` when it lies under it, else as it is. */
export function shownFrom(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function writeAtomically(file: string, bytes: Buffer, display: (p: string) => string = (p) => p): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    makeFolders(path.dirname(file));
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    // ENOENT while writing: a folder on the way that the file system would not make (/proc).
    const cause = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder, and none can be made there' : environmentCause(e);
    if (cause) throw new EnvironmentError(display(file), `cannot write: ${cause}`);
    throw e;
  }
}

/**
 * mkdir -p, a level at a time. Node's own loops for ever where a file system refuses a new folder
 * with ENOENT although its parent is there (--out /proc/self hung the build).
 */
function makeFolders(dir: string): void {
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolders(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temporary files of our own naming left by a build that was killed (their process is gone). */
export function removeStaleTemporaries(dir: string, depth = 4): number {
  let removed = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) removed += removeStaleTemporaries(full, depth - 1);
    else if (entry.isFile()) {
      const pid = Number(TEMPORARY.exec(entry.name)?.[1]);
      if (pid && pid !== process.pid && !alive(pid)) {
        rmSync(full, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
