import { Box, Text } from 'ink';
import type { ApprovalMode } from '../model/agent.js';
import type { AgentStatus } from '../model/status.js';
import { fit, formatDuration, preciseTime, stateColor, stateLabel } from './format.js';
import type { Rect } from './layout.js';

export interface SidebarProps {
  statuses: readonly AgentStatus[];
  selected: number;
  rect: Rect;
  now: number;
  /** A second line for an agent (an isolated agent's branch and line counts, where its review stands), if any. */
  detail?: (name: string) => { text: string; warn: string | null; review?: string | null; comments?: string | null } | null;
  /** Each agent's approval mode and how many prompts agentmux approved for it. */
  approval?: (name: string) => { mode: ApprovalMode; approved: number };
}

/** After the state of an agent that rang its bell or wrote a notification, until you look at it. */
export const ALERT_MARK = ' !';

const MODE_COLOR: Record<ApprovalMode, string | undefined> = { rules: undefined, manual: 'cyan', pause: 'yellow' };

/**
 * The agent's own permission mode when it has left its default (Claude Code's shift+tab, or an
 * option such as "allow all edits during this session"): shown instead of agentmux's mode, since
 * the agent no longer asks what that mode would decide.
 */
const AGENT_MODES: Record<string, { word: string; color: string }> = {
  'accept edits': { word: 'edits', color: 'yellow' },
  auto: { word: 'auto', color: 'red' },
  bypass: { word: 'bypass', color: 'red' },
  plan: { word: 'plan', color: 'cyan' },
};

/**
 * Which agents fit in `height` rows (each takes one, or two with a detail line), keeping the
 * selected one in view; a last row says how many more there are. Pure.
 */
export function sidebarWindow(count: number, selected: number, height: number, rowsOf: (i: number) => number): { start: number; end: number } {
  let total = 0;
  for (let i = 0; i < count; i++) total += rowsOf(i);
  if (total <= height) return { start: 0, end: count };
  const room = height - 1; // the last row says "+N more"
  const endFrom = (start: number) => {
    let used = 0;
    let end = start;
    while (end < count && used + rowsOf(end) <= room) used += rowsOf(end++);
    return end;
  };
  let start = 0;
  while (start < selected && endFrom(start) <= selected) start++;
  return { start, end: endFrom(start) };
}

/**
 * Every agent on one line: number, name, state, time in that state, approval mode. A narrow
 * sidebar keeps the whole name and the state, and drops the mode, then the time.
 */
export function Sidebar({ statuses, selected, rect, now, detail, approval }: SidebarProps) {
  const inner = rect.width - 2;
  const { start, end } = sidebarWindow(statuses.length, selected, Math.max(0, rect.height - 2), (i) => (detail?.(statuses[i]!.name) ? 2 : 1));
  const visible = statuses.slice(start, end);
  const rows = visible.map((s) => {
    const a = approval?.(s.name);
    // An agent's own alert (a bell, a notification) nobody has looked at yet: a mark after its state.
    return { s, label: stateLabel(s) + (s.alert ? ALERT_MARK : ''), time: formatDuration(now - s.since, preciseTime(s.state)), mode: a?.mode ?? null, approved: a?.approved ? `✓${a.approved}` : '' };
  });
  // Columns: mark, number, name, state, time, then approval mode and count: "› 2 edit   approval 10s rules ✓3".
  const stateWidth = Math.max(0, ...rows.map((r) => r.label.length));
  const timeWidth = Math.max(0, ...rows.map((r) => r.time.length));
  const modeWidth = approval ? 7 + Math.max(0, ...rows.map((r) => (r.approved ? r.approved.length + 1 : 0))) : 0;
  const longest = Math.max(3, ...statuses.map((s) => [...s.name].length));
  const nameWidth = Math.max(3, Math.min(longest, inner - 5 - stateWidth));
  const rest = inner - 5 - nameWidth - stateWidth;
  const showTime = rest >= timeWidth + 1;
  const showMode = showTime && rest >= timeWidth + 1 + modeWidth;
  const pad = Math.max(0, rest - (showTime ? timeWidth + 1 : 0) - (showMode ? modeWidth : 0));
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="gray">
      {rows.map(({ s, label, time, mode, approved }, j) => {
        const i = start + j;
        const more = detail?.(s.name);
        return (
          <Box key={s.name} flexDirection="column">
            <Text wrap="truncate">
              {/* Only the number and name are inverted: a coloured state inside an inverted row would be unreadable. */}
              <Text inverse={i === selected} bold={i === selected}>
                {i === selected ? '›' : ' '}
                {String(i + 1).padStart(2)} {fit(s.name, nameWidth).padEnd(nameWidth + pad)}
              </Text>{' '}
              <Text color={stateColor(s)}>{s.alert ? label.slice(0, -ALERT_MARK.length) : label}</Text>
              {s.alert ? (
                <Text color="yellow" bold>
                  {ALERT_MARK}
                </Text>
              ) : null}
              {' '.repeat(stateWidth - label.length)}
              {showTime ? <Text dimColor> {time.padStart(timeWidth)}</Text> : null}
              {mode && showMode ? (
                <>
                  {' '}
                  {s.agentMode ? (
                    <Text color={AGENT_MODES[s.agentMode]?.color ?? 'red'} bold>
                      {(AGENT_MODES[s.agentMode]?.word ?? s.agentMode).slice(0, 6).padEnd(6)}
                    </Text>
                  ) : (
                    <Text color={MODE_COLOR[mode]} dimColor={mode === 'rules'}>
                      {mode.padEnd(6)}
                    </Text>
                  )}
                  {approved ? <Text color="green"> {approved}</Text> : null}
                </>
              ) : null}
            </Text>
            {more ? (
              <Text wrap="truncate" dimColor>
                {'    '}
                {more.review ? <Text color="cyan">{more.review} </Text> : null}
                {more.text}
                {more.warn ? <Text color="yellow"> {more.warn}</Text> : null}
                {more.comments ? <Text color="magenta"> {more.comments}</Text> : null}
              </Text>
            ) : null}
          </Box>
        );
      })}
      {statuses.length > visible.length ? <Text dimColor>+{statuses.length - visible.length} more</Text> : null}
    </Box>
  );
}
