// Where the installed package's own files are (templates, fonts, the bundled content) and its
// version: found from this module's location, so the tool works from any working directory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/ when run from sources (tests), dist/ when installed: the package root is one level up. */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The content shipped with the package: the English source, the UDHR, bundled translations. */
export const BUNDLED_CONTENT = path.join(PACKAGE_DIR, 'content');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}
