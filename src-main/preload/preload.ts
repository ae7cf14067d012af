import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './buildBridge';

// The renderer gets the contract's methods and nothing else: no ipcRenderer, no channel names.
contextBridge.exposeInMainWorld(
  'ledger',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
