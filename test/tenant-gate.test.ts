/** Which tenants' activities pass: every tenant the activity names must be allowed, and one must be named. */
import { describe, expect, it } from 'vitest';
import { TenantGate, tenantsNamed } from '../src/bot/tenant-gate';

const activity = (conversationTenant?: unknown, channelTenant?: unknown) => ({
  conversation: conversationTenant === undefined ? { id: 'c' } : { id: 'c', tenantId: conversationTenant },
  channelData: channelTenant === undefined ? {} : { tenant: { id: channelTenant } },
});

const gate = new TenantGate(['Ours', 'partner']);
const cases = [
  { name: 'our tenant in both places', a: activity('ours', 'OURS'), refusal: null },
  { name: 'our tenant in the conversation only', a: activity('ours'), refusal: null },
  { name: 'our tenant in the channel data only', a: activity(undefined, 'ours'), refusal: null },
  { name: 'a partner allowed by the list', a: activity('partner', 'partner'), refusal: null },
  { name: 'another tenant', a: activity('other', 'other'), refusal: 'tenant not allowed' },
  {
    name: 'another tenant claiming ours in the channel data',
    a: activity('other', 'ours'),
    refusal: 'tenant not allowed',
  },
  {
    name: 'ours in the conversation, another in the channel data',
    a: activity('ours', 'other'),
    refusal: 'tenant not allowed',
  },
  { name: 'no tenant at all', a: activity(), refusal: 'no tenant' },
  { name: 'empty tenant ids', a: activity('', ''), refusal: 'no tenant' },
  { name: 'tenant ids that are not strings', a: activity({ id: 'ours' }, ['ours']), refusal: 'no tenant' },
] as const;

describe('TenantGate', () => {
  it.each(cases)('should give $refusal for $name', ({ a, refusal }) => {
    expect(gate.refusal(a)).toBe(refusal);
  });

  it('should let every tenant pass when the list is empty', () => {
    const open = new TenantGate([]);
    expect(open.active).toBe(false);
    expect(open.refusal(activity())).toBeNull();
    expect(open.refusal(activity('anyone'))).toBeNull();
  });

  it('should read the tenants an activity names, lower-cased, conversation first', () => {
    expect(tenantsNamed(activity('A-1', 'B-2'))).toEqual(['a-1', 'b-2']);
    expect(tenantsNamed({ channelData: null })).toEqual([]);
  });
});
