// A principle's title as the bundled culture checklist names it ("Candour and feedback").
import { cultureChecklist } from './use-culture-checklist';

const TITLE = new Map<string, string>(cultureChecklist.principles.map((principle) => [principle.id, principle.title]));

export function principleTitle(id: string): string {
  const title = TITLE.get(id);
  if (title) return title;
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
