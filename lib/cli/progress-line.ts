// Progress on stderr for long CLI jobs: at most one line a second (rewritten in place on a
// terminal), with warnings printed above it.

const INTERVAL_MS = 1000;

export class ProgressLine {
  private last = 0;
  private shown = '';
  private lastLine = '';
  private readonly tty: boolean;

  constructor(
    private readonly write: (line: string) => void,
    tty = Boolean(process.stderr.isTTY),
  ) {
    this.tty = tty;
  }

  /** Shows `line` if a second has passed since the last one, or at once when `final`. */
  show(line: string, final = false): void {
    const now = Date.now();
    if (!final && now - this.last < INTERVAL_MS) return;
    if (line === this.lastLine) return; // a final line repeating the last progress adds nothing
    this.last = now;
    this.lastLine = line;
    if (this.tty) {
      process.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
      this.shown = final ? '' : line;
    } else this.write(line);
  }

  /** A warning, kept on its own line above the progress. */
  above(message: string): void {
    if (this.tty && this.shown) process.stderr.write('\r\x1b[K');
    this.write(message);
    if (this.tty && this.shown) process.stderr.write(this.shown);
  }
}
