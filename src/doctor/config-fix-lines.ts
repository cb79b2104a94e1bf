// The config file's text as lines that `doctor --fix` edits one at a time (replaced or removed,
// never added), keeping every other byte: each line keeps its own ending (CRLF in a file from
// Windows, none on a last line without one), and remembers which line of the file as read it
// was, so that every fix is told by the line the person sees in their file, however many passes
// and edits came before it.

interface Line {
  text: string;
  eol: string;
  /** Its number in the file as read. */
  from: number;
  removed?: boolean;
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

  /** The number in the file as read of the current line `line`. */
  fileLine(line: number): number {
    return this.#line(line).from;
  }

  replace(line: number, text: string): void {
    this.#line(line).text = text;
  }

  remove(line: number): void {
    this.#line(line).removed = true;
  }

  #line(line: number): Line {
    const found = this.#lines[line - 1];
    if (!found) throw new RangeError(`no line ${line}`);
    return found;
  }

  /** The lines with the edits made: removed ones gone. */
  #rendered(): Line[] {
    return this.#lines.filter((line) => !line.removed);
  }
}
