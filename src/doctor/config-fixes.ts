// `rolecall doctor --fix` and the walkthrough's "Check your setup": the mechanical fixes to the
// person's config file (AWS_CONFIG_FILE, else ~/.aws/config) whose result is certain, as an edit
// they are shown as a diff and confirm; written by aws-files/file-edit.ts (a timestamped 0600
// backup beside the file, atomically, its mode kept, refused if the file changed since). Every
// other byte stays: comments, order, blank lines, line endings, indentation. What is not certain
// stays a finding in words. The credentials file is read (its keys win over the config's, so a
// fix must know them) and never written.
import type { FileEdit } from '../aws-files/file-edit';
import { configFilePath, prepareEdit, readForEdit } from '../aws-files/file-edit';
import { fileErrorWords } from '../file-error-words';
import { parseIniLines } from '../profiles/ini';
import { profileFiles } from '../profiles/load';
import type { ConfigFix, FixesFound, LeftAsIs } from './config-fix';
import { fixHeaders } from './config-fix-headers';
import { ConfigLines } from './config-fix-lines';
import { fixProfiles } from './config-fix-profiles';
import { capChainedDurations, fixSourceProfiles, mfaSerialsOnKeys } from './config-fix-settings';
import { fixKeysGivenTwice } from './config-fix-twice';

export type { ConfigFix, LeftAsIs } from './config-fix';

export interface FixedText {
  after: string;
  fixed: ConfigFix[];
  left: LeftAsIs[];
}

/** A header fix can reveal another (a glued comment on a bare [dev]): a few passes at most. */
const HEADER_PASSES = 3;

/**
 * The config text with every certain fix made, in an order where each pass sees the last one's
 * result: headers first (they decide which section a key is in), then keys given twice, then the
 * settings, each read from the profiles as the text now stands.
 */
export function fixConfigText(config: string, credentials: string): FixedText {
  const all: FixesFound = { fixed: [], left: [] };
  if (parseIniLines(config).protoLine !== undefined || config.includes('\0')) {
    // The SDK reads such a file as empty (ini.ts): what any fix would mean is unknown.
    return { after: config, fixed: [], left: [] };
  }
  const doc = new ConfigLines(config);
  const take = (found: FixesFound) => {
    all.fixed.push(...found.fixed);
    all.left.push(...found.left);
    doc.settle();
    return found.fixed.length;
  };
  for (let pass = 0; pass < HEADER_PASSES; pass++) {
    const found = fixHeaders(doc);
    // A later pass finds again what an earlier one left: told once.
    const told = new Set(all.left.map((l) => `${l.line}\n${l.what}`));
    found.left = found.left.filter((l) => !told.has(`${l.line}\n${l.what}`));
    if (take(found) === 0) break;
  }
  take(fixKeysGivenTwice(doc));
  const settingsPass = (step: (d: ConfigLines, p: ReturnType<typeof fixProfiles>) => FixesFound) =>
    take(step(doc, fixProfiles(doc.text(), credentials)));
  settingsPass(fixSourceProfiles);
  settingsPass(mfaSerialsOnKeys);
  settingsPass(capChainedDurations);
  all.fixed.sort((a, b) => a.line - b.line);
  return { after: doc.text(), fixed: all.fixed, left: all.left };
}

export interface ConfigFixPlan {
  path: string;
  fixed: ConfigFix[];
  left: LeftAsIs[];
  /** The edit to show (edit.diff, secrets masked) and write (writeEdit); none when nothing is fixed. */
  edit?: FileEdit;
  /** Why the fixes found cannot be written (a file that is not UTF-8, one that cannot be read). */
  notWritten?: string;
}

/** The fixes to the config file `env` names, ready to be shown and written with writeEdit. */
export async function planConfigFixes(env: NodeJS.ProcessEnv): Promise<ConfigFixPlan> {
  const path = configFilePath(env);
  const { credentialsFile } = profileFiles(env);
  let config: Awaited<ReturnType<typeof readForEdit>>;
  let credentials: string;
  try {
    config = await readForEdit(path);
  } catch (error) {
    return { path, fixed: [], left: [], notWritten: `Could not read ${path} (${fileErrorWords(error)}).` };
  }
  try {
    credentials = (await readForEdit(credentialsFile)).text;
  } catch (error) {
    // Its keys win over the config's: without them no fix is certain.
    return {
      path,
      fixed: [],
      left: [],
      notWritten: `Could not read ${credentialsFile} (${fileErrorWords(error)}), whose settings win over the config file's: no fix is certain without it.`,
    };
  }
  const { after, fixed, left } = fixConfigText(config.text, credentials);
  if (fixed.length === 0 || after === config.text) return { path, fixed: [], left };
  const prepared = prepareEdit(path, config, after);
  if (!prepared.ok) return { path, fixed, left, notWritten: prepared.message };
  return { path, fixed, left, edit: prepared.edit };
}
