// The practice screen's keys: Space records or stops, R retakes, N moves to the next question.
// They never fire while the person types in a field, and Space leaves a focused button to the browser
// (which presses it), so keyboard users are never surprised.

export type PracticeKey = 'toggle' | 'retake' | 'next';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range'].includes(target.type);
}

/** Elements that handle Space themselves. */
function handlesSpace(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['BUTTON', 'AUDIO', 'INPUT', 'SUMMARY', 'A'].includes(target.tagName);
}

export function practiceKey(
  event: Pick<KeyboardEvent, 'code' | 'key' | 'repeat' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): PracticeKey | null {
  if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return null;
  if (event.code === 'Space') return handlesSpace(event.target) ? null : 'toggle';
  const key = event.key.toLowerCase();
  if (key === 'r') return 'retake';
  if (key === 'n') return 'next';
  return null;
}
