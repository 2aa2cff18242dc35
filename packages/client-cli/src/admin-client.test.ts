/** How the admin API's refusals become exit codes (the table in admin-client.ts). */
import { describe, expect, it } from 'vitest';
import { AdminClient, answerFailure } from './admin-client.js';
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

describe('new AdminClient', () => {
  const signal = new AbortController().signal;

  it('needs an http(s) URL', () => {
    for (const adminUrl of ['ws://localhost:55555/ws', 'localhost:55555', 'nonsense']) {
      expect(() => new AdminClient({ adminUrl, token: 't' }, signal)).toThrow('--admin-url must be an http:// or https:// URL');
    }
  });
});
