// Pagination as data: slices flow onto pages, headings stay with what follows, table headings repeat.
import { describe, expect, it } from 'vitest';
import { paginate, type Slice } from '../../src/layout/paginate.js';
import { pageSetup } from '../../src/layout/theme.js';

const setup = pageSetup('a4');
const room = setup.height - setup.margin.top - setup.margin.bottom;
const box = (name: string, height: number, extra: Partial<Slice> = {}): Slice => ({
  name,
  height,
  spaceBefore: 10,
  items: [{ type: 'rect', x: 0, y: 0, w: 10, h: height }],
  ...extra,
});
const tops = (pages: ReturnType<typeof paginate>['pages']) => pages.map((p) => p.items.map((i) => ('y' in i ? Math.round(i.y) : 0)));

describe('paginate', () => {
  it('stacks slices with their spacing and moves what does not fit to the next page', () => {
    const { pages } = paginate([box('a', 300), box('b', 300), box('c', 300)], setup);
    expect(pages.length).toBe(2);
    expect(tops(pages)).toEqual([[42, 352], [42]]); // no space above the first slice of a page
  });

  it('keeps a heading with the slice after it', () => {
    const { pages, bookmarks } = paginate([box('a', room - 60), box('heading', 20, { keepWithNext: true, bookmark: { title: 'H', level: 1 } }), box('para', 100)], setup);
    expect(pages.map((p) => p.items.length)).toEqual([1, 2]);
    expect(bookmarks).toEqual([{ title: 'H', level: 1, page: 1, y: 42 }]);
  });

  it('repeats a table heading at the top of the next page', () => {
    const header = box('header', 20);
    const rows = Array.from({ length: 40 }, (_, i) => box(`row ${i}`, 26, { spaceBefore: 0, header }));
    const { pages } = paginate([{ ...header, keepWithNext: true }, ...rows], setup);
    expect(pages.length).toBe(2);
    expect(pages[1].items[0]).toMatchObject({ h: 20 });
  });

  it('reports a slice taller than a page', () => {
    const { overflows } = paginate([box('giant box', room + 50)], setup);
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toMatchObject({ block: 'giant box', fatal: true });
  });

  it('lets filling slices take the rest of the page', () => {
    const fill = (available: number): Slice => box('lines', Math.floor(available / 26) * 26);
    const { pages } = paginate([box('a', 100), { ...box('lines', 26), fill }], setup);
    expect(pages.length).toBe(1);
    const last = pages[0].items[1] as { y: number; h: number };
    expect(last.y + last.h).toBeLessThanOrEqual(setup.height - setup.margin.bottom);
    expect(last.y + last.h).toBeGreaterThan(setup.height - setup.margin.bottom - 26);
  });
});
