/**
 * Every word the CLI prints about a code the server sent (a refusal, an error, an end of
 * the session, a leave) and the top of `--help`, in English and Spanish. Both dictionaries
 * are `Messages`, so a key missing from either, or a code missing from a table, does not
 * compile. The server's own `detalle` (always Spanish) is shown only beside these words.
 */
import type { LeaveReason } from '@charla/protocol';
import type { ChatErrorCode } from '@charla/sdk';

export type Lang = 'en' | 'es';

/** Commander's section titles, as it passes them to `styleTitle`. */
export type HelpTitle = 'Usage:' | 'Arguments:' | 'Options:' | 'Commands:' | 'Global Options:';

/** The commands `charla --help` lists. */
export type CommandName = 'chat' | 'send' | 'listen' | 'users' | 'history' | 'admin';

export interface Messages {
  readonly help: {
    readonly description: string;
    readonly usage: string;
    readonly version: string;
    readonly help: string;
    readonly helpCommand: string;
    readonly url: (fallback: string) => string;
    readonly name: string;
    readonly secret: string;
    readonly afterError: string;
    readonly exitCodes: readonly string[];
    readonly examplesTitle: string;
    readonly examples: readonly (readonly [string, string])[];
    readonly titles: Readonly<Record<HelpTitle, string>>;
    readonly commands: Readonly<Record<CommandName, string>>;
  };
  /** What each code means for the user, in a few words. */
  readonly codes: Readonly<Record<ChatErrorCode, string>>;
  /** How a session ended, for the one line on stderr. */
  readonly end: {
    readonly refused: string;
    readonly kicked: (reason: string) => string;
    readonly kickedNoReason: string;
    readonly replaced: string;
    readonly noConnection: (url: string) => string;
    readonly serverClosed: (reason: string) => string;
  };
  readonly leave: Readonly<Record<LeaveReason, string>>;
  /** The interactive chat's status line and name prompt. */
  readonly chat: {
    readonly yourName: string;
    readonly tryAnotherName: string;
    readonly joining: (url: string, name: string) => string;
    readonly waiting: (url: string, seconds: number) => string;
    readonly tooLong: (length: number, max: number) => string;
    readonly connecting: string;
    readonly disconnected: string;
    readonly reconnectingIn: (seconds: number) => string;
    readonly reconnecting: string;
    readonly connected: string;
    readonly paused: string;
    readonly online: (count: number) => string;
    readonly typing1: (a: string) => string;
    readonly typing2: (a: string, b: string) => string;
    readonly typingMore: (a: string, b: string, more: number) => string;
  };
  /** Labels of the lines for `servidor_cerrando` and `expulsado`. */
  readonly lines: { readonly closing: string; readonly kicked: string };
}

