import { Box, Text } from 'ink';
import type { AuditEntry } from '../approvals/audit.js';
import { logLines } from './approvals-log.js';
import type { Rect } from './layout.js';

const COLOR: Record<AuditEntry['decision'], string> = { approved: 'green', denied: 'red', left: 'yellow', answered: 'cyan', 'not-sent': 'red', stopped: 'red' };

/** `L`: the latest approval decisions, newest first. */
export function ApprovalsLog({ entries, rect }: { entries: readonly AuditEntry[]; rect: Rect }) {
  const lines = logLines(entries, rect.height - 3);
  const agentWidth = Math.max(5, ...lines.map((l) => l.agent.length));
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1} overflowY="hidden">
      <Text bold>Approval decisions, newest first</Text>
      {lines.length === 0 ? <Text dimColor>none yet: every prompt agentmux answers or leaves for you is listed here</Text> : null}
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          <Text dimColor>{l.time}</Text> {l.agent.padEnd(agentWidth)} <Text color={COLOR[l.decision]}>{l.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
