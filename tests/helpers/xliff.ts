// XLIFF 1.2 validation for tests. The official xliff-core-1.2-strict.xsd is not shipped by any npm
// package we could find, so this checks well-formedness with fast-xml-parser's validator and then
// the rules of the 1.2 schema for every element and attribute an XLIFF of ours can contain:
// element nesting and order, required attributes, allowed attribute names and enumerated values,
// unique unit ids. Anything outside that subset is reported as not allowed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tag = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node) => (n[tag(n)] as Node[]).filter((c) => tag(c) !== '#text' || String(c['#text']).trim());

const STATES = ['final', 'needs-adaptation', 'needs-l10n', 'needs-review-adaptation', 'needs-review-l10n', 'needs-review-translation', 'needs-translation', 'new', 'signed-off', 'translated'];
const TRANS_UNIT_ATTRS = ['id', 'approved', 'translate', 'reformat', 'resname', 'extradata', 'help-id', 'menu', 'menu-option', 'menu-name', 'coord', 'font', 'css-style', 'style', 'exstyle', 'extype', 'maxbytes', 'minbytes', 'size-unit', 'maxheight', 'minheight', 'maxwidth', 'minwidth', 'charclass', 'datatype', 'restype', 'phase-name', 'xml:space'];
const INLINE = ['#text', 'g', 'x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'mrk'];

export function validateXliff12(xml: string): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`not well-formed: line ${wellFormed.err.line}: ${wellFormed.err.msg}`];
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false }).parse(xml) as Node[];
  const roots = doc.filter((n) => tag(n) !== '?xml' && tag(n) !== '#text');
  if (roots.length !== 1 || tag(roots[0]) !== 'xliff') return ['the root element must be <xliff>'];
  const xliff = roots[0];
  if (xliff[':@']?.version !== '1.2') problems.push('<xliff> version must be "1.2"');
  if (xliff[':@']?.xmlns !== 'urn:oasis:names:tc:xliff:document:1.2') problems.push('<xliff> must be in the XLIFF 1.2 namespace');
  const attrs = (n: Node, allowed: string[], required: string[], where: string) => {
    for (const a of Object.keys(n[':@'] ?? {})) if (!allowed.includes(a)) problems.push(`${where}: attribute ${a} not allowed`);
    for (const a of required) if (!(n[':@'] ?? {})[a]) problems.push(`${where}: attribute ${a} required`);
  };
  const inline = (n: Node, where: string) => {
    for (const c of n[tag(n)] as Node[]) {
      const t = tag(c);
      if (!INLINE.includes(t)) problems.push(`${where}: <${t}> not allowed in <${tag(n)}>`);
      if (t === 'ph') {
        attrs(c, ['id', 'ctype', 'crc', 'assoc', 'xid', 'equiv-text'], ['id'], `${where} <ph>`);
        for (const p of c.ph as Node[]) if (tag(p) !== '#text' && tag(p) !== 'sub') problems.push(`${where}: <ph> holds native code only`);
      }
    }
  };
  for (const file of kids(xliff)) {
    if (tag(file) !== 'file') {
      problems.push(`<${tag(file)}> not allowed in <xliff>`);
      continue;
    }
    const fwhere = `<file original="${file[':@']?.original}">`;
    attrs(file, ['original', 'source-language', 'target-language', 'datatype', 'tool-id', 'date', 'xml:space', 'category', 'product-name', 'product-version', 'build-num'], ['original', 'source-language', 'datatype'], fwhere);
    const parts = kids(file).map(tag);
    if (parts.filter((p) => p === 'body').length !== 1 || parts.some((p) => p !== 'header' && p !== 'body') || (parts.includes('header') && parts[0] !== 'header'))
      problems.push(`${fwhere}: must hold an optional <header> and then one <body>`);
    const ids = new Set<string>();
    for (const body of kids(file).filter((n) => tag(n) === 'body'))
      for (const unit of kids(body)) {
        if (tag(unit) !== 'trans-unit') {
          problems.push(`${fwhere}: <${tag(unit)}> not allowed in <body> here`);
          continue;
        }
        const id = unit[':@']?.id ?? '';
        const where = `${fwhere} <trans-unit id="${id}">`;
        attrs(unit, TRANS_UNIT_ATTRS, ['id'], where);
        if (ids.has(id)) problems.push(`${where}: id not unique in its file`);
        ids.add(id);
        const order = ['source', 'seg-source', 'target', 'context-group', 'count-group', 'prop-group', 'note', 'alt-trans'];
        const seq = kids(unit).map(tag);
        if (seq[0] !== 'source' || seq.filter((s) => s === 'source').length !== 1) problems.push(`${where}: must start with one <source>`);
        if (seq.filter((s) => s === 'target').length > 1) problems.push(`${where}: at most one <target>`);
        for (let i = 1; i < seq.length; i++)
          if (order.indexOf(seq[i]) < order.indexOf(seq[i - 1]) || order.indexOf(seq[i]) < 0) problems.push(`${where}: <${seq[i]}> out of order or not allowed`);
        for (const c of kids(unit)) {
          const t = tag(c);
          if (t === 'source' || t === 'target') inline(c, where);
          if (t === 'source') attrs(c, ['xml:lang', 'ts'], [], `${where} <source>`);
          if (t === 'target') {
            attrs(c, ['xml:lang', 'ts', 'state', 'state-qualifier', 'phase-name', 'resname', 'coord', 'font', 'css-style', 'style', 'exstyle', 'equiv-trans'], [], `${where} <target>`);
            const state = c[':@']?.state;
            if (state && !STATES.includes(state) && !state.startsWith('x-')) problems.push(`${where}: target state "${state}" not in XLIFF 1.2`);
          }
          if (t === 'note') {
            attrs(c, ['xml:lang', 'from', 'priority', 'annotates'], [], `${where} <note>`);
            for (const p of c.note as Node[]) if (tag(p) !== '#text') problems.push(`${where}: <note> holds text only`);
          }
        }
      }
  }
  return problems;
}
