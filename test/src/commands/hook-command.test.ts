// `rolecall hook-exports`: the code it prints, evaluated by a real shell, sets what the agent said;
// when the agent cannot say, the shell is moved to the file's generation and told once.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runHookExportsCommand } from '../../../src/commands/hook-command';
import type { AgentAnswer, AgentRequest } from '../../../src/live/protocol';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);

function sink(): Writable & { text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { text: () => text });
}

const exportsAnswer: AgentAnswer = {
  ok: true,
  op: 'exports',
  exports: {
    generation: 9,
    set: { AWS_ACCESS_KEY_ID: 'AKIANEW', AWS_SECRET_ACCESS_KEY: "it's $secret" },
    unset: ['AWS_PROFILE'],
    message: 'prod-admin was refreshed',
  },
};

async function hookExports(
  shell: 'bash' | 'fish',
  env: NodeJS.ProcessEnv,
  answer: () => Promise<AgentAnswer>,
) {
  const stdout = sink();
  const stderr = sink();
  const asked: AgentRequest[] = [];
  const code = await runHookExportsCommand({
    shell,
    env,
    stdout,
    stderr,
    ask: async (_socket, request) => {
      asked.push(request);
      return answer();
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), asked };
}

describe('rolecall hook-exports', () => {
  const env = { ROLECALL_AGENT_SOCK: '/run/agent.sock', ROLECALL_CLIENT: 'c1' };

  it("asks for this shell's exports and prints code that sets them and the generation", async () => {
    const run = await hookExports('bash', env, async () => exportsAnswer);
    expect(run.asked).toEqual([expect.objectContaining({ op: 'exports', client: 'c1', v: 1 })]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('rolecall: prod-admin was refreshed\n');
    const shown = execFileSync(
      '/bin/bash',
      [
        '-c',
        `AWS_PROFILE=old; ${run.stdout}\necho "$AWS_ACCESS_KEY_ID|$AWS_SECRET_ACCESS_KEY|\${AWS_PROFILE-gone}|$__rolecall_gen"`,
      ],
      { encoding: 'utf8' },
    );
    expect(shown).toBe("AKIANEW|it's $secret|gone|9\n");
  });

  it('prints fish code for fish', async () => {
    const run = await hookExports('fish', env, async () => exportsAnswer);
    const shown = execFileSync(
      '/usr/bin/fish',
      ['-c', `${run.stdout}\necho "$AWS_SECRET_ACCESS_KEY|$__rolecall_gen"`],
      { encoding: 'utf8' },
    );
    expect(shown).toBe("it's $secret|9\n");
  });

  it("moves the shell to the file's generation and says why once, when the agent has gone", async () => {
    const dir = tempConfigDir();
    const generationFile = join(dir, 'c1');
    writeFileSync(generationFile, '12\n');
    const run = await hookExports('bash', { ...env, ROLECALL_GENERATION_FILE: generationFile }, async () => {
      throw new Error('no agent listens there');
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('__rolecall_gen=12\n');
    expect(run.stderr).toBe(
      'rolecall: rolecall (/run/agent.sock) did not answer: no agent listens there; this shell keeps its last credentials.\n',
    );
  });

  it('says the shell is no longer known when the agent does not know it', async () => {
    const dir = tempConfigDir();
    const generationFile = join(dir, 'c1');
    writeFileSync(generationFile, '3\n');
    const run = await hookExports('fish', { ...env, ROLECALL_GENERATION_FILE: generationFile }, async () => ({
      ok: false,
      kind: 'unknown-client',
      message: 'No client c1.',
    }));
    expect(run.stdout).toBe('set -g __rolecall_gen 3\n');
    expect(run.stderr).toContain('rolecall no longer knows this shell');
  });

  it('reaches a real agent socket, and names one that is not there', async () => {
    const dir = tempConfigDir();
    const socket = join(dir, 'agent.sock');
    const server = createServer((connection) => {
      connection.once('data', () => connection.end(`${JSON.stringify(exportsAnswer)}\n`));
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const stdout = sink();
      const stderr = sink();
      const code = await runHookExportsCommand({
        shell: 'bash',
        env: { ROLECALL_AGENT_SOCK: socket, ROLECALL_CLIENT: 'c1' },
        stdout,
        stderr,
      });
      expect(code).toBe(0);
      expect(stdout.text()).toContain("export AWS_ACCESS_KEY_ID='AKIANEW'");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const stderr = sink();
    const code = await runHookExportsCommand({
      shell: 'bash',
      env: { ROLECALL_AGENT_SOCK: join(dir, 'none.sock'), ROLECALL_CLIENT: 'c1' },
      stdout: sink(),
      stderr,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('no agent listens there');
  });
});
