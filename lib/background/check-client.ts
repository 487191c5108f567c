// A typed caller for background messages over any transport (runtime.sendMessage in the extension,
// a direct dispatcher in tests): unwraps the Result, so callers get the value or an Error.
import type { Envelope, MessageName, RequestOf, ResponseOf, Result } from '../protocol';

export type SendMessage = (message: Envelope) => Promise<unknown>;
export type CallBackground = <N extends MessageName>(type: N, payload: RequestOf<N>) => Promise<ResponseOf<N>>;

export function backgroundCaller(send: SendMessage): CallBackground {
  return async (type, payload) => {
    const reply = (await send({ type, payload } as Envelope)) as Result<ResponseOf<typeof type>> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
      throw new Error(`${type}: no answer from the extension's background`);
    }
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}
