import { Box, Text } from 'ink';
import { plural } from '../git/plural.js';
import type { AgentState } from '../model/screen.js';
import type { AgentStatus } from '../model/status.js';

const ORDER: ReadonlyArray<[AgentState, string, string]> = [
  ['approval', 'need you', 'yellow'],
  ['stalled', 'stalled', 'magenta'],
  ['working', 'working', 'green'],
  ['idle', 'idle', 'blue'],
  ['starting', 'starting', 'gray'],
  ['exited', 'exited', 'gray'],
];

/** Top line: the product name and how many agents are in each state. */
export function Header({ statuses, width }: { statuses: readonly AgentStatus[]; width: number }) {
  const counts = ORDER.map(([state, word, color]) => ({ word, color, n: statuses.filter((s) => s.state === state).length })).filter((c) => c.n > 0);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>agentmux</Text>
        <Text dimColor> · {plural(statuses.length, 'agent')}</Text>
        {counts.map((c) => (
          <Text key={c.word}>
            <Text dimColor> · </Text>
            <Text color={c.color}>
              {c.n} {c.word}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
