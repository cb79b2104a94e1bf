// `rolecall trust-policy --edit FILE`: the file's trust policy, read for the builder (opened by
// cli.ts in the interface, on its own screen), and written back when the person saves: only if
// the file is as it was read (read again just before; else nothing is written), atomically
// (write-file-atomic: a temporary file renamed over it) keeping the file's mode and owner, and
// through a symbolic link to the file it points at, so the link stays a link. No backup: the file
// is the person's own policy, not one of their AWS files. A file that is not JSON, or not a trust
// policy, is refused before the interface opens, naming the file and the line; nothing is written
// then, nor when the person leaves without saving.
import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { fileErrorWords } from '../file-error-words';
import { draftFromDocument } from '../trust-policy/draft-from-document';
import { readDocument, TrustPolicyFileError } from './trust-policy-check-command';

export type SaveResult = { ok: true } | { ok: false; message: string };

export interface TrustPolicyFile {
  /** As typed on the command line, for messages and the save action's label. */
  name: string;
  path: string;
  /** The document as read. */
  original: string;
  /** The role's account, as far as the document tells: its SAML or OIDC provider's; else empty. */
  account: string;
  /** Writes the document over the file, unless it changed since it was read; why not, in words. */
  save(document: string): Promise<SaveResult>;
  saved(): boolean;
  /** The interface could not open it: why, for cli.ts to print (exit 2). */
  refuse(words: string): void;
  refused(): string | undefined;
}

export async function openTrustPolicyFile(file: string, cwd: string): Promise<TrustPolicyFile> {
  const path = resolve(cwd, file);
  const original = await readDocument(file, cwd);
  const read = draftFromDocument(original);
  if (!read.ok)
    throw new TrustPolicyFileError(
      `Cannot edit ${file}${read.line ? `, line ${read.line}` : ''}: ${read.problem.replace(/\.?$/, '.')} Nothing was written.`,
    );
  let saved = false;
  let refused: string | undefined;
  return {
    name: file,
    path,
    original,
    // Providers are registered in the role's own account (the GitHub preset names it).
    account: /:iam::(\d{12}):(?:saml|oidc)-provider\//.exec(original)?.[1] ?? '',
    async save(document) {
      let target: string;
      try {
        // What the link points at now: renaming over the link itself would replace it with a file.
        target = await realpath(path);
        const now = await readFile(target, 'utf8');
        if (now !== original)
          return {
            ok: false,
            message: `${file} changed since it was opened; nothing was written. Quit and open it again to edit what it holds now.`,
          };
      } catch (error) {
        return {
          ok: false,
          message: `${file} could not be read again before writing (${fileErrorWords(error)}); nothing was written.`,
        };
      }
      try {
        await writeFileAtomic(target, document.endsWith('\n') ? document : `${document}\n`);
      } catch (error) {
        return {
          ok: false,
          message: `${file} could not be written (${fileErrorWords(error)}); it is as it was.`,
        };
      }
      saved = true;
      return { ok: true };
    },
    saved: () => saved,
    refuse: (words) => {
      refused = words;
    },
    refused: () => refused,
  };
}
