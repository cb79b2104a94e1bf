// Issue 13 end to end: a shell opened with s on the dashboard keeps working after its session was
// refreshed, in bash, zsh and fish. Everything is real: the built bin in a pseudo-terminal, the
// person's $SHELL with their own rc file, and `rolecall sandbox --session-seconds 20` run apart
// (its sessions really end 20 s after issue, and it refuses them after, as AWS does), reached
// over HTTP by Debian's /usr/bin/aws, which ignores AWS_ENDPOINT_URL (hence --endpoint-url).
// Then `rolecall use` in the same shell: the next prompt's aws answers as the other role.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { type SandboxCommandInfo, startSandboxCommand } from '../helpers/sandbox-command';
import { tempConfigDir } from '../helpers/temp-dirs';
import { exitCode, moveTo, WAIT } from '../helpers/tui-sandbox';

const AWS_CLI = '/usr/bin/aws';
const DEV = '222222222222';
const SHELLS = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' } as const;
type ShellName = keyof typeof SHELLS;
/** A session lasts 20 s in this sandbox: the service refreshes a bound one about 10 s in. */
const SESSION_SECONDS = 20;
/** Generous: a refresh, then the first key's end, on a machine two or three times slower. */
const REFRESH_DEADLINE = 120_000;

let sandbox: Awaited<ReturnType<typeof startSandboxCommand>> | undefined;
let info: SandboxCommandInfo;
let run: PtyRun | undefined;

beforeAll(async () => {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} is missing: apt-get install -y awscli.`);
  for (const shell of Object.values(SHELLS))
    if (!existsSync(shell)) throw new Error(`${shell} is missing: apt-get install -y zsh fish.`);
  sandbox = await startSandboxCommand(['--session-seconds', String(SESSION_SECONDS)]);
  info = sandbox.info;
});

// Stopped as a person stops it, so that it removes its files; killed if it will not stop.
afterAll(() => sandbox?.stop());

afterEach(() => run?.kill());

/** The person's own start-up file: a prompt of their own, which the live shell keeps. */
function writePersonRc(home: string, shell: ShellName): string {
  if (shell === 'bash') {
    writeFileSync(join(home, '.bashrc'), `PS1='bash-ready> '\n`);
    return 'bash-ready> ';
  }
  if (shell === 'zsh') {
    writeFileSync(join(home, '.zshrc'), `PS1='zsh-ready> '\n`);
    return 'zsh-ready> ';
  }
  // A fish started in a new home generates completions in the background, writing into it
  // while the test removes it: with their directory there, fish leaves that for later.
  mkdirSync(join(home, '.local', 'share', 'fish', 'generated_completions'), { recursive: true });
  mkdirSync(join(home, '.config', 'fish'), { recursive: true });
  writeFileSync(
    join(home, '.config', 'fish', 'config.fish'),
    `set -g fish_greeting\nfunction fish_prompt; echo -n 'fish-ready> '; end\n`,
  );
  return 'fish-ready> ';
}

/** `rolecall` on PATH, as a person has it: the built bin run by this node. */
function rolecallOnPath(root: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const path = join(bin, 'rolecall');
  writeFileSync(path, `#!/bin/sh\nexec '${process.execPath}' '${requireBuiltBin()}' "$@"\n`);
  chmodSync(path, 0o755);
  return bin;
}

/** The dashboard, pointed at the sandbox as a person's own accounts would be. */
async function startDashboard(shell: ShellName): Promise<{ tui: PtyRun; prompt: string }> {
  const root = tempConfigDir();
  const home = join(root, 'home');
  mkdirSync(home);
  const prompt = writePersonRc(home, shell);
  const bin = rolecallOnPath(root);
  const tui = runInPty(process.execPath, [requireBuiltBin()], {
    columns: 160,
    rows: 50,
    env: {
      HOME: home,
      ROLECALL_CONFIG_DIR: home,
      // An agent directory of its own: the dashboard is this test's agent and nobody else's.
      XDG_RUNTIME_DIR: root,
      ROLECALL_AGENT_SOCK: '',
      AWS_CONFIG_FILE: info.configFile,
      AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
      AWS_ENDPOINT_URL: info.endpoint,
      SHELL: SHELLS[shell],
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      ROLECALL_SHLVL: '',
    },
  });
  run = tui;
  await tui.waitForText('user/alice · 111111111111', WAIT);
  return { tui, prompt };
}

/** Accounts → dev → Developer (profile dev-developer, no MFA) → assume: back on the dashboard. */
async function assumeDevDeveloper(tui: PtyRun): Promise<void> {
  tui.type('b');
  await tui.waitForText(`dev ${DEV}`, WAIT);
  await moveTo(tui, `dev ${DEV}`);
  tui.type('\r');
  await tui.waitForText('profile dev-developer', WAIT);
  await moveTo(tui, 'profile dev-developer');
  tui.type('\r');
  await tui.waitForText('Can you assume it?', WAIT);
  tui.type('a');
  await tui.waitForText('External ID', WAIT);
  tui.type('\r');
  await tui.waitFor(
    (s) => /Live sessions \(1\)/.test(s) && /dev-developer profile alice .*\d\d:\d\d\s*$/m.test(s),
    'dev-developer live on the dashboard',
    WAIT,
  );
}

