// What is wrong, on a form: a cross and the words, in the error colour, wrapped rather than cut.
import { Text } from 'ink';
import { colour } from '../theme';

export function ErrorLine({ problem }: { problem: string }) {
  return (
    <Text color={colour('error')} wrap="wrap">
      ✗ {problem}
    </Text>
  );
}
