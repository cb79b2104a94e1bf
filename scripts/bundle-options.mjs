// esbuild options shared by the CLI build and the test fixtures that bundle the real app shell.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // React's development build keeps memory per render; ink is only safe to leave running
  // all day in production mode (ink-notes.md).
  // write-file-atomic names its temporary files from CommonJS's __filename, which an ES module
  // lacks: Node 22's import.meta.filename is the same thing.
  define: { 'process.env.NODE_ENV': '"production"', __filename: 'import.meta.filename' },
  // ink imports react-devtools-core statically but only uses it in development.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.js' },
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __rolecallCreateRequire } from 'node:module'; const require = __rolecallCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
