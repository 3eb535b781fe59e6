#!/usr/bin/env node
// A minimal MCP server over stdio (newline-delimited JSON-RPC) with one tool, add_note, so the
// real Claude Code asks permission for an MCP tool in the fixtures.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  if (req.id === undefined) return; // a notification
  if (req.method === 'initialize') {
    send({ id: req.id, result: { protocolVersion: req.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.0.0' } } });
  } else if (req.method === 'tools/list') {
    send({ id: req.id, result: { tools: [{ name: 'add_note', description: 'Add a note', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }] } });
  } else if (req.method === 'tools/call') {
    appendFileSync('notes.txt', `${req.params?.arguments?.text ?? ''}\n`);
    send({ id: req.id, result: { content: [{ type: 'text', text: 'Note added.' }] } });
  } else {
    send({ id: req.id, error: { code: -32601, message: `no method ${req.method}` } });
  }
});
