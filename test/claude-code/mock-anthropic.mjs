#!/usr/bin/env node
// A scripted Anthropic Messages API on 127.0.0.1, for driving the real Claude Code CLI offline.
//   "run-bash"          -> a Bash tool_use: echo hello-from-agent > hello-from-agent.txt
//   "run-bash: <cmd>"   -> a Bash tool_use running <cmd>
//   "run-write"         -> a Write tool_use creating notes.txt in the working directory
//   "run-edit"          -> a Read of edit-me.txt, then (after its result) an Edit of it
//   "run-fetch"         -> a WebFetch tool_use of https://docs.example.com/guide
//   "run-ask"           -> an AskUserQuestion tool_use (a question menu)
//   "run-plan"          -> an ExitPlanMode tool_use (plan approval)
//   "run-mcp"           -> a call of the MCP tool mcp__notes__add_note (test/claude-code/mcp-notes-server.mjs)
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

/** The working directory Claude Code states in its system prompt. */
function workdir(body) {
  const m = /working directory: (\S+)/i.exec(JSON.stringify([body.system, body.messages]));
  return m ? m[1].replace(/\\n.*$/, '') : '/tmp';
}

const toolUse = (name, input) => ({ type: 'tool_use', id: `toolu_mock_${++n}`, name, input });

/** The name of the tool the assistant called last, when the last user turn answers it. */
function lastToolName(body) {
  const prev = [...(body.messages ?? [])].reverse().find((m) => m.role === 'assistant');
  const use = Array.isArray(prev?.content) ? [...prev.content].reverse().find((b) => b.type === 'tool_use') : null;
  return use?.name ?? null;
}

function scripted(said, body) {
  const cwd = workdir(body);
  if (/run-write\s*$/.test(said)) return [{ type: 'text', text: 'I will write a file.' }, toolUse('Write', { file_path: `${cwd}/notes.txt`, content: 'hello from the mock\n' })];
  if (/run-edit\s*$/.test(said)) return [{ type: 'text', text: 'I will read the file first.' }, toolUse('Read', { file_path: `${cwd}/edit-me.txt` })];
  if (/run-fetch\s*$/.test(said)) return [{ type: 'text', text: 'I will fetch the guide.' }, toolUse('WebFetch', { url: 'https://docs.example.com/guide', prompt: 'Summarize the guide' })];
  if (/run-ask\s*$/.test(said))
    return [
      toolUse('AskUserQuestion', {
        questions: [
          {
            question: 'Which database should we use?',
            header: 'Database',
            multiSelect: false,
            options: [
              { label: 'Postgres', description: 'Relational, runs as a server' },
              { label: 'SQLite', description: 'Embedded, one file' },
            ],
          },
        ],
      }),
    ];
  if (/run-mcp\s*$/.test(said)) return [{ type: 'text', text: 'I will add a note.' }, toolUse('mcp__notes__add_note', { text: 'remember the milk' })];
  if (/run-plan\s*$/.test(said)) return [toolUse('ExitPlanMode', { plan: '1. Add the orders table\n2. Add GET /orders with pagination\n3. Add tests' })];
  return null;
}

function reply(body) {
  if (!body.tools?.length && body.output_config?.format?.type === 'json_schema') return [{ type: 'text', text: '{"title":"Mock session"}' }];
  const { texts, toolResult } = lastUserTexts(body);
  const said = texts
    .filter((t) => !t.includes('<system-reminder>'))
    .join(' ')
    .trim();
  const script = scripted(said, body);
  if (script) return script;
  if (toolResult && lastToolName(body) === 'Read') {
    const cwd = workdir(body);
    return [{ type: 'text', text: 'Now the edit.' }, toolUse('Edit', { file_path: `${cwd}/edit-me.txt`, old_string: 'alpha', new_string: 'beta' })];
  }
  const run = /run-bash(?::\s*(.+))?\s*$/.exec(said);
  if (run) {
    const command = run[1]?.trim() || 'echo hello-from-agent > hello-from-agent.txt';
    return [{ type: 'text', text: 'I will run a command.' }, toolUse('Bash', { command, description: 'Run a test command' })];
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
    if (process.env.MOCK_DUMP) appendFileSync(process.env.MOCK_DUMP, `${JSON.stringify(body).slice(0, 400000)}\n`);
    const blocks = reply(body);
    log({ method: 'POST', path: url, tools: body.tools?.length ?? 0, reply: blocks.map((b) => b.text ?? `${b.name}(${JSON.stringify(b.input)})`) });
    const isTitle = !body.tools?.length;
    setTimeout(
      () => {
        if (body.stream) void stream(res, blocks, body.model ?? 'claude-opus-4-8');
        else
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: `msg_mock_${++n}`,
              type: 'message',
              role: 'assistant',
              model: body.model,
              content: blocks,
              stop_reason: 'end_turn',
              usage: { input_tokens: 12, output_tokens: 29 },
            }),
          );
      },
      isTitle ? 0 : delayMs,
    );
  });
});

server.listen(port, '127.0.0.1', () => {
  log({ listening: `127.0.0.1:${port}`, delayMs });
  process.stdout.write(`listening ${port}\n`);
});
