// `rolecall console` from the built bin against the sandbox: a sign-in URL printed and redeemed
// at the sandbox's federation endpoint, as a role's session and as an IAM user's federated user;
// a "browser" ($BROWSER, a script) sent there through a one-time loopback address; and no
// browser over SSH, said before anything is asked of AWS.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV, IDENTITY } from '../../src/sandbox/seed';
import { runBuiltBin } from '../helpers/built-bin';
import { sandboxForTheseTests } from '../helpers/core-under-test';
import { tempConfigDir } from '../helpers/temp-dirs';

const world = sandboxForTheseTests();
/** The bin's environment: the sandbox's variables (ROLECALL_SIGNIN_ENDPOINT too), and no more. */
const env = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
  ROLECALL_CONFIG_DIR: configDir,
  AWS_EC2_METADATA_DISABLED: 'true',
  ...world.env,
});
const configDir = tempConfigDir();

const rolecall = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runBuiltBin(['console', ...args, '--no-agent'], { ...env(), ...extraEnv });

async function redeem(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

describe('rolecall console', () => {
  it("--print prints a URL that signs in as the role's session, and says it is a secret", async () => {
    const run = await rolecall(['dev-developer', '--print', '--service', 'ec2', '--region', 'eu-west-1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&\S+\n$/);
    expect(run.stderr).toMatch(
      new RegExp(
        `^rolecall: the console sign-in URL for arn:aws:sts::${DEV}:assumed-role/Developer/rolecall-\\S+, good until \\d\\d:\\d\\d: anyone who has it is signed in as that session, so keep it to yourself\\.\\n$`,
      ),
    );
    const page = await redeem(run.stdout.trim());
    expect(page).toMatch(new RegExp(`Signed in as arn:aws:sts::${DEV}:assumed-role/Developer/rolecall-`));
    expect(page).toContain('Destination: https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
  });

  it("opens $BROWSER on a one-time address that leads to the console as alice's federated user", async () => {
    const dir = tempConfigDir();
    const browser = join(dir, 'browser.sh');
    writeFileSync(
      browser,
      [
        '#!/bin/sh',
        `printf '%s' "$1" > "${browser}.args"`,
        `exec "${process.execPath}" -e 'fetch(process.argv[1]).then(r => r.text()).then(t => require("fs").writeFileSync(process.argv[2], t))' "$1" "${browser}.page"`,
        '',
      ].join('\n'),
    );
    chmodSync(browser, 0o700);
    const run = await rolecall(['alice'], { BROWSER: browser });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain(`opening the AWS console as arn:aws:sts::${IDENTITY}:federated-user/alice`);
    expect(run.stderr).toContain('the browser has the sign-in link (by $BROWSER).');
    expect(readFileSync(`${browser}.args`, 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}$/);
    await expect
      .poll(() => readFileSync(`${browser}.page`, 'utf8'), { timeout: 10_000 })
      .toContain(`Signed in as arn:aws:sts::${IDENTITY}:federated-user/alice.`);
  });

  it('over SSH with no $BROWSER, opens nothing, asks AWS nothing, and says to use --print', async () => {
    const run = await rolecall(['dev-admin'], {
      SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22',
      DISPLAY: ':0',
    });
    // dev-admin needs an MFA code: none was asked for, as nothing would come of it.
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'rolecall: This terminal is connected over SSH, so a browser opened here would open on the remote machine. Run rolecall console dev-admin --print and open the URL it prints in a browser (it is good for 15 minutes).\n',
    });
  });

  it('refuses a --service that is not a console path, and a sign-in endpoint that is plain http elsewhere', async () => {
    const bad = await rolecall(['dev-developer', '--print', '--service', 'S3!']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--service takes a console service as its URL names it, e.g. s3, ec2 or iam.',
    );
    const elsewhere = await rolecall(['dev-developer', '--print'], {
      ROLECALL_SIGNIN_ENDPOINT: 'http://example.com/federation',
    });
    expect(elsewhere).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'rolecall: ROLECALL_SIGNIN_ENDPOINT must be https, or http on 127.0.0.1: credentials are sent to it.\n',
    });
  });
});
