// The page before a trust policy is saved over one that exists: the diff of the two documents and
// the call that will make the change (or the file it will write), then its outcome in words.
// Enter saves; Esc goes back to the form, with what was typed. Shared by a role's edit and a file's.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { DiffPreview } from '../components/form/diff-preview';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { documentDiff } from '../src/trust-policy/document-diff';

export type SaveState = { at: 'review' } | { at: 'saving' } | { at: 'failed'; message: string };

export interface TrustPolicyReviewProps {
  original: string;
  document: string;
  /** The change in words, one line each: "UpdateAssumeRolePolicy on Deployer", "as profile dev-admin". */
  call: readonly string[];
  /** Enter's word: "save", "save to trust.json". */
  saveLabel: string;
  state: SaveState;
  save: () => void;
  back: () => void;
  /** q, when the screen asks before quitting with unsaved changes (a file's). */
  quit?: () => void;
  height: number;
}

export function TrustPolicyReview({
  original,
  document,
  call,
  saveLabel,
  state,
  save,
  back,
  quit,
  height,
}: TrustPolicyReviewProps) {
  const [offset, setOffset] = useState(0);
  const lines = documentDiff(original, document);
  const changed = lines.some((l) => l.kind !== 'same');
  const headRows = call.length + 3;
  const diffHeight = Math.max(2, height - headRows);
  const scroll = (by: number) =>
    setOffset((o) => Math.min(Math.max(0, o + by), Math.max(0, lines.length - diffHeight)));
  useKeys(
    state.at === 'saving'
      ? []
      : [
          ...(changed
            ? [
                {
                  keys: ['enter'],
                  label: saveLabel,
                  description: `${saveLabel}: make the change shown`,
                  run: save,
                },
              ]
            : []),
          {
            keys: ['escape'],
            label: 'back to the form',
            description: 'Back to the form, with what was typed',
            run: back,
          },
          {
            keys: ['pagedown'],
            hint: 'PgDn',
            label: 'scroll',
            description: 'Scroll the changes down',
            run: () => scroll(4),
            footer: false,
          },
          {
            keys: ['pageup'],
            label: 'scroll up',
            description: 'Scroll the changes up',
            run: () => scroll(-4),
            footer: false,
          },
          ...(quit
            ? [
                {
                  keys: ['q'],
                  label: 'quit',
                  description: 'Quit (asks first: nothing is saved)',
                  run: quit,
                  footer: false,
                },
              ]
            : []),
        ],
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        {changed ? 'Save this change to the trust policy?' : 'Nothing to save: the document is as it was.'}
      </Text>
      {call.map((line) => (
        <Text key={line} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text
        color={colour(state.at === 'failed' ? 'error' : state.at === 'saving' ? undefined : 'accent')}
        wrap="wrap"
      >
        {state.at === 'saving'
          ? 'Saving…'
          : state.at === 'failed'
            ? `Not saved: ${state.message} Enter tries again.`
            : changed
              ? `Enter: ${saveLabel}. Esc: back to the form.`
              : 'Esc: back to the form.'}
      </Text>
      <DiffPreview lines={lines} height={diffHeight} offset={offset} />
    </Box>
  );
}
