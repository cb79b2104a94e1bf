// A live shell in a real terminal, for bash, zsh and fish: started as `s` starts it (live-shell.ts
// and the start-up files it writes), with the person's own rc file, and a stand-in agent on a Unix
// socket that answers 'exports'. The built bin's `hook-exports` is what the hook runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { liveShell, type OpenAnswer } from '../../src/live/live-shell';
import type { AgentRequest, ClientExports } from '../../src/live/protocol';
import { requireBuiltBin } from '../helpers/built-bin';
import { type PtyRun, runInPty } from '../helpers/pty';
import { removeTempDirs, tempConfigDir } from '../helpers/temp-dirs';

afterAll(removeTempDirs);

/** The stand-in agent: answers 'exports' for client c1 with keys named after the generation. */
interface StandIn {
  socket: string;
  generation: number;
  requests: AgentRequest[];
  /** Resolves when the agent has been asked `count` times in all. */
  asked(count: number): Promise<void>;
  close(): Promise<void>;
}

function exportsAt(generation: number): ClientExports {
  return {
    generation,
    session: 'prod-admin',
    set: {
      AWS_ACCESS_KEY_ID: `AKIAGEN${generation}`,
      AWS_SECRET_ACCESS_KEY: `secret 'quoted' $HOME ${generation}`,
      ROLECALL_PROFILE: generation === 1 ? 'prod-admin' : 'dev-admin',
    },
    unset: ['AWS_PROFILE'],
  };
}

async function startStandIn(dir: string): Promise<StandIn & { server: Server }> {
  const socket = join(dir, 'agent.sock');
  const waiters: Array<{ count: number; wake: () => void }> = [];
  const standIn = {
    socket,
    generation: 1,
    requests: [] as AgentRequest[],
    server: createServer((connection) => {
      let text = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk: string) => {
        text += chunk;
        if (!text.includes('\n')) return;
        const request = JSON.parse(text.slice(0, text.indexOf('\n'))) as AgentRequest;
        standIn.requests.push(request);
        const answer =
          request.op === 'exports' && request.client === 'c1'
            ? { ok: true, op: 'exports', exports: exportsAt(standIn.generation) }
            : { ok: false, kind: 'unknown-client', message: 'No such client.' };
        connection.end(`${JSON.stringify(answer)}\n`);
        for (const waiter of waiters.filter((w) => standIn.requests.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.wake();
        }
      });
    }),
    asked(count: number) {
      if (standIn.requests.length >= count) return Promise.resolve();
      return new Promise<void>((wake) => waiters.push({ count, wake }));
    },
    close: () => new Promise<void>((resolve) => standIn.server.close(() => resolve())),
  };
  await new Promise<void>((resolve) => standIn.server.listen(socket, resolve));
  return standIn;
}

/** The person's own start-up file, per shell: sets a variable, a plain prompt, a prompt command. */
function writePersonRc(home: string, shell: 'bash' | 'zsh' | 'fish'): void {
  if (shell === 'bash') {
    writeFileSync(
      join(home, '.bashrc'),
      `export PERSON_RC=bash-own\nPS1='bash-ready\\$ '\nPROMPT_COMMAND='person_status=$?'\n`,
    );
  } else if (shell === 'zsh') {
    writeFileSync(
      join(home, '.zshrc'),
      `export PERSON_RC=zsh-own\nPS1='zsh-ready%# '\nperson_precmd() { person_status=$? }\nprecmd_functions+=(person_precmd)\n`,
    );
  } else {
    // A fish started in a new home generates completions in the background, writing into it
    // while the test removes it: with their directory there, fish leaves that for later.
    mkdirSync(join(home, '.local', 'share', 'fish', 'generated_completions'), { recursive: true });
    mkdirSync(join(home, '.config', 'fish'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'fish', 'config.fish'),
      `set -gx PERSON_RC fish-own\nset -g fish_greeting\nfunction fish_prompt; echo -n 'fish-ready> '; end\n`,
    );
  }
}

const SHELLS = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' } as const;

