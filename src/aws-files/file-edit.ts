// Writing a change to one of the person's AWS files, safely: only the change they were shown
// (the file is read again and the write refused if it changed since), a byte-identical backup
// beside it first, then an atomic replace (write-file-atomic: a temporary file renamed over it,
// keeping its mode and owner), through a symlink to the file it points at. rolecall's editors of
// the AWS files (the trusted side's profile, `doctor --fix`) all go through here.
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Clock } from '../clock';
import { profileFiles } from '../profiles/load';
import { type DiffLine, fileDiff } from './file-diff';

/** A change prepared against the file as it was read: what the person is shown and confirms. */
export interface FileEdit {
  path: string;
  /** The text read (empty for a file that does not exist yet). */
  before: string;
  existed: boolean;
  after: string;
  diff: DiffLine[];
}

export type WriteResult =
  | { ok: true; path: string; written: string; backup?: string }
  | { ok: false; message: string };

/** The config file the SDK reads: AWS_CONFIG_FILE, else ~/.aws/config (from `env`, not process.env). */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return profileFiles(env).configFile;
}

/** The file's text now, and whether it exists. */
export async function readForEdit(path: string): Promise<{ text: string; existed: boolean }> {
  try {
    return { text: await readFile(path, 'utf8'), existed: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', existed: false };
    throw error;
  }
}

/** The edit `change` makes to the file as it is now, with the diff to show. */
export function prepareEdit(
  path: string,
  current: { text: string; existed: boolean },
  after: string,
): FileEdit {
  return {
    path,
    before: current.text,
    existed: current.existed,
    after,
    diff: fileDiff(path, current.text, after),
  };
}

/** config.rolecall-backup-2026-11-30T05-12-09Z: sorts by time, and no ":" for other systems. */
export function backupName(target: string, now: Date): string {
  return `${target}.rolecall-backup-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}`;
}

/** Writes the edit once the file is checked unchanged since it was prepared. */
export async function writeEdit(edit: FileEdit, clock: Clock): Promise<WriteResult> {
  let current: { text: string; existed: boolean };
  try {
    current = await readForEdit(edit.path);
  } catch (error) {
    return { ok: false, message: `Could not read ${edit.path} again: ${reason(error)}.` };
  }
  if (current.existed !== edit.existed || current.text !== edit.before) {
    return {
      ok: false,
      message: `${edit.path} changed since the change was shown; nothing was written. Look at the change again.`,
    };
  }
  // A symlinked config (dotfiles repositories do this) is written where it points, so the link stays.
  const target = current.existed ? await realpath(edit.path) : edit.path;
  let backup: string | undefined;
  try {
    if (current.existed) {
      backup = backupName(target, new Date(clock.now()));
      // COPYFILE_EXCL: never over an earlier backup; the copy is the file's bytes, as read.
      await copyFile(target, backup, constants.COPYFILE_EXCL);
      await chmod(backup, 0o600);
    } else {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    }
  } catch (error) {
    return { ok: false, message: `Could not back up ${target} (${reason(error)}); nothing was written.` };
  }
  try {
    // An existing file keeps its mode and owner (write-file-atomic reads them); a new one is 0600.
    await writeFileAtomic(target, edit.after, current.existed ? {} : { mode: 0o600 });
  } catch (error) {
    return {
      ok: false,
      message: `Could not write ${target} (${reason(error)}); it is as it was${backup ? `, and backed up at ${backup}` : ''}.`,
    };
  }
  return { ok: true, path: target, written: edit.after, ...(backup ? { backup } : {}) };
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EEXIST') return 'a backup of that name exists';
  if (e.code === 'ENOSPC') return 'the disk is full';
  return e.code ?? e.message ?? String(error);
}
