// An agent that prints what a hostile or broken program might, over and over: every sequence
// that must never reach the user's terminal as it is. Each carries the marker EVIL so a leak
// is easy to find. Argument: how many rounds (default: until killed).
const rounds = Number(process.argv[2] ?? Infinity);
const b64 = Buffer.from('EVIL clipboard').toString('base64');
const bigSgr = `\x1b[${Array.from({ length: 10_000 }, (_, i) => i % 108).join(';')}mEVIL-sgr\x1b[0m`;
const random = Buffer.alloc(4096);
for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
export const CORPUS = [
  `\x1b]52;c;${b64}\x07`, // clipboard write
  `\x1b]52;c;?\x07`, // clipboard read
  '\x1b]0;EVIL-title\x07\x1b]2;EVIL-title2\x1b\\', // titles
  '\x1bPtmux;\x1b\x1b]52;c;RVZJTA==\x07\x1b\\', // tmux passthrough
  '\x1bP1;1;1q"1;1;10;10#0;2;0;0;0#0~~~~EVIL-sixel\x1b\\', // sixel
  '\x1b_Gf=100,a=T;RVZJTA==\x1b\\', // kitty graphics
  '\x1b]1337;File=inline=1:RVZJTA==\x07', // iTerm2 image
  '\x1b]8;;https://evil.example/EVIL\x1b\\link\x1b]8;;\x1b\\', // hyperlink
  '\x1b]7;file://evil/EVIL\x07', // working directory
  '\x1b]9;EVIL-notify\x07\x1b]777;notify;EVIL;body\x07\x1b]99;;EVIL\x1b\\', // notifications
  '\x1b[21t\x1b[20t\x1b[>q', // title and version reports (answers go to the agent, never out)
  '\x1b[?1049h\x1b[?1000h\x1b[?1003h\x1b[?2004h\x1b[?1004h\x1b[?1l\x1b=', // modes
  '\x1b[?2026h', // a synchronized update never ended
  '\x1b[10000000S\x1b[10000000T\x1b[10000000L\x1b[10000000M\x1bX\x1b[10000000b', // huge counts
  bigSgr,
  '\x9b31mEVIL-c1\x9b0m\x9d0;EVIL-c1-title\x9c\x90EVIL-c1-dcs\x9c', // C1 controls, 8-bit
  Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]).toString('latin1'), // invalid UTF-8
  random.toString('latin1'),
  '\x1bc', // RIS
  '\x07\x07', // bells
  'plain text after all of it\r\n',
];
let n = 0;
const round = () => {
  if (n++ >= rounds) return process.exit(0);
  for (const s of CORPUS) process.stdout.write(Buffer.from(s, 'latin1'));
  process.stdout.write(`round ${n} done\r\n`);
  setTimeout(round, 20);
};
round();
