import { CHANNELS, type Channel, type ChannelContext } from './channels.js';
import type { Notification } from './types.js';

export interface ChannelResult {
  channel: string;
  ok: boolean;
  detail: string;
}

const TEST: Notification = { event: 'test', agent: 'agentmux', state: 'approval', prev: 'working', title: 'agentmux test', body: 'Notifications reach you here.' };

/** `agentmux notify --test`: one test notification through every configured channel, and what happened. */
export async function testChannels(ctx: ChannelContext, channels: readonly Channel[] = CHANNELS): Promise<ChannelResult[]> {
  const results: ChannelResult[] = [];
  for (const c of channels) {
    const off = c.off(ctx);
    if (off) {
      results.push({ channel: c.name, ok: true, detail: off });
      continue;
    }
    const err = c.problem(ctx) ?? (await c.send(TEST, ctx));
    results.push({ channel: c.label(ctx), ok: !err, detail: err ? `not sent: ${err}` : 'sent' });
  }
  return results;
}
