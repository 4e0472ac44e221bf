// The answer of `POST /_mock/tokens`, in a module of its own so the client's published types need no Express.
export interface MintedToken {
  token: string;
  embedId: string;
  entryId: string;
  /** `widget` for a chart embed (open /embeds/chart), `dash` for a dashboard (open /embeds/dash). */
  scope: 'widget' | 'dash';
  iat: number;
  exp: number;
}
