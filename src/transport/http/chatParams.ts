/**
 * The chat id in a staff route's address (`/api/agent/history/:chatId…`). An id that is not even a
 * UUID names no chat either: it is answered 404 "Chat not found." like an unknown id and like another
 * client's chat, so the answer never tells them apart (docs/ARCHITECTURE.md, Security).
 */
import { z } from 'zod';
import { AppError } from '../../app/errors.js';

export const ChatParams = z.object({ chatId: z.uuid('Chat not found.') });

export function chatIdOf(params: unknown): string {
  const parsed = ChatParams.safeParse(params);
  if (!parsed.success) throw new AppError('not_found', 'Chat not found.');
  return parsed.data.chatId;
}
