// Bundles the CLI into dist/ with esbuild. The TUI is a separate chunk (a dynamic import in
// src/cli.ts), so commands that print and exit never load React or ink.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { bundleOptions, root } from './bundle-options.mjs';

await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: { rolecall: 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  minifySyntax: true,
  legalComments: 'linked',
});
await chmod(`${root}/dist/rolecall.js`, 0o755);
