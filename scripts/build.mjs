// Bundles the CLI into dist/ with esbuild, in three builds.
// - dist/chunks/cli.js is the CLI (src/cli.ts) with its chunks: the TUI is one (a dynamic
//   import), so commands that print and exit never load React or ink.
// - dist/one-shot/chunks/one-shot.js is `env PROFILE` and `credential-process PROFILE` (src/
//   one-shot.ts) with chunks of their own: 15 files to load rather than the 46 these commands
//   take among the CLI's, whose chunks are cut for the CLI's ~30 dynamic imports. The SDK and the
//   core's files are in both builds: ~0.8 MB on disk, for ~8 ms of every credential_process start.
// - dist/rolecall.js is the entry (src/main.ts) alone, in one file: it answers a credential-process
//   that a running agent serves with node:net and a few KB of its own (each chunk it would share
//   costs a file read and a module link, and this runs once per AWS CLI start), and imports one of
//   the other two for everything else.
import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { bundleOptions, REQUIRE_BANNER, root } from './bundle-options.mjs';

await rm(`${root}/dist`, { recursive: true, force: true });
for (const [name, entry, outdir] of [
  ['cli', 'src/cli.ts', 'dist'],
  ['one-shot', 'src/one-shot.ts', 'dist/one-shot'],
]) {
  await build({
    ...bundleOptions,
    entryPoints: { [`chunks/${name}`]: entry },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    minifySyntax: true,
    legalComments: 'linked',
  });
  await tidyChunks(`${root}/${outdir}/chunks`);
}
await build({
  ...bundleOptions,
  entryPoints: { rolecall: 'src/main.ts' },
  outdir: 'dist',
  minifySyntax: true,
  plugins: [
    {
      name: 'built-apart',
      setup(bundler) {
        // main.ts's import('./cli') and import('./one-shot') are the builds above, not second copies.
        bundler.onResolve({ filter: /^\.\/cli$/ }, () => ({ path: './chunks/cli.js', external: true }));
        bundler.onResolve({ filter: /^\.\/one-shot$/ }, () => ({
          path: './one-shot/chunks/one-shot.js',
          external: true,
        }));
      },
    },
  ],
});
await chmod(`${root}/dist/rolecall.js`, 0o755);

async function tidyChunks(dir) {
  // Node looks for the package.json that says a module's type at every import it resolves, from
  // the module's folder up, and keeps no note of the folders that had none: with one beside the
  // chunks, `rolecall env` skips ~290 failed opens (two per import: dist/chunks/, dist/).
  await writeFile(`${dir}/package.json`, '{ "type": "module" }\n');
  // The banner gives every chunk a CommonJS require (bundled CommonJS code calls it for Node's
  // built-ins), made as each chunk loads: kept only in the chunks that name require, since most
  // chunks are ES modules and an interface start loads about 35 of them.
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = `${dir}/${name}`;
    const text = await readFile(file, 'utf8');
    if (!text.startsWith(`${REQUIRE_BANNER}\n`))
      throw new Error(`${file} does not start with the require banner`);
    const rest = text.slice(REQUIRE_BANNER.length + 1);
    if (!/\brequire\b/.test(rest)) await writeFile(file, rest);
  }
}
