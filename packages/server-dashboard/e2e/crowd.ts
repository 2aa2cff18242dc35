/**
 * Starts crowd-process.mjs as a child process and waits until all its users are in the chat.
 * Closing ends its stdin; it disconnects them and exits (killed by its PID if it lingers).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CROWD_SCRIPT } from './paths';

export interface Crowd {
  /** Seconds the crowd took to connect and identify. */
  readonly seconds: number;
  close(): Promise<void>;
}

export async function startCrowd(url: string, count: number, prefix = 'u'): Promise<Crowd> {
  const child = spawn(process.execPath, [CROWD_SCRIPT, url, String(count), prefix], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const close = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const seconds = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const ready = /ready \d+ ([\d.]+)/.exec(out);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`the crowd exited (${code}) before it was ready`)));
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { seconds, close };
}
