// Bundles the CLI into dist/ with esbuild, in two builds. dist/chunks/cli.js is the CLI
// (src/cli.ts) with its chunks: the TUI is one (a dynamic import), so commands that print and
// exit never load React or ink. dist/rolecall.js is the entry (src/main.ts) alone, in one file:
// it answers a credential-process that a running agent serves with node:net and a few KB of its
// own (each chunk it would share with the CLI costs a file read and a module link, and this runs
// once per AWS CLI start), and imports the CLI for everything else.
import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { bundleOptions, REQUIRE_BANNER, root } from './bundle-options.mjs';

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
// Node looks for the package.json that says each module's type at every import it resolves, from
// the module's folder up, and keeps no note of the folders that had none: with this one beside the
// chunks, an interface start skips ~300 failed opens (one per import, in dist/ and dist/chunks/).
await writeFile(`${root}/dist/chunks/package.json`, '{ "type": "module" }\n');

// The banner gives every chunk a CommonJS require (bundled CommonJS code calls it for Node's
// built-ins), made as each chunk loads: kept only in the chunks that name require, since most
// chunks are ES modules and an interface start loads about 35 of them.
for (const name of await readdir(`${root}/dist/chunks`)) {
  if (!name.endsWith('.js')) continue;
  const file = `${root}/dist/chunks/${name}`;
  const text = await readFile(file, 'utf8');
  if (!text.startsWith(`${REQUIRE_BANNER}\n`)) throw new Error(`${file} does not start with the require banner`);
  const rest = text.slice(REQUIRE_BANNER.length + 1);
  if (!/\brequire\b/.test(rest)) await writeFile(file, rest);
}
