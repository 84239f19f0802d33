import type { Question } from '../content/question-pack';

const STAGE_LABEL: Record<Question['stage'], string> = {
  'recruiter-screen': 'Recruiter screen',
  'hiring-manager-screen': 'Hiring-manager screen',
  'team-interview': 'Team interview',
};

export function stageLabel(stage: Question['stage']): string {
  return STAGE_LABEL[stage];
}

export function QuestionList(props: { questions: Question[]; selectedId: string | null; disabled: boolean; onSelect(id: string): void }) {
  return (
    <nav className="question-list" aria-label="Questions">
      <h2>Questions</h2>
      <ul>
        {props.questions.map((question) => (
          <li key={question.id}>
            <button
              type="button"
              className={question.id === props.selectedId ? 'selected' : ''}
              aria-current={question.id === props.selectedId ? 'true' : undefined}
              disabled={props.disabled && question.id !== props.selectedId}
              onClick={() => props.onSelect(question.id)}
            >
              <span className="question-category">{question.category}</span>
              <span className="question-text">{question.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
