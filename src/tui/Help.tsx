import { Box, Text } from 'ink';
import { KEYMAP, keyLabel, type Mode } from './keymap.js';
import type { Rect } from './layout.js';

const TITLES: Record<Mode, string> = { dashboard: 'Dashboard', 'confirm-quit': 'When asked to quit', help: 'This help' };

/** Every key, read from the keymap that dispatches them. */
export function Help({ rect }: { rect: Rect }) {
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys</Text>
      {(Object.keys(KEYMAP) as Mode[]).map((mode) => (
        <Box key={mode} flexDirection="column" marginTop={1}>
          <Text underline>{TITLES[mode]}</Text>
          {KEYMAP[mode].map((b) => (
            <Text key={b.command} wrap="truncate">
              <Text color="cyan">{b.keys.map(keyLabel).join(', ').padEnd(22)}</Text>
              {b.help}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
