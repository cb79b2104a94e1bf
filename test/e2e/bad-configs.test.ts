// Bad AWS files through the built bin, against the sandbox: a profile a broken line could have
// changed is refused (exit 1, the file, the line and the fix) before any AWS call; what changes
// nothing is said and the command works. The corpus is a table: input → outcome.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { runBuiltBin } from '../helpers/built-bin';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { tempConfigDir } from '../helpers/temp-dirs';

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
// Empty until the sandbox is up: the corpus is built once for its names, and again in each test.
let config = '';
let credentials = '';

beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  config = readFileSync(files.configFile, 'utf8');
  credentials = readFileSync(files.credentialsFile, 'utf8');
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});

/** The built bin on these AWS files; `config` as a directory when it is `{ directory: true }`. */
async function rolecall(
  args: string[],
  aws: { config: string | Buffer | { directory: true }; credentials?: string | Buffer },
) {
  const dir = tempConfigDir();
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  if (typeof aws.config === 'object' && 'directory' in aws.config) mkdirSync(configFile);
  else writeFileSync(configFile, aws.config);
  writeFileSync(credentialsFile, aws.credentials ?? credentials);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ROLECALL_CONFIG_DIR: tempConfigDir(),
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { ...(await runBuiltBin(args, env)), configFile };
}

/** The sandbox's config with `text` right after the section of `profile` (before the next header). */
function insertAfter(profile: string, text: string): string {
  const start = config.indexOf(`[profile ${profile}]`);
  const next = config.indexOf('\n[', start + 1);
  return `${config.slice(0, next + 1)}${text}${config.slice(next + 1)}`;
}

/** The sandbox's config with a Latin-1 "josé" (not UTF-8) as a session name in `profile`. */
function latin1After(profile: string): Buffer {
  const [before = '', rest = ''] = insertAfter(profile, 'role_session_name = jos\u0000\n').split('\u0000');
  return Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(rest)]);
}

/** The line of the config on which `text` begins. */
function lineOf(configText: string, text: string): number {
  return configText.slice(0, configText.indexOf(text)).split('\n').length;
}

const PROD_ADMIN = 'arn:aws:iam::333333333333:role/Admin';
const ARN_IN_SHELL = [
  'sh',
  '-c',
  '/usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text',
];
const aliceCode = (steps: number) =>
  generate({
    secret: sandbox.seeded.mfa[0]?.secret ?? '',
    epoch: Math.floor(Date.now() / 1000) + steps * 30,
  });

describe('rolecall exec prod-readonly with a broken header below it', () => {
  const BROKEN =
    '[profile broken\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\n\n';

  it('refuses, exit non-zero, naming the file, the line and the fix, before asking for a code', async () => {
    const text = insertAfter('prod-readonly', BROKEN);
    const line = lineOf(text, '[profile broken');
    const result = await rolecall(['exec', 'prod-readonly', '--', 'true'], { config: text });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `rolecall: Profile prod-readonly: prod-readonly is refused: line ${line} of ${result.configFile}, "[profile broken", is not a section header, so the AWS SDK for JavaScript merges the 2 settings under it (role_arn, source_profile on lines ${line + 1}–${line + 2}) into [profile prod-readonly] above it; the AWS CLI refuses the file. Make it a header: [profile broken]. rolecall does not use prod-readonly until then.\n`,
    );
  });

  it('refuses the same way for env and credential-process, which print no credentials', async () => {
    const text = insertAfter('prod-readonly', BROKEN);
    for (const args of [
      ['env', 'prod-readonly'],
      ['credential-process', 'prod-readonly'],
    ]) {
      const result = await rolecall(args, { config: text });
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(
        /^rolecall: Profile prod-readonly: prod-readonly is refused: line \d+ of \S+config, "\[profile broken"/,
      );
    }
  });

  it('works without the broken line: the command runs as prod ReadOnly', async () => {
    const result = await rolecall(
      ['exec', '--mfa-code', await aliceCode(0), 'prod-readonly', '--', ...ARN_IN_SHELL],
      {
        config,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^arn:aws:sts::333333333333:assumed-role\/ReadOnly\/\S+\n$/);
    expect(result.code).toBe(0);
  });
});

interface Case {
  input: string;
  config: string | Buffer | { directory: true };
  credentials?: string;
  profile: string;
  /** Refused (exit 1) with a message matching; or works (exit 0), perhaps with a note. */
  outcome: { refused: RegExp } | { works: true; note?: RegExp };
}

