// What seeding created, as the library shows it. Only plain domain types: the published
// declarations of `datalens-mock` and its test kit stay free of Express and SQLite types.
import type { Connection, ConnectorRecord } from '../store/partner-records.js';
import type { Embed, EmbeddingSecret, Entry, Params, Workbook } from '../core/types.js';

export interface SeededEmbed extends Embed {
  scope: Entry['scope'];
  /** The private key that signs tokens for this embed, when the seed or the emulator knows it. */
  privateKey?: string;
  tokenParams?: Params;
  linkParams?: Record<string, string | string[]>;
}

/** A connection the seed bound to a client database, with the dashboard deployed for it, if any. */
export interface SeededConnection extends Connection {
  dashboardEntryId?: string;
  chartEntryIds?: Record<string, string>;
}

/** What seeding created, by local key (or by ID when an object has no key). */
export interface SeedResult {
  workbooks: Record<string, Workbook>;
  secrets: Record<string, EmbeddingSecret & { privateKey?: string; /** Where the key came from, in words (the wrong-key hints name it). */ keyOrigin?: string }>;
  entries: Record<string, Entry>;
  embeds: Record<string, SeededEmbed>;
  /** Connectors and connections of the `partner` section. */
  partner?: { connectors: Record<string, ConnectorRecord>; connections: Record<string, SeededConnection> };
}
