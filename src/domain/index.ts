/** The budget bot's domain: types as zod schemas, money, formats. Depends only on zod and decimal.js. */
export * from './answer';
export * from './answer-body';
export * from './basis';
export * from './budget-data';
export * from './errors';
export * from './fact';
export * from './format';
export * from './lead-sentence';
export * from './money';
export * from './query';
export * from './question-kinds';
export * from './row-kind';
