// The bundled culture checklist loads with one principle per id, and a broken checklist says which field is wrong.
import { describe, expect, it } from 'vitest';
import principlesJson from '../../../resources/checklist/principles.json';
import { parseCultureChecklist, type CultureChecklist } from './culture-checklist';
import { PRINCIPLE_IDS } from './question-pack';

function loadChecklist(): CultureChecklist {
  const result = parseCultureChecklist(principlesJson);
  if (!result.ok) throw new Error(`principles.json does not parse: ${result.message}`);
  return result.checklist;
}

type RawItem = Record<string, unknown> & { id: string; cues: unknown };
type RawChecklist = { principles: ({ id: string; items: RawItem[] } & Record<string, unknown>)[] } & Record<string, unknown>;

/** A deep copy of the bundled checklist to break one field of. */
function copyOfChecklist(): RawChecklist {
  return JSON.parse(JSON.stringify(principlesJson)) as RawChecklist;
}

function messageFor(data: unknown): string {
  const result = parseCultureChecklist(data);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

function firstItems(checklist: RawChecklist): [RawItem, RawItem] {
  const items = checklist.principles[0]?.items;
  const [first, second] = items ?? [];
  if (!first || !second) throw new Error('the first principle needs at least two items for this test');
  return [first, second];
}

describe('the bundled culture checklist', () => {
  it('parses', () => {
    expect(loadChecklist().principles.length).toBeGreaterThan(0);
  });

  it('has one principle per principle id, in the order of PRINCIPLE_IDS', () => {
    expect(loadChecklist().principles.map((p) => p.id)).toEqual([...PRINCIPLE_IDS]);
  });

  it('gives each principle a title, a summary and 2-4 items', () => {
    for (const principle of loadChecklist().principles) {
      expect(principle.title.length, principle.id).toBeGreaterThan(0);
      expect(principle.summary.length, principle.id).toBeGreaterThan(0);
      expect(principle.items.length, principle.id).toBeGreaterThanOrEqual(2);
      expect(principle.items.length, principle.id).toBeLessThanOrEqual(4);
    }
  });

  it('writes items in the first person, with ids prefixed by their principle', () => {
    for (const principle of loadChecklist().principles) {
      for (const item of principle.items) {
        expect(item.id.startsWith(`${principle.id}.`), item.id).toBe(true);
        expect(item.text, item.id).toMatch(/^I /);
      }
    }
  });

  it('gives every item 3-10 cues, each lowercase, at least 3 characters and not repeated', () => {
    // The raw file, not the parsed result: the schema lowercases and trims cues on the way in.
    const raw = copyOfChecklist();
    for (const principle of raw.principles) {
      for (const item of principle.items) {
        const cues = item.cues as string[];
        expect(cues.length, item.id).toBeGreaterThanOrEqual(3);
        expect(cues.length, item.id).toBeLessThanOrEqual(10);
        expect(new Set(cues).size, item.id).toBe(cues.length);
        for (const cue of cues) {
          expect(cue, item.id).toBe(cue.toLowerCase());
          expect(cue, item.id).toBe(cue.trim());
          expect(cue.length, `${item.id}: "${cue}"`).toBeGreaterThanOrEqual(3);
        }
      }
    }
  });
});

describe('parseCultureChecklist errors', () => {
  it('names an item without cues as principles.0.items.0.cues', () => {
    const checklist = copyOfChecklist();
    firstItems(checklist)[0].cues = [];
    expect(messageFor(checklist)).toContain('principles.0.items.0.cues');
  });

  it('names a duplicated item id', () => {
    const checklist = copyOfChecklist();
    const [first, second] = firstItems(checklist);
    second.id = first.id;
    const message = messageFor(checklist);
    expect(message).toContain('principles.0.items.1.id');
    expect(message).toContain(first.id);
  });

  it("names an item id prefixed by another principle's id", () => {
    const checklist = copyOfChecklist();
    const [first] = firstItems(checklist);
    const other = PRINCIPLE_IDS.find((id) => id !== checklist.principles[0]?.id);
    first.id = `${other}.borrowed-item`;
    const message = messageFor(checklist);
    expect(message).toContain('principles.0.items.0.id');
    expect(message).toContain(`${checklist.principles[0]?.id}.`);
  });

  it('names a principle id that is not one of PRINCIPLE_IDS', () => {
    const checklist = copyOfChecklist();
    const first = checklist.principles[0];
    if (!first) throw new Error('empty checklist');
    first.id = 'bravado';
    expect(messageFor(checklist)).toContain('principles.0.id');
  });
});
