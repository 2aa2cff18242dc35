// A dice roller: answers "/dado" (or "/dado 20") in the chat. Run: CHARLA_URL=ws://host:55555/ws tsx dice-bot.ts
import WebSocket from 'ws';
import { ChatClient } from '@charla/sdk';

const bot = new ChatClient({ WebSocket });
bot.on('mensaje', ({ contenido, remitente }) => {
  const roll = /^\/dado(?:\s+(\d{1,4}))?$/.exec(contenido.trim());
  const sides = Math.max(2, Number(roll?.[1] ?? 6));
  if (roll) void bot.send(`🎲 ${remitente} saca ${1 + Math.floor(Math.random() * sides)} (d${sides})`);
});
await bot.connect({ url: process.env.CHARLA_URL ?? 'ws://localhost:55555/ws', nombre: 'dados' });
