// Asking a running agent: one request line, one answer line, each wait bounded. Kept to node:net
// and node:fs alone, since `credential-process` served by an agent loads nothing else (main.ts).
import { lstatSync } from 'node:fs';
import { connect } from 'node:net';
import type { AgentAnswer, AgentRequest } from './protocol';

/** An answer is credentials or a status list: anything past this is not one. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface AskOptions {
  /** For the connection itself: a live agent accepts at once. */
  connectMs?: number;
  /** For the answer: the agent may assume a role first, with its own STS timeouts and retries. */
  answerMs?: number;
}

export class AgentAskError extends Error {
  override name = 'AgentAskError';
}

/**
 * The agent's answer, or undefined when no agent listens there (no socket, or one a dead agent
 * left). A socket someone else owns, a timeout or an answer that is not one is an error that
 * names the socket.
 */
export function askAgent(
  path: string,
  request: AgentRequest,
  { connectMs = 2_000, answerMs = 60_000 }: AskOptions = {},
): Promise<AgentAnswer | undefined> {
  const uid = process.getuid?.();
  try {
    const stat = lstatSync(path);
    // Another user's socket could hand out credentials of its choosing: never asked.
    if (uid !== undefined && stat.uid !== uid)
      throw new AgentAskError(
        `The agent socket ${path} belongs to another user (uid ${stat.uid}): not asked. Remove it, or unset ROLECALL_AGENT_SOCK.`,
      );
  } catch (error) {
    if (error instanceof AgentAskError) return Promise.reject(error);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | undefined, answer?: AgentAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer);
    };
    const fail = (what: string) =>
      finish(
        new AgentAskError(
          `The rolecall agent at ${path} ${what}: check it with rolecall agent --status, or pass --no-agent.`,
        ),
      );
    let timer = setTimeout(
      () => fail(`did not accept the connection within ${connectMs / 1000} s`),
      connectMs,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`did not answer within ${answerMs / 1000} s`), answerMs);
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') finish(undefined, undefined);
      else fail(`could not be reached (${error.code ?? error.message})`);
    });
    socket.on('data', (chunk: Buffer) => {
      const newline = chunk.indexOf(0x0a);
      chunks.push(newline === -1 ? chunk : chunk.subarray(0, newline));
      size += chunk.length;
      if (newline !== -1) {
        const answer = parseAnswer(Buffer.concat(chunks).toString('utf8'));
        if (answer) finish(undefined, answer);
        else fail('answered something that is not an agent answer (another program on its socket?)');
      } else if (size > MAX_ANSWER_BYTES) fail('sent an answer too long to be one');
    });
    socket.once('end', () => fail('closed the connection without answering'));
  });
}

function parseAnswer(line: string): AgentAnswer | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null || typeof (value as { ok?: unknown }).ok !== 'boolean')
      return undefined;
    const answer = value as AgentAnswer;
    if (!answer.ok && typeof answer.message !== 'string') return undefined;
    return answer;
  } catch {
    return undefined;
  }
}
