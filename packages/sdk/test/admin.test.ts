/**
 * @charla/sdk/admin against the real server: REST answers pass the protocol's schemas, its
 * refusals arrive as AdminErrors, and the event stream authenticates both ways (first frame
 * as browsers must, header as `ws` can), replays, says `ready`, goes live, and stops for good
 * on a refused token.
 */
import { AdminCloseCode } from '@charla/protocol';
import type { admin } from '@charla/protocol';
import { startServer, TEST_ADMIN_TOKEN } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AdminClient, AdminError } from '../src/admin/index.js';
import type { AdminEventStream, AdminEventStreamOptions, AdminStreamClose } from '../src/admin/index.js';

const VIEWER = 'look-only';
let srv: RunningServer;
const streams: AdminEventStream[] = [];

beforeAll(async () => void (srv = await startServer({ adminTokens: `watch:${VIEWER}:viewer` })));
afterAll(() => srv.close());
afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
});

const client = (token = TEST_ADMIN_TOKEN) => new AdminClient({ baseUrl: `http://127.0.0.1:${srv.port}`, token, WebSocket });

/** Opens a stream and collects what it hands on; `until` resolves on the first event that matches. */
function follow(api: AdminClient, options: Omit<AdminEventStreamOptions, 'url' | 'token'>, until: (event: admin.AdminEvent) => boolean) {
  const stream = api.events(options);
  streams.push(stream);
  const events: admin.AdminEvent[] = [];
  const seen = new Promise<void>((resolve) =>
    stream.on('event', (event) => {
      events.push(event);
      if (until(event)) resolve();
    }),
  );
  stream.start();
  return { stream, events, seen };
}

describe('@charla/sdk/admin with the real server', () => {
  it('REST: typed answers, and refusals with the API’s code, message and status', async () => {
    expect(await client().me()).toEqual({ label: 'admin', role: 'admin' });
    expect(await client(VIEWER).me()).toEqual({ label: 'watch', role: 'viewer' });
    expect(await client().health()).toMatchObject({ status: 'ok' });
    expect(await client().users({ q: '' })).toEqual({ total: 0, items: [] });
    await expect(client().kick('nadie', { reason: '' })).rejects.toMatchObject({ code: 'not_found', status: 404, message: 'nobody named nadie is connected' });
    await expect(client(VIEWER).announce({ content: 'hola' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    const invalid = await client().ban({ name: 'x', seconds: 0, reason: '' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AdminError);
    expect((invalid as AdminError).issues?.length).toBeGreaterThan(0);
    await expect(client('wrong').stats()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it.each(['frame', 'header'] as const)('events with the token in a %s: the replay, ready, then live', async (auth) => {
    await client().announce({ content: 'antes' });
    const { stream, events, seen } = follow(client(VIEWER), { auth }, (event) => event.type === 'admin' && event.replay !== true);
    await new Promise<void>((resolve) => stream.on('event', (event) => event.type === 'ready' && resolve()));
    expect(stream.state).toBe('live');
    await client().announce({ content: 'después' });
    await seen;
    const types = events.map((e) => `${e.type}${e.replay === true ? ' (replay)' : ''}`);
    expect(types.slice(0, types.indexOf('ready') + 1).at(-2)).toBe('admin (replay)');
    expect(types.filter((t) => t.startsWith('admin'))).toEqual([...types.filter((t) => t === 'admin (replay)'), 'admin']);
  });

  it('a refused token closes the stream with 4401, for good', async () => {
    const stream = client('wrong').events({ auth: 'header' });
    streams.push(stream);
    const closed = new Promise<AdminStreamClose>((resolve) => stream.on('close', resolve));
    stream.start();
    expect(await closed).toMatchObject({ code: AdminCloseCode.unauthorized, opened: true });
    expect(stream.getSnapshot()).toEqual({ state: 'unauthorized', retryAt: null });
  });
});
