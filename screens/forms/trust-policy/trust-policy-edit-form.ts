// The builder's state for a document that exists: each principal the draft read becomes an entry
// of its kind, each condition its field, and the statements the form cannot express are kept
// (trust-policy-editing.ts). An OIDC provider stays an OIDC entry, its audience and subject as
// they were, so what is saved is what was read (the GitHub preset would rewrite the provider's ARN).

import { entryList } from '../../../components/form/entry-list-state';
import type { TrustPrincipal } from '../../../src/trust-policy/draft';
import { documentWithKept, draftFromDocument } from '../../../src/trust-policy/draft-from-document';
import type { TrustEditing } from './trust-policy-editing';
import {
  ENTRY_KINDS,
  type EntryDetail,
  type TrustPolicyFormState,
  trustPolicyForm,
} from './trust-policy-form-state';

export type EditFormResult =
  | { ok: true; state: TrustPolicyFormState }
  | { ok: false; problem: string; line?: number };

/** The form on `original` (a trust policy's text), in the role's `account` (empty when there is none). */
export function trustPolicyEditForm(account: string, original: string): EditFormResult {
  const read = draftFromDocument(original);
  if (!read.ok) return read;
  const { draft, kept, notes, frame } = read;
  const editing: TrustEditing = {
    original,
    kept,
    notes,
    frame,
    opened: documentWithKept(draft, kept, frame),
  };
  const base = trustPolicyForm(account);
  const entries = draft.principals.map(entryOf);
  const { principals: _, ...conditions } = draft;
  return {
    ok: true,
    state: {
      ...base,
      entries: entryList(entries.map((e) => e.text)),
      details: entries.map((e) => e.detail),
      conditions,
      editing,
    },
  };
}

function entryOf(principal: TrustPrincipal): { text: string; detail: EntryDetail } {
  const kind = ENTRY_KINDS.findIndex((k) => k.kind === principal.kind);
  const detail: EntryDetail = { kind, audience: '', subject: '' };
  switch (principal.kind) {
    case 'account':
      return { text: principal.id, detail };
    case 'arn':
      return { text: principal.arn, detail };
    case 'service':
      return { text: principal.service, detail };
    case 'saml':
      return { text: principal.providerArn, detail };
    case 'oidc':
      return {
        text: principal.provider,
        detail: { ...detail, audience: principal.audience, subject: principal.subjects[0] ?? '' },
      };
  }
}
