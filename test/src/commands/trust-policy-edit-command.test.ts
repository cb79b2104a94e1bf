// `rolecall trust-policy --edit FILE`'s save: only over the file as it was read (a change made
// meanwhile, by another editor or a git checkout, is never overwritten), through a symbolic link
// to its target (the link stays a link), and a refusal of the system's in words, not errno text.
import { lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTrustPolicyFile } from '../../../src/commands/trust-policy-edit-command';
import { tempConfigDir } from '../../helpers/temp-dirs';

const DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
  ],
});
const CHANGED = DOCUMENT.replace('111111111111', '333333333333');

function policyFile(): { dir: string; path: string } {
  const dir = tempConfigDir();
  const path = join(dir, 'trust.json');
  writeFileSync(path, DOCUMENT);
  return { dir, path };
}

describe('saving a trust policy file opened with --edit', () => {
  it('writes nothing when the file changed since it was opened, and says so', async () => {
    const { dir, path } = policyFile();
    const file = await openTrustPolicyFile('trust.json', dir);
    const meanwhile = DOCUMENT.replace('AssumeRole', 'TagSession');
    writeFileSync(path, meanwhile);
    expect(await file.save(CHANGED)).toEqual({
      ok: false,
      message: expect.stringMatching(/^trust\.json changed since it was opened; nothing was written\./),
    });
    expect(readFileSync(path, 'utf8')).toBe(meanwhile);
    expect(file.saved()).toBe(false);
  });

  it('writes through a symbolic link to its target, leaving the link a link', async () => {
    const { dir, path } = policyFile();
    const link = join(dir, 'linked.json');
    symlinkSync(path, link);
    const file = await openTrustPolicyFile('linked.json', dir);
    expect(await file.save(CHANGED)).toEqual({ ok: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(`${CHANGED}\n`);
    expect(file.saved()).toBe(true);
  });

  it('puts what the system refuses in words, with no errno text', async () => {
    const { dir, path } = policyFile();
    const file = await openTrustPolicyFile('trust.json', dir);
    // The file replaced by a folder since (as root, permissions would not stop anything).
    rmSync(path);
    mkdirSync(path);
    expect(await file.save(CHANGED)).toEqual({
      ok: false,
      message:
        'trust.json could not be read again before writing (it is a folder, not a file); nothing was written.',
    });
  });
});
