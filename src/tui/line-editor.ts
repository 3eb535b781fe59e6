import type { Key } from './keys.js';

/** One line of text being edited, and where the cursor is (an index into its characters). */
export interface LineEditor {
  text: string;
  cursor: number;
}

export function lineEditor(text: string): LineEditor {
  return { text, cursor: [...text].length };
}

/** One key in a one-line editor (pure): the edited line, or what the key asks for. */
export function editLine(e: LineEditor, key: Key): LineEditor | 'enter' | 'cancel' {
  const chars = [...e.text];
  const insert = (s: string): LineEditor => {
    const add = [...s];
    return { text: [...chars.slice(0, e.cursor), ...add, ...chars.slice(e.cursor)].join(''), cursor: e.cursor + add.length };
  };
  switch (key.name) {
    case 'enter':
      return 'enter';
    case 'escape':
      return 'cancel';
    case 'left':
      return { ...e, cursor: Math.max(0, e.cursor - 1) };
    case 'right':
      return { ...e, cursor: Math.min(chars.length, e.cursor + 1) };
    case 'home':
    case 'ctrl+a':
      return { ...e, cursor: 0 };
    case 'end':
    case 'ctrl+e':
      return { ...e, cursor: chars.length };
    case 'backspace':
      return e.cursor === 0 ? e : { text: [...chars.slice(0, e.cursor - 1), ...chars.slice(e.cursor)].join(''), cursor: e.cursor - 1 };
    case 'delete':
      return { text: [...chars.slice(0, e.cursor), ...chars.slice(e.cursor + 1)].join(''), cursor: e.cursor };
    case 'ctrl+u':
      return { text: '', cursor: 0 };
    case 'paste':
      return insert((key.text ?? '').replace(/[\r\n]+/g, ' '));
    default:
      return [...key.name].length === 1 ? insert(key.name) : e;
  }
}
