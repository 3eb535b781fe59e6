import { Box, Text } from 'ink';
import { hints, type Mode } from './keymap.js';

export interface StatusLineProps {
  mode: Mode;
  width: number;
  busyCount: number;
  /** The agent a question is about (ending it). */
  agent?: string;
  detachKey: string;
  message: { text: string; tone: 'info' | 'warn' } | null;
}

/** Bottom line: the question being asked, or the last message and the keys that matter now. */
export function StatusLine({ mode, width, busyCount, agent, detachKey, message }: StatusLineProps) {
  let content;
  if (mode === 'confirm-quit') {
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
