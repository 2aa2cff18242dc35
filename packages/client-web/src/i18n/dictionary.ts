/**
 * Every string the interface shows, in Spanish (the seed's users) and English. The Spanish
 * dictionary defines the shape; English must match it key for key, so a missing
 * translation is a type error.
 */
import type { LeaveReason, RejectionReason } from '@charla/protocol';
import type { ChatErrorCode } from '@charla/sdk';
import type { Privacy } from '../features/help/usePrivacy';

export type Language = 'es' | 'en';

/** Each language's name in itself, as the language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { es: 'Español', en: 'English' };

/** Send errors the composer explains; anything else is `sendFailed`. */
export type SendErrorCode = Extract<
  ChatErrorCode,
  'contenido_vacio' | 'demasiado_grande' | 'limite_de_frecuencia' | 'destinatario_desconocido' | 'no_disponible' | 'cola_llena' | 'desconectado' | 'red'
>;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const es = {
  language: 'Idioma',
  join: {
    tagline: 'Chat en tiempo real. Escribe tu nombre y entra.',
    name: 'Tu nombre',
    nameHint: 'Así te verán los demás.',
    server: 'Dirección del servidor',
    secretToggle: 'Clave de acceso (si el servidor la pide)',
    secret: 'Clave de acceso',
    connect: 'Conectar',
    connecting: 'Conectando…',
    nameRequired: 'Escribe un nombre para entrar.',
    serverInvalid: 'La dirección debe empezar por ws:// o wss://.',
    unreachable: 'No se pudo conectar con el servidor. Comprueba la dirección o inténtalo de nuevo en un momento.',
    serverSays: (detalle: string) => `El servidor dice: «${detalle}»`,
    bannedUntil: (until: string) => `No tienes permitido entrar en este chat hasta el ${until}.`,
    left: 'Has salido del chat.',
  },
  refusal: {
    nombre_duplicado: 'Ese nombre ya está en uso. Elige otro.',
    nombre_invalido: 'Ese nombre no es válido. Usa letras de un solo alfabeto, números, «_», «-» o «.».',
    servidor_lleno: 'El servidor está lleno. Inténtalo más tarde.',
    no_aceptando: 'El servidor no acepta conexiones ahora mismo. Inténtalo más tarde.',
    vetado: 'No tienes permitido entrar en este chat.',
    clave_incorrecta: 'Este servidor pide una clave de acceso: falta o no es correcta.',
    version_no_soportada: 'El servidor usa otra versión del protocolo y esta aplicación no puede conectarse.',
  } satisfies Record<RejectionReason, string>,
  status: {
    connected: (nombre: string) => `Conectado como ${nombre}`,
    connecting: 'Conectando…',
    lost: 'Se perdió la conexión. Reconectando…',
    shutdown: 'El servidor se ha cerrado. Reconectando…',
    retryIn: (seconds: number) => `nuevo intento en ${seconds} s`,
    paused: 'Chat en pausa: el servidor no acepta mensajes ahora. Lo que envíes saldrá cuando se reanude.',
    kicked: 'Un operador te ha expulsado del chat.',
    replaced: 'Has entrado desde otra ventana; esta se ha desconectado.',
    disconnected: 'Desconectado.',
    caughtUp: (n: number) => `Reconectado, ${n} ${plural(n, 'mensaje recuperado', 'mensajes recuperados')}.`,
    rejoined: 'Reconectado con una sesión nueva: el servidor no conservaba la anterior.',
  },
  chat: {
    disconnect: 'Desconectar',
    joinAgain: 'Volver a entrar',
    people: 'Personas',
    sidebar: 'Personas y conversaciones',
    everyone: 'Sala general',
    privateWith: (nombre: string) => `Privado con ${nombre}`,
    offline: (nombre: string) => `${nombre} no está en el chat ahora.`,
    log: (title: string) => `Mensajes: ${title}`,
    empty: 'Aún no hay mensajes. ¡Saluda!',
    emptyPrivate: (nombre: string) => `Aquí verás tu conversación privada con ${nombre}.`,
    newMessages: (n: number) => `${n} ${plural(n, 'mensaje nuevo', 'mensajes nuevos')}`,
    you: 'tú',
    typing: (names: readonly string[]) =>
      names.length === 1 ? `${names[0]} está escribiendo…` : names.length <= 3 ? `${names.join(', ')} están escribiendo…` : `${names.length} personas están escribiendo…`,
  },
  composer: {
    toEveryone: 'Mensaje para todos',
    toPartner: (nombre: string) => `Mensaje privado para ${nombre}`,
    hint: 'Intro para enviar · Mayús+Intro para una nueva línea',
    send: 'Enviar',
    left: (n: number) => `${plural(n, 'queda', 'quedan')} ${n}`,
    over: (n: number) => `${n} de más`,
    waiting: (n: number) => `${n} ${plural(n, 'mensaje espera', 'mensajes esperan')} para enviarse…`,
    sendFailed: 'No se pudo enviar el mensaje.',
    queued: 'Sin conexión: lo que escribas ahora se enviará cuando vuelva la conexión.',
    ended: 'Estás desconectado: vuelve a entrar para enviar mensajes.',
    errors: {
      contenido_vacio: 'El mensaje está vacío.',
      demasiado_grande: 'El mensaje es demasiado largo.',
      limite_de_frecuencia: 'Vas demasiado rápido: espera un momento y vuelve a enviarlo.',
      destinatario_desconocido: 'Esa persona ya no está en el chat.',
      no_disponible: 'El chat está en pausa; inténtalo cuando se reanude.',
      cola_llena: 'Hay demasiados mensajes esperando la conexión.',
      desconectado: 'No estás conectado.',
      red: 'Se perdió la conexión antes de enviarlo.',
    } satisfies Record<SendErrorCode, string>,
  },
  notice: {
    joined: (nombre: string) => `${nombre} ha entrado.`,
    left: {
      salida: (nombre: string) => `${nombre} ha salido.`,
      conexion_perdida: (nombre: string) => `${nombre} perdió la conexión.`,
      expulsado: (nombre: string) => `Un operador expulsó a ${nombre}.`,
      lento: (nombre: string) => `${nombre} se desconectó: su conexión era demasiado lenta.`,
    } satisfies Record<LeaveReason, (nombre: string) => string>,
    announcement: 'Aviso del servidor',
    deleted: 'Un operador borró este mensaje.',
    shutdown: 'El servidor se está cerrando.',
  },
  closed: {
    unreachable: 'No se pudo conectar con el servidor. Comprueba la dirección o inténtalo de nuevo en un momento.',
    shuttingDown: 'El servidor se ha cerrado.',
    identificationTimeout: 'El servidor cerró la conexión porque la identificación tardó demasiado.',
    tooSlow: 'El servidor cerró la conexión porque era demasiado lenta.',
    sessionRevoked: 'Tu sesión se ha cerrado (por ejemplo, por un cambio de contraseña). Vuelve a entrar.',
    protocol: 'El servidor cerró la conexión porque recibió algo que no esperaba.',
    other: (code: number) => `El servidor cerró la conexión (código ${code}).`,
  },
  users: {
    title: (n: number) => `En línea (${n})`,
    typing: 'escribiendo…',
    stale: 'Última lista conocida: sin conexión, puede no estar al día.',
    staleDot: 'último estado conocido',
    messagePrivately: 'enviar un mensaje privado',
  },
  conversations: {
    title: 'Conversaciones',
    unread: (n: number) => `${n} sin leer`,
  },
  notify: {
    label: 'Avisarme de los mensajes privados mientras esta pestaña está oculta',
    denied: 'El navegador no permite avisos de esta página: cámbialo en los permisos del sitio.',
    unsupported: 'Este navegador no puede mostrar avisos.',
    title: (from: string) => `Mensaje privado de ${from}`,
  },
  help: {
    title: 'Ayuda',
    sending: 'Intro envía el mensaje; Mayús+Intro empieza una línea nueva.',
    privateConversations: 'Para hablar solo con una persona, elígela en la lista de personas.',
    privacy: {
      hidden: 'Los operadores de este servidor no pueden leer tus mensajes privados: ven quién escribió a quién y cuándo, y pueden borrar un mensaje, pero no lo que dice.',
      readable: 'Los operadores de este servidor pueden leer tus mensajes privados. Cada vez que lo hacen, queda anotado en el registro de auditoría del servidor.',
      unknown: 'Que los operadores puedan leer los mensajes privados depende del servidor: por defecto no pueden, pero un servidor puede configurarse para permitirlo, y este no lo ha dicho.',
    } satisfies Record<Privacy, string>,
  },
};

