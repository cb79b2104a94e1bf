// esbuild options shared by the CLI build and the test fixtures that bundle the real app shell.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * ink paints each frame into components/frame-output.ts's grid rather than its own Output: the
 * same text, at a fraction of the work and garbage a frame (that file says why). ink's renderer
 * is the one file of ink that makes an Output; it gets ink's Output handed to frameOutputOn.
 */
export const inkFrameOutput = {
  name: 'ink-frame-output',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!/[\\/]ink[\\/]build[\\/][^\\/]+$/.test(args.importer)) return undefined;
      if (!/[\\/]renderer\.js$/.test(args.importer))
        return {
          errors: [
            {
              text: `${args.importer} makes an Output too: check components/frame-output.ts against this ink`,
            },
          ],
        };
      return {
        path: 'frame-output',
        namespace: 'ink-frame-output',
        pluginData: { original: join(dirname(args.importer), 'output.js') },
      };
    });
    bundler.onLoad({ filter: /.*/, namespace: 'ink-frame-output' }, (args) => ({
      contents: [
        `import InkOutput from ${JSON.stringify(args.pluginData.original)};`,
        `import { frameOutputOn } from ${JSON.stringify(join(root, 'components/frame-output.ts'))};`,
        'export default frameOutputOn(InkOutput);',
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * React is CommonJS, so esbuild gives every module that imports it (126 imports of react and
 * react/jsx-runtime here) its own copy of its exports, each export a getter that every hook call
 * then goes through. React and its JSX runtime are each imported once instead, by a module that
 * exports their values as ES bindings, which the bundle links to directly. That is ~0.9 MB less
 * to allocate before the first frame, enough that V8 no longer starts a major GC before it.
 */
export const reactAsEsModule = {
  name: 'react-as-es-module',
  setup(bundler) {
    const require = createRequire(import.meta.url);
    bundler.onResolve({ filter: /^react(\/jsx-runtime)?$/ }, (args) => {
      // CommonJS (react-reconciler) requires React itself, as it was written to.
      if (args.namespace === 'react-as-es-module' || args.kind !== 'import-statement') return undefined;
      return { path: args.path, namespace: 'react-as-es-module' };
    });
    bundler.onLoad({ filter: /.*/, namespace: 'react-as-es-module' }, (args) => {
      const names = Object.keys(require(args.path)).filter((name) => name !== 'default');
      return {
        contents: [
          `import whole from ${JSON.stringify(args.path)};`,
          'export default whole;',
          `export const { ${names.join(', ')} } = whole;`,
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

/**
 * yoga (ink's layout engine) carries its wasm as a base64 data: URL, which its loader fetch()es
 * when there is a fetch: Node's fetch is undici, loaded for that alone, ~35 ms of every start on
 * one core. With no fetch in the loader's scope it decodes the same bytes itself, as it does
 * wherever there is no fetch.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(bundler) {
    bundler.onLoad(
      { filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('"function"!=typeof fetch'))
          return {
            errors: [
              { text: `${args.path} no longer tests for fetch: check yogaWithoutFetch against this yoga` },
            ],
          };
        return { contents: `const fetch = undefined;\n${source}`, loader: 'js' };
      },
    );
  },
};

/** What every build of rolecall's has, and the benches' floors too: how rolecall is bundled. */
export const bundling = [reactAsEsModule, yogaWithoutFetch];

/** Bundled CommonJS dependencies call require() for Node built-ins: an ES module has none of its own. */
export const REQUIRE_BANNER =
  "import { createRequire as __rolecallCreateRequire } from 'node:module'; const require = __rolecallCreateRequire(import.meta.url);";

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  // Each package's ES module build first. The AWS SDK's CommonJS builds require() @smithy/core's ES
  // modules, which esbuild then wraps in functions that V8 compiles at their first call, on every
  // run, outside the compile cache: `rolecall env` spent ~8 ms of its ~118 doing that.
  mainFields: ['module', 'main'],
  target: 'node22',
  // React's development build keeps memory per render; ink is only safe to leave running
  // all day in production mode (ink-notes.md).
  // write-file-atomic names its temporary files from CommonJS's __filename, which an ES module
  // lacks: Node 22's import.meta.filename is the same thing.
  define: { 'process.env.NODE_ENV': '"production"', __filename: 'import.meta.filename' },
  // ink imports react-devtools-core statically but only uses it in development.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.js' },
  banner: { js: REQUIRE_BANNER },
  plugins: [inkFrameOutput, ...bundling],
  logLevel: 'warning',
};
