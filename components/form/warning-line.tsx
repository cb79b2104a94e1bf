// What a form should be told but may keep (an Access Analyzer warning): "!" and the words, in
// the warning colour, wrapped rather than cut; ErrorLine's twin for what would be refused.
import { Text } from 'ink';
import { colour } from '../theme';

export function WarningLine({ problem }: { problem: string }) {
  return (
    <Text color={colour('warning')} wrap="wrap">
      ! {problem}
    </Text>
  );
}