const retarget = (header: string) => `${header}\nrole_arn = ${PROD_ADMIN}\nsource_profile = alice\n\n`;

const CORPUS: () => Case[] = () => [
  {
    input: 'unclosed header under dev-developer',
    config: insertAfter('dev-developer', retarget('[profile stray')),
    profile: 'dev-developer',
    outcome: {
      refused: /dev-developer is refused: line \d+ of \S+, "\[profile stray", is not a section header/,
    },
  },
  {
    input: 'header missing its [',
    config: insertAfter('dev-developer', retarget('profile stray]')),
    profile: 'dev-developer',
    outcome: { refused: /"profile stray\]", is not a section header.*Make it a header: \[profile stray\]/ },
  },
  {
    input: 'comment glued to a header',
    config: insertAfter('dev-developer', retarget('[profile stray]#new')),
    profile: 'dev-developer',
    outcome: { refused: /"\[profile stray\]#new", is not a section header/ },
  },
  {
    input: 'unclosed header with nothing under it',
    config: insertAfter('dev-developer', '[profile stray\n\n'),
    profile: 'dev-developer',
    outcome: { works: true },
  },
  {
    input: 'unclosed header in the credentials file, under alice (a source)',
    config,
    credentials: credentials
      .replace('[alice]', `[alice]\naws_access_key_id = AKIAOTHER\n[bob\n`)
      .replace(
        /(\[alice\]\n)aws_access_key_id = AKIAOTHER\n\[bob\n(aws_access_key_id = \S+\n)/,
        '$1$2[bob\naws_access_key_id = AKIAOTHEREXAMPLE0001\n',
      ),
    profile: 'dev-developer',
    outcome: {
      refused:
        /dev-developer is refused: Its source_profile chain goes through alice, which rolecall refuses: Line \d+ of \S+credentials, "\[bob"/,
    },
  },
  {
    input: 'section given twice, role_arn changed',
    config: `${config}\n[profile dev-developer]\nrole_arn = ${PROD_ADMIN}\n`,
    profile: 'dev-developer',
    outcome: {
      refused:
        /\[profile dev-developer\] is given twice .* role_arn on line \d+ replaces the one on line \d+/,
    },
  },
  {
    input: 'section given twice, a new key only',
    config: `${config}\n[profile dev-developer]\noutput = json\n`,
    profile: 'dev-developer',
    outcome: {
      works: true,
      note: /note: \[profile dev-developer\] is given twice .* taking output on line \d+ from the later one/,
    },
  },
  {
    input: 'key given twice, same value',
    config: insertAfter('dev-developer', 'region = us-east-1\n'),
    profile: 'dev-developer',
    outcome: { works: true, note: /note: region is given twice in \[profile dev-developer\]/ },
  },
  {
    input: 'key given twice, other value',
    config: insertAfter('dev-developer', 'source_profile = ci-bot\n'),
    profile: 'dev-developer',
    outcome: {
      refused:
        /source_profile is given twice in \[profile dev-developer\] .* with different values: the AWS SDK for JavaScript takes the one on line \d+/,
    },
  },
  {
    input: 'profile name with a space',
    config: `${config}\n[profile my dev]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\n`,
    profile: 'my dev',
    outcome: {
      refused:
        /There is no profile my dev .* \[profile my dev\] on line \d+ of \S+ is ignored by the AWS SDK for JavaScript.*Rename the section to \[profile my-dev\]/,
    },
  },
  {
    input: 'profile name with an accent',
    config: `${config}\n[profile dév]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = alice\n`,
    profile: 'dév',
    outcome: { refused: /There is no profile dév .* is ignored .* Rename the section to \[profile dev\]/ },
  },
  {
    input: 'credentials profile name with spaces',
    config,
    credentials: `${credentials}\n[alice at home]\n${/aws_access_key_id = \S+\naws_secret_access_key = \S+\n/.exec(credentials)?.[0]}`,
    profile: 'alice at home',
    outcome: { works: true, note: /note: .* names the profile "alice at home", with a space/ },
  },
  {
    input: 'binary config',
    config: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5b, 0x61]),
    profile: 'alice',
    outcome: {
      refused:
        /alice is refused: AWS_CONFIG_FILE \(\S+\) is not a text file \(it holds a NUL byte on line 1\)/,
    },
  },
  {
    input: 'config not UTF-8 in dev-developer',
    config: latin1After('dev-developer'),
    profile: 'dev-developer',
    outcome: { refused: /dev-developer is refused: \S+ is not UTF-8 text \(line \d+\)/ },
  },
  {
    input: 'config not UTF-8 elsewhere',
    config: latin1After('prod-admin'),
    profile: 'dev-developer',
    outcome: { works: true },
  },
  {
    input: 'config path is a directory',
    config: { directory: true },
    profile: 'alice',
    outcome: { refused: /alice is refused: AWS_CONFIG_FILE \(\S+\) is a directory, not a file/ },
  },
  {
    input: 'mfa_serial is a user ARN',
    config: insertAfter('dev-developer', 'mfa_serial = arn:aws:iam::111111111111:user/alice\n'),
    profile: 'dev-developer',
    outcome: {
      refused:
        /dev-developer has mfa_serial arn:aws:iam::111111111111:user\/alice, which is neither an MFA device ARN nor a hardware device's serial number/,
    },
  },
  {
    input: 'external_id of one character',
    config: insertAfter('dev-developer', 'external_id = x\n'),
    profile: 'dev-developer',
    outcome: { refused: /has an external_id of 1 characters, which AWS refuses/ },
  },
  {
    input: 'external_id with a space',
    config: insertAfter('dev-developer', 'external_id = two words\n'),
    profile: 'dev-developer',
    outcome: { refused: /with characters AWS does not allow/ },
  },
  {
    input: 'role ARN with an 11-digit account',
    config: `${config}\n[profile eleven]\nrole_arn = arn:aws:iam::22222222222:role/Developer\nsource_profile = alice\n`,
    profile: 'eleven',
    outcome: {
      refused:
        /^rolecall: Profile eleven: eleven has role_arn arn:aws:iam::22222222222:role\/Developer, whose account ID has 11 digits, not 12, so it is not an IAM role ARN \(line \d+ of \S+config\)\.\n$/,
    },
  },
  {
    input: '[profile __proto__] section',
    config: `${config}\n[profile __proto__]\nregion = x\n`,
    profile: 'dev-developer',
    outcome: {
      refused:
        /There is no profile dev-developer .* names a section __proto__, on which the AWS SDK for JavaScript stops and reads the whole file as empty/,
    },
  },
  {
    input: '[toString] in the credentials file',
    config,
    credentials: `${credentials}\n[toString]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n`,
    profile: 'toString',
    outcome: { refused: /There is no profile toString .* names a built-in property of JavaScript objects/ },
  },
  {
    input: '[default] and [profile default]',
    config: `${config}\n[profile default]\nregion = us-east-1\n`,
    profile: 'dev-developer',
    outcome: { works: true },
  },
  {
    input: 'Windows line ends',
    config: config.replaceAll('\n', '\r\n'),
    credentials: credentials.replaceAll('\n', '\r\n'),
    profile: 'dev-developer',
    outcome: { works: true },
  },
];

