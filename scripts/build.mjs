// Bundles the CLI into dist/ with esbuild. The TUI is a separate chunk (a dynamic import in
// src/cli.ts), so commands that print and exit never load React or ink.
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { rolecall: 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minifySyntax: true,
  legalComments: 'linked',
  // React's development build keeps memory per render; ink is only safe to leave running
  // all day in production mode (ink-notes.md).
  define: { 'process.env.NODE_ENV': '"production"' },
  // ink imports react-devtools-core statically but only uses it in development.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.js' },
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __rolecallCreateRequire } from 'node:module'; const require = __rolecallCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod(`${root}/dist/rolecall.js`, 0o755);
