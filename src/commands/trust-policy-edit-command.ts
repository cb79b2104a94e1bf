// `rolecall trust-policy --edit FILE`: the file's trust policy, read for the builder (opened by
// cli.ts in the interface, on its own screen), and written back when the person saves: atomically
// (write-file-atomic: a temporary file renamed over it), keeping the file's mode and owner. A
// file that is not JSON, or not a trust policy, is refused before the interface opens, naming the
// file and the line; nothing is written then, nor when the person leaves without saving.
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { draftFromDocument } from '../trust-policy/draft-from-document';
import { readDocument, TrustPolicyFileError } from './trust-policy-check-command';

export interface TrustPolicyFile {
  /** As typed on the command line, for messages and the save action's label. */
  name: string;
  path: string;
  /** The document as read. */
  original: string;
  /** The role's account, as far as the document tells: its SAML or OIDC provider's; else empty. */
  account: string;
  /** Writes the document over the file; true once it has. */
  save(document: string): Promise<void>;
  saved(): boolean;
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
  return {
    name: file,
    path,
    original,
    // Providers are registered in the role's own account (the GitHub preset names it).
    account: /:iam::(\d{12}):(?:saml|oidc)-provider\//.exec(original)?.[1] ?? '',
    async save(document) {
      await writeFileAtomic(path, document.endsWith('\n') ? document : `${document}\n`);
      saved = true;
    },
    saved: () => saved,
  };
}
