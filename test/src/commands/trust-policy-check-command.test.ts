// `rolecall trust-policy --check`, called as the CLI calls it: a file or stdin in, findings and an
// exit code out.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrustPolicyCheck } from '../../../src/commands/trust-policy-check-command';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);

const refused = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Resource: '*',
      },
    ],
  },
  null,
  2,
);
const warned = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const clean = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }],
});

async function check(file: string, options: { json?: boolean; stdin?: string; cwd?: string } = {}) {
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let out = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await runTrustPolicyCheck({
    file,
    json: options.json ?? false,
    stdin,
    stdout,
    cwd: options.cwd ?? tempConfigDir(),
  });
  return { code, out };
}

describe('rolecall trust-policy --check', () => {
  it('prints each finding with its severity and path, then a summary, and exits 1 on an error', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'trust.json'), refused);
    const { code, out } = await check('trust.json', { cwd: dir });
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(
        /^error {3}\$\.Statement\[0\]\.Resource {2}A trust policy applies to its own role/,
      ),
      expect.stringMatching(
        /^warning \$\.Statement\[0\]\.Principal\.Service {2}lambda\.amazonaws\.com may assume this role/,
      ),
      'trust.json: 1 error, 1 warning. IAM would refuse this trust policy; fix the errors above.',
      '',
    ]);
  });

  it('exits 0 when there are only warnings, and says so', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'trust.json'), warned);
    const { code, out } = await check('trust.json', { cwd: dir });
    expect(code).toBe(0);
    expect(out).toContain(
      'trust.json: 1 warning. IAM would accept this trust policy; the warnings say what to tighten.\n',
    );
  });

  it('reads stdin for "-"', async () => {
    expect(await check('-', { stdin: clean })).toEqual({
      code: 0,
      out: 'the trust policy on standard input: no findings. IAM would accept this trust policy.\n',
    });
    expect((await check('-', { stdin: '{"Version": ' })).code).toBe(1);
  });

  it('prints the findings as a JSON array with --json', async () => {
    const { code, out } = await check('-', { stdin: refused, json: true });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual([
      {
        severity: 'error',
        code: 'resource-in-trust-policy',
        path: '$.Statement[0].Resource',
        message: expect.stringContaining('Remove Resource.'),
      },
      {
        severity: 'warning',
        code: 'service-without-source',
        path: '$.Statement[0].Principal.Service',
        message: expect.stringContaining('aws:SourceAccount'),
      },
    ]);
    expect(JSON.parse((await check('-', { stdin: clean, json: true })).out)).toEqual([]);
  });

  it('names a file it cannot read, and why, with exit code 2', async () => {
    const dir = tempConfigDir();
    await expect(check('missing.json', { cwd: dir })).rejects.toMatchObject({
      name: 'CommandError',
      message: `Cannot read the trust policy missing.json (${join(dir, 'missing.json')}): there is no such file.`,
      exitCode: 2,
    });
    mkdirSync(join(dir, 'folder'));
    await expect(check(join(dir, 'folder'), { cwd: dir })).rejects.toMatchObject({
      message: `Cannot read the trust policy ${join(dir, 'folder')}: it is a directory.`,
      exitCode: 2,
    });
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'secret.json'), clean);
      chmodSync(join(dir, 'secret.json'), 0o200);
      await expect(check('secret.json', { cwd: dir })).rejects.toMatchObject({
        message: expect.stringContaining('permission denied (chmod u+r'),
        exitCode: 2,
      });
    }
  });
});
