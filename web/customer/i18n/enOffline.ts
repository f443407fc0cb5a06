/**
 * The words of the closed screen and the offline forms in English: loaded with those screens (their chunk,
 * web/customer/screens/lazyOffline.tsx), not with the page, which keeps its first load within budget.
 * frOffline.ts and esOffline.ts carry the same keys (catalogs.test.ts).
 */
// Not typed as OfflineCatalog: the catalog types are derived from this object's keys.
export const enOffline = {
  closed: {
    closedTitle: 'This queue is closed',
    noAgentsTitle: 'No agents are available to chat at this time',
    queueFullTitle: 'Too many customers are waiting right now',
    queueFullText: 'Please try again in a few minutes.',
    /** The screen follows the queue live: an agent became Available (or the queue opened) meanwhile. */
    availableTitle: 'An agent is available now',
    availableText: 'You can start a chat now, or still leave your details below.',
    startChat: 'Start a chat',
    hoursTitle: 'Working hours',
    timesIn: 'Times are in {zone}',
    specialDays: 'Holidays and special days',
    closedDay: 'Closed',
    nextDay: '(next day)',
    opensNext: 'Opens next:',
  },
  offline: {
    leaveTitle: 'Leave a message',
    leaveIntro: 'Write to us and an agent will reply by email.',
    leaveSubmit: 'Send message',
    leaveSuccess: 'Thanks — your message has been sent. An agent will reply by email.',
    callbackTitle: 'Request a callback',
    callbackIntro: 'Leave your number and an agent will call you back.',
    callbackSubmit: 'Request callback',
    callbackSuccess: 'Thanks — we will call you back.',
    email: 'Email address',
    emailPlaceholder: 'name@example.com',
    message: 'Message',
    messagePlaceholder: 'How can we help?',
    name: 'Name',
    phone: 'Phone number',
    phonePlaceholder: '+1 555 123 4567',
    preferredTime: 'Preferred time',
    preferredTimePlaceholder: 'Tomorrow after 2 pm',
    /** Sent from the waiting screen: the customer left the line. */
    leftMessageTitle: 'Your message has been sent',
    leftMessageText: 'You have left the line. An agent will reply to you by email.',
    leftCallbackTitle: 'Your callback request has been sent',
    leftCallbackText: 'You have left the line. An agent will call you back.',
  },
};
