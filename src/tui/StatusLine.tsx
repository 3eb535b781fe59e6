import { Box, Text } from 'ink';
import { hints, type Mode } from './keymap.js';

/** Bottom line: the keys that matter now, or the question being asked. */
export function StatusLine({ mode, width, busyCount }: { mode: Mode; width: number; busyCount: number }) {
  return (
    <Box width={width} height={1}>
      {mode === 'confirm-quit' ? (
        <Text wrap="truncate" color="yellow" bold>
          {busyCount} {busyCount === 1 ? 'agent is' : 'agents are'} still running. Quit and end {busyCount === 1 ? 'it' : 'them'}? (y/n)
        </Text>
      ) : (
        <Text wrap="truncate" dimColor>
          {hints(mode)}
        </Text>
      )}
    </Box>
  );
}
