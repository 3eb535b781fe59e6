import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { hints, KEYMAP, keysLabel, type Mode } from './keymap.js';
import type { Rect } from './layout.js';

const TITLES: Record<Mode, string> = {
  dashboard: 'Dashboard',
  approval: 'When the selected agent waits on a prompt',
  focus: 'Focused on an agent',
  'new-agent': 'In the new-agent form (c)',
  review: 'Reviewing an isolated agent (d)',
  'review-confirm': 'When the review asks (merge with flags, discard)',
  'review-commit': 'When a merge finds uncommitted files',
  'review-message': 'Typing the commit message',
  'confirm-quit': 'When asked to quit',
  'confirm-kill': 'When asked to end an agent',
  'option-pick': 'After o (pick another option)',
  'confirm-option': 'When an option would change the permission mode',
  'approval-mode': 'Choosing an approval mode (m)',
  'approvals-log': 'The approval decisions (L)',
  help: 'This help',
};

/** Two columns, so every key fits on one screen. */
const COLUMNS: Mode[][] = [
  ['dashboard', 'approval', 'option-pick', 'confirm-option', 'focus', 'approvals-log', 'help'],
  ['review', 'review-confirm', 'review-commit', 'review-message', 'approval-mode', 'new-agent', 'confirm-quit', 'confirm-kill'],
];

function Section({ mode, detachKey, width }: { mode: Mode; detachKey: string; width: number }) {
  const keyWidth = Math.min(16, Math.floor(width / 3));
  const row = (keys: string, help: string) => (
    <Text key={keys} wrap="truncate">
      <Text color="cyan">{keys.padEnd(keyWidth)}</Text>
      {help}
    </Text>
  );
  let rows: ReactNode[];
  if (mode === 'focus') {
    rows = [row('any other key', 'goes to the agent as typed'), row(detachKey, 'back to the dashboard'), row('PgUp / wheel', "the agent's history (then / search, n/N, esc)")];
  } else if (mode === 'new-agent' || mode === 'review-message') {
    rows = [
      <Text key="form" wrap="truncate">
        {hints(mode)}
      </Text>,
    ];
  } else {
    // The approval section lists only what it adds to the dashboard's keys.
    rows = KEYMAP[mode].filter((b) => mode !== 'approval' || !KEYMAP.dashboard.includes(b)).map((b) => row(keysLabel(b.keys), b.help));
  }
  return (
    <Box flexDirection="column" marginBottom={1} flexShrink={0}>
      <Text underline>{TITLES[mode]}</Text>
      {rows}
    </Box>
  );
}

/** Every key, read from the keymap that dispatches them. */
export function Help({ rect, detachKey }: { rect: Rect; detachKey: string }) {
  const colWidth = Math.floor((rect.width - 4) / 2);
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1} overflowY="hidden">
      <Text bold>Keys</Text>
      <Box flexDirection="row" flexShrink={0}>
        {COLUMNS.map((modes, i) => (
          <Box key={i} flexDirection="column" width={colWidth} marginRight={1} flexShrink={0}>
            {modes.map((m) => (
              <Section key={m} mode={m} detachKey={detachKey} width={colWidth} />
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
