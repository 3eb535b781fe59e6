import type { Dialog } from './screen-model.js';
import { SGR } from './screen-model.js';

/** The four demo agents: their names are what the dashboard shows. */
export const DEMO_SCENARIOS = ['build', 'edit', 'docs', 'stall'] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

export const DEMO_AGENTS: ReadonlyArray<{ name: string; scenario: DemoScenario }> = DEMO_SCENARIOS.map((scenario) => ({ name: scenario, scenario }));

export const TASKS: Record<DemoScenario, string> = {
  build: 'Run the build and fix any type errors',
  edit: 'Make the request timeout configurable',
  docs: 'What does the retry helper do?',
  stall: 'Upgrade the database driver and run the migrations',
};

export function bashDialog(command: string, description: string): Dialog {
  const prefix = command.split(' ').slice(0, 2).join(' ');
  return {
    header: 'Bash command',
    body: [`   ${command}`, `   ${SGR.gray}${description}${SGR.reset}`],
    note: 'This command requires approval',
    question: 'Do you want to proceed?',
    options: ['Yes', `Yes, and don’t ask again for: ${prefix} *`, 'No'],
    hint: 'Esc to cancel · Tab to amend · ctrl+e to explain',
  };
}

export function editDialog(file: string): Dialog {
  const base = file.split('/').pop()!;
  return {
    header: 'Edit file',
    body: [
      ` ${file}`,
      `${SGR.rule}${'╌'.repeat(40)}${SGR.reset}`,
      ` 12  export const config = {`,
      ` ${SGR.red}13 -  timeoutMs: 5000,${SGR.reset}`,
      ` ${SGR.green}13 +  timeoutMs: Number(process.env.TIMEOUT_MS ?? 5000),${SGR.reset}`,
      ` ${SGR.green}14 +  retries: 3,${SGR.reset}`,
      ` 15  };`,
      `${SGR.rule}${'╌'.repeat(40)}${SGR.reset}`,
    ],
    question: `Do you want to make this edit to ${base}?`,
    options: ['Yes', 'Yes, allow all edits during this session (shift+tab)', 'No'],
    hint: 'Esc to cancel · Tab to amend',
  };
}
