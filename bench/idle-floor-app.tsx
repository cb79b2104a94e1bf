// The floor of bench:idle (issue 15): bare ink on rolecall's ink and React, with the options
// rolecall renders with, redrawing one line that counts down at each whole wall-clock second
// (a timer re-aimed at every second, as rolecall's shared clock is). Nothing else runs: what
// rolecall spends above this is what its dashboard does beyond drawing a countdown.
import { render, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';

const endsAt = Date.now() + 60 * 60 * 1000;

function face(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

function Floor() {
  const { exit } = useApp();
  const [now, setNow] = useState(Date.now());
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) exit();
  });
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const aim = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          aim();
        },
        1000 - (Date.now() % 1000) + 5,
      );
    };
    aim();
    return () => clearTimeout(timer);
  }, []);
  return <Text>Live sessions: dev-developer ends in {face(endsAt - now)}</Text>;
}

const instance = render(<Floor />, { alternateScreen: true, incrementalRendering: true, exitOnCtrlC: false });
await instance.waitUntilExit();
