/** The agent kinds agentmux knows how to read. `shell` covers any other command. */
export const AGENT_KINDS = ['claude', 'codex', 'gemini', 'aider', 'shell'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
