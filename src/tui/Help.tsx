import { Box, Text } from 'ink';
import { hints, KEYMAP, keysLabel, type Mode } from './keymap.js';
import type { Rect } from './layout.js';

const TITLES: Record<Mode, string> = {
  dashboard: 'Dashboard',
  approval: 'When the selected agent waits on a prompt',
  focus: 'Focused on an agent',
  'new-agent': 'In the new-agent form (c)',
  review: 'Reviewing an isolated agent (d)',
  'confirm-quit': 'When asked to quit',
  'confirm-kill': 'When asked to end an agent',
  help: 'This help',
};

/** Every key, read from the keymap that dispatches them. */
export function Help({ rect, detachKey }: { rect: Rect; detachKey: string }) {
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1} overflowY="hidden">
      <Text bold>Keys</Text>
      {(Object.keys(KEYMAP) as Mode[]).map((mode) => (
        <Box key={mode} flexDirection="column" marginTop={1}>
          <Text underline>{TITLES[mode]}</Text>
          {mode === 'focus' ? (
            <>
              <Text wrap="truncate">
                <Text color="cyan">{detachKey.padEnd(22)}</Text>back to the dashboard; every other key goes to the agent
              </Text>
              <Text wrap="truncate">
                <Text color="cyan">{'PgUp'.padEnd(22)}</Text>the agent's history: PgUp/PgDn/↑/↓ scroll, / search, n/N next match, esc back to live
              </Text>
            </>
          ) : mode === 'new-agent' ? (
            <Text wrap="truncate">{hints('new-agent')}</Text>
          ) : (
            KEYMAP[mode]
              .filter((b) => mode === 'dashboard' || mode !== 'approval' || !KEYMAP.dashboard.includes(b))
              .map((b) => (
                <Text key={b.command} wrap="truncate">
                  <Text color="cyan">{keysLabel(b.keys).padEnd(22)}</Text>
                  {b.help}
                </Text>
              ))
          )}
        </Box>
      ))}
    </Box>
  );
}
