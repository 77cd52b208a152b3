/**
 * Deny-by-default policies for every webContents and for the session: navigation,
 * new windows, webviews, permissions, device access. Decisions come from ../common.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { decideNavigation } from '../common/navigation';
import { decideWindowOpen } from '../common/window-open';
import { decideDevicePermission, decidePermissionCheck, decidePermissionRequest } from '../common/permissions';
import { validateExternalUrl } from '../common/external-url';
import { log } from './log';

export async function openExternalSafely(raw: string): Promise<boolean> {
  const decision = validateExternalUrl(raw);
  if (!decision.ok) {
    log.warn(`openExternal refused: ${decision.reason}`);
    return false;
  }
  await shell.openExternal(decision.url);
  return true;
}

function hardenWebContents(contents: WebContents): void {
  const blockNavigation = (event: { url: string; preventDefault(): void }): void => {
    const decision = decideNavigation(event.url);
    if (!decision.allow) {
      event.preventDefault();
      log.warn(decision.reason);
    }
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-frame-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview attachment blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== null) void openExternalSafely(decision.openExternally);
    else log.warn(`window.open refused: ${decision.reason}`);
    return { action: decision.action };
  });
}

export function applySessionPolicies(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details : null;
    const decision = decidePermissionRequest({
      permission,
      origin: media?.securityOrigin ?? details.requestingUrl,
      isMainFrame: details.isMainFrame,
      mediaTypes: media?.mediaTypes,
    });
    if (!decision.grant) log.warn(`permission ${permission} denied: ${decision.reason}`);
    callback(decision.grant);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck({
      permission,
      origin: details.securityOrigin ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
      mediaType: details.mediaType,
    }).grant,
  );
  session.setDevicePermissionHandler(() => decideDevicePermission().grant);
  session.setDisplayMediaRequestHandler((_request, callback) => {
    log.warn('screen capture denied');
    callback({});
  });
}

/** Installs the webContents policies on every webContents, present and future. */
export function installWebContentsPolicies(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
