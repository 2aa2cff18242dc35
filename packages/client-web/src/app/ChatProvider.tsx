import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ChatClient, ChatSnapshot } from '@charla/sdk';

const ChatContext = createContext<ChatClient | null>(null);

/** Hands the one ChatClient to the tree; tests pass one wired to a fake server. */
export function ChatProvider({ client, children }: { client: ChatClient; children: ReactNode }) {
  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (client === null) throw new Error('useChatClient outside <ChatProvider>');
  return client;
}

/** The client's snapshot: re-renders whenever anything in it changed. */
export function useChatSnapshot(): ChatSnapshot {
  const client = useChatClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}