export const en: Messages = {
  help: {
    description: 'charla in the terminal: chat interactively, or script the chat from a pipe',
    usage: '[options] [command]',
    version: 'print the version',
    help: 'show help for a command',
    helpCommand: 'show help for a command',
    url: (fallback) => `the chat's WebSocket URL (env CHARLA_URL; default ${fallback})`,
    name: 'your name in the chat (env CHARLA_NAME; scripts default to cli-XXXX)',
    secret: "the server's join secret, if it has one (env CHARLA_JOIN_SECRET)",
    afterError: '(charla --help lists the commands; charla COMMAND --help shows examples)',
    exitCodes: [
      'Exit codes: 0 ok (Ctrl+C and a closed pipe too), 1 usage, 2 refused, kicked or unauthorized,',
      '            3 network failure or server closed.',
    ],
    examplesTitle: 'Examples:',
    examples: [
      ['charla --name ana', 'chat as ana on ws://localhost:55555/ws'],
      ['charla send --name bot "build passed"', 'send one message; exits once the server stored it'],
      ['charla listen --json | jq .contenido', 'follow the chat as JSON lines'],
      ['charla admin users', 'operate a server: who is connected (charla admin --help)'],
    ],
    titles: { 'Usage:': 'Usage:', 'Arguments:': 'Arguments:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Global Options:': 'Global Options:' },
    commands: {
      chat: 'chat interactively (the default command); asks for a name when none is given',
      send: 'send a message, or with "-" one message per line of stdin; exits when all are acked',
      listen: 'print messages and notices as they arrive, until Ctrl+C',
      users: 'list who is online',
      history: 'print the newest messages, oldest first',
      admin: 'operate a server through its admin API: stats, users, kicks, bans, announcements, events',
    },
  },
  codes: {
    json_invalido: 'the server could not read what was sent',
    trama_invalida: 'the server did not understand what was sent',
    no_identificado: 'not identified yet',
    ya_identificado: 'already identified',
    origen_invalido: 'this origin is not allowed by the server',
    contenido_vacio: 'nothing to send',
    demasiado_grande: 'too long for this server: not sent',
    limite_de_frecuencia: 'too fast, not sent: wait a few seconds and send it again',
    destinatario_desconocido: 'nobody by that name is online (/users lists who is)',
    no_disponible: 'the chat is paused by the server: not sent',
    no_soportado: 'the server does not support that',
    nombre_duplicado: 'that name is taken',
    nombre_invalido: 'that name is not allowed',
    servidor_lleno: 'the server is full',
    no_aceptando: 'the server is not letting anyone in right now',
    vetado: 'banned from this server',
    clave_incorrecta: 'wrong join secret (--secret, CHARLA_JOIN_SECRET)',
    version_no_soportada: 'this charla and the server speak different protocol versions',
    red: 'not connected right now; try again once reconnected',
    desconectado: 'disconnected',
    cola_llena: 'too many messages are waiting for the connection to come back',
  },
  end: {
    refused: 'refused',
    kicked: (reason) => `kicked: ${reason}`,
    kickedNoReason: 'kicked: no reason given',
    replaced: 'replaced by a newer session of the same user',
    noConnection: (url) => `no connection to ${url}`,
    serverClosed: (reason) => `the server closed: ${reason}`,
  },
  leave: {
    salida: 'left',
    conexion_perdida: 'left (connection lost)',
    expulsado: 'was kicked',
    lento: 'was dropped (too slow to keep up)',
  },
  chat: {
    yourName: 'Your name: ',
    tryAnotherName: 'Try another name: ',
    joining: (url, name) => `connecting to ${url} as ${name}…`,
    waiting: (url, seconds) => `○ no server at ${url}: retrying in ${seconds}s… (Ctrl+C quits)`,
    tooLong: (length, max) => `too long: ${length} characters, this server takes at most ${max}; still in the editor to shorten`,
    connecting: '○ connecting…',
    disconnected: '○ disconnected',
    reconnectingIn: (seconds) => `○ reconnecting in ${seconds}s…`,
    reconnecting: '○ reconnecting…',
    connected: '● connected',
    paused: '‖ paused by the server: messages wait',
    online: (count) => `${count} online`,
    typing1: (a) => `${a} is typing…`,
    typing2: (a, b) => `${a} and ${b} are typing…`,
    typingMore: (a, b, more) => `${a}, ${b} and ${more} more are typing…`,
  },
  lines: { closing: '[server closing]', kicked: '[kicked]' },
};

