// The config file's text as lines that `doctor --fix` edits one at a time, keeping every other
// byte: each line keeps its own ending (CRLF in a file from Windows, none on a last line without
// one), and remembers which line of the file as read it was, so that every fix is told by the
// line the person sees in their file, however many passes and edits came before it.

interface Line {
  text: string;
  eol: string;
  /** Its number in the file as read; undefined for a line a fix added. */
  from?: number;
  removed?: boolean;
  /** Lines a fix adds just after this one, in order. */
  added?: string[];
}

export class ConfigLines {
  #lines: Line[];

  constructor(text: string) {
    // Split on "\n" with any "\r" kept apart, as the SDK's parser numbers lines (ini.ts).
    this.#lines = text.split('\n').map((part, index, parts) => {
      const last = index === parts.length - 1;
      const crlf = !last && part.endsWith('\r');
      return {
        text: crlf ? part.slice(0, -1) : part,
        eol: last ? '' : crlf ? '\r\n' : '\n',
        from: index + 1,
      };
    });
  }

  /** The text as edited so far. */
  text(): string {
    return this.#rendered()
      .map((line) => line.text + line.eol)
      .join('');
  }

  /** Makes the edits so far the lines a next pass numbers from (1-based, as parsed again). */
  settle(): void {
    this.#lines = this.#rendered();
  }

  /** Line `line` of the text as it stands (1-based), without its ending. */
  at(line: number): string {
    return this.#line(line).text;
  }

  /** The number in the file as read of the current line `line`, or the nearest one above it. */
  fileLine(line: number): number {
    for (let index = line - 1; index >= 0; index--) {
      const from = this.#lines[index]?.from;
      if (from !== undefined) return from;
    }
    return 1;
  }

  replace(line: number, text: string): void {
    this.#line(line).text = text;
  }

  remove(line: number): void {
    this.#line(line).removed = true;
  }

  /** Adds a line after `line`, with `line`'s ending (or the file's, after a last line without one). */
  insertAfter(line: number, text: string): void {
    const host = this.#line(line);
    host.added = [...(host.added ?? []), text];
  }

  #line(line: number): Line {
    const found = this.#lines[line - 1];
    if (!found) throw new RangeError(`no line ${line}`);
    return found;
  }

  /** CRLF when most of the file's line endings are. */
  #fileEol(): string {
    let crlf = 0;
    let lf = 0;
    for (const line of this.#lines) {
      if (line.eol === '\r\n') crlf++;
      else if (line.eol === '\n') lf++;
    }
    return crlf > lf ? '\r\n' : '\n';
  }

  /** The lines with the edits made: removed ones gone, added ones in place. */
  #rendered(): Line[] {
    const eol = this.#fileEol();
    const lines: Line[] = [];
    for (const line of this.#lines) {
      const added = line.added ?? [];
      // A last line without an ending gets one when a line is added after it; the added line ends the file instead.
      if (!line.removed)
        lines.push({
          text: line.text,
          eol: added.length && line.eol === '' ? eol : line.eol,
          ...(line.from !== undefined ? { from: line.from } : {}),
        });
      added.forEach((text, index) => {
        lines.push({ text, eol: line.eol === '' && index === added.length - 1 ? '' : line.eol || eol });
      });
    }
    return lines;
  }
}
