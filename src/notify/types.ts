import type { AgentState } from '../model/screen.js';

/** Why a notification goes out. */
export type NotifyEvent = 'approval' | 'finished' | 'stalled' | 'exited' | 'alert' | 'reminder' | 'summary' | 'digest' | 'test';

/** One notification, channel-independent. Text is plain (control characters stripped). */
export interface Notification {
  event: NotifyEvent;
  agent: string;
  state: AgentState;
  prev: AgentState;
  title: string;
  body: string;
}
