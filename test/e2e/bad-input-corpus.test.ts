// A corpus of bad command lines and settings files, through the built bin as people and scripts
// run it: each gets a message in words and its exit code, no AWS call is made for a command line
// that cannot work, and no one-shot command writes the settings file it reads.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { requireBuiltBin, runBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
let env: NodeJS.ProcessEnv;
/** An endpoint that counts what reaches it: a command line that cannot work must not call AWS. */
let counter: Server;
let counted = 0;
let counterEndpoint: string;
/** A directory to run commands in, with a script that is not executable. */
let workDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  counter = createServer((_request, response) => {
    counted++;
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterEndpoint = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
  workDir = tempConfigDir();
  writeFileSync(join(workDir, 'not-executable'), '#!/bin/sh\necho ran\n');
  chmodSync(join(workDir, 'not-executable'), 0o644);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
  await new Promise((resolve) => counter?.close(resolve));
});

const rolecall = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runBuiltBin(args, { ...env, ...extraEnv }, workDir);

/** What a person must never see: Node's own error text. */
const RAW_JS = /\b(EACCES|ENOENT|EEXIST|ENOTDIR|spawn|mkdir|TypeError|SyntaxError)\b|\n\s+at /;

const USAGE = 2;
const NO_PROFILE =
  'error: rolecall exec needs a profile before --: rolecall exec PROFILE -- cmd\n(run rolecall --help for usage)\n';
const BAD_COMMAND_LINES: ReadonlyArray<readonly [string[], number, string | RegExp]> = [
  [
    ['env', 'dev-developer', 'extra'],
    USAGE,
    "error: rolecall env takes one profile; unexpected argument 'extra'",
  ],
  [
    ['credential-process', 'dev-developer', 'extra'],
    USAGE,
    "error: rolecall credential-process takes one profile; unexpected argument 'extra'",
  ],
  [
    ['credential-process', 'dev-developer', '--duration', '1h', 'a', 'b'],
    USAGE,
    "error: rolecall credential-process takes one profile; unexpected arguments 'a' 'b'",
  ],
  [['env', 'dev-developer', '--duration', '1x'], USAGE, '--duration takes 15m to 12h'],
  [['exec', 'dev-developer'], USAGE, 'error: name the command to run after --'],
  [['exec', 'dev-developer', '--duration', '1h'], USAGE, 'error: name the command to run after --'],
  [['exec', 'dev-developer', '--duration', '1h', '--'], USAGE, 'error: name the command to run after --'],
  [
    ['exec', 'dev-developer', '--bogus', '--', 'true'],
    USAGE,
    "error: unknown option '--bogus' for rolecall exec (the command and its options go after --)",
  ],
  [['exec', 'dev-developer', '--duration', '5', '--', 'true'], USAGE, '--duration takes 15m to 12h'],
  [['exec', 'dev-developer', '--mfa-code'], USAGE, "option '--mfa-code <code>' argument missing"],
  [
    ['exec', 'dev-developer', '--', 'rolecall-no-such-command'],
    127,
    'rolecall: Cannot run rolecall-no-such-command: there is no such command on PATH.\n',
  ],
  [
    ['exec', 'dev-developer', 'rolecall-no-such-command'],
    127,
    'rolecall: Cannot run rolecall-no-such-command: there is no such command on PATH.\n',
  ],
  // A profile that needs an MFA code: none is asked for a command that cannot run.
  [
    ['exec', 'prod-readonly', '--duration', '1h', 'rolecall-no-such-command', '--flag'],
    127,
    'rolecall: Cannot run rolecall-no-such-command: there is no such command on PATH.\n',
  ],
  [
    ['exec', 'dev-developer', '--', './not-executable'],
    126,
    'rolecall: Cannot run ./not-executable: it is not executable (chmod +x ./not-executable).\n',
  ],
  [
    ['exec', 'dev-developer', '--', './missing'],
    127,
    'rolecall: Cannot run ./missing: there is no such file.\n',
  ],
  [['exec', 'dev-developer', '--', '/'], 126, 'rolecall: Cannot run /: it is a directory.\n'],
  // The profile forgotten: the command's first word is not taken as the profile.
  [['exec', '--', 'true'], USAGE, NO_PROFILE],
  [['exec', '--', 'aws', 's3', 'ls'], USAGE, NO_PROFILE],
  [['exec', '--duration', '1h', '--', 'true'], USAGE, NO_PROFILE],
  [['exec', '--region=eu-west-1', '--', 'dev-developer', 'true'], USAGE, NO_PROFILE],
];

