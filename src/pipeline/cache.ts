// The build cache: a document whose inputs have not changed since it was written, and whose PDF is
// still the one that was written, is not built again. Each entry records the content hash of every
// file the document read (and the paths it would have read had they existed: a translation added
// later changes what the document prints), a key for every option that changes the output, and the
// hash of the PDF. Nothing is trusted that cannot be checked: a changed input, a changed option, a
// deleted or edited PDF, an entry that cannot be read or parsed all mean "build it again".
//
// The cache lives in <out>/.cache/: it describes the PDFs in that folder, so it goes when they go
// (rm -rf out), two output folders never share one, and nothing is written outside the folder the
// user chose. Entries are written atomically (write.ts): a half-written entry cannot exist, and a
// damaged one is a miss. Only the hashes of workshop-pack's own files (its code, templates and
// fonts: some 30 MB to hash, the same for every output folder) are also kept in the user's cache
// folder, so that a first build into a new folder does not hash them again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inside } from '../content/confine.js';
import type { ContentRoot, PackModel } from '../content/load.js';
import type { Diagnostic } from '../diagnostics.js';
import { PAGE_FURNITURE, readsOf, sourceOf, sourcesOf, type DocumentId } from '../documents/registry.js';
import { PACKAGE_DIR, packageVersion } from '../package-dir.js';
import { userCacheDir } from '../user-cache.js';
import { writeAtomically } from './write.js';

/** Bump when the entries' shape or meaning changes: older entries are then misses. */
const FORMAT = 1;

/** Content hash of a file, or null for a path that does not exist (and must still not exist). */
type Hash = string | null;

interface Recorded {
  key: string;
  inputs: Record<string, Hash>;
}

/** What a built document's entry remembers, to be reported again when it is skipped. */
export interface DocumentRecord {
  pages: number;
  paper: string;
  fallbacks: unknown[];
  /** Warnings its layout gave (a document with errors is never recorded). */
  diagnostics: Diagnostic[];
  /** The PDF as written: the entry holds only while the file is still this one. */
  output: { size: number; hash: string };
}

