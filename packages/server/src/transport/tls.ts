/**
 * The certificate and key behind `--tls-cert`/`--tls-key`: read and checked at start (a bad
 * file is a bad setting: exit 1, naming it) and read again on SIGHUP, when a renewed
 * certificate replaces the old one for new handshakes only. Connections already open keep
 * the session they negotiated, so a renewal drops nobody.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:tls';
import { createSecureContext } from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError } from '../config.js';

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
}

/** PEM contents, proven to make a TLS context. */
export interface TlsCredentials {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * Reads both files and checks them one by one, so the error names the setting at fault
 * (OpenSSL's own message for a bad pair does not say which file it read).
 */
export function readTlsCredentials(files: TlsFiles): TlsCredentials {
  const cert = readSetting('--tls-cert', files.cert);
  const key = readSetting('--tls-key', files.key);
  try {
    new X509Certificate(cert);
  } catch {
    throw new ConfigError(`--tls-cert: "${files.cert}" holds no PEM certificate`);
  }
  try {
    createPrivateKey(key);
  } catch {
    // An encrypted key lands here too: there is no setting for its passphrase.
    throw new ConfigError(`--tls-key: "${files.key}" holds no unencrypted PEM private key`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(`--tls-key: "${files.key}" does not fit --tls-cert "${files.cert}" (${(error as Error).message})`);
  }
  return { cert, key };
}

function readSetting(setting: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${setting}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * Re-reads the files and gives every server the new certificate. Anything wrong with them
 * (a renewal caught half-written, a typo) is logged and the servers keep what they have:
 * a reload never turns a running server into one that refuses every handshake.
 */
export function reloadTls(servers: readonly Server[], files: TlsFiles, log: FastifyBaseLogger): boolean {
  let credentials: TlsCredentials;
  try {
    credentials = readTlsCredentials(files);
  } catch (error) {
    log.error({ reason: (error as Error).message }, 'TLS certificate not reloaded; keeping the current one');
    return false;
  }
  for (const server of servers) server.setSecureContext({ ...credentials });
  log.info({ cert: files.cert }, 'TLS certificate reloaded');
  return true;
}