export const es: Messages = {
  help: {
    description: 'charla en la terminal: chatea de forma interactiva o automatiza el chat desde una tubería',
    usage: '[opciones] [orden]',
    version: 'muestra la versión',
    help: 'muestra la ayuda de una orden',
    helpCommand: 'muestra la ayuda de una orden',
    url: (fallback) => `la URL WebSocket del chat (env CHARLA_URL; por defecto ${fallback})`,
    name: 'tu nombre en el chat (env CHARLA_NAME; los scripts usan cli-XXXX por defecto)',
    secret: 'la clave de entrada del servidor, si la tiene (env CHARLA_JOIN_SECRET)',
    afterError: '(charla --help lista las órdenes; charla ORDEN --help muestra ejemplos)',
    exitCodes: [
      'Códigos de salida: 0 bien (también Ctrl+C y una tubería cerrada), 1 uso, 2 rechazado, expulsado',
      '                   o no autorizado, 3 fallo de red o servidor cerrado.',
    ],
    examplesTitle: 'Ejemplos:',
    examples: [
      ['charla --name ana', 'chatea como ana en ws://localhost:55555/ws'],
      ['charla send --name bot "build passed"', 'envía un mensaje; sale cuando el servidor lo ha guardado'],
      ['charla listen --json | jq .contenido', 'sigue el chat como líneas JSON'],
      ['charla admin users', 'administra un servidor: quién está conectado (charla admin --help)'],
    ],
    titles: { 'Usage:': 'Uso:', 'Arguments:': 'Argumentos:', 'Options:': 'Opciones:', 'Commands:': 'Órdenes:', 'Global Options:': 'Opciones globales:' },
    commands: {
      chat: 'chatea de forma interactiva (la orden por defecto); pide un nombre si no se da ninguno',
      send: 'envía un mensaje, o con "-" un mensaje por línea de stdin; sale cuando el servidor los confirma todos',
      listen: 'muestra mensajes y avisos según llegan, hasta Ctrl+C',
      users: 'lista quién está conectado',
      history: 'muestra los mensajes más recientes, del más antiguo al más nuevo',
      admin: 'administra un servidor por su API de administración: estadísticas, usuarios, expulsiones, vetos, anuncios, eventos',
    },
  },
  codes: {
    json_invalido: 'el servidor no pudo leer lo enviado',
    trama_invalida: 'el servidor no entendió lo enviado',
    no_identificado: 'aún sin identificar',
    ya_identificado: 'ya identificado',
    origen_invalido: 'el servidor no admite este origen',
    contenido_vacio: 'no hay nada que enviar',
    demasiado_grande: 'demasiado largo para este servidor: no se envió',
    limite_de_frecuencia: 'demasiado rápido, no se envió: espera unos segundos y vuelve a enviarlo',
    destinatario_desconocido: 'no hay nadie conectado con ese nombre (/users lista quién está)',
    no_disponible: 'el servidor ha pausado el chat: no se envió',
    no_soportado: 'el servidor no admite eso',
    nombre_duplicado: 'ese nombre ya está en uso',
    nombre_invalido: 'ese nombre no está permitido',
    servidor_lleno: 'el servidor está lleno',
    no_aceptando: 'el servidor no deja entrar a nadie ahora mismo',
    vetado: 'tienes prohibida la entrada en este servidor',
    clave_incorrecta: 'clave de entrada incorrecta (--secret, CHARLA_JOIN_SECRET)',
    version_no_soportada: 'este charla y el servidor hablan versiones distintas del protocolo',
    red: 'sin conexión ahora mismo; vuelve a intentarlo al reconectar',
    desconectado: 'desconectado',
    cola_llena: 'demasiados mensajes esperan a que vuelva la conexión',
  },
  end: {
    refused: 'rechazado',
    kicked: (reason) => `expulsado: ${reason}`,
    kickedNoReason: 'expulsado: sin motivo',
    replaced: 'sustituido por una sesión más reciente del mismo usuario',
    noConnection: (url) => `sin conexión con ${url}`,
    serverClosed: (reason) => `el servidor se cerró: ${reason}`,
  },
  leave: {
    salida: 'se fue',
    conexion_perdida: 'se fue (conexión perdida)',
    expulsado: 'fue expulsado',
    lento: 'fue desconectado (demasiado lento para seguir el ritmo)',
  },
  chat: {
    yourName: 'Tu nombre: ',
    tryAnotherName: 'Prueba con otro nombre: ',
    joining: (url, name) => `conectando con ${url} como ${name}…`,
    waiting: (url, seconds) => `○ no hay servidor en ${url}: reintento en ${seconds} s… (Ctrl+C para salir)`,
    tooLong: (length, max) => `demasiado largo: ${length} caracteres, este servidor admite como mucho ${max}; sigue en el editor para acortarlo`,
    connecting: '○ conectando…',
    disconnected: '○ desconectado',
    reconnectingIn: (seconds) => `○ reconectando en ${seconds} s…`,
    reconnecting: '○ reconectando…',
    connected: '● conectado',
    paused: '‖ pausado por el servidor: los mensajes esperan',
    online: (count) => `${count} en línea`,
    typing1: (a) => `${a} está escribiendo…`,
    typing2: (a, b) => `${a} y ${b} están escribiendo…`,
    typingMore: (a, b, more) => `${a}, ${b} y ${more} más están escribiendo…`,
  },
  lines: { closing: '[el servidor se cierra]', kicked: '[expulsado]' },
};
