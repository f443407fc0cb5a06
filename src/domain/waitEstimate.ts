/**
 * Estimated wait for a customer in line. Pure: fed with the customer's place
 * and the current staffing and recent handle times.
 *
 * With S busy seats (staffed agents × capacity) and chats lasting H seconds
 * on average, one seat frees about every H ÷ S seconds; the customer with N
 * customers to be served before them (themselves included) waits for N seats.
 */
export interface WaitInputs {
  /** 1-based place in line. */
  position: number;
  /** Agents Available on the queue (connected). */
  staffedAgents: number;
  /** Average chats each agent takes at once. */
  averageCapacity: number;
  /** Average handle time of recent chats, seconds. */
  averageHandleSeconds: number;
  /** Free seats right now (the customer is about to be offered). */
  freeSeats: number;
}

export const DEFAULT_HANDLE_SECONDS = 240;

/** Seconds, or null when nobody is staffed (no honest number exists). */
export function estimateWaitSeconds(input: WaitInputs): number | null {
  const position = Math.max(1, Math.floor(input.position));
  if (input.staffedAgents <= 0) return null;
  if (position <= input.freeSeats) return 0;
  const seats = Math.max(1, input.staffedAgents * Math.max(1, input.averageCapacity));
  const handle = Math.max(30, input.averageHandleSeconds || DEFAULT_HANDLE_SECONDS);
  const ahead = position - Math.max(0, input.freeSeats);
  return Math.max(15, Math.round((ahead * handle) / seats));
}

/** Words a customer can trust: "less than a minute", "about 3 minutes". */
export function describeWait(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes >= 90) return `about ${Math.round(minutes / 60)} hours`;
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}
