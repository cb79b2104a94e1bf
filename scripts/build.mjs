// Bundles the CLI into dist/ with esbuild. The entry is src/main.ts, which answers an agent-served
// credential-process before loading the rest; cli.ts is a chunk it imports, and the TUI a chunk
// cli.ts imports, so commands that print and exit never load React or ink.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { bundleOptions, root } from './bundle-options.mjs';

await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: { rolecall: 'src/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  minifySyntax: true,
  legalComments: 'linked',
});
await chmod(`${root}/dist/rolecall.js`, 0o755);
