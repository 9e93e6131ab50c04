import { describe, expect, it, vi } from 'vitest';
import { describeNewToken } from './describe-new-token';
import { WhmError } from './errors';
import type { WhmToken } from './schemas';

const token = (name: string, whitelistIps: string[] = []): WhmToken => ({ name, createTime: 1, expiresAt: null, acls: ['list-accts'], heldAcls: [], whitelistIps });

describe('describeNewToken', () => {
  it('uses api_token_get_details when WHM answers it, without listing', async () => {
    const client = { tokenDetails: vi.fn(async () => token('by-secret')), listTokens: vi.fn(async () => [token('by-name')]) };
    expect(await describeNewToken(client, 'S'.repeat(32), 'by-name')).toMatchObject({ name: 'by-secret' });
    expect(client.listTokens).not.toHaveBeenCalled();
  });

  it('falls back to the list entry of the page’s name when WHM has no api_token_get_details', async () => {
    const unknownApp = new WhmError('whm', 'WHM refused api_token_get_details', 'Unknown app (“api_token_get_details”) requested for this version (1) of the API.');
    const client = { tokenDetails: vi.fn(async () => Promise.reject(unknownApp)), listTokens: vi.fn(async () => [token('other'), token('new-one', ['192.0.2.1'])]) };
    expect(await describeNewToken(client, 'S'.repeat(32), 'new-one')).toMatchObject({ name: 'new-one', whitelistIps: ['192.0.2.1'] });
  });

  it('falls back the same way when the lookup finds nothing', async () => {
    const client = { tokenDetails: vi.fn(async () => null), listTokens: vi.fn(async () => [token('new-one')]) };
    expect(await describeNewToken(client, 'S'.repeat(32), 'new-one')).toMatchObject({ name: 'new-one' });
  });

  it('gives up quietly when both fail or no name is known', async () => {
    const failing = { tokenDetails: vi.fn(async () => Promise.reject(new WhmError('session', 'gone'))), listTokens: vi.fn(async () => Promise.reject(new WhmError('session', 'gone'))) };
    expect(await describeNewToken(failing, 'S'.repeat(32), 'new-one')).toBeNull();
    expect(await describeNewToken({ ...failing, listTokens: vi.fn(async () => [token('x')]) }, 'S'.repeat(32), undefined)).toBeNull();
  });
});