describe('a corpus of bad AWS files, through the built bin', () => {
  const outcomes: string[] = [];
  afterAll(() => {
    // The figures for the closing note: how many inputs, and what each did.
    process.stdout.write(`bad-config corpus: ${outcomes.length} inputs\n${outcomes.join('\n')}\n`);
  });

  it.each(CORPUS().map((c) => c.input))('%s', async (input) => {
    const c = CORPUS().find((each) => each.input === input) as Case;
    const args = ['env', c.profile, '--format', 'json'];
    const result = await rolecall(args, {
      config: c.config,
      ...(c.credentials ? { credentials: c.credentials } : {}),
    });
    if ('refused' in c.outcome) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(c.outcome.refused);
      outcomes.push(`  ${c.input}: refused, exit 1`);
    } else {
      expect(result.stderr.replace(/^rolecall: note: .*\n/gm, '')).toBe('');
      expect(result.code).toBe(0);
      // A role's session keys (ASIA…), or a key profile's own (AKIA…).
      expect(JSON.parse(result.stdout)).toMatchObject({
        Version: 1,
        AccessKeyId: expect.stringMatching(/^A[SK]IA/),
      });
      if (c.outcome.note) expect(result.stderr).toMatch(c.outcome.note);
      outcomes.push(`  ${c.input}: works, exit 0${c.outcome.note ? ', with a note' : ''}`);
    }
  });
});
