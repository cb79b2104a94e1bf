// The smallest ink app (issue 15's floor for bench:startup): a header and one line, drawn with
// the options rolecall renders with, and q quits.
import { Box, render, Text, useApp, useInput } from 'ink';

function Floor() {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return (
    <Box flexDirection="column">
      <Text bold>rolecall › Sessions</Text>
      <Text>No live sessions.</Text>
    </Box>
  );
}

const instance = render(<Floor />, { alternateScreen: true, incrementalRendering: true, exitOnCtrlC: false });
await instance.waitUntilExit();
