// A question for the person at the terminal, when a command needs an answer only they have (an
// MFA code): asked where they will see it even when stdout is a pipe.
import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ReadStream, WriteStream } from 'node:tty';

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
  const terminal = createInterface({ input, output });
  try {
    return (await terminal.question(question)).trim();
  } finally {
    terminal.close();
  }
}
