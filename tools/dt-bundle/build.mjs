// Builds the book's DataTables bundle into src/briefing/notebook/vendor/dt_bundle/ (see README.md).
//
// The entry point is itables' own (upstream/index.js, itables 2.9.1's packages/dt_for_itables/src/index.js, unchanged
// on disk): this script keeps everything from its first function on as it is (the ITable class, the dark-mode helper)
// and replaces only its imports by the extensions the book uses, so the bundle runs itables' code, not a copy of it.
// The stylesheet is made the same way from upstream/index.css. Run with `npm ci && npm run build`.

import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The vendored copy, or another folder (`node build.mjs FOLDER`: tests/test_dt_bundle.py compares a rebuild with it).
const out = process.argv[2] ? resolve(process.argv[2]) : join(here, '..', '..', 'src', 'briefing', 'notebook', 'vendor', 'dt_bundle');

// What the book uses: DataTables with its default styling, Buttons (copyHtml5, csvHtml5: buttons.html5), SearchPanes
// and Select (which SearchPanes needs). Not: JSZip (Excel export only), print and column-visibility buttons,
// ColReorder, Scroller, ColumnControl, FixedColumns, FixedHeader, KeyTable, RowGroup, DateTime, SearchBuilder.
const IMPORTS = `import jQuery from 'jquery';

import DataTable from 'datatables.net-dt';

import 'datatables.net-buttons-dt';
import 'datatables.net-buttons/js/buttons.html5.min.mjs';

import 'datatables.net-searchpanes-dt';
import 'datatables.net-select-dt';

`;
const STYLES = `@import 'datatables.net-dt/css/dataTables.dataTables.min.css';
@import 'datatables.net-buttons-dt/css/buttons.dataTables.min.css';
@import 'datatables.net-searchpanes-dt/css/searchPanes.dataTables.min.css';
@import 'datatables.net-select-dt/css/select.dataTables.min.css';
`;
// itables' exports, less DateTime (SearchBuilder's date picker, not bundled): the names itables' templates import.
const UPSTREAM_EXPORTS = 'export { ITable, DateTime, jQuery, set_or_remove_dark_class };';
const EXPORTS = 'export { ITable, jQuery, set_or_remove_dark_class };';

/** Return `text` with its part before `marker` replaced by `head`, after checking that upstream still has that shape. */
function replaceHead(text, marker, head, what) {
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`${what}: '${marker}' not found; has itables' entry point changed?`);
    return head + text.slice(at);
}

const js = replaceHead(readFileSync(join(here, 'upstream', 'index.js'), 'utf8'), 'function parseJSON', IMPORTS, 'index.js');
if (!js.includes(UPSTREAM_EXPORTS)) throw new Error(`index.js: '${UPSTREAM_EXPORTS}' not found`);
// itables' own rules follow its @import lines: keep them from the first rule on.
const css = replaceHead(readFileSync(join(here, 'upstream', 'index.css'), 'utf8'), 'div.dt-container {', STYLES, 'index.css');

mkdirSync(out, { recursive: true });
// As itables builds its bundle (package.json's build:js and build:css), with each file's licence comments kept at its end.
const common = { bundle: true, minify: true, legalComments: 'eof', absWorkingDir: here, logLevel: 'warning' };
await build({
    ...common,
    stdin: { contents: js.replace(UPSTREAM_EXPORTS, EXPORTS), resolveDir: here, sourcefile: 'dt_for_itables/src/index.js' },
    format: 'esm',
    outfile: join(out, 'dt_bundle.js'),
});
await build({
    ...common,
    stdin: { contents: css, resolveDir: here, sourcefile: 'dt_for_itables/src/index.css', loader: 'css' },
    outfile: join(out, 'dt_bundle.css'),
});

// One notice beside the bundle: what is in it, at which version, and each licence's full text.
const version = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const pinned = Object.keys(JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies)
    .filter((name) => name !== 'esbuild');
const licence = (path) => readFileSync(join(here, path), 'utf8').trim();
writeFileSync(join(out, 'LICENSE.txt'), [
    'dt_bundle.js and dt_bundle.css are a smaller build of the DataTables bundle of the itables Python package 2.9.1',
    "(its dt_for_itables entry point, src/index.js and src/index.css, with only the extensions this book uses), made with",
    'esbuild by tools/dt-bundle/ of the Ruhr Smart Specialisation Briefing. They contain:',
    '',
    ...pinned.map((name) => `- ${name} ${version(name)}` + (name === 'jquery' ? ' (MIT licence, OpenJS Foundation)' : ' (MIT licence, SpryMedia Ltd)')),
    '- itables 2.9.1, packages/dt_for_itables/src/index.js and index.css (MIT licence, Marc Wouts)',
    '',
    'The DataTables licence (the same for DataTables and each of its extensions above):',
    '',
    licence('node_modules/datatables.net/License.txt'),
    '',
    'The jQuery licence:',
    '',
    licence('node_modules/jquery/LICENSE.txt'),
    '',
    'The itables licence:',
    '',
    licence('upstream/LICENSE'),
    '',
].join('\n'));
