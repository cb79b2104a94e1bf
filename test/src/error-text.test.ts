// A rolecall whose chunks were replaced while it ran (a rebuild, an upgrade) says so in words,
// wherever an error no room has mapped is shown; any other error keeps its own words. The errors
// here are Node's own, from real imports of a build's files gone or changed under it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/errors';
import { errorText, OWN_CODE_GONE, ownCodeGone } from '../../src/error-text';
import { tempConfigDir } from '../helpers/temp-dirs';

/**
 * A build in dist/ of these files, whose `entry` Node imports (in a node of its own: the test
 * runner would load it through its own module system); the error Node gives, as it gives it.
 */
function importFailure(files: Record<string, string>, entry: string): Error {
  const dist = join(tempConfigDir(), 'dist');
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  // ES modules, as rolecall's own package.json declares them.
  writeFileSync(join(dist, 'package.json'), '{"type": "module"}\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  const script = `try { await import(${JSON.stringify(pathToFileURL(join(dist, entry)).href)}); } catch (e) {
    process.stdout.write(JSON.stringify({ code: e.code, name: e.name, message: e.message })); }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  rmSync(dist, { recursive: true, force: true });
  if (!run.stdout) throw new Error(`the import did not fail: ${run.stderr}`);
  const { code, name, message } = JSON.parse(run.stdout) as { code?: string; name: string; message: string };
  const error = name === 'SyntaxError' ? new SyntaxError(message) : new Error(message);
  return Object.assign(error, code ? { code } : {});
}

describe('a failed import of rolecall’s own code', () => {
  it('a chunk deleted by a rebuild: said as rolecall updated or removed while it ran', () => {
    const error = importFailure(
      { 'chunks/tour-screen-AB12CD34.js': "await import('./setup-check-X7BK37OR.js');\n" },
      'chunks/tour-screen-AB12CD34.js',
    );
    expect(error).toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    expect(error.message).toMatch(/^Cannot find module '.*\/dist\/chunks\/setup-check-X7BK37OR\.js'/);
    expect(ownCodeGone(error)).toBe(true);
    expect(errorText(error)).toBe('rolecall was updated or removed while it ran: quit and start it again.');
    // describeAwsError's fallback is where most screens and the commands' stderr get their words.
    expect(describeAwsError(error, { doing: 'check your setup' })).toEqual({
      kind: 'unknown',
      message: OWN_CODE_GONE,
    });
  });

  it('a chunk from another build, without the export asked for: said the same', () => {
    const error = importFailure(
      {
        'chunks/chunk-GNALWL57.js': 'export const other = 1;\n',
        'chunks/doctor-QWERTY12.js': "import { runDoctor } from './chunk-GNALWL57.js';\nrunDoctor();\n",
      },
      'chunks/doctor-QWERTY12.js',
    );
    expect(error.name).toBe('SyntaxError');
    expect(errorText(error)).toBe(OWN_CODE_GONE);
  });

  it('anything else keeps its own words: a missing package, a file of the person’s, an ordinary error', () => {
    const noPackage = importFailure(
      { 'chunks/clipboard-ZXCVBN12.js': "await import('no-such-package-for-rolecall');\n" },
      'chunks/clipboard-ZXCVBN12.js',
    );
    expect(errorText(noPackage)).toMatch(/^Cannot find package 'no-such-package-for-rolecall'/);
    const theirs = importFailure({ 'loader.js': "await import('./my-plugin.js');\n" }, 'loader.js');
    expect(errorText(theirs)).toMatch(/^Cannot find module '.*my-plugin\.js'/);
    expect(errorText(new Error('The config file changed since the diff was shown.'))).toBe(
      'The config file changed since the diff was shown.',
    );
    expect(errorText('a string')).toBe('a string');
    expect(describeAwsError(noPackage).message).toMatch(/Cannot find package/);
  });
});
