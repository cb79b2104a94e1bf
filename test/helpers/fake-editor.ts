// An $EDITOR for tests: a small sh script that notes the file's and its directory's modes and
// what it was given, then writes `document` into the file (or exits with `code`), as a person
// saving in vi would. No terminal is needed: the hand-off runs it with the test's stdio.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createTerminalHandOff,
  type HandOffStreams,
  type TerminalHandOff,
} from '../../src/terminal/hand-off';
import { tempConfigDir } from './temp-dirs';

export interface FakeEditor {
  /** The command to put in EDITOR. */
  command: string;
  /** Where the script writes what it saw: the modes, the path and what the file held. */
  notes: string;
}

export function fakeEditor(document: string, code = 0): FakeEditor {
  const dir = tempConfigDir();
  const notes = join(dir, 'notes');
  const documentFile = join(dir, 'document');
  writeFileSync(documentFile, document);
  const command = join(dir, 'editor.sh');
  writeFileSync(
    command,
    [
      '#!/bin/sh',
      `{ stat -c %a "$1"; stat -c %a "$(dirname "$1")"; echo "$1"; cat "$1"; } > '${notes}'`,
      `cat '${documentFile}' > "$1"`,
      `exit ${code}`,
      '',
    ].join('\n'),
  );
  chmodSync(command, 0o755);
  return { command, notes };
}

/** The real hand-off with nothing to suspend: the child runs and is waited for. */
export function plainHandOff(): TerminalHandOff {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  return createTerminalHandOff((callback) => callback(), { stdin, stdout } as unknown as HandOffStreams);
}
