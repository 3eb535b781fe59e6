#!/usr/bin/env node
// A scripted Anthropic Messages API on 127.0.0.1, for driving the real Claude Code CLI offline.
//   "run-bash"          -> a Bash tool_use: echo hello-from-agent > hello-from-agent.txt
//   "run-bash: <cmd>"   -> a Bash tool_use running <cmd>
//   a tool_result       -> "Done."
//   anything else       -> "Hello from the mock. You said: <text>"
// Title requests (no tools, a json_schema output format) get {"title":"Mock session"}.
// Usage: node mock-anthropic.mjs [port] [delayMs] [logFile]   (prints "listening <port>" when ready)
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 8765);
const delayMs = Number(process.argv[3] ?? 1500);
const logFile = process.argv[4];
let n = 0;

const log = (entry) => logFile && appendFileSync(logFile, `${JSON.stringify({ t: new Date().toISOString(), ...entry })}\n`);

function lastUserTexts(body) {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  if (!last) return { texts: [], toolResult: false };
  if (typeof last.content === 'string') return { texts: [last.content], toolResult: false };
  const texts = last.content.filter((b) => b.type === 'text').map((b) => b.text);
  return { texts, toolResult: last.content.some((b) => b.type === 'tool_result') };
}

function reply(body) {
  if (!body.tools?.length && body.output_config?.format?.type === 'json_schema') return [{ type: 'text', text: '{"title":"Mock session"}' }];
  const { texts, toolResult } = lastUserTexts(body);
  const said = texts.filter((t) => !t.includes('<system-reminder>')).join(' ').trim();
  const run = /run-bash(?::\s*(.+))?\s*$/.exec(said);
  if (run) {
    const command = run[1]?.trim() || 'echo hello-from-agent > hello-from-agent.txt';
    return [
      { type: 'text', text: 'I will run a command.' },
      { type: 'tool_use', id: `toolu_mock_${++n}`, name: 'Bash', input: { command, description: 'Run a test command' } },
    ];
  }
  if (toolResult) return [{ type: 'text', text: 'Done.' }];
  return [{ type: 'text', text: `Hello from the mock. You said: ${said.slice(0, 200)}` }];
}

function sse(res, event, data) {
  res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
}

async function stream(res, blocks, model) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  sse(res, 'message_start', {
    message: { id: `msg_mock_${++n}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } },
  });
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'text') {
      sse(res, 'content_block_start', { index, content_block: { type: 'text', text: '' } });
      sse(res, 'content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    } else {
      sse(res, 'content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      sse(res, 'content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    sse(res, 'content_block_stop', { index });
  }
  const stop = blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
  sse(res, 'message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 29 } });
  sse(res, 'message_stop', {});
  res.end();
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '/';
    if (req.method !== 'POST') {
      log({ method: req.method, path: url });
      res.writeHead(404).end();
      return;
    }
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.includes('count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"input_tokens":12}');
      return;
    }
    const blocks = reply(body);
    log({ method: 'POST', path: url, tools: body.tools?.length ?? 0, reply: blocks.map((b) => b.text ?? `${b.name}(${b.input.command})`) });
    const isTitle = !body.tools?.length;
    setTimeout(() => {
      if (body.stream) void stream(res, blocks, body.model ?? 'claude-opus-4-8');
      else
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ id: `msg_mock_${++n}`, type: 'message', role: 'assistant', model: body.model, content: blocks, stop_reason: 'end_turn', usage: { input_tokens: 12, output_tokens: 29 } }),
        );
    }, isTitle ? 0 : delayMs);
  });
});

server.listen(port, '127.0.0.1', () => {
  log({ listening: `127.0.0.1:${port}`, delayMs });
  process.stdout.write(`listening ${port}\n`);
});
