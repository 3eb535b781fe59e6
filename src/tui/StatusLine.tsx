import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { fit } from './format.js';
import type { Mode } from './keymap.js';
import type { ConfirmOption, ScrollState } from './ui-state.js';

export interface StatusLineProps {
  mode: Mode;
  width: number;
  busyCount: number;
  /** The agent a question is about (ending it). */
  agent?: string;
  /** The keys that matter now ("j/k select · ? help · q quit"), from the screen's key table. */
  hints: string;
  message: { text: string; tone: 'info' | 'warn' } | null;
  scroll?: ScrollState | null;
  /** The option waiting for `y` (mode 'confirm-option'). */
  confirm?: ConfirmOption | null;
}

/** Bottom line: the question being asked, or the last message and the keys that matter now. */
export function StatusLine({ mode, width, busyCount, agent, hints, message, scroll, confirm }: StatusLineProps) {
  let content: ReactNode;
  if (scroll) {
    content =
      scroll.typing !== null ? (
        <Text wrap="truncate">
          <Text color="cyan">search: </Text>
          {scroll.typing}
          <Text inverse> </Text>
          <Text dimColor> · {hints}</Text>
        </Text>
      ) : (
        <Text wrap="truncate">
          {scroll.note ? <Text color="red">{scroll.note} · </Text> : null}
          <Text dimColor>{hints}</Text>
        </Text>
      );
  } else if (mode === 'confirm-quit') {
    content = (
      <Text wrap="truncate" color="yellow" bold>
        {busyCount} {busyCount === 1 ? 'agent is' : 'agents are'} still running. Quit and end {busyCount === 1 ? 'it' : 'them'}? {hints}
      </Text>
    );
  } else if (mode === 'confirm-option' && confirm) {
    content = (
      <Text wrap="truncate" color="yellow" bold>
        Switch {confirm.agent} to {confirm.what.mode} for the rest of its session? (y/n) · {confirm.what.detail} · sends “{confirm.label}”
      </Text>
    );
  } else if (mode === 'option-pick') {
    content = (
      <Text wrap="truncate" color="cyan">
        {hints}
      </Text>
    );
  } else if (mode === 'confirm-kill') {
    content = (
      <Text wrap="truncate" color="yellow" bold>
        End {agent} and every process it started? (y/n)
      </Text>
    );
  } else {
    const keys = hints;
    // A long message is cut, never the key hints: they keep at least half the line.
    const room = Math.max(0, width - Math.min(keys.length, Math.floor(width / 2)) - 3);
    content = (
      <Text wrap="truncate">
        {message && mode !== 'approval' ? <Text color={message.tone === 'warn' ? 'red' : 'cyan'}>{fit(message.text, room)} · </Text> : null}
        <Text dimColor>{keys}</Text>
      </Text>
    );
  }
  return (
    <Box width={width} height={1}>
      {content}
    </Box>
  );
}
