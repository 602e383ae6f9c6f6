import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorServer } from './support/connector-server';

let connector: ConnectorServer;

beforeEach(async () => {
  connector = await ConnectorServer.start();
});
afterEach(async () => {
  await connector.close();
});

async function send(
  path: string,
  body: unknown,
  method = 'POST',
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(new URL(path, connector.url), {
    method,
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

const operations = [
  {
    path: 'v3/conversations/a%3A1/activities',
    method: 'POST',
    operation: 'sendToConversation',
    status: 201,
    activityId: null,
  },
  {
    path: 'v3/conversations/a%3A1/activities/act-9',
    method: 'POST',
    operation: 'replyToActivity',
    status: 201,
    activityId: 'act-9',
  },
  {
    path: 'v3/conversations/a%3A1/activities/act-9',
    method: 'PUT',
    operation: 'updateActivity',
    status: 200,
    activityId: 'act-9',
  },
  {
    path: 'v3/conversations/a%3A1/activities/act-9',
    method: 'DELETE',
    operation: 'deleteActivity',
    status: 200,
    activityId: 'act-9',
  },
] as const;

describe('ConnectorServer', () => {
  it.each(operations)('should record $operation with its conversation and activity ids', async (op) => {
    const res = await send(op.path, { type: 'message', text: 'hei' }, op.method);
    expect(res.status).toBe(op.status);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]).toMatchObject({
      operation: op.operation,
      conversationId: 'a:1',
      activityId: op.activityId,
      authorization: 'Bearer t',
      status: op.status,
    });
  });

  it('should give each delivered activity an id, as the real connector does', async () => {
    const first = await send('v3/conversations/c/activities', { type: 'message' });
    const second = await send('v3/conversations/c/activities', { type: 'message' });
    expect((first.json as { id: string }).id).not.toBe((second.json as { id: string }).id);
  });

  it('should create conversations for proactive messages', async () => {
    const res = await send('v3/conversations', { bot: { id: 'b' }, members: [{ id: 'u' }] });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.stringMatching(/^conv-/) });
  });

  it('should answer a planned 429 with Retry-After, then deliver normally', async () => {
    connector.plan({ status: 429, headers: { 'retry-after': '2' } });
    const throttled = await send('v3/conversations/c/activities', { type: 'message', text: 'one' });
    const delivered = await send('v3/conversations/c/activities', { type: 'message', text: 'one' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(delivered.status).toBe(201);
    // Only what got through counts as delivered.
    expect(connector.activities('c')).toHaveLength(1);
  });

  it('should apply a plan only to the calls it matches, as many times as asked', async () => {
    connector.plan({ status: 403, times: 2, when: (call) => call.conversationId === 'blocked' });
    const statuses: number[] = [];
    for (const id of ['blocked', 'open', 'blocked', 'blocked']) {
      statuses.push((await send(`v3/conversations/${id}/activities`, { type: 'message' })).status);
    }
    expect(statuses).toEqual([403, 201, 403, 201]);
  });

  it('should delay a planned response', async () => {
    connector.plan({ status: 500, delayMs: 150 });
    const started = Date.now();
    const res = await send('v3/conversations/c/activities', { type: 'message' });
    expect(res.status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('should answer unknown paths with 404 and record them', async () => {
    const res = await send('v3/unknown', {});
    expect(res.status).toBe(404);
    expect(connector.calls[0]?.operation).toBe('other');
  });

  it('should let a test wait for messages, leaving out typing indicators', async () => {
    const waiting = connector.waitForMessages('c', 1, 2000);
    await send('v3/conversations/c/activities', { type: 'typing' });
    await send('v3/conversations/c/activities', { type: 'message', text: 'vastaus' });
    expect((await waiting).map((m) => m.text)).toEqual(['vastaus']);
  });

  it('should fail a wait that is not met in time', async () => {
    await expect(connector.waitForMessages('nobody', 1, 100)).rejects.toThrow(/not met within 100 ms/);
  });
});