/** Shell syntax that differs: how to keep a value, and the last command's status. */
const SYNTAX = {
  bash: { keep: (name: string, value: string) => `${name}=${value}`, status: '$?' },
  zsh: { keep: (name: string, value: string) => `${name}=${value}`, status: '$?' },
  fish: { keep: (name: string, value: string) => `set ${name} ${value}`, status: '$status' },
} as const;

/** Runs a line in the shell and waits for the line it prints that starts with `marker`. */
async function inShell(tui: PtyRun, line: string, marker: string, timeoutMs = WAIT): Promise<string> {
  tui.type(`${line}\r`);
  const pattern = new RegExp(`^${marker} (.*)$`, 'm');
  const screen = await tui.waitFor((s) => pattern.test(s), JSON.stringify(marker), timeoutMs);
  return pattern.exec(screen)?.[1]?.trim() ?? '';
}

const aws = `${AWS_CLI} sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text`;

describe.each(Object.keys(SHELLS) as ShellName[])('a live %s shell from the dashboard', (shell) => {
  it(
    'keeps working after its session was refreshed, with the first keys expired and refused; rolecall use switches the role at the next prompt',
    async () => {
      const { tui, prompt } = await startDashboard(shell);
      const { keep, status } = SYNTAX[shell];
      await assumeDevDeveloper(tui);
      tui.type('s');
      const opened = await tui.waitForText(prompt, WAIT);
      expect(opened.replace(/\s+/g, ' ')).toContain(
        `rolecall: live shell as dev-developer (arn:aws:iam::${DEV}:role/Developer). Credentials follow refreshes`,
      );

      // The keys it started with, kept in the shell (never on screen but the key's id).
      const started = await inShell(
        tui,
        `${keep('o1', '$AWS_ACCESS_KEY_ID')}; ${keep('o2', '$AWS_SECRET_ACCESS_KEY')}; ${keep('o3', '$AWS_SESSION_TOKEN')}; echo "first-keys $o1 $AWS_CREDENTIAL_EXPIRATION"`,
        'first-keys',
      );
      const [firstKey = '', firstExpiration = ''] = started.split(' ');
      expect(firstKey).toMatch(/^ASIA[A-Z0-9]{16}$/);
      const firstEnds = Date.parse(firstExpiration);
      expect(firstEnds).toBeGreaterThan(Date.now() - SESSION_SECONDS * 1000);

      // Prompt after prompt, until the shell has other keys and the first ones have ended.
      const deadline = Date.now() + REFRESH_DEADLINE;
      let key = firstKey;
      for (let n = 0; key === firstKey || Date.now() <= firstEnds + 1000; n++) {
        if (Date.now() > deadline)
          throw new Error(
            `The shell still had ${key} (the first key: ${key === firstKey}) ${REFRESH_DEADLINE / 1000} s on. Screen:\n${tui.screenText()}`,
          );
        key = await inShell(tui, `echo "now-${n} $AWS_ACCESS_KEY_ID"`, `now-${n}`);
        expect(key).toMatch(/^ASIA[A-Z0-9]{16}$/);
        // A prompt every half second, not a busy loop (what ends the loop is the shell's answer).
        if (key === firstKey || Date.now() <= firstEnds + 1000) await new Promise((r) => setTimeout(r, 500));
      }

      // The first keys are refused by now: whatever works next works with the new ones.
      const old = await inShell(
        tui,
        `env AWS_ACCESS_KEY_ID=$o1 AWS_SECRET_ACCESS_KEY=$o2 AWS_SESSION_TOKEN=$o3 ${aws}; echo "old-status ${status}"`,
        'old-status',
        WAIT * 2,
      );
      expect(old).not.toBe('0');
      expect(tui.screenText()).toContain(
        'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      );
      const now = await inShell(tui, `${aws}; echo "new-status ${status}"`, 'new-status', WAIT * 2);
      expect(now).toBe('0');
      expect(tui.screenText()).toMatch(
        new RegExp(`^arn:aws:sts::${DEV}:assumed-role/Developer/[\\w+=,.@-]+$`, 'm'),
      );

      // Another role for this shell: the next prompt's aws is that role.
      tui.type('rolecall use dev-readonly-via-developer\r');
      await tui.waitFor(
        (s) =>
          s
            .replace(/\s+/g, ' ')
            .includes(`This shell now uses dev-readonly-via-developer (arn:aws:iam::${DEV}:role/ReadOnly)`),
        'rolecall use to answer',
        WAIT * 2,
      );
      const used = await inShell(
        tui,
        `${aws}; echo "used-status ${status} $ROLECALL_PROFILE"`,
        'used-status',
        WAIT * 2,
      );
      expect(used).toBe('0 dev-readonly-via-developer');
      expect(tui.screenText()).toMatch(
        new RegExp(`^arn:aws:sts::${DEV}:assumed-role/ReadOnly/[\\w+=,.@-]+$`, 'm'),
      );

      tui.type('exit\r');
      // Back on the dashboard. (Its status line's "Shell for … exited" may already have given way
      // to news of the 20-second sessions, so the list is what is waited for.)
      await tui.waitFor(
        (screen) => screen.includes('Live sessions (2)') && screen.includes('dev-readonly-via-developer'),
        'the dashboard back, with both sessions',
        WAIT,
      );
      tui.type('q');
      await tui.waitForText('Quit?', WAIT);
      tui.type('y');
      expect(await exitCode(tui)).toBe(0);
    },
    REFRESH_DEADLINE + 120_000,
  );
});
