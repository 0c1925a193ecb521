/** One numbered schema step. Applied once, in order, each inside its own transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
