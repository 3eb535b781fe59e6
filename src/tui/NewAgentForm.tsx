import { Box, Text } from 'ink';
import type { Rect } from './layout.js';
import { FORM_CHOICES, FORM_FIELDS, type FormState } from './new-agent-form.js';

const NOTES: Record<string, string> = {
  isolate: 'its own git worktree and branch agentmux/<name>',
  scope: 'globs of the files it should touch, e.g. src/api/** test/**',
  'approval mode': 'default: the config’s; manual, rules or pause',
};

/** The `c` form: a new agent's name, command, directory, isolation, scope, approval mode and first task. */
export function NewAgentForm({ form, rect }: { form: FormState; rect: Rect }) {
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1} overflowY="hidden">
      <Text bold>Start a new agent</Text>
      {FORM_FIELDS.map((label, i) => {
        const active = i === form.field;
        const choice = FORM_CHOICES[i] !== undefined;
        return (
          <Box key={label} marginTop={1}>
            <Text color={active ? 'cyan' : undefined} bold={active}>
              {label.padEnd(14)}
            </Text>
            <Text wrap="truncate-start">
              {choice ? (
                <Text inverse={active}>‹ {form.values[i]} ›</Text>
              ) : (
                <>
                  {form.values[i]}
                  {active ? <Text inverse> </Text> : null}
                </>
              )}
              {NOTES[label] ? (
                <Text dimColor>
                  {' '}
                  {choice && active ? 'space/←/→ change · ' : ''}
                  {NOTES[label]}
                </Text>
              ) : null}
            </Text>
          </Box>
        );
      })}
      <Box marginTop={1}>{form.error ? <Text color="red">{form.error}</Text> : <Text dimColor>enter on the last field starts it; the first task is typed in once the agent is ready</Text>}</Box>
    </Box>
  );
}
