/** The states of an agent, as DESIGN.md defines them. */
export const AGENT_STATES = ['starting', 'working', 'approval', 'idle', 'stalled', 'exited'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
