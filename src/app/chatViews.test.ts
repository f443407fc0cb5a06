import { describe, expect, it } from 'vitest';
import { agentPictureUrl, collectedData, DEFAULT_AVATAR_URL } from './chatViews.js';

const agentId = '6f0c1d9e-6a7b-4d3c-9e2f-0a1b2c3d4e5f';
const posted = new Date('2026-11-01T10:00:00Z');

describe("the agent's picture in the customer's chat window", () => {
  it("shows the agent's own picture under the 'picture' policy", () => {
    expect(agentPictureUrl(agentId, posted, 'picture')).toBe(`/api/public/avatars/${agentId}?v=${posted.getTime()}`);
  });

  it('falls back to the default image when the agent posted none', () => {
    expect(agentPictureUrl(agentId, null, 'picture')).toBe(DEFAULT_AVATAR_URL);
  });

  it("shows the default image under 'default' even when the agent has a picture", () => {
    expect(agentPictureUrl(agentId, posted, 'default')).toBe(DEFAULT_AVATAR_URL);
  });

  it("shows no image at all under 'none'", () => {
    expect(agentPictureUrl(agentId, posted, 'none')).toBeNull();
  });
});

describe('collected data shown to agents', () => {
  it('lists answered fields by label, in form order, skipping empty ones', () => {
    const fields = [
      { id: 'a', label: 'First name', type: 'text' as const, required: true },
      { id: 'b', label: 'Phone', type: 'phone' as const, required: false },
      { id: 'c', label: 'Email', type: 'email' as const, required: true },
    ];
    expect(collectedData({ customer_data: { fields, values: { c: 'ana@example.com', a: 'Ana' } } })).toEqual([
      { label: 'First name', value: 'Ana' },
      { label: 'Email', value: 'ana@example.com' },
    ]);
  });
});
