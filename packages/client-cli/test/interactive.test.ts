/**
 * The interactive chat driven in a real terminal: tmux runs `charla`, `send-keys` types,
 * `capture-pane` reads the screen. Polling the screen is the only way to see what a
 * terminal shows, so waits here poll it (bounded); nothing else sleeps.
 * Without tmux these tests are skipped with a warning, except under CI, which requires them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@charla/server/testing';
import { CHARLA, cleanEnv, cleanUp, joined, member, next, onCleanUp, server } from './helpers.js';

afterEach(cleanUp);

const tmuxMissing = spawnSync('tmux', ['-V']).error !== undefined;
const ciRequiresTmux = ['1', 'true'].includes(process.env['CI'] ?? '');
if (tmuxMissing && !ciRequiresTmux) console.warn('\n⚠ tmux is not installed: the interactive terminal tests are SKIPPED\n');

/** Our own tmux server, on its own socket: the developer's sessions are never touched. */
const SOCKET_DIR = mkdtempSync(join(tmpdir(), 'charla-tmux-'));
const SOCKET = join(SOCKET_DIR, 'socket');
// Ink draws only its final frame when it believes it runs under CI, so the terminal the
// chat runs in must not say so.
const { CI: _ci, CONTINUOUS_INTEGRATION: _continuous, ...TERMINAL_ENV } = cleanEnv();

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-S', SOCKET, ...args], { encoding: 'utf8', env: TERMINAL_ENV });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const SCREEN_WAIT_MS = 10_000;
const POLL_MS = 50;
const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** `charla ARGS...` in a 120×30 terminal. */
class Terminal {
  private static count = 0;
  readonly session = `charla-${process.pid}-${++Terminal.count}`;

  constructor(args: readonly string[]) {
    // The shell prints charla's exit status on the screen (tmux's own pane_dead_status is
    // not reliable across versions); remain-on-exit keeps the pane to read it.
    const command = `${[...CHARLA, ...args].map(quote).join(' ')}; echo "charla exited with $?"`;
    tmux('new-session', '-d', '-s', this.session, '-x', '120', '-y', '30', command, ';', 'set-option', '-t', this.session, 'remain-on-exit', 'on');
    onCleanUp(() => tmux('kill-session', '-t', this.session));
  }

