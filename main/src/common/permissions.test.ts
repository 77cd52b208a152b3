import { describe, expect, it } from 'vitest';
import { decideDevicePermission, decidePermissionCheck, decidePermissionRequest } from './permissions';

const APP = 'app://centralita';

describe('decidePermissionRequest', () => {
  it('grants audio-only media to the app main frame', () => {
    expect(decidePermissionRequest({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['audio'] })).toEqual({ grant: true });
    expect(decidePermissionRequest({ permission: 'media', origin: `${APP}/index.html`, isMainFrame: true, mediaTypes: ['audio', 'audio'] })).toEqual({ grant: true });
  });

  it.each([
    [{ mediaTypes: ['video'] }, 'only audio'],
    [{ mediaTypes: ['audio', 'video'] }, 'only audio'],
    [{ mediaTypes: [] }, 'without media types'],
    [{ mediaTypes: undefined }, 'without media types'],
    [{ origin: 'https://evil.example' }, 'is not the app'],
    [{ origin: 'app://other' }, 'is not the app'],
    [{ origin: 'file:///work/main/out/renderer/index.html' }, 'is not the app'],
    [{ origin: undefined }, 'is not the app'],
    [{ isMainFrame: false }, 'subframes'],
  ])('denies media when %j', (override, reason) => {
    const decision = decidePermissionRequest({ permission: 'media', origin: APP, isMainFrame: true, mediaTypes: ['audio'], ...override });
    expect(decision.grant).toBe(false);
    if (!decision.grant) expect(decision.reason).toContain(reason);
  });

  it.each(['notifications', 'geolocation', 'display-capture', 'clipboard-read', 'fullscreen', 'openExternal', 'midiSysex', 'pointerLock', 'speaker-selection', 'window-management', 'fileSystem', 'unknown'])(
    'denies %s even to the app',
    (permission) => {
      const decision = decidePermissionRequest({ permission, origin: APP, isMainFrame: true, mediaTypes: ['audio'] });
      expect(decision).toEqual({ grant: false, reason: `permission ${permission} is never granted` });
    },
  );
});

describe('decidePermissionCheck', () => {
  it('answers yes for audio media from the app main frame', () => {
    expect(decidePermissionCheck({ permission: 'media', origin: APP, isMainFrame: true, mediaType: 'audio' })).toEqual({ grant: true });
  });

  it.each([
    [{ mediaType: 'video' }],
    [{ mediaType: 'unknown' }],
    [{ mediaType: undefined }],
    [{ origin: 'https://evil.example' }],
    [{ isMainFrame: false }],
    [{ permission: 'notifications' }],
    [{ permission: 'clipboard-read' }],
    [{ permission: 'hid' }],
  ])('answers no when %j', (override) => {
    expect(decidePermissionCheck({ permission: 'media', origin: APP, isMainFrame: true, mediaType: 'audio', ...override }).grant).toBe(false);
  });
});

describe('decideDevicePermission', () => {
  it('denies every device', () => {
    expect(decideDevicePermission().grant).toBe(false);
  });
});
