/**
 * Admin tokens (docs/admin-api.md "Auth"): `--admin-tokens label:token[:viewer],...` and
 * `--admin-token` (label `admin`). With none configured, one is generated once and kept in
 * `<data-dir>/admin-token` (0600). Tokens are compared in constant time and never logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Role = 'admin' | 'viewer';

export interface Principal {
  readonly label: string;
  readonly role: Role;
}

interface Entry extends Principal {
  readonly digest: Buffer;
}

export const TOKEN_FILE = 'admin-token';

export class AdminTokens {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Parses the configured tokens; throws a message naming the bad entry. */
  static fromConfig(adminToken: string | undefined, adminTokens: string | undefined): AdminTokens {
    const entries: Entry[] = [];
    if (adminToken !== undefined) entries.push(entry('admin', adminToken, 'admin'));
    for (const item of (adminTokens ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')) {
      const [label, token, role, ...rest] = item.split(':');
      if (label === undefined || label === '' || token === undefined || token === '' || rest.length > 0 || (role !== undefined && role !== 'viewer')) {
        throw new Error(`--admin-tokens: "${label ?? ''}:…" must be label:token or label:token:viewer`);
      }
      entries.push(entry(label, token, role === 'viewer' ? 'viewer' : 'admin'));
    }
    return new AdminTokens(entries);
  }

  /**
   * The configured tokens, or else the generated one from `<dataDir>/admin-token` (made on
   * first start). `generated` tells main to print where it is.
   */
  static load(adminToken: string | undefined, adminTokens: string | undefined, dataDir: string): { tokens: AdminTokens; generated?: { file: string; token: string } } {
    const configured = AdminTokens.fromConfig(adminToken, adminTokens);
    if (configured.entries.length > 0) return { tokens: configured };
    // Absolute, because main prints it: `pnpm start` runs the server in packages/server
    // while the user reads "data/admin-token" at the repository's root.
    const file = resolve(dataDir, TOKEN_FILE);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    return { tokens: new AdminTokens([entry('admin', token, 'admin')]), generated: { file, token } };
  }

  /** Who holds `token`, comparing against every entry in constant time. */
  verify(token: string): Principal | undefined {
    const digest = sha256(token);
    let found: Entry | undefined;
    for (const candidate of this.entries) {
      if (timingSafeEqual(candidate.digest, digest) && found === undefined) found = candidate;
    }
    return found === undefined ? undefined : { label: found.label, role: found.role };
  }
}

function entry(label: string, token: string, role: Role): Entry {
  return { label, role, digest: sha256(token) };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
