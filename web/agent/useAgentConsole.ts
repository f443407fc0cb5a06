/**
 * Wires the socket to the store: snapshot on every connect (and on the
 * server's `resync`), naming the last seq held of each chat on screen so only
 * what the console lacks comes back; chat:sync when a chat's `chat:head` is
 * ahead of what we hold or a pushed event skips a seq; older pages on demand
 * (chat:history); server pushes into actions, and the agent's commands out to
 * the server. Messages go through the outbox (outbox.ts): kept across
 * reloads, resent in order.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { CannedReplyView } from '../../src/protocol/staffNotes.js';
import { fetchJson } from '../shared/http.js';
import { CHAT_PAGE_EVENTS } from '../../src/protocol/limits.js';
import type { MeView } from '../../src/protocol/views.js';
import type { Result } from '../../src/protocol/errors.js';
import type { TransferRequest, TransferTargetsView } from '../../src/protocol/transfers.js';
import { fetchMe } from '../shared/session.js';
import { askNotificationPermission, beep, notifyOffer, unlockAudioOnFirstGesture } from './alerts.js';
import type { ChatEventView } from '../../src/protocol/views.js';
import { loadDismissed, saveDismissed } from './dismissed.js';
import { keepDraftsOf, openDrafts } from './drafts.js';
import { newClientMsgId } from '../shared/ids.js';
import { AgentOutbox } from './outbox.js';
import { agentApi, connectAgentSocket, type AgentApi } from './socket.js';
import { TRANSFER_WORDS } from './transferWords.js';
import { NOTE_WORDS } from './noteWords.js';
import { CONSOLE_WORDS } from './consoleWords.js';
import { initialState, lastSeq, reducer, type ConsoleState, type ConsoleView } from './state.js';

/** A "typing" flag the customer never cleared (e.g. they closed the tab) fades after this long. */
const TYPING_STALE_MS = 8_000;
const RETRY_CONNECT_MS = 3_000;

export interface ConsoleActions {
  setStatus(status: 'available' | 'away'): Promise<void>;
  /** Resolves true once the chat is ours (and shown). */
  accept(chatId: string): Promise<boolean>;
  decline(chatId: string): Promise<void>;
  /** Resolves true once the item is ours (and the list of them shown). */
  acceptOffline(id: string): Promise<boolean>;
  declineOffline(id: string): Promise<void>;
  send(chatId: string, body: string): void;
  retry(chatId: string, clientMsgId: string): void;
  /** Drop a message the server refused. */
  discard(chatId: string, clientMsgId: string): void;
  /** Resolves true once the chat is ended. */
  leave(chatId: string): Promise<boolean>;
  /** Loads the page of events before the oldest one the chat shows. */
  showEarlier(chatId: string): Promise<void>;
  typing(chatId: string, typing: boolean): void;
  select(view: ConsoleView): void;
  /** The same function on every render, so memoised chat rows are not rendered again for a new callback. */
  selectChat(chatId: string): void;
  close(chatId: string): void;
  dismissNotice(): void;
  /** Agents and queues the chat can go to (the Transfer dialog). */
  transferTargets(chatId: string): Promise<Result<{ targets: TransferTargetsView }>>;
  /** Asks for a transfer; resolves with an error message to show in the dialog, or null when it was sent. */
  requestTransfer(request: TransferRequest): Promise<string | null>;
  dismissTransfer(chatId: string): void;
  /** Withdraws a transfer still offered to an agent; resolves with an error message, or null. */
  cancelTransfer(transferId: string): Promise<string | null>;
  /** A staff-only note on the chat; resolves with an error message to show, or null when it was stored. */
  addNote(chatId: string, body: string): Promise<string | null>;
}

