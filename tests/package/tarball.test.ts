// The package as a section gets it: `npm pack`, installed into an empty folder with no repository
// and no TypeScript, then every command a section uses, run through npx. Slow (it compiles at pack
// time and installs from the npm cache) but it is the only test of what users really install.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { validateXliff12 } from '../helpers/xliff.js';

let tarball: string;
let install: string;
let files: string[];
const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

function run(args: string[], cwd: string) {
  const r = spawnSync('npx', ['--no-install', 'workshop-pack', ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1733788800' } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

/**
 * The repository's tracked files in a folder of their own, with its node_modules linked in: `npm pack`
 * runs `prepack`, which deletes and compiles dist/ again, and other test files running meanwhile use
 * the repository's dist/.
 */
function copyOfRepository(): string {
  const dir = tempDir('wp-repo-');
  for (const file of execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean)) {
    if (!existsSync(path.join(REPO, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(REPO, file), path.join(dir, file));
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

beforeAll(() => {
  const packDir = tempDir('wp-pack-');
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: copyOfRepository(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  tarball = path.join(packDir, packed[0].filename);
  files = packed[0].files.map((f: { path: string }) => f.path);
  install = tempDir('wp-install-');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: install, stdio: 'ignore' });
}, 240_000);

describe('the npm package', () => {
  it('holds what runs and nothing else: compiled dist/, templates, fonts config, bundled content, README, LICENSE', () => {
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/workshop-pack.cjs');
    expect(files).toContain('bin/workshop-pack.js');
    expect(files).toContain('templates/story.hbs');
    expect(files).toContain('fonts/fonts.json');
    expect(files).toContain('content/en/cases/maryia-kalesnikava/case.md');
    expect(files).toContain('content/fr/.source/udhr.md');
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    const tops = new Set(files.map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'content', 'dist', 'fonts', 'package.json', 'scaffold', 'templates']);
    expect(files.some((f) => f.endsWith('.ts'))).toBe(false);
  });

  it('installs into an empty folder without TypeScript and without building', () => {
    expect(existsSync(path.join(install, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(path.join(install, 'node_modules', 'workshop-pack', 'dist', 'cli', 'main.js'))).toBe(true);
    expect(run(['--version'], install)).toMatchObject({ code: 0, out: version });
    // It ran the bundle, whatever times npm gave the files it unpacked: the bundle's code cache is beside it.
    expect(existsSync(path.join(install, 'node_modules', 'workshop-pack', 'dist', 'workshop-pack.cjs.cache'))).toBe(true);
  });

  it('runs init, build, status, check, preview and xliff in a section’s folder', async () => {
    const outside = run(['status'], install);
    expect(outside.code).toBe(2);
    expect(outside.err).toBe('workshop-pack: no content/ here; run it in a folder made by `workshop-pack init`, or pass --content DIR');

    expect(run(['init', 'section', '--locale', 'pt-BR'], install).code).toBe(0);
    const project = path.join(install, 'section');
    expect(readdirSync(project).sort()).toEqual(['README.md', 'content']);

    const build = run(['build', '--locale', 'en', '--doc', 'story'], project);
    expect(build.code).toBe(0);
    const story = await readPdf(path.join(project, 'out/maryia-kalesnikava/en/story.pdf'));
    expect(squash(story.text)).toContain(squash('Maryia Kalesnikava’s story'));

    const status = run(['status', '--summary'], project);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^fr +100 % of \d+ words · strings 130\/130 · files 11\/11 · reviewed 0 %, draft 100 %$/m);
    expect(status.out).toMatch(/^pt-BR +0 % of \d+ words · strings 0\/130 · files 0\/11 · reviewed 0 %, draft 0 % · 141 untranslated$/m);

    // Both bundled cases (a released person: no petition; an acquitted group: no letter, no petition); the
    // warnings are the four placeholder photos (the build date is SOURCE_DATE_EPOCH, when both cases were fresh).
    const check = run(['check', '--locale', 'en'], project);
    expect(check).toMatchObject({ code: 0, out: 'checked 11 documents (en): 0 errors, 4 warnings' });
    expect(check.err.match(/warning: the photo of .* is a placeholder image/g)).toHaveLength(4);
    // The Japanese proof locale and its 49 MB font stay out of the package: the default build is clean.
    expect(run(['build', '--doc', 'udhr'], project).code).toBe(0);

    const preview = run(['preview', '--case', 'maryia-kalesnikava', '--locale', 'pt-BR', '--doc', 'story'], project);
    expect(preview.code).toBe(0);
    expect(existsSync(path.join(project, 'out/preview/maryia-kalesnikava/pt-BR/story.pdf'))).toBe(true);

    expect(run(['xliff', 'export', '--locale', 'de', '--out', 'de.xlf'], project).code).toBe(0);
    expect(validateXliff12(readFileSync(path.join(project, 'de.xlf'), 'utf8'))).toEqual([]);
    const imported = run(['xliff', 'import', 'de.xlf'], project);
    expect(imported).toMatchObject({ code: 0, out: 'de: 0 files written, 12 unchanged, 0 units with a changed English source' });
  });
});
