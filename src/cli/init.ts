// `workshop-pack init DIR`: a section's own project folder: an empty content/ for its own
// locales and cases (laid over the content bundled with the package) and a README that says how
// to use it. Nothing else: fonts, templates and the bundled content stay in the package, so an
// update of the package reaches the section.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';
import { PACKAGE_DIR } from '../package-dir.js';

export function initProject(cwd: string, dir: string): string[] {
  const target = path.resolve(cwd, dir);
  if (existsSync(target) && readdirSync(target).length)
    throw new UsageError(`${dir} is not empty: init makes a new folder (or fills an empty one) and never overwrites anything`);
  mkdirSync(path.join(target, 'content'), { recursive: true });
  copyFileSync(path.join(PACKAGE_DIR, 'scaffold', 'README.md'), path.join(target, 'README.md'));
  return [path.join(dir, 'README.md'), path.join(dir, 'content') + path.sep];
}
