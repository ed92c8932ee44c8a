// Bundles the compiled CLI (dist/cli/main.js and every package it imports) into one CommonJS file,
// dist/workshop-pack.cjs, which bin/workshop-pack.js loads with a V8 code cache. A cold start then
// reads one file and compiles nothing it compiled before, instead of resolving, reading and
// compiling some 400 modules (bench/cold-start.js measures both). Run after `tsc` (npm's prepare,
// prepack and build scripts do). Without esbuild (a production install) it does nothing: the bin
// falls back to dist/cli/main.js.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const outfile = path.join(root, 'dist', 'workshop-pack.cjs');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('bundle-cli: esbuild is not installed; the CLI runs from dist/cli/main.js');
  process.exit(0);
}

// One copy of each package: pdfkit require()s fontkit's CommonJS build while our sources import its
// ES module build, and esbuild would bundle (and the process evaluate) both. So both packages are
// taken in their CommonJS builds.
const oneCopy = {
  name: 'one-copy',
  setup(build) {
    build.onResolve({ filter: /^(fontkit|pdfkit)$/ }, (args) => ({ path: require.resolve(args.path) }));
    // pdfkit finds its data files (standard fonts, ICC profile) next to its own file: point it there
    // rather than at the bundle.
    build.onLoad({ filter: /node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('__filename', "require['resolve']('pdfkit')"),
      loader: 'js',
    }));
  },
};

// yaml's parser asks the environment whether to log (LOG_TOKENS, LOG_STREAM: its own debugging) for
// every token it reads. Each process.env read is a call into the C++ environment (and, while a run
// is traced for replay, cli/run-trace.ts's proxy): ~100 ms of a full build. Never set for us.
const quietYaml = {
  name: 'quiet-yaml',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/node_process\.env\.LOG_(TOKENS|STREAM)\b/g, 'false'),
      loader: 'js',
    }));
  },
};

/**
 * A plugin answering imports of the packages `filter` matches with a module of our own text
 * (`contents(name)`), resolved from where the import was: inside it, `require(name)` is the real
 * package (its own imports are not answered again).
 */
function substitute(name, filter, contents) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === name ? undefined : { path: args.path, namespace: name, pluginData: { resolveDir: args.resolveDir } }));
      build.onLoad({ filter: /.*/, namespace: name }, (args) => ({ resolveDir: args.pluginData.resolveDir, loader: 'js', contents: contents(args.path) }));
    },
  };
}

// Packages that dependencies load when they are loaded but that a build never calls: pdfkit's
// encryption (@noble/ciphers), gray-matter's YAML engine (js-yaml: we give it ours), fontkit's WOFF2
// decompression (brotli, 1.4 MB of the bundle's 4.7). Each is loaded the first time one of its
// functions is called. brotli is left out of the bundle altogether and required then from where
// fontkit finds it.
const lazy = substitute('lazy', /^(@noble\/ciphers\/aes|js-yaml|brotli\/decompress\.js)$/, (name) => {
  const load = name === 'brotli/decompress.js' ? `require('node:module').createRequire(require['resolve']('fontkit'))(${JSON.stringify(name)})` : `require(${JSON.stringify(name)})`;
  return `let real;
const load = () => (real ??= ${load});
const call = (name) => function (...args) { const f = name === undefined ? load() : load()[name]; return f.apply(this, args); };
module.exports = new Proxy(call(undefined), { get: (_, name) => (name === '__esModule' || typeof name === 'symbol' ? undefined : call(name)) });
`;
});

// unicode-trie (the Unicode data tables of fontkit, unicode-properties and linebreak) inflates its
// tables with tiny-inflate, a DEFLATE decoder in JavaScript, when those packages load: some 50 ms of
// every start. Node's own zlib decodes the same bytes to the same bytes at once; tiny-inflate
// stays for whatever zlib refuses (it ignores trailing bytes, zlib may not).
const nativeInflate = substitute(
  'native-inflate',
  /^tiny-inflate$/,
  () => `const { inflateRawSync } = require('node:zlib');
module.exports = function inflate(source, dest) {
  let out;
  try {
    out = inflateRawSync(source);
  } catch {
    return require('tiny-inflate')(source, dest);
  }
  if (out.length > dest.length) return require('tiny-inflate')(source, dest);
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
`,
);

rmSync(`${outfile}.cache`, { force: true });
await esbuild.build({
  entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import.meta.url (package-dir.ts, createRequire for hyphenation patterns) becomes the bundle's URL:
  // dist/ is one level under the package root, as dist/cli/… was.
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [oneCopy, lazy, nativeInflate, quietYaml],
  logLevel: 'warning',
  // require.resolve('pdfkit'|'fontkit') above is meant to run, not to be bundled.
  logOverride: { 'require-resolve-not-external': 'silent' },
  legalComments: 'none',
  // Comments and indentation are most of the bytes a start reads and hashes; names stay, for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
});

// Node reads a one-byte (ASCII) source about twice as fast as one with any other character, which
// makes the whole file two-byte. esbuild escapes strings, but not regular expression literals.
const text = readFileSync(outfile, 'latin1');
const wide = text.search(/[^\x00-\x7f]/);
if (wide >= 0) console.log(`bundle-cli: ${path.relative(root, outfile)} is not ASCII (at "${text.slice(Math.max(0, wide - 40), wide + 10)}"): escape the character in the source (\\uXXXX)`);
