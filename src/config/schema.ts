import { z } from 'zod';
import { APPROVAL_MODES } from '../model/agent.js';
import { detachKeyProblem } from './detach-key.js';
import { globProblem } from '../lib/glob.js';
import { MAX_DURATION_MS, parseDuration } from './duration.js';
import { AGENT_KINDS } from '../model/kinds.js';

/** Agent names end up in file names, branch names and the sidebar: keep them tame. */
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

const rules = z.strictObject({ allow: z.array(z.string().min(1)), deny: z.array(z.string().min(1)) }).partial();

/** Why a name cannot be an agent's name (it ends up in file names, branch names and the sidebar), or null. */
export function agentNameProblem(name: string): string | null {
  if (!AGENT_NAME.test(name)) return 'must be 1-32 letters, digits, ".", "_" or "-", starting with a letter or digit';
  if (name.includes('..')) return 'must not contain ".." (it names a git branch)';
  if (name.endsWith('.') || name.endsWith('.lock')) return 'must not end with "." or ".lock" (it names a git branch)';
  return null;
}

/** Why a worktree directory would not stay inside the repository, or null. */
function worktreeDirProblem(dir: string): string | null {
  if (dir.startsWith('/') || dir.startsWith('~')) return 'must be relative to the repository, not an absolute path';
  if (dir.split(/[\\/]/).includes('..')) return 'must stay inside the repository (no ".." in it)';
  if (dir.includes('\0')) return 'must not contain a NUL character';
  return null;
}

const glob = z
  .string()
  .min(1)
  .superRefine((v, ctx) => {
    const problem = globProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid glob: ${problem}` });
  });

/** `worktree`, at the top level and per agent: how a new worktree is made ready. */
const worktreePrep = z
  .strictObject({
    copy: z.array(glob),
    setup: z
      .string()
      .trim()
      .min(1, { message: 'must not be empty (leave it out for none)' })
      .refine((v) => !v.includes('\0'), { message: 'must not contain a NUL character' }),
  })
  .partial();

const agentSchema = z.strictObject({
  name: z.string().superRefine((v, ctx) => {
    const problem = agentNameProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  command: z.union([
    z.string().trim().min(1, { message: 'must not be empty' }),
    z
      .array(z.string())
      .min(1, { message: 'must hold at least the program' })
      .refine((a) => a[0]!.trim() !== '', { message: 'must start with the program, not an empty string' }),
  ]),
  cwd: z.string().min(1).optional(),
  env: z
    .preprocess(
      (v, ctx) => {
        // zod drops this key from a record without a word (it would set the prototype): say so.
        if (v !== null && typeof v === 'object' && Object.hasOwn(v, '__proto__')) {
          ctx.addIssue({ code: 'custom', message: 'cannot be an environment variable name here', path: ['__proto__'] });
        }
        return v;
      },
      z.record(
        z.string().regex(/^[^=\0]+$/, { message: 'an environment variable name must not be empty or contain "=" or NUL' }),
        z.string().refine((v) => !v.includes('\0'), { message: 'must not contain a NUL character' }),
      ),
    )
    .optional(),
  kind: z.enum(AGENT_KINDS).optional(),
  prompt: z.string().optional(),
  isolate: z.boolean().optional(),
  scope: z.array(glob).optional(),
  worktree: worktreePrep.optional(),
  permissions: rules.optional(),
  approvalMode: z.enum(APPROVAL_MODES).optional(),
  permissionMode: z
    .string()
    .regex(/^[A-Za-z]+$/, { message: 'must be a Claude Code permission mode such as "default", "acceptEdits" or "plan"' })
    .optional(),
});

/** A duration field: "90s", "3m", "500ms" or a number of seconds. */
function duration(what: string) {
  return z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== null, { message: `must be ${what}, at most a week ("168h")` });
}

export const configSchema = z.strictObject({
  agents: z.array(agentSchema).min(1, { message: 'must list at least one agent' }),
  // The range first: 1e308 is an integer too, and its limit is the one to name.
  scrollback: z.number().min(0).max(1_000_000).int().optional(),
  worktreeDir: z
    .string()
    .min(1)
    .superRefine((v, ctx) => {
      const problem = worktreeDirProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  worktree: worktreePrep.optional(),
  permissions: rules.optional(),
  approvalMode: z.enum(APPROVAL_MODES).optional(),
  keys: z
    .strictObject({
      detach: z.string().superRefine((v, ctx) => {
        const problem = detachKeyProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    })
    .partial()
    .optional(),
  notify: z
    .strictObject({
      approval: z.boolean(),
      finished: z.boolean(),
      stalled: z.boolean(),
      exited: z.boolean(),
      alert: z.boolean(),
      desktop: z.boolean(),
      terminal: z.enum(['auto', 'bell', 'osc9', 'osc777', 'osc99', 'off']),
      sound: z.boolean(),
      command: z
        .string()
        .trim()
        .min(1, { message: 'must not be empty (leave it out for none)' })
        .refine((v) => !v.includes('\0'), { message: 'must not contain a NUL character' }),
      commandTimeout: duration('a duration such as "10s"'),
      minWorkSeconds: z
        .number()
        .min(0)
        .max(MAX_DURATION_MS / 1000, { message: 'must be at most a week (604800)' }),
      remind: z.union([z.literal(false), z.array(duration('a list of durations such as ["2m", "10m", "30m"], or false'))]),
      digest: z.union([
        z.literal(false),
        z.union([z.string(), z.number()]).refine((v) => (parseDuration(v) ?? 0) >= 1000, { message: 'must be a duration of at least 1s and at most a week, such as "15m", or false' }),
      ]),
    })
    .partial()
    .optional(),
  title: z.boolean().optional(),
  stallAfter: z
    .union([z.string(), z.number()])
    .refine((v) => (parseDuration(v) ?? 0) >= 1000, { message: 'must be a duration of at least 1s and at most a week, such as "3m", "90s" or 180' })
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type RawAgent = z.infer<typeof agentSchema>;
