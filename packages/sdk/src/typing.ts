/**
 * Typing, both ways, and the timers it takes. Ours: `escribiendo{activo:true}` at most once a
 * second (a call inside the second is said when it is up, unless typing stopped by then), and
 * `activo:false` only after a `true` went out. Others': one timer per typist forgets someone
 * whose `activo:false` never came. Who is typing is the snapshot's; this module only says when
 * someone's turn has expired.
 */
import type { ClientFrame, ServerFrame } from '@charla/protocol';
import { TYPING_EXPIRY_MS } from '@charla/protocol';

/** What typing needs from the connection. */
export interface TypingLink {
  isOpen(): boolean;
  write(frame: ClientFrame): void;
}

/** The server's rate for our own `activo:true`. */
const OWN_MIN_INTERVAL_MS = 1000;
/** The server expires typing too; this only guards against a lost `activo:false`. */
const OTHERS_EXPIRY_MS = TYPING_EXPIRY_MS + 1000;

export class Typing {
  private lastSent = -Infinity;
  /** An `activo:true` went out and no `activo:false` since. */
  private active = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly expiry = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly link: TypingLink,
    /** Someone's typing expired without an `activo:false`. */
    private readonly expired: (nombre: string) => void,
  ) {}

  /** Our typing; call it on every keystroke. */
  set(activo: boolean): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    if (!this.link.isOpen()) return;
    const wait = OWN_MIN_INTERVAL_MS - (Date.now() - this.lastSent);
    if (activo) {
      // Throttled: say it once the second is up, unless typing stopped by then.
      if (wait > 0) {
        this.retry = setTimeout(() => this.set(true), wait);
        return;
      }
      this.lastSent = Date.now();
      this.active = true;
      this.link.write({ tipo: 'escribiendo', activo: true });
    } else if (this.active) {
      this.active = false;
      this.link.write({ tipo: 'escribiendo', activo: false });
    }
  }

  /** Others: a typist starts their expiry; their `activo:false`, a message or leaving ends it. */
  seen(frame: ServerFrame): void {
    switch (frame.tipo) {
      case 'escribiendo':
        return frame.activo ? this.watch(frame.nombre) : this.forget(frame.nombre);
      case 'mensaje':
      case 'privado':
        return this.forget(frame.remitente);
      case 'usuario_desconectado':
        return this.forget(frame.nombre);
    }
  }

  /** The client stopped for good: no timer may fire after it. */
  stop(): void {
    for (const timer of this.expiry.values()) clearTimeout(timer);
    this.expiry.clear();
    clearTimeout(this.retry);
  }

  private watch(nombre: string): void {
    clearTimeout(this.expiry.get(nombre));
    this.expiry.set(nombre, setTimeout(() => {
      this.forget(nombre);
      this.expired(nombre);
    }, OTHERS_EXPIRY_MS));
  }

  private forget(nombre: string): void {
    clearTimeout(this.expiry.get(nombre));
    this.expiry.delete(nombre);
  }
}
