// A turning mark while something runs; it stops (and stops redrawing) when unmounted.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { colour } from '../../components/theme';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { label: string }) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 120);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color={colour('accent')}>{FRAMES[frame]}</Text> {label}
    </Text>
  );
}
