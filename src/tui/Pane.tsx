import { Box, Text } from 'ink';
import { memo } from 'react';
import type { AgentStatus } from '../model/status.js';
import { fit, stateColor, stateLabel } from './format.js';
import type { PaneRect } from './layout.js';

export interface PaneProps {
  index: number;
  status: AgentStatus;
  rect: PaneRect;
  selected: boolean;
  /** Shown after the state in the title (the history view says where it is). */
  note?: string;
}

/**
 * One agent's pane: a bordered box with its number, name and state on top. The inside stays
 * empty here: the pane painter draws the agent's screen into it (see pane-painter.ts).
 */
export const Pane = memo(function Pane({ index, status, rect, selected, note }: PaneProps) {
  const color = stateColor(status);
  const title = `${index + 1} ${status.name}`;
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle={selected ? 'bold' : 'round'} borderColor={color}>
      <Text wrap="truncate">
        <Text bold>{fit(title, rect.inner.cols - stateLabel(status).length - 3)}</Text>
        <Text color={color}> · {stateLabel(status)}</Text>
        {note ? <Text color="cyan"> · {note}</Text> : null}
      </Text>
    </Box>
  );
});
