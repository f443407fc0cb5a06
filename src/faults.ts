/**
 * Fault injection for the crash tests (tests/faults): a node started with
 * RC_FAULT_KILL_BEFORE_PUBLISH=<text> kills itself (SIGKILL) at the exact
 * moment between storing a chat message whose body is <text> and publishing
 * it, the window in which a real crash would leave an event stored but never
 * published. Never set in production; main.ts reads it, nothing else does.
 */
import type { Publisher } from './app/deps.js';

export function killBeforePublishing(publisher: Publisher, body: string): Publisher {
  const dieIfMarked = (event: string, args: unknown[]) => {
    const payload = args[0] as { body?: unknown } | undefined;
    if (event === 'chat:event' && payload?.body === body) process.kill(process.pid, 'SIGKILL');
  };
  return {
    ...publisher,
    toCustomer: (chatId, event, ...args) => {
      dieIfMarked(event, args);
      publisher.toCustomer(chatId, event, ...args);
    },
    toChatAgents: (chatId, event, ...args) => {
      dieIfMarked(event, args);
      publisher.toChatAgents(chatId, event, ...args);
    },
    except: (connectionId) => killBeforePublishing(publisher.except(connectionId), body),
  };
}
