// A question for the person at the terminal, when a command needs an answer only they have (an
// MFA code): asked where they will see it even when stdout is a pipe.
import { closeSync, openSync } from 'node:fs';

/** The person pressed Ctrl-C (or Ctrl-D) at the question: they chose not to answer. */
export class QuestionStopped extends Error {
  override name = 'QuestionStopped';
  constructor() {
    super('The question was left unanswered (Ctrl-C).');
  }
}

/**
 * Asks on the person's terminal: stdin and stderr when they are it, else /dev/tty itself, which
 * is there even when both are pipes (as when the AWS CLI runs credential_process). Undefined
 * when there is no terminal at all.
 */
export async function askOnTerminal(question: string): Promise<string | undefined> {
  if (process.stdin.isTTY && process.stderr.isTTY) return ask(process.stdin, process.stderr, question);
  let readFd: number | undefined;
  let writeFd: number | undefined;
  try {
    readFd = openSync('/dev/tty', 'r');
    writeFd = openSync('/dev/tty', 'w');
  } catch {
    if (readFd !== undefined) closeSync(readFd);
    return undefined;
  }
  // Loaded when a question is asked: most commands never ask one, and each costs start-up time.
  const { ReadStream, WriteStream } = await import('node:tty');
  const input = new ReadStream(readFd);
  const output = new WriteStream(writeFd);
  try {
    return await ask(input, output, question);
  } finally {
    input.destroy();
    output.destroy();
  }
}

async function ask(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  question: string,
): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input, output });
  // Ctrl-C at the question ends it, as at a shell's prompt; said as that, not as a failure.
  const stop = new AbortController();
  terminal.once('SIGINT', () => stop.abort());
  // Ctrl-D at an empty line closes the input: the same, rather than a question left pending.
  terminal.once('close', () => stop.abort());
  try {
    return (await terminal.question(question, { signal: stop.signal })).trim();
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') {
      output.write('\n');
      throw new QuestionStopped();
    }
    throw error;
  } finally {
    terminal.close();
  }
}
