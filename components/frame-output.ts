// The grid ink paints each frame into, built so that a frame costs what changed in it. ink's own
// Output (ink/build/output.js, 8.0.0) starts every frame from nothing: a new cell object for each
// of the screen's cells, and every text on screen tokenised, cut and joined again. The dashboard
// ticks once a second and changes a few digits, so that was ~0.75 MB of garbage a second (a
// scavenge a second once V8 shrinks the young generation) and most of its idle CPU. This Output
// is ink's, with differences that leave every frame's text the same: blank cells are one shared
// cell (ink never changes a cell, it puts new ones in its place); what a frame tokenised,
// measured, split into lines and cut to a clip is kept for the next one (only what the last frame
// used, so a day of countdowns does not pile up); and a row whose cells are last frame's cells
// has last frame's text. The build hands ink's Output to frameOutputOn and gives ink's renderer
// the result (scripts/bundle-options.mjs): ink does not export its Output.
// ink's own tokenizer, the one its Output turns cells into text with (ours too, at ink's version).
import { styledCharsToString } from '@alcalzone/ansi-tokenize';

/** ink's Output class (ink/build/output.js) as its renderer uses it. */
export interface InkOutputClass {
  new (options: {
    width: number;
    height: number;
  }): {
    width: number;
    height: number;
    get(): { output: string; height: number };
  };
}

type StyledChar = { type: 'char'; value: string; fullWidth: boolean; styles: readonly unknown[] };

/** ink's OutputCaches: the three lookups ink's Output makes through `this.caches`. */
interface Caches {
  styledChars: Map<string, StyledChar[]>;
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  getStyledChars(line: string): StyledChar[];
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

/** ink's Output with its private parts as this file uses them. */
interface InkOutputInternals {
  operations: Array<{ type: 'write' | 'clip' | 'unclip'; clip?: Clip }>;
  caches: Caches;
  applyWriteOperation(output: StyledChar[][], operation: unknown, clip: Clip | undefined): void;
}
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type WriteOperation = {
  x: number;
  y: number;
  text: string;
  transformers: Array<(line: string, index: number) => string>;
};

const blankCell = (cell: StyledChar): StyledChar => ({ ...cell, value: ' ', fullWidth: false });

const isClipEmpty = (clip: Clip) =>
  (clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) ||
  (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);

const BLANK: StyledChar = Object.freeze({
  type: 'char',
  value: ' ',
  fullWidth: false,
  styles: Object.freeze([]),
});

/**
 * The lookups of the frame being drawn and of the one before: what is asked again is moved
 * forward, what the last frame did not use is let go. Misses are computed by ink's own caches
 * (emptied after each frame), so a value is always what ink would have computed.
 */
class FrameCaches {
  readonly #compute: Caches;
  #previous = { styledChars: new Map<string, StyledChar[]>(), widths: new Map<string, number>() };
  #current = { styledChars: new Map<string, StyledChar[]>(), widths: new Map<string, number>() };
  #previousBlocks = new Map<string, number>();
  #currentBlocks = new Map<string, number>();
  #previousLines = new Map<string, readonly string[]>();
  #currentLines = new Map<string, readonly string[]>();
  #previousSlices = new Map<string, string>();
  #currentSlices = new Map<string, string>();
  /** Each row of the last frame: its cells and its text. */
  #rows: Array<{ cells: StyledChar[]; text: string }> = [];

  constructor(InkOutput: InkOutputClass) {
    this.#compute = (new InkOutput({ width: 0, height: 0 }) as unknown as InkOutputInternals).caches;
  }

  getStyledChars(line: string): StyledChar[] {
    let chars = this.#current.styledChars.get(line);
    if (chars === undefined) {
      chars = this.#previous.styledChars.get(line) ?? this.#compute.getStyledChars(line);
      this.#current.styledChars.set(line, chars);
    }
    return chars;
  }

  getStringWidth(text: string): number {
    let width = this.#current.widths.get(text);
    if (width === undefined) {
      width = this.#previous.widths.get(text) ?? this.#compute.getStringWidth(text);
      this.#current.widths.set(text, width);
    }
    return width;
  }

