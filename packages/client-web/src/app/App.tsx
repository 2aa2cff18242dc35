import { useState } from 'react';
import { ChatScreen } from '../features/chat/ChatScreen';
import { JoinScreen } from '../features/join/JoinScreen';

/**
 * Two screens: join until the server accepts us, then the chat until we leave (or, after a
 * kick, until we choose to join again). The chat screen stays up through reconnects, and
 * knows the address it joined (its help asks that server what operators can read).
 */
export function App() {
  const [joined, setJoined] = useState<string | null>(null);
  return joined === null ? <JoinScreen onJoined={setJoined} /> : <ChatScreen serverUrl={joined} onLeave={() => setJoined(null)} />;
}
