// Directive fences (`:::name{…}` … `:::`) found line by line, before marked sees the text: an
// unclosed block is reported at the line that opened it (marked would silently print it as text),
// nesting is bounded before any recursion starts, and content text can be made fence-safe so that
// whatever a volunteer typed can never open a directive that only templates may use.
import { CONTENT_DIRECTIVES, MAX_NESTING } from './directive-specs.js';

// What may stand before a fence on its line and still open a block inside a quote or a list item.
const PREFIX = String.raw`((?:[ \t]|>|[-*+][ \t]|\d{1,9}[.)][ \t])*)`;
const FENCE_LINE = new RegExp(`^${PREFIX}(:{3,})([a-z][a-z-]*)?[ \\t]*(\\{.*\\})?[ \\t]*$`);

interface FenceLine {
  prefix: string;
  fence: string;
  /** Undefined for a closing fence. */
  name?: string;
}

function fenceOf(line: string): FenceLine | undefined {
  const m = FENCE_LINE.exec(line);
  if (!m || (!m[3] && m[4])) return undefined;
  return { prefix: m[1], fence: m[2], name: m[3] };
}

export interface FenceProblem {
  /** 1-based line within the text. */
  line: number;
  message: string;
}

/** Unclosed and stray fences, and nesting (directives, quotes, list indentation) deeper than allowed. */
/** The first numeric entity in `text` that stands for a C0 or C1 control character other than tab and line feed. */
function controlEntity(text: string): string | undefined {
  for (const m of text.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi)) {
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (cp !== 9 && cp !== 10 && (cp < 32 || (cp >= 127 && cp < 160))) return m[0];
  }
  return undefined;
}

/** Longer runs of emphasis marks than any text needs (see fenceProblems). */
const EMPHASIS_RUN = /([*_~])\1{31,}/;

export function fenceProblems(markdown: string, content = false): FenceProblem[] {
  const problems: FenceProblem[] = [];
  const open: { fence: string; name: string; line: number }[] = [];
  markdown.split('\n').forEach((text, i) => {
    const line = i + 1;
    const quotes = /^[ \t>]*/.exec(text)![0].split('>').length - 1;
    const indent = /^[ \t]*/.exec(text)![0].replace(/\t/g, '    ').length;
    if (quotes > MAX_NESTING || indent > 4 * MAX_NESTING) {
      problems.push({ line, message: `quotes or lists nested too deeply (more than ${MAX_NESTING} levels)` });
      return;
    }
    // Marked reads a run of emphasis marks by recursion: thousands of them ended its stack, at a
    // length that depended on the stack left (so on --jobs). No text needs more than a few.
    // A control character written as an entity (&#0; &#x1b;) is one all the same (read-text.ts).
    const entity = content ? controlEntity(text) : undefined;
    if (entity) {
      problems.push({ line, message: `a control character written as "${entity}", which prints as nothing` });
      return;
    }
    const marks = content && !/^ *([*_-])[ *_-]*$/.test(text) ? EMPHASIS_RUN.exec(text) : null; // a line of them alone is a rule
    if (marks) {
      problems.push({ line, message: `a run of ${marks[0].length} "${marks[0][0]}" characters: emphasis takes one or two (escape others as \\${marks[0][0]})` });
      return;
    }
    const f = fenceOf(text);
    if (!f) return;
    // Templates hold content inside fences of four colons or more: content's own boxes use three,
    // so a content block can never close a template's block early.
    if (content && f.fence !== ':::') problems.push({ line, message: `content uses fences of exactly three colons (":::"), not "${f.fence}"` });
    if (f.name) {
      open.push({ fence: f.fence, name: f.name, line });
      if (open.length === MAX_NESTING + 1) problems.push({ line, message: `":::${f.name}" nested too deeply (more than ${MAX_NESTING} blocks inside each other)` });
      return;
    }
    const at = open.map((o) => o.fence).lastIndexOf(f.fence);
    if (at < 0) {
      problems.push({ line, message: `"${f.fence}" closes a block that was never opened` });
      return;
    }
    for (const unclosed of open.splice(at).slice(1))
      problems.push({ line: unclosed.line, message: `":::${unclosed.name}" opened here is never closed (close it with a line "${unclosed.fence}")` });
  });
  for (const unclosed of open) problems.push({ line: unclosed.line, message: `":::${unclosed.name}" opened here is never closed (close it with a line "${unclosed.fence}")` });
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * Content text as it may enter a template: fences of the directives content may use, properly
 * closed, are kept; any other fence line is escaped (`\:::`), so it prints as text and never
 * opens, closes or breaks a block of the template around it. The build reports it as an error too.
 */
export function fenceSafe(text: string): string {
  if (!text.includes(':::')) return text;
  const lines = text.split('\n');
  const escape = (i: number) => {
    const f = fenceOf(lines[i])!;
    lines[i] = `${f.prefix}\\${lines[i].slice(f.prefix.length)}`;
  };
  const open: { fence: string; index: number }[] = [];
  lines.forEach((line, i) => {
    const f = fenceOf(line);
    if (!f) return;
    if (f.name) {
      if (CONTENT_DIRECTIVES.includes(f.name) && f.fence === ':::' && open.length < MAX_NESTING) open.push({ fence: f.fence, index: i });
      else escape(i);
      return;
    }
    const at = f.fence === ':::' ? open.map((o) => o.fence).lastIndexOf(f.fence) : -1;
    if (at < 0) return escape(i);
    for (const unclosed of open.splice(at).slice(1)) escape(unclosed.index);
  });
  for (const unclosed of open) escape(unclosed.index);
  return lines.join('\n');
}
