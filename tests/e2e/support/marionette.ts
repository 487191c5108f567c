// A small client for Marionette, Firefox's own automation protocol (what geckodriver speaks to):
// JSON over TCP, each message framed as `<byte length>:<json>`. Commands go as
// [0, id, "Name", params]; answers come back as [1, id, error | null, result].
// Written here because geckodriver cannot be downloaded on this machine and no maintained npm
// client speaks Marionette directly (see TOOLCHAIN.md "Real Firefox").
import { connect, type Socket } from 'node:net';

/** A Marionette error answer, thrown by `send`. */
export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`${command}: ${error}: ${message}`);
  }
}

/** The WebDriver element reference key (an element in a result or an argument). */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
/** The WebDriver shadow root reference key. */
export const SHADOW_KEY = 'shadow-6066-11e4-a52e-4f735466cecf';

export type ElementRef = { [ELEMENT_KEY]: string };
export type ShadowRef = { [SHADOW_KEY]: string };

interface Waiting {
  command: string;
  ok(v: unknown): void;
  fail(e: Error): void;
}

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private greeted!: () => void;
  private readonly greeting = new Promise<void>((ok) => (this.greeted = ok));
  private closed: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => this.fail(new Error('Marionette connection closed')));
    socket.on('error', (e) => this.fail(e));
  }

  /** Connects to Marionette on `port`, retrying until the browser listens or `timeoutMs` passes. */
  static async connect(port: number, timeoutMs = 30_000): Promise<Marionette> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((ok, fail) => {
          const s = connect(port, '127.0.0.1');
          s.once('connect', () => ok(s));
          s.once('error', fail);
        });
        const m = new Marionette(socket);
        await Promise.race([m.greeting, new Promise((_, fail) => setTimeout(() => fail(new Error('no Marionette greeting')), 10_000))]);
        return m;
      } catch (e) {
        if (Date.now() > end) throw new Error(`Marionette did not answer on port ${port}: ${(e as Error).message}`);
        await new Promise((ok) => setTimeout(ok, 200));
      }
    }
  }

  /** Sends one command and resolves with its result (the `value` of it when there is one). */
  send<T = unknown>(command: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
    return new Promise<T>((ok, fail) => {
      this.waiting.set(id, { command, ok: ok as (v: unknown) => void, fail });
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isInteger(length)) return this.fail(new Error('Marionette: bad frame'));
      if (this.buffer.length < colon + 1 + length) return;
      const json = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(JSON.parse(json) as unknown);
    }
  }

  private dispatch(msg: unknown): void {
    if (!Array.isArray(msg)) {
      this.greeted(); // {"applicationType":"gecko","marionetteProtocol":3}
      return;
    }
    const [, id, error, result] = msg as [number, number, { error: string; message: string } | null, unknown];
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    if (error) w.fail(new MarionetteError(w.command, error.error, error.message));
    else {
      const r = result as { value?: unknown } | null;
      w.ok(r && typeof r === 'object' && 'value' in r && Object.keys(r).length === 1 ? r.value : r);
    }
  }

  private fail(e: Error): void {
    if (!this.closed) this.closed = e;
    for (const w of this.waiting.values()) w.fail(e);
    this.waiting.clear();
  }
}
