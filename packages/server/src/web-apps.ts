/**
 * Serves the built SPAs when they are there (chat at `/`, operator console at `/dashboard/`),
 * so one process on one port is a complete install; without them the server runs as is.
 * `pnpm build` copies each app's `dist` into `public/` next to this package's `dist/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_APPS = [
  { name: 'chat', prefix: '/' },
  { name: 'dashboard', prefix: '/dashboard/' },
] as const;

/** Where `pnpm build` puts the apps: `<package>/public/<name>` (also in a deploy folder). */
export function webAppDir(name: string): string {
  return fileURLToPath(new URL(`../public/${name}`, import.meta.url));
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // The chat may be pointed at another server's WebSocket from its join form.
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Registers those of `names` that were built; returns the names it serves. */
export async function registerWebApps(app: FastifyInstance, names: readonly string[]): Promise<string[]> {
  const served: string[] = [];
  for (const { name, prefix } of WEB_APPS.filter((a) => names.includes(a.name))) {
    const root = webAppDir(name);
    if (!existsSync(`${root}/index.html`)) continue;
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: served.length === 0,
      // Routes for the files that exist, no catch-all: unknown paths (under /api too) keep
      // their own 404s.
      wildcard: false,
      // Vite's hashed assets never change; the HTML that names them must always be fresh.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    served.push(name);
  }
  return served;
}