export function useAgentConsole(me: MeView, onSignedOut: (notice?: string) => void) {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(me, loadDismissed()));
  const stateRef = useRef<ConsoleState>(state);
  stateRef.current = state;
  const apiRef = useRef<AgentApi | null>(null);
  const outboxRef = useRef<AgentOutbox | null>(null);
  // Before the first render of a composer, so it finds the drafts of a previous page.
  openDrafts(me.id);
  const signedOutRef = useRef(onSignedOut);
  signedOutRef.current = onSignedOut;
  // The canned replies this agent may use: loaded on every (re)connect and when an admin changes them.
  const [canned, setCanned] = useState<CannedReplyView[]>([]);

  useEffect(() => {
    const socket = connectAgentSocket();
    const api = agentApi(socket);
    const relockAudio = unlockAudioOnFirstGesture();
    apiRef.current = api;
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const outbox = new AgentOutbox({
      agentId: me.id,
      api: () => apiRef.current,
      publish: (chatId, pending) => dispatch({ type: 'pending', chatId, pending }),
      onSent: (event) => dispatch({ type: 'sent', event }),
    });
    outboxRef.current = outbox;
    /** Chats with a chat:sync on its way, so repeated heads do not pile up requests. */
    const syncing = new Set<string>();

    const notice = (text: string) => dispatch({ type: 'notice', notice: text });
    const gotEvents = (events: readonly ChatEventView[]) => outbox.confirm(events);

    async function syncChat(chatId: string, afterSeq: number): Promise<void> {
      if (syncing.has(chatId)) return;
      syncing.add(chatId);
      try {
        const synced = await api.sync(chatId, afterSeq);
        if (synced.ok) {
          dispatch({ type: 'chatSynced', chat: synced.chat, events: synced.events, hasOlder: synced.hasOlder });
          gotEvents(synced.events);
        } else if (synced.error.id === 'not_found' || synced.error.id === 'forbidden') {
          dispatch({ type: 'chatState', chatId, status: 'ended', endedBy: 'system' });
        }
      } finally {
        syncing.delete(chatId);
      }
    }

    /** One request catches up everything: chats the console shows come back with only the events it lacks. */
    async function catchUp() {
      const held: Record<string, number> = {};
      for (const chat of stateRef.current.chats) {
        const seq = lastSeq(chat);
        if (seq > 0) held[chat.chatId] = seq;
      }
      const result = await api.snapshot(held);
      if (result.ok) {
        const { snapshot } = result;
        dispatch({ type: 'snapshot', snapshot });
        gotEvents(snapshot.chats.flatMap((c) => c.events));
        // Receipts for the offers now on screen (one may have missed us while the bus was down).
        for (const offer of snapshot.offers) api.offerSeen({ chatId: offer.chatId });
        for (const offer of snapshot.offlineOffers) api.offerSeen({ itemId: offer.item.id });
        // Unsent messages and drafts of chats the console no longer shows are of no use.
        const dismissed = new Set(stateRef.current.dismissed);
        const held = new Set([
          ...snapshot.chats.filter((c) => !(c.status === 'ended' && dismissed.has(c.chatId))).map((c) => c.chatId),
          ...stateRef.current.chats.map((c) => c.chatId),
        ]);
        outbox.keepOnly(held);
        keepDraftsOf(held);
        // The snapshot rebuilt chats the outbox had pending messages for (e.g. after a reload).
        outbox.publishAll();
      } else {
        notice(result.error.message);
      }
      // Caught up: what was sent before is known delivered or not, so the rest goes now, in order.
      if (socket.connected) outbox.online();
    }

    const loadCanned = () =>
      fetchJson<{ replies: CannedReplyView[] }>('/api/agent/canned-replies').then(
        ({ replies }) => setCanned(replies),
        // Without the list the composer still sends; the next connect or change tries again.
        () => undefined,
      );
    socket.on('connect', () => {
      dispatch({ type: 'connection', connection: 'online' });
      void catchUp();
      void loadCanned();
    });
    socket.on('canned:changed', () => void loadCanned());
    socket.on('chat:note', (note) => dispatch({ type: 'notes', notes: [note] }));

    socket.on('disconnect', (reason) => {
      outbox.offline();
      dispatch({ type: 'connection', connection: 'reconnecting' });
      // The server closed us on purpose (e.g. signed out elsewhere): only come back if still signed in.
      if (reason === 'io server disconnect') {
        void fetchMe().then(
          (me) => (me ? socket.connect() : signedOutRef.current(CONSOLE_WORDS.signedOut)),
          () => socket.connect(),
        );
      }
    });

    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') {
        signedOutRef.current(CONSOLE_WORDS.sessionEnded);
        return;
      }
      dispatch({ type: 'connection', connection: 'reconnecting' });
      if (error.message === 'forbidden_origin') notice(CONSOLE_WORDS.forbiddenOrigin);
      // A refusal from the server's middleware stops Socket.IO's own retries.
      if (!socket.active) retryTimer = setTimeout(() => socket.connect(), RETRY_CONNECT_MS);
    });

    socket.on('agent:state', (agentState) => dispatch({ type: 'agentState', state: agentState }));

    socket.on('offer', (offer) => {
      const known = stateRef.current.offers.some((o) => o.chatId === offer.chatId);
      dispatch({ type: 'offer', offer });
      api.offerSeen({ chatId: offer.chatId });
      if (!known) {
        beep();
        notifyOffer(offer);
      }
    });

    socket.on('offer:withdrawn', ({ chatId, transferId, reason, version }) => dispatch({ type: 'offerGone', chatId, transferId, withdrawn: reason === 'withdrawn', version }));
    socket.on('chat:opened', (chat) => dispatch({ type: 'chatOpened', chat, select: false }));
    socket.on('chat:event', (event) => {
      const chat = stateRef.current.chats.find((c) => c.chatId === event.chatId);
      // Read before the event is applied: the reducer appends to the chat's events array in place.
      const held = chat ? lastSeq(chat) : 0;
      dispatch({ type: 'event', event });
      gotEvents([event]);
      // A gap means events were published before this socket joined the chat's room (another node
      // confirming the join late): fetch what is missing rather than leave a hole in the thread.
      if (chat && event.seq > held + 1) void syncChat(chat.chatId, held);
    });
    // The server's newest seq of a chat is ahead of ours: an event never reached us.
    socket.on('chat:head', ({ chatId, lastSeq: head }) => {
      const chat = stateRef.current.chats.find((c) => c.chatId === chatId);
      if (chat && head > lastSeq(chat)) void syncChat(chatId, lastSeq(chat));
    });
    // The bus between nodes was down: offers, chats and their events may all have changed.
    socket.on('resync', () => void catchUp());
    socket.on('chat:state', ({ chatId, status, endedBy }) => dispatch({ type: 'chatState', chatId, status, endedBy }));
    socket.on('offline:new', () => dispatch({ type: 'offlineNew' }));
    socket.on('offline:updated', () => dispatch({ type: 'offlineUpdated' }));
    socket.on('offline:offer', (offer) => {
      const known = stateRef.current.offlineOffers.some((o) => o.item.id === offer.item.id);
      dispatch({ type: 'offlineOffer', offer });
      api.offerSeen({ itemId: offer.item.id });
      if (!known) beep();
    });
    socket.on('offline:withdrawn', ({ id }) => dispatch({ type: 'offlineOfferGone', id }));
    socket.on('chat:whisper', (whisper) => dispatch({ type: 'whisper', whisper }));
    socket.on('transfer:updated', (transfer) => dispatch({ type: 'transferUpdated', transfer }));

    socket.on('typing', ({ chatId, from, name, typing }) => {
      if (from !== 'customer') return;
      clearTimeout(typingTimers.get(chatId));
      dispatch({ type: 'typing', chatId, name, typing });
      if (typing) {
        typingTimers.set(
          chatId,
          setTimeout(() => dispatch({ type: 'typing', chatId, name, typing: false }), TYPING_STALE_MS),
        );
      }
    });

    return () => {
      relockAudio();
      clearTimeout(retryTimer);
      typingTimers.forEach((timer) => clearTimeout(timer));
      outbox.close();
      outboxRef.current = null;
      socket.removeAllListeners();
      socket.disconnect();
      apiRef.current = null;
    };
  }, []);

  useEffect(() => saveDismissed(state.dismissed), [state.dismissed]);

  useEffect(() => {
    if (!state.notice) return;
    const timer = setTimeout(() => dispatch({ type: 'notice', notice: null }), 6_000);
    return () => clearTimeout(timer);
  }, [state.notice]);

  const actions = useMemo<ConsoleActions>(() => {
    const api = () => apiRef.current;
    const notice = (text: string) => dispatch({ type: 'notice', notice: text });

    return {
      async setStatus(status) {
        askNotificationPermission();
        const result = await api()?.setStatus(status);
        if (result?.ok) dispatch({ type: 'agentState', state: result.state });
        else if (result) notice(result.error.message);
      },
      async accept(chatId) {
        // A transfer straight to us is answered as a transfer (the sender keeps the chat until then).
        const transferId = stateRef.current.offers.find((o) => o.chatId === chatId)?.transferId;
        const result = await (transferId ? api()?.acceptTransfer(transferId) : api()?.accept(chatId));
        if (result?.ok) {
          dispatch({ type: 'chatOpened', chat: result.chat, select: true });
          return true;
        }
        if (result) {
          dispatch({ type: 'offerGone', chatId, transferId });
          notice(result.error.message);
        }
        return false;
      },
      async acceptOffline(id) {
        dispatch({ type: 'offlineOfferGone', id });
        const result = await api()?.acceptOffline(id);
        if (result?.ok) dispatch({ type: 'select', view: { kind: 'offline' } });
        else if (result) notice(result.error.message);
        return result?.ok === true;
      },
      async declineOffline(id) {
        dispatch({ type: 'offlineOfferGone', id });
        const result = await api()?.declineOffline(id);
        if (result && !result.ok && result.error.id !== 'not_offered') notice(result.error.message);
      },
      async decline(chatId) {
        const transferId = stateRef.current.offers.find((o) => o.chatId === chatId)?.transferId;
        dispatch({ type: 'offerGone', chatId, transferId });
        const result = await (transferId ? api()?.declineTransfer(transferId) : api()?.decline(chatId));
        if (result && !result.ok && result.error.id !== 'not_offered') notice(result.error.message);
      },
      send(chatId, body) {
        outboxRef.current?.add(chatId, newClientMsgId(), body);
      },
      retry(chatId, clientMsgId) {
        outboxRef.current?.retry(chatId, clientMsgId);
      },
      discard(chatId, clientMsgId) {
        outboxRef.current?.discard(chatId, clientMsgId);
      },
      async leave(chatId) {
        const result = await api()?.leave(chatId);
        if (result?.ok) dispatch({ type: 'chatState', chatId, status: 'ended', endedBy: 'agent' });
        else if (result) notice(result.error.message);
        return result?.ok === true;
      },
      typing(chatId, typing) {
        api()?.typing(chatId, typing);
      },
      async showEarlier(chatId) {
        const chat = stateRef.current.chats.find((c) => c.chatId === chatId);
        const first = chat?.events[0];
        if (!chat || !first || !chat.hasOlder) return;
        const result = await api()?.history(chatId, first.seq, CHAT_PAGE_EVENTS);
        if (result?.ok) dispatch({ type: 'olderLoaded', chatId, events: result.events, hasOlder: result.hasOlder });
        else if (result) notice(result.error.message);
      },
      select(view) {
        dispatch({ type: 'select', view });
      },
      selectChat(chatId) {
        dispatch({ type: 'select', view: { kind: 'chat', chatId } });
      },
      close(chatId) {
        dispatch({ type: 'closeChat', chatId });
      },
      dismissNotice() {
        dispatch({ type: 'notice', notice: null });
      },
      async transferTargets(chatId) {
        return (await api()?.transferTargets(chatId)) ?? { ok: false, error: { id: 'unavailable', message: CONSOLE_WORDS.notConnected } };
      },
      async requestTransfer(request) {
        const result = await api()?.requestTransfer(request);
        if (!result) return CONSOLE_WORDS.notConnected;
        if (!result.ok) return result.error.fields ? Object.values(result.error.fields).join(' ') : result.error.message;
        // Refused on the spot: said in the dialog, where another agent or queue can be picked.
        if (result.transfer.state === 'refused') return TRANSFER_WORDS.refused(result.transfer.to.name, result.transfer.reason);
        dispatch({ type: 'transferUpdated', transfer: result.transfer });
        return null;
      },
      async cancelTransfer(transferId) {
        const result = await api()?.cancelTransfer(transferId);
        if (!result) return CONSOLE_WORDS.notConnected;
        if (!result.ok) return result.error.message;
        dispatch({ type: 'transferUpdated', transfer: result.transfer });
        return null;
      },
      dismissTransfer(chatId) {
        dispatch({ type: 'transferDismissed', chatId });
      },
      async addNote(chatId, body) {
        const result = await api()?.addNote(chatId, newClientMsgId(), body);
        if (!result) return NOTE_WORDS.offline;
        if (!result.ok) return result.error.fields?.body ?? result.error.message;
        dispatch({ type: 'notes', notes: [result.note] });
        return null;
      },
    };
  }, []);

  return { state, actions, canned };
}
