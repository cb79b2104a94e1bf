// Bundles the CLI into dist/ with esbuild, in two builds. dist/chunks/cli.js is the CLI
// (src/cli.ts) with its chunks: the TUI is one (a dynamic import), so commands that print and
// exit never load React or ink. dist/rolecall.js is the entry (src/main.ts) alone, in one file:
// it answers a credential-process that a running agent serves with node:net and a few KB of its
// own (each chunk it would share with the CLI costs a file read and a module link, and this runs
// once per AWS CLI start), and imports the CLI for everything else.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { bundleOptions, root } from './bundle-options.mjs';

await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: { 'chunks/cli': 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  minifySyntax: true,
  legalComments: 'linked',
});
await build({
  ...bundleOptions,
  entryPoints: { rolecall: 'src/main.ts' },
  outdir: 'dist',
  minifySyntax: true,
  plugins: [
    {
      name: 'cli-chunk',
      setup(bundler) {
        // main.ts's import('./cli') is the CLI built above, not a second copy of it.
        bundler.onResolve({ filter: /^\.\/cli$/ }, () => ({ path: './chunks/cli.js', external: true }));
      },
    },
  ],
});
await chmod(`${root}/dist/rolecall.js`, 0o755);
