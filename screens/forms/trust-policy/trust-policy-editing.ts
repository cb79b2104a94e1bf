// The builder editing a trust policy that exists (a role's, or a file's) rather than making one:
// the statements it keeps as written, and the document it was opened on. The document the form
// then makes, checks and saves is its own statements followed by the kept ones; the preview is
// that document's diff against the original. Knows nothing of the form's state, which holds it.

import { type DiffLine, documentDiff } from '../../../src/trust-policy/document-diff';
import type { TrustDraft } from '../../../src/trust-policy/draft';
import {
  type DocumentFrame,
  documentWithKept,
  type KeptStatement,
} from '../../../src/trust-policy/draft-from-document';

export interface TrustEditing {
  /** The document as it was read (IAM's, or the file's). */
  original: string;
  /** Statements the form cannot express, verbatim. */
  kept: readonly KeptStatement[];
  /** The document's Id and Version, as read: written back around the statements. */
  frame: DocumentFrame;
  /** Beside `kept`: why each was kept. */
  notes: readonly string[];
  /**
   * The document as the form first wrote it. Leaving asks only when the document differs from
   * this; the original may differ from it in order alone (the form writes keys its own way).
   */
  opened: string;
}

/** The document the form makes, pretty-printed: with the kept statements after its own when editing. */
export function formDocument(draft: TrustDraft, editing: TrustEditing | undefined): string {
  return documentWithKept(draft, editing?.kept ?? [], editing?.frame);
}

/** The diff the preview shows when editing. */
export function editDiff(draft: TrustDraft, editing: TrustEditing): DiffLine[] {
  return documentDiff(editing.original, formDocument(draft, editing));
}

/** How many lines the preview has: the diff's when editing, else the document's. */
export function previewLineCount(draft: TrustDraft, editing: TrustEditing | undefined): number {
  return editing ? editDiff(draft, editing).length : formDocument(draft, undefined).split('\n').length;
}
