import { app } from 'electron'; import { invokeChannels } from '@contract'; void app.whenReady().then(() => console.log(Object.keys(invokeChannels)));