  /** Types `text` as it is. */
  type(text: string): void {
    tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** Presses keys by name: Enter, Tab, C-c. */
  press(...keys: string[]): void {
    tmux('send-keys', '-t', this.session, ...keys);
  }

  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.session);
  }

  /** The screen, once it shows `text`. */
  async shows(text: string): Promise<string> {
    return this.poll(() => {
      const screen = this.screen();
      return screen.includes(text) ? screen : undefined;
    }, `the screen to show ${JSON.stringify(text)}`);
  }

  /** charla's exit status, once it has ended. */
  async exitStatus(): Promise<number> {
    return this.poll(() => {
      const status = /charla exited with (\d+)/.exec(this.screen())?.[1];
      return status === undefined ? undefined : Number(status);
    }, 'charla to exit');
  }

  /** The input line: the last line with something on it. */
  inputLine(screen: string): string | undefined {
    return screen.split('\n').filter((line) => line.trim() !== '').at(-1)?.trimEnd();
  }

  private async poll<T>(look: () => T | undefined, what: string): Promise<T> {
    const deadline = Date.now() + SCREEN_WAIT_MS;
    for (;;) {
      const found = look();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${this.screen()}`);
      await delay(POLL_MS);
    }
  }
}


afterAll(() => {
  if (!tmuxMissing) spawnSync('tmux', ['-S', SOCKET, 'kill-server']);
  rmSync(SOCKET_DIR, { recursive: true, force: true });
});

it.runIf(tmuxMissing && ciRequiresTmux)('tmux is installed (CI requires the terminal tests)', () => {
  throw new Error('tmux is missing: install it (apt-get install -y tmux); CI must run the interactive tests');
});

describe.skipIf(tmuxMissing)('charla in a real terminal (tmux)', { timeout: 30_000 }, () => {
  it('keeps what is being typed intact while messages arrive, then sends it', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const terminal = new Terminal(['--url', srv.url, '--name', 'ana']);
    await terminal.shows('joined as ana');
    terminal.type('hola que');
    await terminal.shows('ana › hola que');
    for (let i = 1; i <= 5; i++) await bea.send(`mensaje ${i}`);
    const screen = await terminal.shows('bea: mensaje 5');
    for (let i = 1; i <= 5; i++) expect(screen).toMatch(new RegExp(`^\\d\\d:\\d\\d bea: mensaje ${i}$`, 'm'));
    expect(terminal.inputLine(screen)).toBe('ana › hola que');
    const sent = next(bea, 'mensaje', (frame) => frame.remitente === 'ana');
    terminal.type(' tal');
    terminal.press('Enter');
    expect((await sent).contenido).toBe('hola que tal');
    await terminal.shows('» ana: hola que tal');
  });

  it('/msg sends privately, with the name completed by Tab', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const terminal = new Terminal(['--url', srv.url, '--name', 'ana']);
    await terminal.shows('joined as ana');
    terminal.type('/msg b');
    terminal.press('Tab');
    await terminal.shows('ana › /msg bea');
    const privado = next(bea, 'privado');
    terminal.type('psst');
    terminal.press('Enter');
    expect(await privado).toMatchObject({ remitente: 'ana', para: 'bea', contenido: 'psst' });
    await terminal.shows('» [private] ana → bea: psst');
    await bea.sendPrivate('ana', 'te oigo');
    await terminal.shows('[private] bea → ana: te oigo');
  });

  it('asks again for a name that is taken, with the server\'s reason', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const terminal = new Terminal(['--url', srv.url, '--name', 'bea']);
    const screen = await terminal.shows('Try another name:');
    expect(screen).toContain('that name is taken (el nombre «bea» ya está en uso)');
    terminal.type('ana');
    terminal.press('Enter');
    await terminal.shows('joined as ana');
    await joined(bea, 'ana');
  });

  it('waits for a server that is down, counting down, and joins once it is up', async () => {
    const port = await freePort();
    const terminal = new Terminal(['--url', `ws://127.0.0.1:${port}/ws`, '--name', 'ana']);
    await terminal.shows('retrying in');
    expect(terminal.screen()).not.toContain('charla exited');
    const srv = await server({ port });
    const bea = await member(srv.url, 'bea');
    await terminal.shows('joined as ana');
    await joined(bea, 'ana');
  });

  it('quits the wait for a server with Ctrl+C: exit 0', async () => {
    const port = await freePort();
    const terminal = new Terminal(['--url', `ws://127.0.0.1:${port}/ws`, '--name', 'ana']);
    await terminal.shows('retrying in');
    terminal.press('C-c');
    expect(await terminal.exitStatus()).toBe(0);
  });

  it('leaves cleanly on Ctrl+C: exit 0, and the others see a leave, not a lost connection', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const terminal = new Terminal(['--url', srv.url, '--name', 'ana']);
    await terminal.shows('joined as ana');
    const left = next(bea, 'usuario_desconectado', (frame) => frame.nombre === 'ana');
    terminal.press('C-c');
    expect(await terminal.exitStatus()).toBe(0);
    expect((await left).motivo).toBe('salida');
  });

  it('shows a message full of control sequences as text: the screen, title and colours stay', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const terminal = new Terminal(['--url', srv.url, '--name', 'ana']);
    await terminal.shows('joined as ana');
    await bea.send('\u001b[2J\u001b[H\u001b]2;pwned\u0007\u001b[31mred\u202eevil');
    const screen = await terminal.shows('bea: ^[[2J^[[H^[]2;pwned^G^[[31mred\ufffdevil');
    expect(screen).toContain('joined as ana'); // not cleared
    expect(tmux('display-message', '-p', '-t', terminal.session, '#{pane_title}')).not.toContain('pwned');
  });
});
