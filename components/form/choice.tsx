// One of several, drawn as a list with the picked option marked; the keys that move it are the
// form's (a list's ↑↓), which dispatch reduceChoice.
import { Text } from 'ink';
import { colour } from '../theme';
import { pickedOption } from './choice-state';

export interface ChoiceProps {
  options: readonly string[];
  picked: number;
}

export function Choice({ options, picked }: ChoiceProps) {
  const shown = pickedOption(options, picked);
  return (
    <>
      {options.map((option) => (
        <Text key={option} color={colour(option === shown ? 'accent' : undefined)} wrap="truncate-end">
          {option === shown ? '› ' : '  '}
          {option}
        </Text>
      ))}
    </>
  );
}