describe('a command line that cannot work', () => {
  it.each(BAD_COMMAND_LINES)(
    '%j exits %i with a message, before any call to AWS',
    async (args, code, said) => {
      const before = counted;
      const result = await rolecall(args, { AWS_ENDPOINT_URL: counterEndpoint });
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      if (typeof said === 'string' && said.endsWith('\n')) expect(result.stderr).toBe(said);
      else expect(result.stderr).toContain(said);
      if (code === USAGE) expect(result.stderr).toContain('(run rolecall --help for usage)');
      expect(result.stderr).not.toMatch(RAW_JS);
      expect(counted).toBe(before);
    },
  );
});

describe('options after the profile', () => {
  it('exec PROFILE --duration 15m -- CMD: the session lasts 15 minutes', async () => {
    const { code, stdout, stderr } = await rolecall([
      'exec',
      'dev-developer',
      '--duration',
      '15m',
      '--',
      'sh',
      '-c',
      'echo "$AWS_CREDENTIAL_EXPIRATION"',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const left = Date.parse(stdout.trim()) - Date.now();
    expect(left).toBeGreaterThan(10 * 60_000);
    expect(left).toBeLessThanOrEqual(15 * 60_000);
  });

  it('exec PROFILE --mfa-code CODE -- CMD: the code is used', async () => {
    const code = generate({
      secret: sandbox.seeded.mfa[0]?.secret ?? '',
      epoch: Math.floor(Date.now() / 1000),
    });
    const result = await rolecall([
      'exec',
      'prod-readonly',
      '--mfa-code',
      await code,
      '--',
      'sh',
      '-c',
      'echo "$ROLECALL_ROLE_ARN"',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'arn:aws:iam::333333333333:role/ReadOnly\n' });
  });

  it('without --, the command starts at the first word that is not an option', async () => {
    const result = await rolecall([
      'exec',
      'dev-developer',
      '--region',
      'eu-west-2',
      'sh',
      '-c',
      'echo "$AWS_REGION"',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'eu-west-2\n', stderr: '' });
  });

  it("the command's own options stay the command's, with or without --", async () => {
    const withDashes = await rolecall([
      'exec',
      'dev-developer',
      '--',
      'sh',
      '-c',
      'echo "$*"',
      'sh',
      '--duration',
      '2h',
    ]);
    expect(withDashes).toMatchObject({ code: 0, stdout: '--duration 2h\n' });
    const without = await rolecall([
      'exec',
      'dev-developer',
      'sh',
      '-c',
      'echo "$*"',
      'sh',
      '--region',
      '--',
      'x',
    ]);
    expect(without).toMatchObject({ code: 0, stdout: '--region -- x\n' });
  });
});

/** Settings file text → what `rolecall env` says of it on stderr ('' for nothing). */
const SETTINGS_FILES: ReadonlyArray<readonly [string, string | RegExp]> = [
  [
    '{ not json',
    /^rolecall: Settings file \S+ was not valid JSON \(line 1\); the default settings are used\.\n$/,
  ],
  [
    'null',
    /^rolecall: Settings file \S+ held null, not the object of settings rolecall writes .*; the default settings are used\.\n$/,
  ],
  ['[]', /^rolecall: Settings file \S+ held \[\], not the object/],
  ['42', /^rolecall: Settings file \S+ held 42, not the object/],
  [
    '{"defaultSessionSeconds": "abc"}',
    /^rolecall: Settings file \S+: defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200; the default is used for it\.\n$/,
  ],
  [
    '{"defaultRegion": "Mars", "sessionNameTemplate": ""}',
    /^rolecall: Settings file \S+: defaultRegion is "Mars"; expected a region name such as us-east-1; sessionNameTemplate is ""; expected text of 1 to 64 characters; the default is used for them\.\n$/,
  ],
  // Wrong, but not used by env: the interface says so when it next starts.
  ['{"favourites": "all of them"}', ''],
  // Hand-written forms the interface's migration will normalise are read as it will.
  ['{"defaultRegion": "EU-WEST-2", "accounts": {"1111-1111-1111": {}}}', ''],
  ['', ''],
  ['\uFEFF{}', /^rolecall: Settings file \S+ begins with a byte-order mark/],
];

describe('settings files a one-shot command reads', () => {
  it.each(SETTINGS_FILES)('%j: env works, says %s, and leaves the file as it was', async (text, said) => {
    const dir = tempConfigDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, text);
    chmodSync(path, 0o640);
    const result = await rolecall(['env', 'dev-developer', '--format', 'json'], { ROLECALL_CONFIG_DIR: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1 });
    if (said === '') expect(result.stderr).toBe('');
    else expect(result.stderr).toMatch(said);
    expect(result.stderr.split('\n')).toHaveLength(said === '' ? 1 : 2);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('a settings directory that is a file is named, and env still works', async () => {
    const blocker = join(tempConfigDir(), 'rolecall-config');
    writeFileSync(blocker, 'not a directory');
    const result = await rolecall(['credential-process', 'dev-developer'], { ROLECALL_CONFIG_DIR: blocker });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `rolecall: The settings directory ${blocker} (ROLECALL_CONFIG_DIR) is a file, not a directory; the default settings are used.\n`,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('not a directory');
  });
});

describe('the interface starting on bad settings', () => {
  let tui: PtyRun | undefined;
  afterEach(() => tui?.kill());

  function start(configDir: string) {
    tui = runInPty(process.execPath, [requireBuiltBin()], {
      env: { ...env, ROLECALL_CONFIG_DIR: configDir },
      columns: 160,
      rows: 30,
    });
    return tui;
  }

  it('says the settings directory is a file, in words, and still runs', async () => {
    const blocker = join(tempConfigDir(), 'rolecall-config');
    writeFileSync(blocker, 'not a directory');
    const screen = await start(blocker).waitForText('Defaults are in use until rolecall exits.');
    expect(screen.replace(/\s+/g, ' ')).toContain(
      `The settings directory ${blocker} (ROLECALL_CONFIG_DIR) is a file, not a directory: move it away, or set ROLECALL_CONFIG_DIR to a directory rolecall may use.`,
    );
    expect(screen).not.toMatch(RAW_JS);
    tui?.type('q');
    expect((await tui?.exited)?.exitCode).toBe(0);
  });

  it('moves a file with a wrong value aside as the user wrote it, naming the field and the value', async () => {
    const dir = tempConfigDir();
    mkdirSync(dir, { recursive: true });
    const text = '{ "defaultSessionSeconds": "abc",\n  "defaultRegion": "eu-west-1" }\n';
    writeFileSync(join(dir, 'settings.json'), text);
    chmodSync(join(dir, 'settings.json'), 0o644);
    const screen = await start(dir).waitForText('defaults are in use.');
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'held values rolecall cannot use (defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200); it is now settings.json.bak',
    );
    expect(readFileSync(join(dir, 'settings.json.bak'), 'utf8')).toBe(text);
    expect(statSync(join(dir, 'settings.json.bak')).mode & 0o777).toBe(0o644);
    tui?.type('q');
    await tui?.exited;
  });
});

/** A Node older than 22 on this machine (Debian's /usr/bin/node is 20), if there is one. */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', '/usr/bin/nodejs']) {
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    const major = Number(/^v(\d+)\./.exec(version ?? '')?.[1]);
    if (major && major < 22) return candidate;
  }
  return undefined;
}

const oldNode = olderNode();
describe('on a Node.js older than 22', () => {
  it.skipIf(!oldNode)(
    `says it needs Node.js 22 once, on one line${oldNode ? '' : ' (skipped: no Node.js older than 22 found in /usr/bin or /usr/local/bin)'}`,
    () => {
      for (const args of [['env', 'x'], ['exec', 'x', '--', 'true'], [], ['--version']]) {
        const result = spawnSync(oldNode ?? '', [requireBuiltBin(), ...args], {
          encoding: 'utf8',
          env: { ...env, ROLECALL_CONFIG_DIR: tempConfigDir() },
        });
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^rolecall needs Node\.js 22 or later; this is v\d+\.\d+\.\d+\.\n$/);
      }
    },
  );
});
