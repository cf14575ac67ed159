/**
 * Live changes of each project for the server-sent event streams. Changes can come from any
 * process that writes the store (another window through this server, the CLI on the same file), so
 * they are found where all of them leave a trace: the audit log. One poller per project with
 * listeners reads the newest sequence number and, when it advanced, the events since. Import
 * progress, which leaves no trace in the log, is published directly.
 */
import { listEvents } from "@quire/db";
import type { Workspace } from "./workspace.js";

/** A change to a project, as a stream sends it. */
export interface ChangeEvent {
  seq: number;
  action: string;
  summary: string;
  actor: string;
}

/** How far an import has come, for one file. */
export interface ImportProgressEvent {
  /** `started` when the upload arrived, `progress` as rows are read, `finished` once stored. */
  phase: "started" | "progress" | "finished";
  file: string;
  done: number;
  total: number;
}

export type ProjectEvent =
  | { type: "change"; data: ChangeEvent }
  | { type: "import-progress"; data: ImportProgressEvent };

export type Listener = (event: ProjectEvent) => void;

// 400 ms feels immediate to a person watching another window and costs one indexed query.
const POLL_MS = 400;
// Events read per poll; more than this between two polls (a script) are summarised by the newest.
const BATCH = 200;

interface Channel {
  listeners: Set<Listener>;
  lastSeq: number;
  /** Settles once `lastSeq` holds the log's position when the first listener came. */
  ready: Promise<void>;
  timer: NodeJS.Timeout | null;
  polling: boolean;
}

/** Fans project events out to listeners, polling each listened-to project's audit log. */
export class EventHub {
  private readonly channels = new Map<string, Channel>();
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly workspace: Workspace,
    private readonly pollMs = POLL_MS,
  ) {}

  /**
   * Adds a listener to a project's events; the first one starts the project's poller.
   * @returns a function that removes the listener (the last one stops the poller).
   */
  async subscribe(key: string, listener: Listener): Promise<() => void> {
    // The channel is made before any await, so listeners arriving together share one poller.
    let channel = this.channels.get(key);
    if (!channel) {
      const created: Channel = {
        listeners: new Set(),
        lastSeq: 0,
        ready: Promise.resolve(),
        timer: null,
        polling: false,
      };
      created.ready = this.latestSeq(key).then(
        (seq) => {
          created.lastSeq = seq;
        },
        () => {},
      );
      created.timer = setInterval(() => void this.poll(key, created), this.pollMs);
      created.timer.unref();
      this.channels.set(key, created);
      channel = created;
    }
    const joined = channel;
    joined.listeners.add(listener);
    await joined.ready;
    return () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0 && this.channels.get(key) === joined) this.stop(key, joined);
    };
  }

  /** Sends an event to a project's listeners now (import progress). */
  publish(key: string, event: ProjectEvent): void {
    const channel = this.channels.get(key);
    if (channel) for (const listener of channel.listeners) listener(event);
  }

  /** The number of projects being polled, for tests and diagnostics. */
  get pollerCount(): number {
    return this.channels.size;
  }

  /**
   * Remembers how to end an open stream, so that shutting down does not wait for clients to leave.
   * @returns a function that forgets it again.
   */
  track(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /** Ends every open stream and stops every poller. */
  close(): void {
    for (const end of [...this.streams]) end();
    this.streams.clear();
    for (const [key, channel] of this.channels) this.stop(key, channel);
  }

  private stop(key: string, channel: Channel): void {
    if (channel.timer) clearInterval(channel.timer);
    channel.timer = null;
    this.channels.delete(key);
  }

  private async latestSeq(key: string): Promise<number> {
    const { store, project } = await this.workspace.open(key);
    const [latest] = await listEvents(store, project.id, { limit: 1 });
    return latest?.seq ?? 0;
  }

  private async poll(key: string, channel: Channel): Promise<void> {
    // A slow poll is not overlapped by the next one.
    if (channel.polling) return;
    channel.polling = true;
    try {
      await channel.ready;
      const { store, project } = await this.workspace.open(key);
      const [latest] = await listEvents(store, project.id, { limit: 1 });
      if (!latest || latest.seq <= channel.lastSeq) return;
      const recent = await listEvents(store, project.id, { limit: BATCH });
      const fresh = recent.filter((event) => event.seq > channel.lastSeq).reverse();
      channel.lastSeq = latest.seq;
      for (const event of fresh)
        for (const listener of channel.listeners)
          listener({
            type: "change",
            data: {
              seq: event.seq,
              action: event.action,
              summary: event.summary,
              actor: event.actor,
            },
          });
    } catch {
      // The project may have been renamed or removed; its streams hear nothing more.
    } finally {
      channel.polling = false;
    }
  }
}
