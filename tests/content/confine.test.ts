// Every path content names resolves inside the content root, links followed, or is refused.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainRelative, resolveInside } from '../../src/content/confine.js';
import { tempDir } from '../helpers/build.js';

function tree() {
  const top = tempDir('wp-confine-');
  const root = path.join(top, 'content');
  mkdirSync(path.join(root, 'en', 'cases', 'a'), { recursive: true });
  writeFileSync(path.join(root, 'en', 'cases', 'a', 'photo.png'), 'x');
  writeFileSync(path.join(top, 'outside.png'), 'secret');
  symlinkSync(path.join(top, 'outside.png'), path.join(root, 'en', 'cases', 'a', 'out.png'));
  symlinkSync('photo.png', path.join(root, 'en', 'cases', 'a', 'in.png'));
  symlinkSync(path.join(top, 'nothing-here.png'), path.join(root, 'en', 'cases', 'a', 'dangling-out.png'));
  symlinkSync('gone.png', path.join(root, 'en', 'cases', 'a', 'dangling-in.png'));
  symlinkSync('loop-b.png', path.join(root, 'en', 'cases', 'a', 'loop-a.png'));
  symlinkSync('loop-a.png', path.join(root, 'en', 'cases', 'a', 'loop-b.png'));
  return { root, base: path.join(root, 'en') };
}

describe('resolveInside', () => {
  const { root, base } = tree();
  const reason = (rel: string) => {
    const r = resolveInside(root, base, rel);
    return r.ok ? 'ok' : r.reason;
  };

  it('finds files inside, directly or through a link that stays inside', () => {
    expect(reason('cases/a/photo.png')).toBe('ok');
    expect(reason('cases/a/in.png')).toBe('ok');
    expect(reason('cases/a/../a/photo.png')).toBe('ok');
  });

  it('refuses paths that leave the root by .., by being absolute, or through a link, alike whether the target exists', () => {
    expect(reason('../../outside.png')).toBe('outside');
    expect(reason('../../nothing-here.png')).toBe('outside');
    expect(reason(path.join(root, '..', 'outside.png'))).toBe('outside');
    expect(reason('/etc/passwd')).toBe('outside');
    expect(reason('cases/a/out.png')).toBe('outside');
    expect(reason('cases/a/dangling-out.png')).toBe('outside');
  });

  it('tells a missing file, a broken link inside, a loop of links and a folder apart', () => {
    expect(reason('cases/a/none.png')).toBe('missing');
    expect(reason('cases/a/dangling-in.png')).toBe('broken-link');
    // Two links pointing at each other: said as such, not as a file that does not exist.
    expect(reason('cases/a/loop-a.png')).toBe('link-loop');
    expect(reason('cases/a')).toBe('not-a-file');
  });

  it('knows what a plain relative path is', () => {
    expect(isPlainRelative('photo.png')).toBe(true);
    expect(isPlainRelative('C:/x.png')).toBe(false);
    expect(isPlainRelative('a\\..\\x.png')).toBe(false);
    expect(isPlainRelative('/x.png')).toBe(false);
    expect(isPlainRelative('a\0b')).toBe(false);
  });
});
