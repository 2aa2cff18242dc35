/** What every `charla admin` command shares: its frame, and the --json option. */
import { Option } from 'commander';
import { CliAdminClient } from '../../admin-client.js';
import { findAdminToken } from '../../admin-token.js';
import type { Context } from '../../context.js';
import { sanitize } from '../../sanitize.js';
import { watchStop } from '../../stop.js';

/**
 * Runs `work` with a client for the context's admin URL and token (given, or found in a
 * file: which one is said on stderr, so --json output stays clean); a failed call ends it with
 * its CliFailure. A stop request (Ctrl+C, SIGTERM, a closed stdout) ends it cleanly, exit 0,
 * and aborts the call under way.
 */
export async function withAdmin(ctx: Context, work: (api: CliAdminClient) => Promise<void>): Promise<void> {
  const { token, file } = findAdminToken(ctx, process.cwd());
  if (file !== undefined) ctx.io.stderr.write(`charla: using the admin token in ${sanitize(file)}\n`);
  const stop = watchStop(ctx.io);
  const done = new AbortController();
  try {
    const api = new CliAdminClient({ adminUrl: ctx.adminUrl, token, tokenFile: file }, done.signal);
    const worked = work(api).catch((error: unknown) => {
      throw api.failure(error);
    });
    await Promise.race([worked, stop.stopped]);
  } finally {
    done.abort();
    stop.dispose();
  }
}

/** `--json`: the API's answer to `route`, exactly, as one line. */
export function jsonOption(route: string): Option {
  return new Option('--json', `print the API's answer (${route}) as one line of JSON`);
}