  getWidestLine(text: string): number {
    let width = this.#currentBlocks.get(text);
    if (width === undefined) {
      width = this.#previousBlocks.get(text) ?? this.#compute.getWidestLine(text);
      this.#currentBlocks.set(text, width);
    }
    return width;
  }

  /** A written text as ink's applyWriteOperation splits it: each line's text, styles closed. */
  linesOf(text: string): readonly string[] {
    let lines = this.#currentLines.get(text);
    if (lines === undefined) {
      lines = this.#previousLines.get(text);
      if (lines === undefined) {
        const characterLines: StyledChar[][] = [[]];
        for (const character of this.getStyledChars(text)) {
          if (character.value === '\n') characterLines.push([]);
          else characterLines.at(-1)?.push(character);
        }
        lines = characterLines.map((line) => styledCharsToString(line as never));
      }
      this.#currentLines.set(text, lines);
    }
    return lines;
  }

  /** ink's sliceLineToColumns (a line cut to a clip's columns), by line and columns. */
  slice(line: string, from: number, to: number, cut: () => string): string {
    const key = `${from}:${to}:${line}`;
    let sliced = this.#currentSlices.get(key);
    if (sliced === undefined) {
      sliced = this.#previousSlices.get(key) ?? cut();
      this.#currentSlices.set(key, sliced);
    }
    return sliced;
  }

  /**
   * A row's text, as ink's get() makes it. Cells are never changed, only replaced, so a row whose
   * cells are the very cells of the same row last frame has last frame's text.
   */
  rowText(row: StyledChar[], y: number): string {
    const last = this.#rows[y];
    if (last && last.cells.length === row.length && last.cells.every((cell, x) => cell === row[x]))
      return last.text;
    const text = row.every((cell) => cell === BLANK)
      ? ''
      : styledCharsToString(row.filter((cell) => cell !== undefined) as never).trimEnd();
    this.#rows[y] = { cells: row, text };
    return text;
  }

  /** A frame was drawn: its lookups are the ones kept; ink's scratch caches start empty. */
  endFrame(): void {
    this.#previous = this.#current;
    this.#current = { styledChars: new Map(), widths: new Map() };
    this.#previousBlocks = this.#currentBlocks;
    this.#currentBlocks = new Map();
    this.#previousLines = this.#currentLines;
    this.#currentLines = new Map();
    this.#previousSlices = this.#currentSlices;
    this.#currentSlices = new Map();
    this.#compute.styledChars.clear();
    this.#compute.widths.clear();
    this.#compute.blockWidths.clear();
  }

