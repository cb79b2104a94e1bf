// ink's frames sent whole and shorter: the terminal must end up showing exactly what ink's own
// writes would have shown it, cursor included, in fewer bytes and one write a frame.
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { shortenMoves, shortenStyles, writeFramesWhole } from '../../components/frame-writes';

const BEGIN = '\u001B[?2026h';
const END = '\u001B[?2026l';
const E = '\u001B[E';

/** A stream that records each write, as process.stdout would get it. */
function recorder() {
  const writes: string[] = [];
  const stream = {
    write(chunk: string, callback?: () => void) {
      writes.push(chunk);
      callback?.();
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

/** What a 40x10 terminal shows (each cell's style too), and where its cursor is, after `text`. */
async function screenAfter(
  text: string,
): Promise<{ lines: string[]; styles: string[]; cursor: [number, number] }> {
  const terminal = new xterm.Terminal({ cols: 40, rows: 10, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(text, resolve));
  const buffer = terminal.buffer.active;
  const lines = Array.from({ length: 10 }, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
  const styles = Array.from({ length: 10 }, (_, y) =>
    Array.from({ length: 40 }, (_, x) => {
      const cell = buffer.getLine(y)?.getCell(x);
      return cell
        ? `${cell.isBold()}${cell.isDim()}${cell.isItalic()}${cell.isUnderline()}${cell.getFgColor()}/${cell.getBgColor()}`
        : '';
    }).join(' '),
  );
  return { lines, styles, cursor: [buffer.cursorX, buffer.cursorY] };
}

// A first frame of ten rows, then the incremental frame ink 8 writes when row 3's countdown
// changes: up to the top, a next-line over each unchanged row, the change, then down to the end.
const firstFrame = Array.from({ length: 10 }, (_, y) => `row ${y}${y === 3 ? ' 59:59' : ''}`).join('\r\n');
const tick = `\u001B[9A${E}${E}${E}\u001B[11G\u001B[K\u001B[2m\u001B[22m8\r\n${E.repeat(5)}`;

describe('frames written whole', () => {
  it('sends a frame as one write, each run of next-lines as one, and the terminal shows the same', async () => {
    const { stream, writes } = recorder();
    const back = writeFramesWhole(stream);
    stream.write(BEGIN);
    stream.write(tick);
    stream.write(END);
    back();
    expect(writes).toEqual([`${BEGIN}\u001B[9A\u001B[3E\u001B[11G\u001B[K8\r\n\u001B[5E${END}`]);
    expect(writes[0]?.length).toBeLessThan(BEGIN.length + tick.length + END.length - 15);
    const inks = await screenAfter(firstFrame + BEGIN + tick + END);
    const ours = await screenAfter(firstFrame + writes.join(''));
    expect(ours).toEqual(inks);
    expect(ours.lines[3]).toBe('row 3 59:58');
  });

  it('replays the styles of a row before the change as the one style they leave, shown the same', async () => {
    const styled = `\u001B[1mname\u001B[22m \u001B[2mdim\u001B[22m \u001B[31mred \u001B[1mbold\u001B[22m 59:59\u001B[39m`;
    const before = `${styled}\r\nrow 1`;
    // From column 20 on: bold on and off, dim on and off, red on, bold on and off: red is left.
    const repaint = `\u001B[1A\u001B[20G\u001B[K\u001B[1m\u001B[22m\u001B[2m\u001B[22m\u001B[31m\u001B[1m\u001B[22m58\u001B[39m\r\n`;
    expect(shortenStyles(repaint)).toBe('\u001B[1A\u001B[20G\u001B[K\u001B[31m58\u001B[39m\r\n');
    const inks = await screenAfter(before + repaint);
    expect(await screenAfter(before + shortenStyles(repaint))).toEqual(inks);
    expect(inks.lines[0]).toBe('name dim red bold 558');
    // No style left: nothing replayed.
    expect(shortenStyles('\u001B[5G\u001B[K\u001B[2m\u001B[22m\u001B[1m\u001B[22m7')).toBe(
      '\u001B[5G\u001B[K7',
    );
  });

  it('leaves a lone next-line, and the bottom of the screen, as they are', async () => {
    expect(shortenMoves(`a${E}b`)).toBe(`a${E}b`);
    // At the bottom a next-line stops, as one with a count does.
    const overshoot = `${firstFrame}\u001B[2A${E.repeat(6)}x`;
    expect(await screenAfter(shortenMoves(overshoot))).toEqual(await screenAfter(overshoot));
  });

  it('lets anything but a frame through untouched, after a frame it was holding', async () => {
    const { stream, writes } = recorder();
    const back = writeFramesWhole(stream);
    stream.write(`plain${E}${E}`);
    stream.write(BEGIN);
    stream.write(`frame${E}${E}`);
    let called = false;
    stream.write('with a callback', () => {
      called = true;
    });
    expect(writes).toEqual([`plain${E}${E}`, `${BEGIN}frame\u001B[2E`, 'with a callback']);
    expect(called).toBe(true);
    // A frame whose end never comes is sent within the task that began it.
    stream.write(BEGIN);
    stream.write('unfinished');
    await Promise.resolve();
    expect(writes.at(-1)).toBe(`${BEGIN}unfinished`);
    back();
    stream.write(BEGIN);
    expect(writes.at(-1)).toBe(BEGIN);
  });
});
