// `rolecall trust-policy --edit FILE` from the built bin in a real terminal: the builder on the
// file's document (what it cannot express kept), a condition changed, the diff, "save to FILE",
// and the file on disk holding the new document with its mode as it was; leaving unsaved writes
// nothing (exit 1); a malformed file is refused before the interface opens (exit 2), unchanged.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { tempConfigDir } from '../helpers/temp-dirs';

let run: PtyRun | undefined;
afterEach(() => run?.kill());

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'old-id' } },
    },
    {
      Sid: 'NoBob',
      Effect: 'Deny',
      Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' },
      Action: 'sts:AssumeRole',
    },
  ],
};

function policyFile(text: string, mode: number): string {
  const path = join(tempConfigDir(), 'trust.json');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

function editInPty(path: string) {
  const command = `"$0" "$@"; echo "rolecall exited $?"`;
  return runInPty(
    '/bin/sh',
    ['-c', command, process.execPath, requireBuiltBin(), 'trust-policy', '--edit', path],
    {
      env: { ROLECALL_CONFIG_DIR: tempConfigDir() },
      rows: 40,
      columns: 140,
    },
  );
}

describe('rolecall trust-policy --edit FILE', () => {
  it('saves a changed condition back to the file, keeping its mode and the statement the form cannot express', async () => {
    const path = policyFile(JSON.stringify(DOCUMENT), 0o640);
    run = editInPty(path);
    await run.waitForText('Kept as written');
    expect(run.screenText()).toContain('"Sid": "NoBob"');
    // Entry 1's kind, its value, Require MFA, MFA max age, then External ID.
    for (const next of ['› Account ID', '› [ ] Require MFA', '› MFA max age', '› External ID']) {
      run.type('\t');
      await run.waitForText(next);
    }
    run.type('\u0015new-id');
    await run.waitFor((s) => /\+\s+"sts:ExternalId": "new-id"/.test(s), 'the added line in the diff');
    // Enter on a field goes to the next; the save is the row at the end, after Simulate….
    run.type('\r');
    await run.waitForText('› Organization');
    for (const next of [
      '› [ ] Allow session tags',
      '› Source identity',
      '› Source account',
      '› Source ARN',
      '› Simulate…',
    ]) {
      run.type('\t');
      await run.waitForText(next);
    }
    run.type('\t');
    await run.waitForText(`› save to ${path}…`);
    run.type('\r');
    await run.waitForText('Save this change to the trust policy?');
    expect(run.screenText()).toContain(`Writes ${path}`);
    // The page's keys are in once the footer names them.
    await run.waitForText('Esc back to the form');
    run.type('\r');
    await run.waitForText('rolecall exited 0');
    expect(run.screenText()).toContain('Saved ');
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'new-id' } });
    expect(saved.Statement).toContainEqual(DOCUMENT.Statement[1]);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('asks before quitting with unsaved changes, and writes nothing when told to quit (exit 1)', async () => {
    const text = JSON.stringify(DOCUMENT);
    const path = policyFile(text, 0o600);
    run = editInPty(path);
    await run.waitForText('Kept as written');
    // Require MFA on: Entry 1's kind, its value, then the toggle.
    for (const next of ['› Account ID', '› [ ] Require MFA']) {
      run.type('\t');
      await run.waitForText(next);
    }
    run.type(' ');
    await run.waitForText('› [x] Require MFA');
    run.type('q');
    await run.waitForText('Quit without saving');
    // n stays; on the save page q asks again.
    run.type('n');
    await run.waitFor((s) => !s.includes('Quit without saving'), 'the question gone');
    // Up from the first field goes round to the save row at the end.
    for (const next of ['› Account ID', '› Entry 1', `› save to ${path}…`]) {
      run.type('\u001b[A');
      await run.waitForText(next);
    }
    run.type('\r');
    await run.waitForText('Esc back to the form');
    run.type('q');
    await run.waitForText('Quit without saving');
    run.type('y');
    await run.waitForText('rolecall exited 1');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a malformed file before opening, naming the file and the line (exit 2), and leaves it unchanged', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {,\n  ]\n}\n';
    const path = policyFile(text, 0o644);
    const out = await runBuiltBin(['trust-policy', '--edit', path], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`Cannot edit ${path}, line 4:`);
    expect(out.stderr).toContain('Nothing was written.');
    expect(readFileSync(path, 'utf8')).toBe(text);
    const permissions = policyFile(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      }),
      0o644,
    );
    const refused = await runBuiltBin(['trust-policy', '--edit', permissions], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not a trust policy');
  });
});
