import { Box, Text } from 'ink';
import { hints, type Mode } from './keymap.js';
import type { ScrollState } from './ui-state.js';

export interface StatusLineProps {
  mode: Mode;
  width: number;
  busyCount: number;
  /** The agent a question is about (ending it). */
  agent?: string;
  detachKey: string;
  message: { text: string; tone: 'info' | 'warn' } | null;
  scroll?: ScrollState | null;
}

/** Bottom line: the question being asked, or the last message and the keys that matter now. */
export function StatusLine({ mode, width, busyCount, agent, detachKey, message, scroll }: StatusLineProps) {
  let content;
  if (scroll) {
    content =
      scroll.typing !== null ? (
        <Text wrap="truncate">
          <Text color="cyan">search: </Text>
          {scroll.typing}
          <Text inverse> </Text>
          <Text dimColor> · enter find · esc cancel</Text>
        </Text>
      ) : (
        <Text wrap="truncate">
          {scroll.note ? <Text color="red">{scroll.note} · </Text> : null}
          <Text dimColor>PgUp/PgDn/↑/↓ scroll · / search · n/N next match up/down · esc back to live · any other key goes to the agent</Text>
        </Text>
      );
  } else if (mode === 'confirm-quit') {
    content = (
      <Text wrap="truncate" color="yellow" bold>
        {busyCount} {busyCount === 1 ? 'agent is' : 'agents are'} still running. Quit and end {busyCount === 1 ? 'it' : 'them'}? (y/n)
      </Text>
    );
  } else if (mode === 'confirm-kill') {
    content = (
      <Text wrap="truncate" color="yellow" bold>
        End {agent} and every process it started? (y/n)
      </Text>
    );
  } else {
    content = (
      <Text wrap="truncate">
        {message && mode !== 'approval' ? <Text color={message.tone === 'warn' ? 'red' : 'cyan'}>{message.text} · </Text> : null}
        <Text dimColor>{hints(mode, detachKey)}</Text>
      </Text>
    );
  }
  return (
    <Box width={width} height={1}>
      {content}
    </Box>
  );
}
