import { useState } from 'react';
import { ChatScreen } from '../features/chat/ChatScreen';
import { JoinScreen } from '../features/join/JoinScreen';

/**
 * Two screens: join until the server accepts us, then the chat until we leave (or, after a
 * kick, until we choose to join again). The chat screen stays up through reconnects.
 */
export function App() {
  const [screen, setScreen] = useState<'join' | 'chat'>('join');
  return screen === 'join' ? <JoinScreen onJoined={() => setScreen('chat')} /> : <ChatScreen onLeave={() => setScreen('join')} />;
}
