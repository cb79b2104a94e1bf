// Editing a text in the person's editor, through the terminal hand-off: $VISUAL, else $EDITOR,
// else vi, on a file in a temporary directory only they may read (0700, the file 0600: a policy
// may name what they would rather keep to themselves), removed afterwards whatever happens. The
// editor's command runs through sh, as git runs it, so "code --wait" works; the file's path is
// the only argument (it holds no secret). What was saved is read back; an editor that failed
// leaves the text as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileErrorWords } from '../file-error-words';
import type { ChildOutcome, TerminalHandOff } from './hand-off';

export type EditOutcome =
  /** Saved: the text as the editor left it (may be the same). */
  | { kind: 'saved'; text: string; editor: string }
  /** The editor exited with an error or a signal: nothing read back. */
  | { kind: 'failed'; editor: string; reason: string };

/** The editor to run, as git picks it. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

export async function editInEditor(
  handOff: TerminalHandOff,
  env: NodeJS.ProcessEnv,
  text: string,
  /** The file's name, whose extension an editor may colour by: "inline-policy.json". */
  fileName: string,
): Promise<EditOutcome> {
  const editor = editorCommand(env);
  const failed = (reason: string): EditOutcome => ({ kind: 'failed', editor, reason });
  // TMPDIR from the environment given, as os.tmpdir() reads it from the process's.
  const parent = env.TMPDIR?.trim() || tmpdir();
  let dir: string;
  try {
    dir = await mkdtemp(join(parent, 'rolecall-edit-'));
  } catch (error) {
    return failed(`no private temporary file could be made in ${parent} (${fileErrorWords(error)})`);
  }
  try {
    const file = join(dir, fileName);
    try {
      await writeFile(file, text, { mode: 0o600 });
    } catch (error) {
      return failed(
        `the text could not be written to a temporary file in ${parent} (${fileErrorWords(error)})`,
      );
    }
    let outcome: ChildOutcome;
    try {
      // "$0" names the editor in sh's messages; "$1" is the file, quoted whatever its path.
      outcome = await handOff.run({ command: '/bin/sh', args: ['-c', `${editor} "$1"`, editor, file], env });
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
    if (outcome.signal) return failed(`it was ended by ${outcome.signal}`);
    // sh says 127 when it finds no such command.
    if (outcome.code === 127) return failed('there is no such command on PATH');
    if (outcome.code !== 0) return failed(`it exited with code ${outcome.code}`);
    try {
      return { kind: 'saved', text: await readFile(file, 'utf8'), editor };
    } catch (error) {
      return failed(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'the file it was given was gone when it exited (deleted or renamed; save it under the same name)'
          : `what it saved could not be read back (${fileErrorWords(error)})`,
      );
    }
  } finally {
    // The outcome stands whatever happens to the cleanup (force: a file already gone is no error).
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
