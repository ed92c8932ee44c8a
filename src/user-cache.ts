// The user's cache folder for workshop-pack ($XDG_CACHE_HOME, else ~/.cache): what outlives one
// output folder (the traces of no-op builds, the hashes of the tool's own files, the shapes of words,
// which fonts open and the checks of texts). Whatever is kept there only saves time: a missing,
// damaged or unwritable folder costs the work again, nothing else.
// Imports only Node's modules: the bin loads it before the tool (cli/run-trace.ts).
import os from 'node:os';
import path from 'node:path';

export function userCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'workshop-pack');
}
