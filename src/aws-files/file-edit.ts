// Writing a change to one of the person's AWS files, safely: only the change they were shown
// (the file is read again and the write refused if its bytes changed since), a byte-identical
// backup beside it first (created 0600, never over another), then an atomic replace
// (write-file-atomic: a temporary file renamed over it, keeping its mode and owner), through a
// symlink to the file it points at. Bytes, not decoded text, are compared and written: a file in
// Latin-1 stays in Latin-1 (decoding and re-encoding as UTF-8 would turn its accents into U+FFFD).
// rolecall's editors of the AWS files (the trusted side's profile, `doctor --fix`) all go through here.
import { mkdir, open, readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Clock } from '../clock';
import { fileErrorWords } from '../file-error-words';
import { profileFiles } from '../profiles/load';
import { type DiffLine, fileDiff } from './file-diff';

/** A change prepared against the file as it was read: what the person is shown and confirms. */
export interface FileEdit {
  path: string;
  /** The text read, decoded as UTF-8 to be shown (empty for a file that does not exist yet). */
  before: string;
  /** The bytes read: what the file must still hold when the change is written. */
  beforeBytes: Buffer;
  existed: boolean;
  after: string;
  /** The bytes written: the bytes read, untouched, and what the change adds. */
  afterBytes: Buffer;
  diff: DiffLine[];
}

export type WriteResult =
  | { ok: true; path: string; written: string; backup?: string }
  | { ok: false; message: string };

export interface FileNow {
  text: string;
  bytes: Buffer;
  existed: boolean;
}

/** The config file the SDK reads: AWS_CONFIG_FILE, else ~/.aws/config (from `env`, not process.env). */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return profileFiles(env).configFile;
}

/** The file's bytes now (and their text), and whether it exists. */
export async function readForEdit(path: string): Promise<FileNow> {
  try {
    const bytes = await readFile(path);
    return { text: bytes.toString('utf8'), bytes, existed: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { text: '', bytes: Buffer.alloc(0), existed: false };
    throw error;
  }
}

/**
 * The edit that makes the file's text `after`, with the diff to show. An edit that only adds to
 * the end keeps every byte there was; any other edit is refused on a file that is not UTF-8,
 * which could not be rewritten without changing what the person wrote.
 */
export function prepareEdit(
  path: string,
  current: FileNow,
  after: string,
): { ok: true; edit: FileEdit } | { ok: false; message: string } {
  let afterBytes: Buffer;
  if (after.startsWith(current.text)) {
    afterBytes = Buffer.concat([current.bytes, Buffer.from(after.slice(current.text.length), 'utf8')]);
  } else if (Buffer.from(current.text, 'utf8').equals(current.bytes)) {
    afterBytes = Buffer.from(after, 'utf8');
  } else {
    return {
      ok: false,
      message: `${path} is not UTF-8 text: rolecall changes it only by adding to its end. Change it by hand.`,
    };
  }
  return {
    ok: true,
    edit: {
      path,
      before: current.text,
      beforeBytes: current.bytes,
      existed: current.existed,
      after,
      afterBytes,
      diff: fileDiff(path, current.text, after),
    },
  };
}

/**
 * config.rolecall-backup-2026-11-30T05-12-09.123Z: sorts by time, to the millisecond (two writes
 * in one second each keep their own), and no ":" for other systems.
 */
export function backupName(file: string, now: Date): string {
  return `${file}.rolecall-backup-${now.toISOString().replace(/:/g, '-')}`;
}

/** How many names a backup tries when one of its millisecond is taken (-2, -3…). */
const BACKUP_TRIES = 20;

/** Writes the edit once the file is checked unchanged since it was prepared. */
export async function writeEdit(edit: FileEdit, clock: Clock): Promise<WriteResult> {
  let current: FileNow;
  try {
    current = await readForEdit(edit.path);
  } catch (error) {
    return { ok: false, message: `Could not read ${edit.path} again: ${fileErrorWords(error)}.` };
  }
  if (current.existed !== edit.existed || !current.bytes.equals(edit.beforeBytes)) {
    return {
      ok: false,
      message: `${edit.path} changed since the change was shown; nothing was written. Look at the change again.`,
    };
  }
  let target = edit.path;
  let backup: string | undefined;
  try {
    // A symlinked config (dotfiles repositories do this) is written where it points, so the link
    // stays; its backup goes beside the link, in ~/.aws, not into the repository it points into.
    if (current.existed) {
      target = await realpath(edit.path);
      backup = await writeBackup(edit.path, current.bytes, new Date(clock.now()));
    } else {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    }
  } catch (error) {
    return {
      ok: false,
      message: `Could not back up ${edit.path} (${fileErrorWords(error)}); nothing was written.`,
    };
  }
  try {
    // An existing file keeps its mode and owner (write-file-atomic reads them); a new one is 0600.
    await writeFileAtomic(target, edit.afterBytes, current.existed ? {} : { mode: 0o600 });
  } catch (error) {
    return {
      ok: false,
      message: `Could not write ${target} (${fileErrorWords(error)}); it is as it was${backup ? `, and backed up at ${backup}` : ''}.`,
    };
  }
  return { ok: true, path: target, written: edit.after, ...(backup ? { backup } : {}) };
}

/**
 * The bytes as read, in a new file that is 0600 from its first byte (a copy would have the
 * source's mode until changed) and never replaces another ('wx'). Returns its path.
 */
async function writeBackup(beside: string, bytes: Buffer, now: Date): Promise<string> {
  const base = backupName(beside, now);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(name, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < BACKUP_TRIES) continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return name;
  }
}
