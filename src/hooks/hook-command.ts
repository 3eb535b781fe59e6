/**
 * The command Claude Code runs for each hook event of an agent agentmux started. It forwards
 * the event's JSON (stdin) to agentmux's socket and exits 0. For PreToolUse it waits for
 * agentmux's decision and prints it in Claude Code's hook output format; every other event,
 * and a PreToolUse that gets no answer in time, prints nothing, which leaves Claude Code's own
 * permission flow in charge: a failure never approves. It gives up after a short deadline, so
 * an agent never waits long on agentmux, even when agentmux is gone.
 * Environment: AGENTMUX_HOOK_SOCKET, AGENTMUX_HOOK_TOKEN, AGENTMUX_AGENT.
 */
import { connect } from 'node:net';

// Long enough for a loaded machine to connect and write (a lost event leaves the screen to decide), short enough that Claude Code never notices agentmux being gone.
const DEADLINE_MS = 200;
// A decision is worth waiting a little longer for; past this, Claude Code asks as it would without agentmux.
const DECISION_DEADLINE_MS = 1500;

const socket = process.env.AGENTMUX_HOOK_SOCKET;
const token = process.env.AGENTMUX_HOOK_TOKEN;
const agent = process.env.AGENTMUX_AGENT;
let deadline = setTimeout(() => process.exit(0), DEADLINE_MS);
deadline.unref();
if (!socket || !token || !agent) process.exit(0);

const DECISIONS = ['allow', 'deny', 'ask'];

/** Claude Code's hook output for a permission decision. */
function hookOutput(reply: { decision?: unknown; reason?: unknown }): string | null {
  if (typeof reply.decision !== 'string' || !DECISIONS.includes(reply.decision)) return null;
  const reason = typeof reply.reason === 'string' ? reply.reason : 'agentmux';
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: reply.decision, permissionDecisionReason: reason } });
}

const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('error', () => process.exit(0));
process.stdin.on('end', () => {
  let payload: { hook_event_name?: unknown };
  try {
    payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    process.exit(0);
  }
  const line = `${JSON.stringify({ token, agent, payload })}\n`;
  const conn = connect(socket!);
  conn.on('error', () => process.exit(0));
  if (payload?.hook_event_name !== 'PreToolUse') {
    conn.end(line, () => process.exit(0));
    return;
  }
  clearTimeout(deadline);
  deadline = setTimeout(() => process.exit(0), DECISION_DEADLINE_MS);
  deadline.unref();
  let buf = '';
  conn.setEncoding('utf8');
  conn.on('data', (d: string) => {
    buf += d;
    const nl = buf.indexOf('\n');
    if (nl < 0) return;
    let out: string | null = null;
    try {
      out = hookOutput(JSON.parse(buf.slice(0, nl)));
    } catch {
      out = null;
    }
    conn.destroy();
    if (out) process.stdout.write(`${out}\n`, () => process.exit(0));
    else process.exit(0);
  });
  conn.on('end', () => process.exit(0));
  conn.write(line);
});
