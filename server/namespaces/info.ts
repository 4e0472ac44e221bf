/** One live namespace, as `GET /_mock/namespaces` lists it (a module of its own: the test kit publishes it). */
export interface NamespaceInfo {
  name: string;
  /** Where its routes live: `/_ns/<name>` + any emulator path. */
  base: string;
  createdAt: string;
  lastUsedAt: string;
  requests: number;
}