export type Dictionary = typeof es;

const en: Dictionary = {
  language: 'Language',
  join: {
    tagline: 'Real-time chat. Type your name and come in.',
    name: 'Your name',
    nameHint: 'This is how others will see you.',
    server: 'Server address',
    secretToggle: 'Access key (if the server asks for one)',
    secret: 'Access key',
    connect: 'Connect',
    connecting: 'Connecting…',
    nameRequired: 'Type a name to join.',
    serverInvalid: 'The address must start with ws:// or wss://.',
    unreachable: 'Could not reach the server. Check the address or try again in a moment.',
    serverSays: (detalle) => `The server says: “${detalle}”`,
    bannedUntil: (until) => `You are not allowed to join this chat until ${until}.`,
    left: 'You left the chat.',
  },
  refusal: {
    nombre_duplicado: 'That name is already taken. Pick another one.',
    nombre_invalido: 'That name is not valid. Use letters from one alphabet, digits, “_”, “-” or “.”.',
    servidor_lleno: 'The server is full. Try again later.',
    no_aceptando: 'The server is not accepting connections right now. Try again later.',
    vetado: 'You are not allowed to join this chat.',
    clave_incorrecta: 'This server needs an access key: it is missing or wrong.',
    version_no_soportada: 'The server speaks another version of the protocol; this app cannot connect to it.',
  },
  status: {
    connected: (nombre) => `Connected as ${nombre}`,
    connecting: 'Connecting…',
    lost: 'Connection lost. Reconnecting…',
    shutdown: 'The server shut down. Reconnecting…',
    retryIn: (seconds) => `next try in ${seconds} s`,
    paused: 'Chat paused: the server is not taking messages right now. What you send goes out when it resumes.',
    kicked: 'An operator removed you from the chat.',
    replaced: 'You joined from another window; this one was disconnected.',
    disconnected: 'Disconnected.',
    caughtUp: (n) => `Reconnected, ${n} ${plural(n, 'message', 'messages')} caught up.`,
    rejoined: 'Reconnected with a new session: the server had not kept the old one.',
  },
  chat: {
    disconnect: 'Disconnect',
    joinAgain: 'Join again',
    people: 'People',
    sidebar: 'People and conversations',
    everyone: 'Everyone',
    privateWith: (nombre) => `Private with ${nombre}`,
    offline: (nombre) => `${nombre} is not in the chat now.`,
    log: (title) => `Messages: ${title}`,
    empty: 'No messages yet. Say hello!',
    emptyPrivate: (nombre) => `Your private conversation with ${nombre} will show here.`,
    newMessages: (n) => `${n} new ${plural(n, 'message', 'messages')}`,
    you: 'you',
    typing: (names) =>
      names.length === 1 ? `${names[0]} is typing…` : names.length <= 3 ? `${names.join(', ')} are typing…` : `${names.length} people are typing…`,
  },
  composer: {
    toEveryone: 'Message to everyone',
    toPartner: (nombre) => `Private message to ${nombre}`,
    hint: 'Enter to send · Shift+Enter for a new line',
    send: 'Send',
    left: (n) => `${n} left`,
    over: (n) => `${n} over the limit`,
    waiting: (n) => `${n} ${plural(n, 'message waits', 'messages wait')} to be sent…`,
    sendFailed: 'The message could not be sent.',
    queued: 'Not connected: what you write now will be sent when the connection is back.',
    ended: 'You are disconnected: join again to send messages.',
    errors: {
      contenido_vacio: 'The message is empty.',
      demasiado_grande: 'The message is too long.',
      limite_de_frecuencia: 'You are going too fast: wait a moment and send it again.',
      destinatario_desconocido: 'That person is no longer in the chat.',
      no_disponible: 'The chat is paused; try again when it resumes.',
      cola_llena: 'Too many messages are waiting for the connection.',
      desconectado: 'You are not connected.',
      red: 'The connection was lost before it was sent.',
    },
  },
  notice: {
    joined: (nombre) => `${nombre} joined.`,
    left: {
      salida: (nombre) => `${nombre} left.`,
      conexion_perdida: (nombre) => `${nombre} lost the connection.`,
      expulsado: (nombre) => `An operator removed ${nombre}.`,
      lento: (nombre) => `${nombre} was disconnected: their connection was too slow.`,
    },
    announcement: 'Server announcement',
    deleted: 'An operator deleted this message.',
    shutdown: 'The server is shutting down.',
  },
  closed: {
    unreachable: 'Could not reach the server. Check the address or try again in a moment.',
    shuttingDown: 'The server shut down.',
    identificationTimeout: 'The server closed the connection because joining took too long.',
    tooSlow: 'The server closed the connection because it was too slow.',
    sessionRevoked: 'Your session was ended (for example, by a password change). Join again.',
    protocol: 'The server closed the connection because it received something it did not expect.',
    other: (code) => `The server closed the connection (code ${code}).`,
  },
  users: {
    title: (n) => `Online (${n})`,
    typing: 'typing…',
    stale: 'Last known list: not connected, it may be out of date.',
    staleDot: 'last known',
    messagePrivately: 'send a private message',
  },
  conversations: {
    title: 'Conversations',
    unread: (n) => `${n} unread`,
  },
  notify: {
    label: 'Notify me of private messages while this tab is hidden',
    denied: 'The browser does not allow notifications from this page: change it in the site’s permissions.',
    unsupported: 'This browser cannot show notifications.',
    title: (from: string) => `Private message from ${from}`,
  },
  help: {
    title: 'Help',
    sending: 'Enter sends your message; Shift+Enter starts a new line.',
    privateConversations: 'To talk to one person only, pick them in the people list.',
    privacy: {
      hidden: 'Operators of this server cannot read your private messages: they see who wrote to whom and when, and can delete a message, but not what it says.',
      readable: 'Operators of this server can read your private messages. Each time they do, it is recorded in the server’s audit log.',
      unknown: 'Whether operators can read private messages depends on the server: by default they cannot, but a server can be set up to let them, and this one has not said.',
    },
  },
};

export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = { es, en };
