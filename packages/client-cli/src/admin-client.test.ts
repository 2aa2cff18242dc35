/** How the admin API's refusals become exit codes (the table in admin-client.ts). */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { answerFailure, CliAdminClient } from './admin-client.js';
import { EXIT } from './exit-codes.js';

describe('answerFailure', () => {
  it('400: a usage error (1) with the server\'s issues, the first few', () => {
    const issues = [1, 2, 3, 4].map((n) => ({ path: ['body', `field${n}`], message: `bad ${n}` }));
    const failure = answerFailure(400, { code: 'invalid_request', message: 'the request is not valid', issues });
    expect(failure.exitCode).toBe(EXIT.usage);
    expect(failure.message).toBe('invalid request: the request is not valid; body.field1: bad 1; body.field2: bad 2; body.field3: bad 3');
  });

  it.each([
    [401, { code: 'unauthorized', message: 'unauthorized' }, 'unauthorized: the server does not accept this admin token (--token or CHARLA_ADMIN_TOKEN)'],
    [403, { code: 'forbidden', message: 'this token may only read' }, 'refused (forbidden): this token may only read'],
    [404, { code: 'not_found', message: 'no ban 9' }, 'refused (not_found): no ban 9'],
    [429, { code: 'too_many_attempts', message: 'try again later' }, 'refused (too_many_attempts): try again later'],
    [404, '<html>not here</html>', 'refused (HTTP 404): the server answered HTTP 404'],
  ])('%i: refused (2)', (status, body, message) => {
    expect(answerFailure(status, body)).toMatchObject({ exitCode: EXIT.refused, message });
  });

  it('401 for a token read from a file names the file', () => {
    expect(answerFailure(401, undefined, 'from /srv/charla/data/admin-token')).toMatchObject({
      exitCode: EXIT.refused,
      message: 'unauthorized: the server does not accept this admin token (from /srv/charla/data/admin-token)',
    });
  });

  it.each([
    [503, { code: 'unavailable', message: 'internal error' }, 'the server failed (unavailable): internal error'],
    [502, undefined, 'the server failed (HTTP 502): the server answered HTTP 502'],
  ])('%i: a server failure (3)', (status, body, message) => {
    expect(answerFailure(status, body)).toMatchObject({ exitCode: EXIT.network, message });
  });
});

describe('new CliAdminClient', () => {
  const signal = new AbortController().signal;

  it('needs an http(s) URL', () => {
    for (const adminUrl of ['ws://localhost:55555/ws', 'localhost:55555', 'nonsense']) {
      expect(() => new CliAdminClient({ adminUrl, token: 't' }, signal)).toThrow('--admin-url must be an http:// or https:// URL');
    }
  });
});

describe('CliAdminClient against servers that are not the admin API', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  /** An HTTP server on a free port answering every request (and refusing every upgrade) with `status` and `body`. */
  async function serving(status: number, body: string, onUpgrade?: (server: Server) => void): Promise<string> {
    const server = createServer((_request, response) => response.writeHead(status).end(body));
    onUpgrade?.(server);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const failureOf = async (adminUrl: string, call: (api: CliAdminClient) => Promise<unknown>) => {
    const api = new CliAdminClient({ adminUrl, token: 't' }, new AbortController().signal);
    return call(api).then(
      () => undefined,
      (error: unknown) => api.failure(error),
    );
  };

  it('a refused upgrade of the event stream is read by its status: 401 unauthorized, 404 refused (2)', async () => {
    expect(await failureOf(await serving(401, ''), (api) => api.follow(() => undefined))).toMatchObject({
      exitCode: EXIT.refused,
      message: 'unauthorized: the server does not accept this admin token (--token or CHARLA_ADMIN_TOKEN)',
    });
    expect(await failureOf(await serving(404, 'not here'), (api) => api.follow(() => undefined))).toMatchObject({
      exitCode: EXIT.refused,
      message: 'refused (HTTP 404): the server answered HTTP 404',
    });
  });

  it('a stream that sends something else, or a 200 that is not the API, is not the API (3), named by its URL', async () => {
    const url = await serving(200, '<html>hello</html>', (server) => {
      const wss = new WebSocketServer({ server });
      wss.on('connection', (socket) => socket.send('{"type":"hello"}'));
    });
    expect(await failureOf(url, (api) => api.follow(() => undefined))).toMatchObject({
      exitCode: EXIT.network,
      message: `${url}/api/events did not answer as the charla admin API (version 2) does`,
    });
    expect(await failureOf(`${url}/charla`, (api) => api.users({ q: 'an' }))).toMatchObject({
      exitCode: EXIT.network,
      message: `${url}/charla/api/users?q=an did not answer as the charla admin API (version 2) does`,
    });
    expect(await failureOf(await serving(502, 'Bad gateway'), (api) => api.stats())).toMatchObject({
      exitCode: EXIT.network,
      message: 'the server failed (HTTP 502): the server answered HTTP 502',
    });
  });
});
