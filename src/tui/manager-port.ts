import type { SessionManager } from '../session/manager.js';

/**
 * What the dashboard's keys use of the session manager: the one seam between keys and agents,
 * small enough for a test to stand in for it.
 */
export type ManagerPort = Pick<SessionManager, 'agents' | 'statuses' | 'busyCount' | 'session' | 'onChange' | 'setPriority' | 'addAgent' | 'answer' | 'end' | 'remove' | 'restart' | 'seen'>;
