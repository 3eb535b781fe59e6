/** The files one agent has changed, as absolute paths in the user's tree (an isolated agent's mapped there). */
export interface ChangedFiles {
  agent: string;
  files: readonly string[];
}

/** What one agent shares with others: the other agents, and for each shared file who else changed it. */
export interface Overlap {
  /** The other agents, in the order given. */
  with: string[];
  /** Shared file (absolute path) → the other agents that changed it. */
  files: Map<string, string[]>;
}

/**
 * Which agents changed the same files: merging one will conflict with the other. Agents without
 * a shared file are not in the result. Pure; the agents' order is kept.
 */
export function findOverlaps(list: readonly ChangedFiles[]): Map<string, Overlap> {
  const byFile = new Map<string, string[]>();
  for (const { agent, files } of list) {
    for (const f of new Set(files)) byFile.set(f, [...(byFile.get(f) ?? []), agent]);
  }
  const out = new Map<string, Overlap>();
  for (const { agent, files } of list) {
    const shared = new Map<string, string[]>();
    for (const f of new Set(files)) {
      const others = byFile.get(f)!.filter((a) => a !== agent);
      if (others.length) shared.set(f, others);
    }
    if (!shared.size) continue;
    const others = new Set([...shared.values()].flat());
    out.set(agent, { with: list.map((l) => l.agent).filter((a) => others.has(a)), files: shared });
  }
  return out;
}

/** The same overlaps, as text: to tell whether a recomputation changed anything. */
export function overlapsKey(m: ReadonlyMap<string, Overlap>): string {
  return JSON.stringify([...m].map(([a, o]) => [a, [...o.files]]));
}
