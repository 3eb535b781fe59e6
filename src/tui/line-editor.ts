import { bindingFor, OTHER, type Binding } from './keymap.js';
import type { Key } from './keys.js';

/** One line of text being edited, and where the cursor is (an index into its characters). */
export interface LineEditor {
  text: string;
  cursor: number;
}

export function lineEditor(text: string): LineEditor {
  return { text, cursor: [...text].length };
}

export type LineResult = LineEditor | 'enter' | 'cancel';

function insert(e: LineEditor, s: string): LineEditor {
  const chars = [...e.text];
  const add = [...s];
  return { text: [...chars.slice(0, e.cursor), ...add, ...chars.slice(e.cursor)].join(''), cursor: e.cursor + add.length };
}

const length = (e: LineEditor) => [...e.text].length;

/** A one-line editor's keys (pure): the edited line, or what the key asks for. */
export const LINE_KEYS: readonly Binding<LineEditor, LineResult>[] = [
  { keys: ['enter'], help: 'done', short: 'done', run: () => 'enter' },
  { keys: ['escape'], help: 'cancel', short: 'cancel', run: () => 'cancel' },
  { keys: ['left', 'right'], help: 'move the cursor', short: 'move', run: (e, key) => ({ ...e, cursor: Math.max(0, Math.min(length(e), e.cursor + (key.name === 'left' ? -1 : 1))) }) },
  { keys: ['home', 'ctrl+a'], help: 'to the start of the line', run: (e) => ({ ...e, cursor: 0 }) },
  { keys: ['end', 'ctrl+e'], help: 'to the end of the line', run: (e) => ({ ...e, cursor: length(e) }) },
  {
    keys: ['backspace'],
    help: 'delete the character before the cursor',
    run: (e) => {
      const chars = [...e.text];
      return e.cursor === 0 ? e : { text: [...chars.slice(0, e.cursor - 1), ...chars.slice(e.cursor)].join(''), cursor: e.cursor - 1 };
    },
  },
  {
    keys: ['delete'],
    help: 'delete the character under the cursor',
    run: (e) => {
      const chars = [...e.text];
      return { text: [...chars.slice(0, e.cursor), ...chars.slice(e.cursor + 1)].join(''), cursor: e.cursor };
    },
  },
  { keys: ['ctrl+u'], help: 'clear the line', short: 'clear', run: () => ({ text: '', cursor: 0 }) },
  { keys: ['paste'], help: 'a paste is typed in (newlines become spaces)', run: (e, key) => insert(e, (key.text ?? '').replace(/[\r\n]+/g, ' ')) },
  { keys: [OTHER], help: 'typed in at the cursor', run: (e, key) => ([...key.name].length === 1 ? insert(e, key.name) : e) },
];

/** One key in a one-line editor (pure). */
export function editLine(e: LineEditor, key: Key): LineResult {
  return bindingFor(LINE_KEYS, key.name)!.run(e, key);
}
