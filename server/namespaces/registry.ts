import type { Express } from 'express';
import { MockError } from '../errors/catalogue.js';
import type { NamespaceInfo } from './info.js';

export type { NamespaceInfo };

/** Namespace names: what fits in one URL path segment without escaping. */
export const NAMESPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const DEFAULT_MAX_NAMESPACES = 100;

/**
 * A namespace's own emulator, as far as the registry needs it: the app that answers its requests,
 * and how to close it. The factory given to the registry (server.ts) builds more (the emulator's
 * state, its seed): `E` carries that to callers.
 */
export interface NamespaceApp {
  app: Express;
  close(): Promise<void>;
}

interface Slot<E> {
  app: Promise<E>;
  info: NamespaceInfo;
}

/**
 * Isolated child emulators by name, created on first use. Each has its own in-memory store, clock,
 * settings, journal and faults, seeded like its parent. At most `max` live at once: past that a new
 * one is refused (`409 NAMESPACES_FULL`), never made by closing a live one and its test's state.
 */
export class NamespaceRegistry<E extends NamespaceApp = NamespaceApp> {
  private slots = new Map<string, Slot<E>>();

  constructor(
    private readonly spawn: (name: string) => Promise<E>,
    readonly max = DEFAULT_MAX_NAMESPACES,
  ) {}

  /** The namespace's emulator if it is live (and counts the use), else undefined. */
  find(name: string): Promise<E> | undefined {
    const slot = this.slots.get(name);
    if (!slot) return undefined;
    slot.info.lastUsedAt = new Date().toISOString();
    slot.info.requests++;
    return slot.app;
  }

  /** The namespace's emulator, created (and seeded) on first use; throws NAMESPACES_FULL past `max`. */
  get(name: string): Promise<E> {
    const live = this.find(name);
    if (live) return live;
    this.checkRoom(name);
    const now = new Date().toISOString();
    const app = this.spawn(name);
    const info: NamespaceInfo = { name, base: `/_ns/${name}`, createdAt: now, lastUsedAt: now, requests: 1 };
    this.slots.set(name, { app, info });
    // A namespace whose seeding failed is forgotten, so the next request tries again.
    app.catch(() => {
      if (this.slots.get(name)?.app === app) this.slots.delete(name);
    });
    return app;
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  list(): NamespaceInfo[] {
    return [...this.slots.values()].map((s) => ({ ...s.info }));
  }

  /** Closes and forgets a namespace; the next request to it starts a fresh one. */
  async delete(name: string): Promise<boolean> {
    const slot = this.slots.get(name);
    if (!slot) return false;
    this.slots.delete(name);
    await closeSlot(slot);
    return true;
  }

  async closeAll(): Promise<void> {
    const slots = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(slots.map(closeSlot));
  }

  private checkRoom(name: string): void {
    if (this.slots.size < this.max) return;
    throw new MockError('NAMESPACES_FULL', {
      field: 'namespace',
      message: `Namespace ${name} was not created: ${this.slots.size} namespaces are live, the most this emulator keeps (${this.max}); a live namespace is never closed to make room.`,
    });
  }
}

async function closeSlot(slot: Slot<NamespaceApp>): Promise<void> {
  try {
    await (await slot.app).close();
  } catch {
    // It never started (seeding failed): nothing to close.
  }
}
