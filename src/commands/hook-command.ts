// `rolecall hook-exports --shell bash|zsh|fish` (hidden): what a live shell's prompt hook runs when
// its generation file says its credentials changed. It asks the agent for the shell's exports and
// prints shell code that sets them and the generation taken; whatever happens, the code it prints
// moves the shell to the file's generation, so a failure is said once, not at every prompt.
import { readFileSync } from 'node:fs';
import { askAgent } from '../live/agent-client';
import { type AgentAnswer, type AgentRequest, PROTOCOL_VERSION } from '../live/protocol';
import { formatExports } from '../shells/exports';
import type { HookShell } from '../shells/prompt-hook';

/** How long the agent may take to accept the connection, then to answer: a prompt waits on it. */
const CONNECT_TIMEOUT_MS = 2000;
const ANSWER_TIMEOUT_MS = 2000;

export interface HookExportsOptions {
  shell: HookShell;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The agent's socket request; a test may pass its own. */
  ask?: (socket: string, request: AgentRequest) => Promise<AgentAnswer>;
}

/** Returns the exit code: 0 when the exports were printed, 1 when the shell keeps its last ones. */
export async function runHookExportsCommand(options: HookExportsOptions): Promise<number> {
  const { shell, env, stdout, stderr } = options;
  const socket = env.ROLECALL_AGENT_SOCK;
  const client = env.ROLECALL_CLIENT;
  const keep = (why: string) => {
    const generation = generationInFile(env.ROLECALL_GENERATION_FILE);
    if (generation !== undefined) stdout.write(`${generationLine(shell, generation)}\n`);
    stderr.write(`rolecall: ${why}; this shell keeps its last credentials.\n`);
    return 1;
  };
  if (!socket || !client)
    return keep('this is not a rolecall live shell (ROLECALL_AGENT_SOCK or ROLECALL_CLIENT unset)');
  let answer: AgentAnswer;
  try {
    answer = await (options.ask ?? askSocket)(socket, {
      v: PROTOCOL_VERSION,
      caller: { command: 'hook-exports', pid: process.pid },
      op: 'exports',
      client,
    });
  } catch (error) {
    return keep(
      `rolecall (${socket}) did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!answer.ok) {
    return keep(
      answer.kind === 'unknown-client'
        ? 'rolecall no longer knows this shell (the dashboard or agent that opened it has ended)'
        : answer.message.replace(/\.$/, ''),
    );
  }
  if (answer.op !== 'exports') return keep(`rolecall answered ${answer.op} to exports`);
  const { exports } = answer;
  stdout.write(formatExports(exports, shell === 'fish' ? 'fish' : 'sh'));
  stdout.write(`${generationLine(shell, exports.generation)}\n`);
  if (exports.message) stderr.write(`rolecall: ${exports.message}\n`);
  return 0;
}

function generationLine(shell: HookShell, generation: number): string {
  return shell === 'fish' ? `set -g __rolecall_gen ${generation}` : `__rolecall_gen=${generation}`;
}

/** The number in the generation file, or undefined when there is none to read. */
function generationInFile(path: string | undefined): number | undefined {
  if (!path) return undefined;
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/** askAgent, with a prompt's patience: no agent listening is a failure here, said once. */
async function askSocket(path: string, request: AgentRequest): Promise<AgentAnswer> {
  const answer = await askAgent(path, request, {
    connectMs: CONNECT_TIMEOUT_MS,
    answerMs: ANSWER_TIMEOUT_MS,
  });
  if (!answer) throw new Error('no agent listens there');
  return answer;
}
