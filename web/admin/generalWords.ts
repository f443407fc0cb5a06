/** The words of a queue's General Settings tab (English), kept apart from its code so they can be translated as a whole. */
import type { AgentDisplay } from '../../src/protocol/views.js';

export const GENERAL_WORDS = {
  name: 'Name',
  chatUrl: 'Reactive Chat URL',
  open: 'Queue is open',
  openHint: 'Customers who open the link can chat when an agent is available.',
  closedHint: 'Customers who open the link see that the queue is closed.',
  agentDisplay: 'Agent image in chat',
  displays: {
    picture: { label: "Agent's picture", hint: 'The photo from the agent’s profile.' },
    default: { label: 'Default image', hint: 'The same neutral image for every agent.' },
    none: { label: 'No image', hint: 'Only the agent’s name.' },
  } satisfies Record<AgentDisplay, { label: string; hint: string }>,
  waitingMessages: 'Waiting messages',
  waitingHint: 'One message per line. Customers see them in turn while they wait for an agent.',
  showEstimatedWait: 'Show estimated wait time',
  survey: 'Ask for a rating when the chat ends',
  surveyHint: 'The customer rates the chat from 1 to 5 stars and may add a comment; the answers appear in Reports.',
  maxWaiting: 'Most customers waiting',
  maxWaitingHint: 'Beyond this, new customers see the closed screen with the offline options.',
  offerTimeout: 'Time to accept an offer (seconds)',
  offerTimeoutHint: "An offer not accepted in time goes to the next agent, and the silent agent is set Away. Empty: the server's default (30 s).",
  offerTimeoutPlaceholder: 'Default',
  inactivity: 'Close a chat after no messages for (minutes)',
  inactivityHint:
    'When neither the customer nor the agent writes for this long, the chat closes; the customer is warned a minute before (halfway for 1 minute). Empty or 0: never.',
  inactivityPlaceholder: 'Off',
  expectedHandle: 'A chat usually takes (minutes)',
  expectedHandleHint: 'Used for the estimated wait until this queue has ended enough chats (10) for the estimate to learn its own.',
  serviceLevel: 'Service level target (seconds)',
  serviceLevelHint: "A customer answered within this time of joining the line counts as answered on time in the Live view's service level.",
} as const;
