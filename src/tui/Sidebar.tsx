import { Box, Text } from 'ink';
import type { AgentStatus } from '../session/manager.js';
import { fit, formatDuration, stateColor, stateLabel } from './format.js';
import type { Rect } from './layout.js';

export interface SidebarProps {
  statuses: readonly AgentStatus[];
  selected: number;
  rect: Rect;
  now: number;
}

/** Every agent on one line: number, name, state, time in that state. */
export function Sidebar({ statuses, selected, rect, now }: SidebarProps) {
  const inner = rect.width - 2;
  const visible = statuses.slice(0, Math.max(0, rect.height - 2));
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="gray">
      {visible.map((s, i) => {
        const time = formatDuration(now - s.since);
        const label = stateLabel(s);
        const nameWidth = Math.max(3, inner - label.length - time.length - 5);
        const mark = i === selected ? '›' : ' ';
        return (
          <Text key={s.name} wrap="truncate" inverse={i === selected}>
            {mark}
            {String(i + 1).padStart(2)} {fit(s.name, nameWidth).padEnd(nameWidth)} <Text color={stateColor(s)}>{label}</Text>{' '}
            <Text dimColor>{time}</Text>
          </Text>
        );
      })}
      {statuses.length > visible.length ? <Text dimColor>+{statuses.length - visible.length} more</Text> : null}
    </Box>
  );
}
