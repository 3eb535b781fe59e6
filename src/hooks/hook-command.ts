/**
 * The command Claude Code runs for each hook event of an agent agentmux started. It forwards
 * the event's JSON (stdin) to agentmux's socket and exits 0, printing nothing (some hook
 * outputs would be read by Claude Code). It gives up after a short deadline, so an agent never
 * waits on agentmux, even when agentmux is gone.
 * Environment: AGENTMUX_HOOK_SOCKET, AGENTMUX_HOOK_TOKEN, AGENTMUX_AGENT.
 */
import { connect } from 'node:net';

// Long enough for a loaded machine to connect and write (a lost event leaves the screen to decide), short enough that Claude Code never notices agentmux being gone.
const DEADLINE_MS = 200;
setTimeout(() => process.exit(0), DEADLINE_MS).unref();

const socket = process.env.AGENTMUX_HOOK_SOCKET;
const token = process.env.AGENTMUX_HOOK_TOKEN;
const agent = process.env.AGENTMUX_AGENT;
if (!socket || !token || !agent) process.exit(0);

const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('error', () => process.exit(0));
process.stdin.on('end', () => {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    process.exit(0);
  }
  const conn = connect(socket!);
  conn.on('error', () => process.exit(0));
  conn.end(`${JSON.stringify({ token, agent, payload })}\n`, () => process.exit(0));
});
