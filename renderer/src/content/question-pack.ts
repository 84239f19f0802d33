// The shape of a question pack (data in resources/questions/*.json, or a file a person imports). The
// schema lives in electron/shared/question-schema.ts, so main can validate the questions of a backup
// with the same definitions; this module keeps every existing import working.
export * from '../../../electron/shared/question-schema';
