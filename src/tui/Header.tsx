import { Box, Text } from 'ink';
import { plural } from '../lib/plural.js';
import type { AgentState } from '../model/screen.js';
import type { AgentStatus } from '../model/status.js';
import { STATE_COLORS } from './format.js';

/** The states counted, most urgent first, with the word the header uses. */
const ORDER: ReadonlyArray<[AgentState, string]> = [
  ['approval', 'need you'],
  ['stalled', 'stalled'],
  ['working', 'working'],
  ['idle', 'idle'],
  ['starting', 'starting'],
  ['exited', 'exited'],
];

/** Top line: the product name and how many agents are in each state. */
export function Header({ statuses, width }: { statuses: readonly AgentStatus[]; width: number }) {
  const counts = ORDER.map(([state, word]) => ({ word, color: STATE_COLORS[state], n: statuses.filter((s) => s.state === state).length })).filter((c) => c.n > 0);
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
