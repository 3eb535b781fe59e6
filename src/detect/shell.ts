import type { Detection, ScreenSnapshot } from '../model/screen.js';
import { logicalLines } from './unwrap.js';

/**
 * Any other command: output flowing is work and quiet is idle (the stabilizer times that),
 * and a question waiting at the cursor is approval.
 */
const QUESTION = /(\[y\/n\]|\[Y\/n\]|\[y\/N\]|\(y\/n\)|\(yes\/no\)|\[yes\/no\]|press enter|press return|press any key|password[^:]{0,30}:|passphrase[^:]{0,30}:|continue\?)\s*\S{0,3}\s*$/i;

export function detectShell(snap: ScreenSnapshot): Detection {
  const progressKey = snap.lines.join('\n');
  // The line at the cursor, whole: a question the terminal wrapped (a narrow or resized pane) is still a question.
  const { lines, lineOfRow } = logicalLines(snap);
  const line = lines[lineOfRow[snap.cursor.y] ?? -1] ?? '';
  const m = QUESTION.exec(line);
  if (m) {
    const question = line.trim();
    const yesNo = /y\/n|yes\/no/i.test(m[1]!);
    return {
      state: 'approval',
      reason: `screen: "${m[1]}" at the cursor`,
      progressKey,
      prompt: {
        kind: 'confirm',
        question,
        options: yesNo
          ? [
              { label: 'Yes', keys: ['y\r'] },
              { label: 'No', keys: ['n\r'] },
            ]
          : [{ label: 'Continue', keys: ['\r'] }],
        selected: null,
      },
    };
  }
  return { state: 'unknown', reason: 'screen: output', progressKey };
}
