// What ink writes to the terminal for a frame, in fewer bytes and one write. ink 8 writes a
// synchronized frame as three writes (begin-update, the frame, end-update) and walks its cursor
// down over each unchanged row with one "next line" (ESC [ E) apiece: a dashboard whose countdown
// changed two digits sent 173 bytes in three writes a second, 96 of them stepping over rows.
// Here the frame goes out as one write, and each run of next-lines as one next-line with a count
// (ESC [ n E): the terminal does exactly the same (CNL n is n CNLs, both stopping at the bottom).
// And where ink repaints a row from a column on, it first replays every style change the row
// made before that column ("dim on, off, on, off"); here that run is replaced by the style it
// leaves, the way ink's own cells-to-text does it. Both start from no style: ink ends every row
// with its styles closed and writes a whole row with no reset before it, so it counts on that too.
// So only what changed, and where it is, is sent.
import { ansiCodesToString, reduceAnsiCodes, tokenize } from '@alcalzone/ansi-tokenize';

/** Begin and end synchronized update (ink/build/write-synchronized.js). */
const BEGIN = '\u001B[?2026h';
const END = '\u001B[?2026l';
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what is matched
const NEXT_LINES = /(?:\u001B\[E){2,}/g;

/** Each run of two or more next-lines as one next-line with a count. */
export function shortenMoves(text: string): string {
  return text.includes('\u001B[E\u001B[E')
    ? text.replace(NEXT_LINES, (run) => `\u001B[${run.length / 3}E`)
    : text;
}

// A move to a column and erase to the end of the line (ink's line-update.js), then style changes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what is matched
const REPLAYED_STYLES = /(\u001B\[\d*G\u001B\[K)((?:\u001B\[[\d;]*m){2,})/g;

/** The style changes replayed at the start of a row's repaint, as the one style they leave. */
export function shortenStyles(text: string): string {
  return text.replace(REPLAYED_STYLES, (_, move: string, run: string) => {
    const codes = tokenize(run).filter((token) => token.type === 'ansi');
    return move + ansiCodesToString(reduceAnsiCodes(codes as Parameters<typeof reduceAnsiCodes>[0]));
  });
}

type Write = NodeJS.WriteStream['write'];

/**
 * Makes `stream` send each synchronized frame ink writes as one shortened write; anything else
 * goes through as it is, after a frame being held. Returns the function that puts it back.
 */
export function writeFramesWhole(stream: NodeJS.WriteStream): () => void {
  const write = stream.write;
  let held: string[] | undefined;
  const flush = () => {
    if (!held) return;
    const frame = shortenStyles(shortenMoves(held.join('')));
    held = undefined;
    write.call(stream, frame);
  };
  const framed = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && rest.length === 0) {
      if (chunk === BEGIN) {
        flush();
        held = [chunk];
        // A frame is written in one go (ink's throttled log); never held past this task whatever ink does.
        queueMicrotask(flush);
        return true;
      }
      if (held) {
        held.push(chunk);
        if (chunk.endsWith(END)) flush();
        return true;
      }
      return write.call(stream, chunk);
    }
    flush();
    return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
  }) as Write;
  stream.write = framed;
  return () => {
    flush();
    if (stream.write === framed) stream.write = write;
  };
}