/** Hashes of files, remembered by their stat (size, modification time, inode) across runs, as git's index does. */
interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
  /** Hashed so soon after its last change that a later change could keep the same time stamp: hash again. */
  racy: boolean;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export class BuildCache {
  private readonly dir: string;
  private stamps = new Map<string, Stamp>();
  /** Files hashed again in this run: only their stamps are written back (save). */
  private restamped = new Set<string>();
  /** This run's hashes: each file is looked at once per run. */
  private hashes = new Map<string, Hash>();
  readonly tool: string;

  constructor(
    outRoot: string,
    /** --force: every lookup misses, but what is built is recorded for the next run. */
    readonly force = false,
  ) {
    this.dir = path.join(outRoot, '.cache');
    this.stamps = new Map([...readStamps(SHARED_STAMPS()), ...readStamps(path.join(this.dir, 'files.json'))]);
    this.tool = this.toolVersion();
  }

  /** The content hash of a file now, or null when it does not exist. */
  hash(file: string): Hash {
    const known = this.hashes.get(file);
    if (known !== undefined) return known;
    let hash: Hash = null;
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) hash = 'folder';
    else if (stat) {
      const stamp = this.stamps.get(file);
      if (stamp && !stamp.racy && stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs && stamp.ino === stat.ino) hash = stamp.hash;
      else {
        try {
          hash = sha256(readFileSync(file));
        } catch {
          hash = 'unreadable';
        }
        // A file changed within the file system's time stamp resolution of being hashed could
        // change again unseen: its stamp is not trusted next time.
        this.stamps.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, hash, racy: Date.now() - stat.mtimeMs < 2000 });
        this.restamped.add(file);
      }
    }
    this.hashes.set(file, hash);
    return hash;
  }

  /** Forget this run's hashes of files (a PDF just written, a file a test edits between builds). */
  forget(file: string): void {
    this.hashes.delete(file);
  }

  /**
   * The hashes of files read since `since` (ms since the epoch), or undefined when one of them
   * changed after that: what was built may not be what they hold now, so it is not recorded.
   */
  inputsNow(files: string[], since: number): Record<string, Hash> | undefined {
    const inputs: Record<string, Hash> = {};
    for (const f of [...new Set(files)].sort()) {
      const stat = statSync(f, { throwIfNoEntry: false });
      if (stat && stat.mtimeMs > since) return undefined;
      inputs[f] = this.hash(f);
    }
    return inputs;
  }

  /** A recorded result under `name`, if its key is `key` and every input it recorded is unchanged. */
  lookup<T>(name: string, key: string): (T & Recorded) | undefined {
    if (this.force) return undefined;
    const entry = readJson(this.entryFile(name)) as (T & Recorded & { format?: number }) | undefined;
    if (!entry || entry.format !== FORMAT || entry.key !== key || !entry.inputs || typeof entry.inputs !== 'object') return undefined;
    for (const [file, hash] of Object.entries(entry.inputs)) if (this.hash(file) !== hash) return undefined;
    return entry;
  }

  /** A document's entry, if it holds: same key, same inputs, and its PDF is still the one written. */
  document(name: string, key: string, pdf: string): (DocumentRecord & Recorded) | undefined {
    const entry = this.lookup<DocumentRecord>(name, key);
    if (!entry?.output) return undefined;
    const stat = statSync(pdf, { throwIfNoEntry: false });
    if (!stat || stat.size !== entry.output.size || this.hash(pdf) !== entry.output.hash) return undefined;
    return entry;
  }

  record(name: string, key: string, inputs: Record<string, Hash>, value: object): void {
    writeAtomically(this.entryFile(name), Buffer.from(JSON.stringify({ format: FORMAT, key, inputs, ...value })));
  }

  /** The PDF just written, as its entry records it. */
  output(pdf: string): { size: number; hash: string } {
    this.forget(pdf);
    return { size: statSync(pdf).size, hash: this.hash(pdf)! };
  }

  /**
   * Keep the stamps for the next run (a failure to write them only costs hashing again), once this
   * run hashed a file again (a PDF it wrote, an edited file): this output folder's file gets the
   * stamps of every file the run looked at, workshop-pack's own files included, so that it answers
   * for them without the user's cache folder; this install's file there, shared by every output
   * folder, gets those of workshop-pack's own files that were hashed again, if any. Each is merged
   * into what the file holds: workers of a parallel build, and other builds for the shared file,
   * save what they hashed. Rewriting the shared file on every build, and giving this folder's file
   * all of it, was ~60 ms of a one-document build (issue 13).
   */
  save(): void {
    if (!this.restamped.size) return;
    const stamped = (files: Iterable<string>) => [...new Set(files)].filter((f) => this.stamps.has(f)).map((f): [string, Stamp] => [f, this.stamps.get(f)!]);
    mergeStamps(path.join(this.dir, 'files.json'), stamped([...this.hashes.keys(), ...this.restamped]));
    if (mergeStamps(SHARED_STAMPS(), stamped([...this.restamped].filter((f) => inside(PACKAGE_DIR, f))))) pruneSharedStamps();
    this.restamped.clear();
  }

  private entryFile(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }

  /**
   * The tool's own version: the package's, the code that runs (dist/ installed, src/ in tests) and
   * the lock file where there is one (dependencies such as pdfkit change the bytes too).
   */
  private toolVersion(): string {
    // dist/ (or src/ in tests): this module is in its pipeline/ folder, or in the one-file bundle
    // at its top (scripts/bundle-cli.mjs). The bundle's V8 code cache beside it is no code.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const code = path.basename(here) === 'pipeline' ? path.dirname(here) : here;
    const files = [...walk(code).filter((f) => !/\.cache(\.\d+)?$/.test(f)), path.join(PACKAGE_DIR, 'package-lock.json')];
    return sha256(JSON.stringify([packageVersion(), ...files.map((f) => [path.relative(PACKAGE_DIR, f), this.hash(f)])]));
  }
}

/**
 * Where the hashes of workshop-pack's own files are kept for every output folder: a file per
 * install (package folder), so that a build reads the few hundred stamps of the copy that runs, not
 * those of every copy the machine has had (one shared file grew to a megabyte, ~10 ms to read on
 * every build, issue 13). The files of the INSTALLS_KEPT installs that last hashed their files
 * are kept; older ones go when a newer one is written.
 */
