import { lstatSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EventsLog } from './events/events-log.js';
import { makeDirectory } from './session/make-dir.js';

/** What a run writes besides its transcripts: the `--events` file and the `--record` directory. */
export interface Outputs {
  events?: EventsLog;
  recordDir?: string;
  /** Removes what opening them created (an events file still empty, the directories made for `--record`): for a run refused before it starts. */
  undo(): void;
}

/** Whether anything is at `path` (an error other than "not there" counts as something, which is then left alone). */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/** The directories that making `dir` would create, outermost first. */
function missingDirectories(dir: string): string[] {
  const missing: string[] = [];
  for (let at = dir; !present(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  return missing;
}

/**
 * Opens `--events` and makes `--record`'s directory, so a bad one is refused in one line before
 * anything starts; when one fails, what the other made is removed again.
 */
export function openOutputs(flags: { events?: string; record?: string }): Outputs {
  let events: EventsLog | undefined;
  let createdFile: string | null = null;
  let createdDirs: string[] = [];
  const undo = () => {
    events?.close();
    try {
      if (createdFile && statSync(createdFile).size === 0) unlinkSync(createdFile);
    } catch {
      // gone already
    }
    for (const dir of [...createdDirs].reverse()) {
      try {
        rmdirSync(dir); // only ever an empty one
      } catch {
        // never made, or something is in it now: it stays
      }
    }
  };
  try {
    if (flags.events !== undefined) {
      const existed = present(flags.events);
      events = new EventsLog(flags.events);
      if (!existed) createdFile = flags.events;
    }
    if (flags.record !== undefined) {
      const dir = resolve(flags.record);
      createdDirs = missingDirectories(dir);
      makeDirectory(dir, '--record');
    }
  } catch (err) {
    undo();
    throw err;
  }
  return { ...(events ? { events } : {}), ...(flags.record !== undefined ? { recordDir: resolve(flags.record) } : {}), undo };
}
