/**
 * The server's CSP has no 'unsafe-eval'. zod (inside @charla/protocol, whose admin schemas check
 * every answer and event here) compiles object parsers with `new Function` unless told `jitless`, and its
 * probe for eval alone makes Chromium report a CSP violation on every page load. zod reads
 * its global config from `globalThis.__zod_globalConfig` when it builds the schemas, so this
 * module must be evaluated before anything imports @charla/protocol: main.tsx imports it
 * first. (Better: `z.config({ jitless: true })` in @charla/protocol itself; then delete this.)
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
