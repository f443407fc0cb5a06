import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: './data', seedDemo: true, offerTimeoutSeconds: 30 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'false', PUBLIC_URL: 'https://chat.example.com/' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', seedDemo: false, publicUrl: 'https://chat.example.com' });
  });

  it('names each bad variable with its value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    // A Unix socket with a user and no host, as pg reads it (not a WHATWG URL), is accepted.
    expect(loadConfig({ DATABASE_URL: 'postgres://chat@/chat?host=/var/run/postgresql' }).databaseUrl).toBe('postgres://chat@/chat?host=/var/run/postgresql');
    expect(() => loadConfig({ DATABASE_URL: 'redis://chat@/chat' })).toThrow(ConfigError);
    const bad = () => loadConfig({ PORT: '70000', REDIS_URL: 'http://x' });
    expect(bad).toThrow(/PORT: .*"70000"/);
    expect(bad).toThrow(/REDIS_URL: must be a URL starting with redis:\/\//);
  });

  it('reads the socket limits, with defaults', () => {
    expect(loadConfig({}).rateLimits).toMatchObject({ syncBurst: 5, syncPerSecond: 1, socketsPerChat: 5, handshakesPerAddressPerMinute: 30 });
    const config = loadConfig({ SYNC_BURST: '8', SYNC_PER_SECOND: '0.5', SOCKETS_PER_CHAT: '3', HANDSHAKES_PER_ADDRESS_PER_MINUTE: '120' });
    expect(config.rateLimits).toMatchObject({ syncBurst: 8, syncPerSecond: 0.5, socketsPerChat: 3, handshakesPerAddressPerMinute: 120 });
    expect(() => loadConfig({ SOCKETS_PER_CHAT: '0' })).toThrow(/SOCKETS_PER_CHAT/);
  });

  it('reads how often consoles are rechecked, within bounds', () => {
    expect(loadConfig({}).agentRecheckMs).toBe(20_000);
    expect(loadConfig({ AGENT_RECHECK_MS: '1000' }).agentRecheckMs).toBe(1000);
    expect(() => loadConfig({ AGENT_RECHECK_MS: '50' })).toThrow(/AGENT_RECHECK_MS: .*"50"/);
    expect(() => loadConfig({ AGENT_RECHECK_MS: 'often' })).toThrow(/AGENT_RECHECK_MS/);
  });
});
