/**
 * boardHub: keeps the live boards of the clients that have a viewer on this
 * node, and pushes each board when it changed — computed once per client, not
 * per viewer, and coalesced: however busy the client, a board is read at most
 * once per `minIntervalMs`, so a viewer gets at most that many pushes per
 * second. A push goes out only when the figures differ from the last one sent.
 *
 * What marks boards stale: every publish that tells of a change (the
 * Publisher wrapped by `noticingPublisher`), every router kick (a customer
 * joined the line, an item was left), a change on another node (the
 * transport relays `spread`), and a slow refresh for what moves with time
 * alone (a newcomer's estimate, a queue opening by its hours).
 *
 * Which client a change belongs to is not known at the publish (it names a
 * chat or a person), so a change marks every watched board on the node
 * stale; the comparison before the push keeps other clients' viewers quiet.
 */
import type { BoardView } from '../protocol/supervisor.js';
import type { Logger, Publisher } from './deps.js';

export interface BoardHubOptions {
  /** At most one read per client this often (ms). */
  minIntervalMs: number;
  /** Re-read watched boards this often even without a change (ms). */
  refreshMs: number;
  read(clientId: string): Promise<BoardView>;
  /** To this node's viewers of the client. */
  send(clientId: string, board: BoardView): void;
  /** Tell the other nodes that something changed (throttled here to one per minIntervalMs). */
  spread?(): void;
  log: Logger;
}

interface Watched {
  viewers: number;
  dirty: boolean;
  running: boolean;
  lastReadAt: number;
  timer: NodeJS.Timeout | undefined;
  board: BoardView | null;
  /** The last board sent, without its clock: equal figures are not pushed again. */
  sent: string | null;
}

const figuresOf = (board: BoardView): string => JSON.stringify({ ...board, at: null });

export class BoardHub {
  private readonly watched = new Map<string, Watched>();
  private readonly refresh: NodeJS.Timeout;
  private lastSpreadAt = 0;
  private spreadTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: BoardHubOptions) {
    this.refresh = setInterval(() => this.changedLocally(), options.refreshMs);
    this.refresh.unref();
  }

  /** A viewer of the client connected on this node. */
  watch(clientId: string): void {
    const entry = this.watched.get(clientId);
    if (entry) entry.viewers++;
    else {
      this.watched.set(clientId, { viewers: 1, dirty: false, running: false, lastReadAt: 0, timer: undefined, board: null, sent: null });
      this.mark(clientId);
    }
  }

  unwatch(clientId: string): void {
    const entry = this.watched.get(clientId);
    if (!entry) return;
    if (--entry.viewers > 0) return;
    clearTimeout(entry.timer);
    this.watched.delete(clientId);
  }

  /** Something changed on this node: every watched board here is stale, and the other nodes are told. */
  changed(): void {
    this.changedLocally();
    this.spread();
  }

  /** Something changed (here or on another node): re-read the watched boards, coalesced. */
  changedLocally(): void {
    for (const clientId of this.watched.keys()) this.mark(clientId);
  }

  /**
   * The board for a viewer that just asked (a page opening or reconnecting): read now, so it never
   * starts from a board older than the database. Rare, and rate-limited by the transport.
   */
  current(clientId: string): Promise<BoardView> {
    return this.options.read(clientId);
  }

  /** Clients with a viewer on this node (tests). */
  watchedClients(): string[] {
    return [...this.watched.keys()];
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.refresh);
    clearTimeout(this.spreadTimer);
    for (const entry of this.watched.values()) clearTimeout(entry.timer);
    this.watched.clear();
  }

  private spread(): void {
    const { spread, minIntervalMs } = this.options;
    if (!spread || this.spreadTimer || this.stopped) return;
    const wait = Math.max(0, this.lastSpreadAt + minIntervalMs - Date.now());
    this.spreadTimer = setTimeout(() => {
      this.spreadTimer = undefined;
      this.lastSpreadAt = Date.now();
      spread();
    }, wait);
    this.spreadTimer.unref();
  }

  private mark(clientId: string): void {
    const entry = this.watched.get(clientId);
    if (!entry || this.stopped) return;
    entry.dirty = true;
    if (entry.timer || entry.running) return; // the read in hand or due reads again after
    const wait = Math.max(0, entry.lastReadAt + this.options.minIntervalMs - Date.now());
    entry.timer = setTimeout(() => void this.run(clientId, entry), wait);
    entry.timer.unref();
  }

  private async run(clientId: string, entry: Watched): Promise<void> {
    entry.timer = undefined;
    entry.dirty = false;
    entry.running = true;
    entry.lastReadAt = Date.now();
    try {
      const board = await this.options.read(clientId);
      if (this.watched.get(clientId) !== entry) return; // nobody watches it any more
      entry.board = board;
      const figures = figuresOf(board);
      if (figures !== entry.sent) {
        entry.sent = figures;
        this.options.send(clientId, board);
      }
    } catch (error) {
      // The database is away or busy: the next change or refresh tries again.
      entry.dirty = true;
      this.options.log.warn({ err: error, clientId }, 'live board read failed');
    } finally {
      entry.running = false;
      if (entry.dirty && this.watched.get(clientId) === entry) {
        entry.dirty = false;
        this.mark(clientId);
      }
    }
  }
}

/** Events that tell of a change on the board (not messages, typing or heads: those change no figure). */
const QUIET = new Set(['chat:event', 'typing', 'chat:head', 'resync']);

/** The publisher, marking boards stale on every publish that tells of a change. */
export function noticingPublisher(publisher: Publisher, changed: () => void): Publisher {
  const note = (event: string) => {
    if (!QUIET.has(event)) changed();
  };
  return {
    toCustomer: (chatId, event, ...args) => {
      note(event);
      publisher.toCustomer(chatId, event, ...args);
    },
    toChatAgents: (chatId, event, ...args) => {
      note(event);
      publisher.toChatAgents(chatId, event, ...args);
    },
    toAgent: (userId, event, ...args) => {
      note(event);
      publisher.toAgent(userId, event, ...args);
    },
    toClientAgents: (clientId, event, ...args) => {
      note(event);
      publisher.toClientAgents(clientId, event, ...args);
    },
    toWatchers: (chatId, event, ...args) => publisher.toWatchers(chatId, event, ...args),
    // Pages without a chat are no figure of the board.
    toQueueVisitors: (slug) => publisher.toQueueVisitors(slug),
    attachAgentToChat: (userId, chatId) => publisher.attachAgentToChat(userId, chatId),
    detachAgentFromChat: (userId, chatId) => publisher.detachAgentFromChat(userId, chatId),
    closeChatRoom: (chatId) => publisher.closeChatRoom(chatId),
    disconnectUser: (userId) => {
      changed();
      publisher.disconnectUser(userId);
    },
    except: (connectionId) => noticingPublisher(publisher.except(connectionId), changed),
  };
}
