/**
 * Default limits of protocol version 1 (docs/protocol.md, "Limits and fairness"). The server
 * enforces them (each is configurable there) and announces the effective values in
 * `aceptado.limites`; clients display them.
 */
export const PROTOCOL_VERSION = 1;

export const DEFAULT_PORT = 55555;
/** Content of `mensaje`/`privado`, in code points. */
export const CONTENT_MAX = 4000;
/** A client frame, in UTF-8 bytes. */
export const FRAME_MAX_BYTES = 65_536;
export const MESSAGES_PER_10S = 30;
export const IDENTIFICATION_MS = 10_000;
export const PING_MS = 25_000;
export const GRACE_MS = 15_000;

/** `historial` + `usuarios` requests per connection per 10 s. */
export const QUERIES_PER_10S = 5;
/** `escribiendo` frames per connection per second; extra ones are dropped silently. */
export const TYPING_PER_SECOND = 1;
/** Without a refresh within this time the server tells the others `escribiendo{activo:false}`. */
export const TYPING_EXPIRY_MS = 6000;
/** Refused frames within 10 s that close the connection with 1008. */
export const REFUSALS_PER_10S = 20;
/** Server frames that carry lists are cut to this many bytes and say so. */
export const LIST_FRAME_MAX_BYTES = 256 * 1024;
export const OUTBOUND_QUEUE_BYTES = 1024 * 1024;
export const HISTORY_ON_JOIN = 100;
export const HISTORY_KEEP = 10_000;
export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 200;
/** The client's idempotency key on `mensaje`/`privado`/`ping`. */
export const REF_MAX = 64;

/**
 * Hard ceilings of the wire schemas. They bound every string and list so a decoder never
 * holds unbounded input; the configurable limits above are checked after decoding, so that
 * an over-long message is `demasiado_grande`, not `trama_invalida`.
 */
export const WIRE = {
  /** Longest `contenido` any configuration may allow (the largest frame a server accepts). */
  contentChars: 1024 * 1024,
  nameChars: 1024,
  tokenChars: 512,
  secretChars: 1024,
  timestampChars: 256,
  reasonChars: 4096,
  listItems: 100_000,
} as const;
