import { Box, Text } from 'ink';
import type { BarLine } from './approval-bar.js';

const COLORS: Record<NonNullable<BarLine['style']>, { color?: string; bold?: boolean; dimColor?: boolean }> = {
  title: { color: 'yellow', bold: true },
  subject: { bold: true },
  option: {},
  selected: { color: 'cyan' },
  hint: { dimColor: true },
  warn: { color: 'red' },
};

/** The waiting agent's prompt, with the keys that answer it (lines from approval-bar.ts). */
export function ApprovalBar({ lines, width }: { lines: readonly BarLine[]; width: number }) {
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" {...COLORS[l.style ?? 'option']}>
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