const SHARED_DIR = () => path.join(userCacheDir(), 'package-files');
const SHARED_STAMPS = () => path.join(SHARED_DIR(), `${sha256(PACKAGE_DIR).slice(0, 16)}.json`);
const INSTALLS_KEPT = 8;

/** Lets go of other installs' stamps beyond the newest INSTALLS_KEPT, and of the one file all installs once shared. */
function pruneSharedStamps(): void {
  try {
    rmSync(path.join(userCacheDir(), 'package-files.json'), { force: true });
    const [dir, own] = [SHARED_DIR(), SHARED_STAMPS()];
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(dir, f))
      .map((file) => ({ file, time: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.time - a.time);
    for (const { file } of files.slice(INSTALLS_KEPT)) if (file !== own) rmSync(file, { force: true });
  } catch {
    // kept for now: the next install to hash its files tries again
  }
}

function readStamps(file: string): [string, Stamp][] {
  const saved = readJson(file) as { format?: number; stamps?: [string, Stamp][] } | undefined;
  return saved?.format === FORMAT && Array.isArray(saved.stamps) ? saved.stamps : [];
}

/** At most this many stamps in a file: files come and go (content renamed, PDFs of other options), and a file would only grow. */
const MAX_STAMPS = 10_000;

/** Whether the file was written. */
function mergeStamps(file: string, stamps: [string, Stamp][]): boolean {
  if (!stamps.length) return false;
  try {
    const merged = new Map(readStamps(file));
    for (const [f, stamp] of stamps) merged.delete(f), merged.set(f, stamp);
    for (const f of merged.keys()) if (merged.size > MAX_STAMPS) merged.delete(f);
    writeAtomically(file, Buffer.from(JSON.stringify({ format: FORMAT, stamps: [...merged] })));
    return true;
  } catch {
    return false; // the next run hashes these files again
  }
}

/** A key from the values that decide an output (options, ids, the tool's version). */
export function keyOf(...parts: unknown[]): string {
  return sha256(JSON.stringify(parts));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // missing, half-written by another tool, or damaged: a miss
  }
}

/** Every file under a folder (for the tool's own code and a locale's translation status). */
export function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : [])).sort();
}

/**
 * The content paths a model was read from, relative to their locale folder (cases/x/case.md,
 * strings.yaml, photos), with the petition's whether or not the case has one.
 */
export function contentPaths(root: ContentRoot, model: PackModel): string[] {
  const rels = model.files.flatMap((f) => {
    for (const layer of root.layers) {
      const rel = path.relative(layer.dir, f);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return [rel.split(path.sep).slice(1).join('/')];
    }
    return [];
  });
  return [...new Set([...rels, `cases/${model.caseId}/petition.md`])];
}

/**
 * Every place a content path is looked for: each locale of the chain in each layer. The files
 * found are inputs; the ones not there are inputs too (a translation added there changes the text).
 */
export function candidates(root: ContentRoot, chain: string[], rels: string[]): string[] {
  return rels.flatMap((rel) => chain.flatMap((loc) => root.layers.map((l) => path.join(l.dir, loc, ...rel.split('/')))));
}

/** The content files a document reads: its declared sources and what every page prints (footer, metadata). */
export function documentContent(root: ContentRoot, model: PackModel, doc: DocumentId): string[] {
  const sources = new Set<string>([...sourcesOf(readsOf(doc).fields), ...PAGE_FURNITURE.sources]);
  const furniture = (rel: string) => PAGE_FURNITURE.activityTitle && /^activities\/[^/]+\/activity\.md$/.test(rel);
  return candidates(root, model.chain, contentPaths(root, model).filter((rel) => sources.has(sourceOf(rel)) || furniture(rel)));
}

/** The templates and partials a document is made from. */
export function documentTemplates(templatesDir: string, doc: DocumentId): string[] {
  const reads = readsOf(doc);
  return [...reads.templates.map((t) => path.join(templatesDir, `${t}.hbs`)), ...reads.partials.map((p) => path.join(templatesDir, 'partials', `${p}.hbs`))];
}
