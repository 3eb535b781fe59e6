/** What a review is made of: the files an agent changed and what is flagged in them. */

export interface FileChange {
  path: string;
  added: number;
  removed: number;
  /** A (added), M, D, R, or ? (new and not yet added to git). */
  status: string;
}

/** What a careful reviewer would stop at, for one file. */
export interface Flag {
  file: string;
  kind: 'outside-scope' | 'todo' | 'focused-or-skipped-test' | 'deleted-test' | 'secret' | 'repo-config' | 'hook';
  detail: string;
}
