/**
 * A permission rule, parsed once when the config is loaded (lib/rules.ts parses, matches and
 * prints them). The syntax is Claude Code's: `Tool` (every use), `Bash(npm test)` (that exact
 * command), `Bash(npm run lint:*)` (that command, or it followed by arguments), `Bash(git * main)`
 * (`*` any text), `Edit(src/**)` (paths relative to the agent's directory; `/x` the agent's
 * directory too, `//x` absolute, `~/x` home), `WebFetch(domain:host)`, `mcp__server` or
 * `mcp__server__tool`. `text` is the rule as written, for people and the audit trail.
 */
export type Rule =
  | { text: string; tool: string; match: 'any' }
  | { text: string; tool: 'Bash'; match: 'command'; command: string; pattern: RegExp; wildcard: boolean }
  | { text: string; tool: string; match: 'path'; glob: string; base: 'agent' | 'root' | 'home'; anchored: boolean }
  | { text: string; tool: 'WebFetch'; match: 'domain'; host: string };

/** An agent's rules: global ones first, then its own (config `permissions`). */
export interface RuleSet {
  allow: Rule[];
  deny: Rule[];
}
