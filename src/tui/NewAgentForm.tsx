import { Box, Text } from 'ink';
import type { Rect } from './layout.js';
import { FORM_FIELDS, type FormState } from './new-agent-form.js';

/** The `c` form: a new agent's name, command, directory and first task. */
export function NewAgentForm({ form, rect }: { form: FormState; rect: Rect }) {
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Start a new agent</Text>
      {FORM_FIELDS.map((label, i) => (
        <Box key={label} marginTop={1}>
          <Text color={i === form.field ? 'cyan' : undefined} bold={i === form.field}>
            {label.padEnd(12)}
          </Text>
          <Text wrap="truncate-start">
            {form.values[i]}
            {i === form.field ? <Text inverse> </Text> : null}
          </Text>
        </Box>
      ))}
      <Box marginTop={1}>{form.error ? <Text color="red">{form.error}</Text> : <Text dimColor>enter on the last field starts it; the first task is typed in once the agent is ready</Text>}</Box>
    </Box>
  );
}
