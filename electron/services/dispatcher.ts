// Routes one request to its service handler after validating the channel and payload against the
// contract. Transports (Electron IPC, the browser host's WebSocket) check the sender, then call this;
// whatever happens, the caller gets a Result, never an exception.
import { contract, describeIssues, isChannel, type Channel, type Request, type Response, type Result } from '../shared/contract';
import { ServiceError } from './service-error';

export type Handlers = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> | Response<C> };

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, log: (message: string) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `unknown channel ${JSON.stringify(channel)}` } };
    }
    const parsed = contract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad-request', message: `${channel}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ServiceError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return {
        ok: false,
        error: { code: 'internal', message: `${channel} failed: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  };
}
