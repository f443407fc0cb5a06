import { describe, expect, it } from 'vitest';
import type { CannedReplyView } from '../../src/protocol/staffNotes.js';
import { fillPlaceholders, matchingReplies, typedShortcut } from './cannedReplies.js';

const reply = (shortcut: string, body: string, queueNames: string[] = []): CannedReplyView => ({ id: shortcut, shortcut, body, queueIds: [], queueNames, updatedAt: '' });

describe('canned replies in the composer', () => {
  it('opens only for "/" and a word at the very start', () => {
    expect(typedShortcut('/')).toBe('');
    expect(typedShortcut('/Ref')).toBe('ref');
    expect(typedShortcut('/ref ')).toBeNull();
    expect(typedShortcut('hello /ref')).toBeNull();
    expect(typedShortcut('//')).toBeNull();
  });

  it("matches by the shortcut's start first, then anywhere, within the chat's queue", () => {
    const replies = [reply('prefer', 'x'), reply('refund', 'Your refund'), reply('billing-refund', 'y', ['Billing']), reply('hello', 'Hi')];
    expect(matchingReplies(replies, 'ref', 'Support').map((r) => r.shortcut)).toEqual(['refund', 'prefer']);
    expect(matchingReplies(replies, 'ref', 'Billing').map((r) => r.shortcut)).toEqual(['refund', 'prefer', 'billing-refund']);
    expect(matchingReplies(replies, '', 'Support')).toHaveLength(3);
  });

  it('fills the simple placeholders and leaves the others', () => {
    expect(fillPlaceholders('Hi {customerFirstName}, {agentName} here about {order}. Bye {customerName}', { customerName: 'Ana Silva', agentName: 'Sophie' })).toBe(
      'Hi Ana, Sophie here about {order}. Bye Ana Silva',
    );
  });
});
