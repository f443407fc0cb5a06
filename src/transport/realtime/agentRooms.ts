/**
 * Keeps this node's agent consoles true to the database. A console's chat
 * rooms and its very connection are kept by commands that travel over the
 * Redis bus (attachAgentToChat, detachAgentFromChat, closeChatRoom,
 * disconnectUser in publisher.ts). One lost while the bus was down — the
 * agent deactivated, signed out, or her chat ended or returned to the line by
 * another node — would leave her console following a chat that is no longer
 * hers: reading its customer's messages and typing to them. So each node
 * re-derives its consoles from the database: at once when the bus is back,
 * when another node says it dropped publishes, and on a timer
 * (AGENT_RECHECK_MS; while the bus is down, every SWEEP_INTERVAL_MS when that
 * is shorter). One statement covers all of the node's consoles
 * (src/app/consoleRecheck.ts). A console whose session no longer signs her in
 * is disconnected as a sign-out elsewhere does it; the others leave the rooms
 * of chats that are no longer theirs, join those that are, and are told to
 * `resync` when anything changed. A failed recheck (database away) is logged
 * and tried again on the next tick; nothing is disconnected on a failure.
 */
import type { Namespace, Socket } from 'socket.io';
import { liveConsoles } from '../../app/consoleRecheck.js';
import type { Session } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { rooms } from './publisher.js';

/** What an agent socket carries from its handshake (agentGateway.ts). */
export interface AgentSocketData extends Session {
  token: string;
  /** When its session was last found live (the per-packet recheck counts from it). */
  checkedAt: number;
  /** Bumped on every join or leave of a chat room, however it came (this node, or another through the adapter). */
  roomChanges: number;
}

export interface ConsoleRecheck {
  /**
   * Whether this node's chat rooms can be believed without the database: the bus is up and has
   * been since before the last recheck that succeeded. Room-authorised actions (agent typing) ask the
   * database while it is false.
   */
  trusted(): boolean;
  /** The bus went down: commands from other nodes may be lost from now on. */
  busLost(): void;
  /** Rechecks now (joined to one in flight); resolves true when it succeeded. Never rejects. */
  run(): Promise<boolean>;
  /** Stops the timer and waits for a recheck in flight. */
  stop(): Promise<void>;
}

export interface ConsoleRecheckOptions {
  /** How often to recheck while the rooms can be believed. */
  everyMs: number;
  /** How often while they cannot: the bus went down and no recheck has succeeded since. */
  untrustedEveryMs: number;
  /** Whether the bus is up now (always true without Redis). */
  busUp: () => boolean;
}

const CHAT_ROOM_PREFIX = rooms.chat('');

/** The chat rooms to leave and to join to go from `current` to `desired`. */
export function roomChanges(current: Iterable<string>, desired: Iterable<string>): { leave: string[]; join: string[] } {
  const want = new Set(desired);
  const have = new Set([...current].filter((room) => room.startsWith(CHAT_ROOM_PREFIX)));
  return { leave: [...have].filter((room) => !want.has(room)), join: [...want].filter((room) => !have.has(room)) };
}

export function consoleRecheck(ns: Namespace, deps: Deps, options: ConsoleRecheckOptions): ConsoleRecheck {
  // Every change of a socket's chat rooms, including the adapter's on behalf of another node: a
  // recheck whose read is older than such a change leaves that socket to the next recheck.
  const noteChange = (room: string, socketId: string) => {
    if (!room.startsWith(CHAT_ROOM_PREFIX)) return;
    const data = ns.sockets.get(socketId)?.data as AgentSocketData | undefined;
    if (data) data.roomChanges++;
  };
  ns.adapter.on('join-room', noteChange);
  ns.adapter.on('leave-room', noteChange);

  // A node that starts before its bus is up may miss commands too: trusted after its first recheck with the bus up.
  let trusted = options.busUp();
  /** Bumped when the bus goes down: a recheck that started before it cannot restore trust. */
  let losses = 0;
  let failing = false;
  let running: Promise<boolean> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const once = async (): Promise<boolean> => {
    // Only a read made with the bus up, and no loss since, covers every command: restores trust.
    const lossesAtStart = losses;
    const busUpAtStart = options.busUp();
    const sockets = [...ns.sockets.values()];
    const seen = new Map(sockets.map((socket) => [socket, (socket.data as AgentSocketData).roomChanges]));
    try {
      const live = await liveConsoles(deps.db, [...new Set(sockets.map((socket) => (socket.data as AgentSocketData).token))]);
      const outcome = apply(sockets, seen, live);
      if (outcome.disconnected || outcome.moved) deps.log.warn(outcome, 'consoles rechecked: some followed chats or sessions that were no longer theirs');
      if (failing) deps.log.warn('console recheck works again');
      failing = false;
      if (busUpAtStart && losses === lossesAtStart && options.busUp()) trusted = true;
      return true;
    } catch (error) {
      if (!failing) deps.log.error({ err: error }, 'console recheck failed; trying again on the next tick');
      failing = true;
      return false;
    }
  };

  const apply = (sockets: Socket[], seen: Map<Socket, number>, live: Awaited<ReturnType<typeof liveConsoles>>) => {
    let disconnected = 0;
    let moved = 0;
    for (const socket of sockets) {
      if (!socket.connected) continue;
      const data = socket.data as AgentSocketData;
      const state = live.get(data.token);
      if (!state) {
        // As a sign-out elsewhere: 'io server disconnect', and the console asks whether it is still signed in.
        socket.disconnect(true);
        disconnected++;
        continue;
      }
      data.checkedAt = Date.now();
      if (data.roomChanges !== seen.get(socket)) continue;
      const { leave, join } = roomChanges(socket.rooms, state.chatIds.map(rooms.chat));
      if (!leave.length && !join.length) continue;
      for (const room of leave) void socket.leave(room);
      if (join.length) void socket.join(join);
      // Its screen missed what moved these rooms: it fetches its snapshot again.
      socket.emit('resync');
      moved++;
    }
    return { consoles: sockets.length, disconnected, moved };
  };

  const run = (): Promise<boolean> => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };

  /** One timer pending at most: a new schedule replaces the one pending. */
  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void run().then(schedule), trusted ? options.everyMs : options.untrustedEveryMs);
    // A timer of its own must not keep a process alive that has nothing else to do.
    timer.unref();
  };
  schedule();

  return {
    trusted: () => trusted && options.busUp(),
    busLost() {
      losses++;
      trusted = false;
      // Sooner than the usual period: a lost command may matter from now on.
      schedule();
    },
    run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
