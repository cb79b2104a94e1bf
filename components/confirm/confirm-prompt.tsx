// The question, where the status line is: in the eye line of the footer that lists its keys.
import { Box, Text } from 'ink';
import { colour } from '../theme';
import { wrappedRows } from '../wrapped-rows';
import type { Question } from './confirm-state';

const ANSWERS = ' y/n';

/** Rows the question takes at this width: it wraps, whole, as its words are what is lost. */
export function confirmRows(question: Question<unknown>, columns: number): number {
  return wrappedRows(question.text + ANSWERS, columns);
}

export function ConfirmPrompt({ question, columns }: { question: Question<unknown>; columns: number }) {
  return (
    <Box height={confirmRows(question, columns)} flexShrink={0} overflow="hidden">
      <Text color={colour('warning')} wrap="wrap">
        {question.text}
        <Text bold>{ANSWERS}</Text>
      </Text>
    </Box>
  );
}
