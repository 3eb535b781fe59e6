// A scripted agent for the auto-approval tests, drawing prompts the way aider or Codex does.
//   node fake-agent.mjs aider '<json: [{command} | {file, question}]>'  asks each in turn (aider's wording)
//   node fake-agent.mjs codex '<command>'                               a live Codex command approval
//   node fake-agent.mjs codex-printed '<command>'                       the same text printed as output, then more output
//   node fake-agent.mjs aider-late '{"fake","real","after"}'            prints a prompt for `fake` but does not read; `after`
//                                                                        ms later asks about `real` and reads its answer
//   node fake-agent.mjs aider-signal '{"fake","real"}'                 the same, asking about `real` on SIGUSR1
//   node fake-agent.mjs aider-deaf '<command>'                          asks, reads its terminal (raw, no echo), ignores it
//   node fake-agent.mjs screen '<json string>'                          prints the string, then reads answers like aider
// On each answer it prints what it got and how many lines the audit file ($AUDIT) held then.
import { readFileSync } from 'node:fs';

const [style, arg] = process.argv.slice(2);
const auditLines = () => {
  try {
    return readFileSync(process.env.AUDIT, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};
const out = (s) => process.stdout.write(s);

const ask = (command) => `\r\n${command}\r\nRun shell command? (Y)es/(N)o/(D)on't ask again [Yes]: `;
const readLines = (onLine) => {
  process.stdin.setEncoding('utf8');
  let buf = '';
  process.stdin.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.search(/[\r\n]/)) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      onLine(line);
    }
  });
};

if (style === 'aider-late') {
  const { fake, real, after } = JSON.parse(arg);
  out(ask(fake));
  setTimeout(() => {
    out(`\r\n${ask(real)}`);
    readLines((line) => out(`answer ${JSON.stringify(line.trim())} to ${JSON.stringify(real)}\r\n`));
  }, after);
} else if (style === 'aider-signal') {
  // Like aider-late, but the real prompt comes when the test says so (SIGUSR1).
  const { fake, real } = JSON.parse(arg);
  out(ask(fake));
  process.on('SIGUSR1', () => {
    out(`\r\n${ask(real)}`);
    readLines((line) => out(`answer ${JSON.stringify(line.trim())} to ${JSON.stringify(real)}\r\n`));
  });
  setInterval(() => {}, 1 << 30);
} else if (style === 'aider-deaf') {
  out(ask(arg));
  process.stdin.setRawMode(true);
  process.stdin.on('data', () => {});
} else if (style === 'screen') {
  out(JSON.parse(arg));
  readLines((line) => out(`answer ${JSON.stringify(line.trim())}\r\n`));
} else if (style === 'aider') {
  const asks = JSON.parse(arg);
  let i = 0;
  const ask = () => {
    const a = asks[i];
    if (!a) return out('> ');
    // As aider does: a blank line, the subject, the question.
    out(a.command !== undefined ? `\r\n${a.command}\r\nRun shell command? (Y)es/(N)o/(D)on't ask again [Yes]: ` : `\r\n${a.file}\r\n${a.question} (Y)es/(N)o/(D)on't ask again [Yes]: `);
  };
  process.stdin.setEncoding('utf8');
  let buf = '';
  process.stdin.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.search(/[\r\n]/)) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (i >= asks.length) {
        out(`extra input ${JSON.stringify(line)}\r\n`);
        continue;
      }
      out(`answer ${JSON.stringify(line.trim())} to ${i + 1} (audit lines ${auditLines()})\r\n`);
      i++;
      ask();
    }
  });
  ask();
} else {
  const command = arg;
  const prompt = [
    '› Run the tests',
    '',
    '  Would you like to run the following command?',
    '',
    `  $ ${command}`,
    '',
    '› 1. Yes, proceed (y)',
    "  2. Yes, and don't ask again for commands that start with `npm` (p)",
    '  3. No, and tell Codex what to do differently (esc)',
    '',
    '  Press enter to confirm or esc to cancel',
  ].join('\r\n');
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  if (style === 'codex') out(prompt);
  else out(`cat NOTES.md\r\n${prompt}\r\n\r\n• Done.\r\n`);
  process.stdin.on('data', (d) => out(`\r\nanswer ${JSON.stringify(d)} (audit lines ${auditLines()})\r\n`));
}
setInterval(() => {}, 1 << 30);
