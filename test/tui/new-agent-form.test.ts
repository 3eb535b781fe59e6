import { describe, expect, it } from 'vitest';
import { editLine, lineEditor, type LineEditor } from '../../src/tui/line-editor.js';
import { FORM_FIELDS, formKey, formSpec, newForm, type FormState } from '../../src/tui/new-agent-form.js';
import { tempDir } from '../helpers/cli.js';

const key = (name: string) => ({ name, seq: name });

function type(f: FormState, ...keys: string[]): FormState {
  for (const k of keys) {
    const r = formKey(f, key(k));
    if (!('form' in r)) throw new Error(`${k} ended the form`);
    f = r.form;
  }
  return f;
}

describe('the c form sets isolate, scope and approval mode (issue 12, item 8)', () => {
  it('has the fields, with choices changed by space, arrows or their first letter', () => {
    expect(FORM_FIELDS).toEqual(['name', 'command', 'directory', 'isolate', 'scope', 'approval mode', 'first task']);
    const cwd = tempDir();
    let f = type(newForm(cwd), ...'api', 'tab', 'ctrl+u', ...'bash', 'tab', 'tab');
    f = type(f, ' ');
    expect(f.values[3]).toBe('yes');
    f = type(f, 'left', 'x'); // x is no choice: nothing changes
    expect(f.values[3]).toBe('no');
    f = type(f, 'y', 'tab', ...'src/**', ' ', ...'test/**', 'tab', 'm');
    expect(f.values[5]).toBe('manual');
    f = type(f, 'right', 'right', 'left');
    expect(f.values[5]).toBe('rules');
    expect(formSpec(f, [], {}, cwd)).toMatchObject({ name: 'api', argv: ['bash'], cwd, isolate: true, scope: ['src/**', 'test/**'], approvalMode: 'rules' });
  });

  it('leaves them out by default', () => {
    const cwd = tempDir();
    const spec = formSpec(type(newForm(cwd), ...'api'), [], {}, cwd);
    expect(spec).not.toHaveProperty('isolate');
    expect(spec).not.toHaveProperty('scope');
    expect(spec).not.toHaveProperty('approvalMode');
  });
});

describe('the one-line editor of the commit message', () => {
  const run = (e: LineEditor, ...keys: string[]) => {
    for (const k of keys) {
      const r = editLine(e, key(k));
      if (typeof r === 'string') return r;
      e = r;
    }
    return e;
  };
  it('types, moves, deletes, clears; enter and esc end it', () => {
    expect(run(lineEditor('ab'), 'left', 'X', 'end', 'Y')).toEqual({ text: 'aXbY', cursor: 4 });
    expect(run(lineEditor('abc'), 'home', 'delete', 'right', 'backspace')).toEqual({ text: 'c', cursor: 0 });
    expect(run(lineEditor('abc'), 'ctrl+u', 'é')).toEqual({ text: 'é', cursor: 1 });
    expect(editLine(lineEditor('a'), { name: 'paste', seq: '', text: 'x\ny' })).toEqual({ text: 'ax y', cursor: 4 });
    expect(run(lineEditor('a'), 'enter')).toBe('enter');
    expect(run(lineEditor('a'), 'escape')).toBe('cancel');
  });
});
