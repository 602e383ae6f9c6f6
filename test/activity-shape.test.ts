/** Which parsed bodies may go on to botbuilder, and how a refusal names the field. */
import { describe, expect, it } from 'vitest';
import { activityShapeProblem } from '../src/bot/activity-shape';
import * as A from './support/activities';

const where = { serviceUrl: 'https://smba.trafficmanager.net/emea/' };

describe('activityShapeProblem', () => {
  const accepted = [
    { name: 'a Teams message', body: A.message(where, 'paljonko Tietohallinto on käyttänyt?') },
    { name: 'a message with a mention', body: A.message(where, 'hei', { mention: true }) },
    { name: 'a button click', body: A.submit(where, { action: 'ask', ask: 'x' }) },
    { name: 'a search invoke', body: A.searchQuery(where, 'tieto') },
    { name: 'a bot added', body: A.conversationUpdate(where, [{ id: '28:bot' }]) },
    { name: 'an unknown type with unknown fields', body: { type: 'somethingNew', whatever: [1, { a: 2 }] } },
    { name: 'a null locale (some clients send it)', body: { ...A.message(where, 'x'), locale: null } },
  ];
  it.each(accepted)('should accept $name', ({ body }) => {
    expect(activityShapeProblem(body)).toBeNull();
  });

  const refused = [
    {
      name: 'a serviceUrl that is an array',
      body: { ...A.message(where, 'x'), serviceUrl: [] },
      field: 'serviceUrl',
    },
    { name: 'a text that is a number', body: { ...A.message(where, 'x'), text: 5 }, field: 'text' },
    {
      name: 'a conversation without an id',
      body: { ...A.message(where, 'x'), conversation: {} },
      field: 'conversation.id',
    },
    { name: 'a from that is a string', body: { ...A.message(where, 'x'), from: 'me' }, field: 'from' },
    {
      name: 'entities that are not objects',
      body: { ...A.message(where, 'x'), entities: ['x'] },
      field: 'entities.0',
    },
    { name: 'an empty type', body: { type: '' }, field: 'type' },
    {
      name: 'a 3 000-character serviceUrl',
      body: { ...A.message(where, 'x'), serviceUrl: `https://${'a'.repeat(3000)}` },
      field: 'serviceUrl',
    },
  ];
  it.each(refused)('should refuse $name, naming $field and not the value', ({ body, field }) => {
    const problem = activityShapeProblem(body as Record<string, unknown>);
    expect(problem).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(problem).not.toContain('aaaa');
  });
});