describe.each(Object.keys(SHELLS) as Array<keyof typeof SHELLS>)('a live %s shell', (shell) => {
  let pty: PtyRun | undefined;
  let standIn: StandIn | undefined;
  afterEach(async () => {
    pty?.kill();
    await standIn?.close().catch(() => {});
  });

  it('re-exports new keys at the next prompt, runs nothing while the generation stands, and says a failure once', async () => {
    const root = tempConfigDir();
    const home = join(root, 'home');
    const agentDir = join(root, 'agent');
    mkdirSync(home);
    mkdirSync(join(agentDir, 'clients'), { recursive: true, mode: 0o700 });
    writePersonRc(home, shell);
    const generationFile = join(agentDir, 'clients', 'c1');
    writeFileSync(generationFile, '1\n', { mode: 0o600 });
    standIn = await startStandIn(agentDir);
    const agent = standIn;

    const opened: OpenAnswer = {
      ok: true,
      op: 'open',
      client: {
        id: 'c1',
        kind: 'shell',
        mode: 'exported',
        label: shell,
        session: 'prod-admin',
        pid: process.pid,
        openedAt: new Date().toISOString(),
        served: 0,
      },
      endpoint: { uri: 'http://127.0.0.1:1/rolecall/credentials', token: 'not-used-here' },
      generationFile,
      exports: exportsAt(1),
      notes: [],
    };
    const parent = {
      PATH: process.env.PATH,
      HOME: home,
      SHELL: SHELLS[shell],
      LANG: 'C.UTF-8',
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      AWS_PROFILE: 'stale',
    };
    const child = liveShell({
      opened,
      socket: agent.socket,
      self: { command: process.execPath, args: [requireBuiltBin()] },
      parent,
      dir: agentDir,
    });
    pty = runInPty(child.command, [...(child.args ?? [])], {
      env: child.env,
      cwd: home,
      columns: 120,
      rows: 40,
    });
    const run = pty;
    let echoes = 0;
    /** Runs `echo` with a marker, and waits for its output line: the prompt before it has run. */
    const show = async (what: string) => {
      echoes += 1;
      run.type(`echo "out${echoes}:${what}:"\r`);
      const marker = `out${echoes}:`;
      const screen = await run.waitFor(
        (s) => s.split('\n').some((line) => line.startsWith(marker)),
        `the output of echo ${echoes}`,
        20_000,
      );
      return screen.split('\n').find((line) => line.startsWith(marker)) ?? '';
    };
    /** AWS_PROFILE's value, else "none", in the shell's own words. */
    const profileOrNone =
      shell === 'fish'
        ? '$(set -q AWS_PROFILE; and echo $AWS_PROFILE; or echo none)'
        : // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell expands it
          '${AWS_PROFILE:-none}';

    await run.waitForText(`${shell}-ready`, 20_000);
    expect(await show(`$PERSON_RC $AWS_ACCESS_KEY_ID ${profileOrNone}`)).toBe(
      `out1:${shell}-own AKIAGEN1 none:`,
    );
    // Set by hand here: the next exports unset it.
    run.type(shell === 'fish' ? 'set -gx AWS_PROFILE typed\r' : 'export AWS_PROFILE=typed\r');
    // Prompts with the generation unchanged: the hook asked nothing (it runs no process).
    expect(await show(profileOrNone)).toBe('out2:typed:');
    expect(agent.requests).toHaveLength(0);

    agent.generation = 2;
    writeFileSync(generationFile, '2\n');
    run.type('\r');
    await agent.asked(1);
    expect(await show(`$AWS_ACCESS_KEY_ID $ROLECALL_PROFILE $AWS_SECRET_ACCESS_KEY`)).toBe(
      `out3:AKIAGEN2 dev-admin secret 'quoted' $HOME 2:`,
    );
    expect(await show(profileOrNone)).toBe('out4:none:');
    expect(agent.requests[0]).toMatchObject({
      op: 'exports',
      client: 'c1',
      caller: { command: 'hook-exports' },
    });
    await show('steady');
    expect(agent.requests).toHaveLength(1);

    // The person's own prompt command runs after the hook and still sees the last status.
    run.type('false\r');
    if (shell === 'fish') await show('fish');
    else expect(await show('$person_status')).toBe('out6:1:');

    // The agent has gone: the shell keeps its keys, and says so once, not at every prompt.
    await agent.close();
    standIn = undefined;
    writeFileSync(generationFile, '3\n');
    run.type('\r');
    expect(await show('$AWS_ACCESS_KEY_ID')).toBe('out7:AKIAGEN2:');
    await show('later');
    const said = run.raw().split('keeps its last credentials').length - 1;
    expect(said).toBe(1);
  }, 90_000);
});
