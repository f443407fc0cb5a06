/** The parts every offer card shares: the countdown to its expiry, and Accept / Decline. */
import { useEffect, useState } from 'preact/hooks';
import { OFFER_WORDS as W } from '../offerWords.js';

/** Seconds left before the offer moves on, ticking once a second. */
function useSecondsLeft(expiresAt: string): number {
  const left = () => Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return seconds;
}

export function OfferCountdown({ expiresAt }: { expiresAt: string }) {
  const secondsLeft = useSecondsLeft(expiresAt);
  return (
    <span class={secondsLeft <= 10 ? 'offer-countdown is-urgent' : 'offer-countdown'} aria-label={W.countdownLabel(secondsLeft)}>
      {W.countdown(secondsLeft)}
    </span>
  );
}

export interface OfferActionsProps {
  id: string;
  onAccept: (id: string) => Promise<unknown>;
  onDecline: (id: string) => Promise<void>;
}

/** Both buttons are disabled while either answer is on its way, so one click is one answer. */
export function OfferActions({ id, onAccept, onDecline }: OfferActionsProps) {
  const [busy, setBusy] = useState(false);
  async function run(action: (id: string) => Promise<unknown>) {
    setBusy(true);
    try {
      await action(id);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="offer-actions">
      <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" disabled={busy} onClick={() => run(onAccept)}>
        {W.accept}
      </button>
      <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" disabled={busy} onClick={() => run(onDecline)}>
        {W.decline}
      </button>
    </div>
  );
}