  /** How many lookups are kept, for the test that a day of frames does not pile them up. */
  size(): number {
    return (
      this.#previous.styledChars.size +
      this.#previous.widths.size +
      this.#previousBlocks.size +
      this.#current.styledChars.size +
      this.#current.widths.size +
      this.#currentBlocks.size +
      this.#previousLines.size +
      this.#currentLines.size +
      this.#previousSlices.size +
      this.#currentSlices.size
    );
  }
}

/**
 * ink's Output, drawing into shared blank cells with caches kept from frame to frame. One set of
 * caches per class: ink draws one frame at a time.
 */
export function frameOutputOn(InkOutput: InkOutputClass) {
  const frameCaches = new FrameCaches(InkOutput);
  return class FrameOutput extends InkOutput {
    static readonly caches = frameCaches;

    constructor(options: { width: number; height: number }) {
      super(options);
      (this as unknown as { caches: unknown }).caches = frameCaches;
    }

    /**
     * ink 8.0.0's applyWriteOperation, but for where a text's lines come from: the lines of the
     * same text last frame, not the text tokenised and joined again.
     */
    applyWriteOperation(output: StyledChar[][], operation: WriteOperation, clip: Clip | undefined): void {
      const self = this as unknown as InkOutputInternals & {
        sliceLineToColumns(line: string, from: number, to: number): string;
      };
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = frameCaches.linesOf(text);
      if (clip) {
        if (isClipEmpty(clip)) return;
        const shouldClipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const shouldClipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (shouldClipHorizontally) {
          const width = frameCaches.getWidestLine(text);
          if (x + width < (clip.x1 as number) || x > (clip.x2 as number)) return;
        }
        if (shouldClipVertically) {
          const height = lines.length;
          if (y + height < (clip.y1 as number) || y > (clip.y2 as number)) return;
        }
        if (shouldClipHorizontally) {
          const x1 = clip.x1 as number;
          const x2 = clip.x2 as number;
          lines = lines.map((line) => {
            const from = x < x1 ? x1 - x : 0;
            const width = frameCaches.getStringWidth(line);
            const to = x + width > x2 ? x2 - x : width;
            return frameCaches.slice(line, from, to, () => self.sliceLineToColumns(line, from, to));
          });
          if (x < x1) x = x1;
        }
        if (shouldClipVertically) {
          const y1 = clip.y1 as number;
          const y2 = clip.y2 as number;
          const from = y < y1 ? y1 - y : 0;
          const height = lines.length;
          const to = y + height > y2 ? y2 - y : height;
          lines = lines.slice(from, to);
          if (y < y1) y = y1;
        }
      }
      for (let index = 0; index < lines.length; index++) {
        let line = lines[index] as string;
        const currentLine = output[y + index];
        if (!currentLine) continue;
        for (const transformer of transformers) line = transformer(line, index + y - operation.y);
        const characters = frameCaches.getStyledChars(line);
        if (characters.length === 0) continue;
        let offsetX = x;
        if (
          currentLine[offsetX]?.value === '' &&
          offsetX > 0 &&
          frameCaches.getStringWidth(currentLine[offsetX - 1]?.value ?? '') > 1
        ) {
          currentLine[offsetX - 1] = blankCell(currentLine[offsetX - 1] as StyledChar);
        }
        for (const character of characters) {
          currentLine[offsetX] = character;
          const characterWidth = Math.max(1, frameCaches.getStringWidth(character.value));
          if (characterWidth > 1) {
            for (let offset = 1; offset < characterWidth; offset++) {
              currentLine[offsetX + offset] = {
                type: 'char',
                value: offsetX < 0 ? ' ' : '',
                fullWidth: false,
                styles: character.styles,
              };
            }
          }
          offsetX += characterWidth;
        }
        if (currentLine[offsetX]?.value === '')
          currentLine[offsetX] = blankCell(currentLine[offsetX] as StyledChar);
      }
    }

    /** ink's get(), with blank cells shared and a blank row's text known without building it. */
    override get(): { output: string; height: number } {
      const self = this as unknown as InkOutputInternals;
      const output: StyledChar[][] = [];
      for (let y = 0; y < this.height; y++) output.push(new Array<StyledChar>(this.width).fill(BLANK));
      const clips: Clip[] = [];
      for (const operation of self.operations) {
        if (operation.type === 'clip') clips.push(intersectClips(clips.at(-1), operation.clip ?? {}));
        else if (operation.type === 'unclip') clips.pop();
        else self.applyWriteOperation(output, operation, clips.at(-1));
      }
      const generatedOutput = output.map((row, y) => frameCaches.rowText(row, y)).join('\n');
      frameCaches.endFrame();
      return { output: generatedOutput, height: output.length };
    }
  };
}

const intersectBound = (
  a: number | undefined,
  b: number | undefined,
  tighter: (a: number, b: number) => number,
) => (a === undefined ? b : b === undefined ? a : tighter(a, b));

function intersectClips(outer: Clip | undefined, inner: Clip): Clip {
  if (!outer) return inner;
  return {
    x1: intersectBound(outer.x1, inner.x1, Math.max),
    x2: intersectBound(outer.x2, inner.x2, Math.min),
    y1: intersectBound(outer.y1, inner.y1, Math.max),
    y2: intersectBound(outer.y2, inner.y2, Math.min),
  };
}
