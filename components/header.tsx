// The top line: where you are (the screen trail) and who you are (the AWS identity in use).
import { Box, Text } from 'ink';
import type { HeaderIdentity } from './header-identity';
import { colour } from './theme';

export interface HeaderProps {
  trail: readonly string[];
  /** The identity in use, or undefined while none is loaded. */
  identity?: HeaderIdentity;
}

export function Header({ trail, identity }: HeaderProps) {
  return (
    <Box borderStyle="single" borderTop={false} borderLeft={false} borderRight={false} flexShrink={0}>
      <Box flexGrow={1} flexShrink={1} minWidth={0}>
        <Text wrap="truncate-start">
          <Text bold>rolecall</Text>
          {trail.map((title) => ` › ${title}`).join('')}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={2}>
        {identity ? (
          <Text color={colour(identity.tone)}>{identity.text}</Text>
        ) : (
          <Text dimColor>no identity loaded</Text>
        )}
      </Box>
    </Box>
  );
}
