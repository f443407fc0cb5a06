/** Getting the agent's attention when an offer arrives: a short beep and a desktop notification. */
import type { OfferView } from '../../src/protocol/views.js';
import { OFFER_WORDS } from './offerWords.js';

let audio: AudioContext | null = null;

/**
 * Browsers keep audio muted until the person interacts with the page; create
 * the context on the first click or key press so a later offer can beep even
 * when the console was opened from a saved session.
 */
export function unlockAudioOnFirstGesture(): () => void {
  const unlock = () => {
    try {
      audio ??= new AudioContext();
      if (audio.state === 'suspended') void audio.resume();
    } catch {
      // No audio support: offers still show on screen.
    }
  };
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
  return () => {
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
}

export function beep(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const now = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(880, now);
    tone.frequency.setValueAtTime(1175, now + 0.12);
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
    tone.connect(gain).connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.32);
  } catch {
    // No audio device or autoplay blocked: the offer card is still on screen.
  }
}

/** Ask once, from a click, so the browser allows the prompt. */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => undefined);
  }
}

export function notifyOffer(offer: OfferView): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(OFFER_WORDS.notification(offer.customerName), {
      body: OFFER_WORDS.notificationBody(offer.queueName),
      tag: `offer:${offer.chatId}`,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}
